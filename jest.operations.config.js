/** Jest for the managed operations on real local services (tests/operations); run by `npm run test:operations`. */
module.exports = {
  testEnvironment: "node",
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/tests/operations/**/*.test.ts"],
  testTimeout: 600000,
};
