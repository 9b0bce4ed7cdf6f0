/** Jest runs the unit tests that sit beside the code (sdk/src/**\/*.test.ts) and under tests/. */
module.exports = {
  testEnvironment: "node",
  testEnvironmentOptions: { globalsCleanup: "off" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/sdk/src/**/*.test.ts", "<rootDir>/provider/src/**/*.test.ts", "<rootDir>/tests/unit/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  // A harness limit, not a speed check: the first test of a file also pays for loading @pulumi/pulumi, which takes
  // more than jest's default 5 s on a 2-core machine that is busy (e.g. with a Go build).
  testTimeout: 60000,
};
