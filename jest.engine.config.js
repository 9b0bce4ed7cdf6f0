/** Jest for the tests that need the built Pulumi engine (tests/engine); run by `npm run test:engine`. */
module.exports = {
  testEnvironment: "node",
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/tests/engine/**/*.test.ts"],
  // the older SDK sources stack-identity.test.ts extracts are not tests of this checkout
  testPathIgnorePatterns: ["/node_modules/", "/\\.old-sdk/"],
  testTimeout: 300000,
};
