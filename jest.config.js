/** Jest runs the unit tests that sit beside the code (sdk/src/**\/*.test.ts) and under tests/. */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }] },
  testMatch: ["<rootDir>/sdk/src/**/*.test.ts", "<rootDir>/tests/unit/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
};
