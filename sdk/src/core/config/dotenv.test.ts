import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDotenv } from "./dotenv";

// Inputs and what python-dotenv (the reader pydantic-settings, and so KPOps, uses) returned for each, recorded by
// tests/reference/dotenv/record.py.
const dir = join(__dirname, "../../../../tests/reference/dotenv");
const inputs = JSON.parse(readFileSync(join(dir, "inputs.json"), "utf8")) as string[];
const recorded = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as {
  environment: Record<string, string>;
  results: Record<string, string | null>[];
};

describe("parseDotenv reads .env files as python-dotenv does", () => {
  it("has a recorded answer for every input", () => {
    expect(recorded.results).toHaveLength(inputs.length);
    expect(inputs.length).toBeGreaterThan(50);
  });

  it.each(inputs.map((text, i) => [JSON.stringify(text), text, recorded.results[i]] as const))("%s", (_name, text, expected) => {
    // python-dotenv gives a key without `=` the value None; ours leaves such a key out
    const withValues = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== null));
    expect(parseDotenv(text, recorded.environment)).toEqual(withValues);
  });

  it("keeps the file's order of keys", () => {
    expect(Object.keys(parseDotenv("B=1\nA=2\nC=3\n", {}))).toEqual(["B", "A", "C"]);
  });
});
