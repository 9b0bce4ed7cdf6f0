/** Jest runs the unit tests that sit beside the code (sdk/src/**\/*.test.ts) and under tests/. */
module.exports = {
  testEnvironment: "node",
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/sdk/src/**/*.test.ts", "<rootDir>/tests/unit/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
};
