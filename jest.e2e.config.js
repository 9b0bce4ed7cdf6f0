/**
 * Jest for the end-to-end tests (tests/e2e): whole KPOps pipelines deployed with `pulumi up` on real local services
 * and a local Kubernetes cluster; run by `npm run test:e2e`. The files share the machine's two cores with heavy JVM
 * services, so they run one at a time.
 */
module.exports = {
  testEnvironment: "node",
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
  maxWorkers: 1,
  testTimeout: 300000,
};
