/** Jest for the tests that need the built Pulumi engine (tests/engine); run by `npm run test:engine`. */
module.exports = {
  testEnvironment: "node",
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/tests/engine/**/*.test.ts"],
  testTimeout: 300000,
};
