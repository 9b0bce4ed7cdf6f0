import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { firstInvalidUtf8, MAX_FILE_BYTES, MAX_NESTING, parseYaml, readTextFile } from "./yaml-file";

describe("reading files", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "kpops-yaml-file-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads UTF-8, a byte order mark included", () => {
    writeFileSync(join(dir, "ok.yaml"), Buffer.from("\uFEFFname: caf\u00e9 \u{1F600}\n", "utf8"));
    expect(readTextFile(join(dir, "ok.yaml"))).toBe("\uFEFFname: caf\u00e9 \u{1F600}\n");
  });

  it("rejects bytes that are not UTF-8, naming the file, the byte and its line", () => {
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from("a: 1\nname: caf\xe9\n", "latin1"));
    expect(() => readTextFile(join(dir, "latin1.yaml"), "pipelines/latin1.yaml")).toThrow(
      "pipelines/latin1.yaml: not valid UTF-8: byte 0xe9 at line 2 (byte offset 14)",
    );
  });

  it("finds the first invalid UTF-8 sequence: bad lead bytes, truncations, overlong forms, surrogates", () => {
    const at = (bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at([0x61, 0xc3, 0xa9, 0x62])).toBe(4); // all valid
    expect(at([0x61, 0xff])).toBe(1);
    expect(at([0x61, 0xc3])).toBe(1); // truncated
    expect(at([0xc0, 0x80])).toBe(0); // overlong NUL
    expect(at([0xe0, 0x80, 0x80])).toBe(0); // overlong
    expect(at([0xed, 0xa0, 0x80])).toBe(0); // surrogate U+D800
    expect(at([0xf4, 0x90, 0x80, 0x80])).toBe(0); // above U+10FFFF
  });

  it("rejects a file above the size limit before reading it", () => {
    const path = join(dir, "large.yaml");
    const fd = openSync(path, "w");
    ftruncateSync(fd, MAX_FILE_BYTES + 1);
    closeSync(fd);
    expect(() => readTextFile(path, "large.yaml")).toThrow("large.yaml: file is too large: 32.0 MB, the limit is 32.0 MB");
  });
});

describe("parsing hostile YAML", () => {
  const nestedFlow = (levels: number) => `v: ${"[".repeat(levels)}${"]".repeat(levels)}\n`;
  const nestedBlock = (levels: number) => Array.from({ length: levels }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " x\n";

  it("accepts nesting up to the limit, in flow and block style", () => {
    expect(() => parseYaml(nestedFlow(MAX_NESTING - 1), "f.yaml")).not.toThrow();
    expect(() => parseYaml(nestedBlock(MAX_NESTING), "f.yaml")).not.toThrow();
    expect(() => parseYaml(`${"- ".repeat(MAX_NESTING - 1)}x\n`, "f.yaml")).not.toThrow();
  });

  it("rejects deeper nesting with the file and line", () => {
    expect(() => parseYaml(nestedFlow(100_000), "f.yaml")).toThrow(`f.yaml: invalid YAML (line 1): nested deeper than ${MAX_NESTING} levels`);
    expect(() => parseYaml(nestedBlock(MAX_NESTING + 5), "f.yaml")).toThrow(`f.yaml: invalid YAML (line ${MAX_NESTING + 1}): nested deeper`);
    expect(() => parseYaml(`${"- ".repeat(100_000)}x\n`, "f.yaml")).toThrow("nested deeper than");
  });

  it("does not count brackets inside quotes or comments", () => {
    const text = `a: "${"[".repeat(1000)}"\nb: '${"{".repeat(1000)}'\nc: 1 # ${"[".repeat(1000)}\n`;
    expect(parseYaml(text, "f.yaml")).toEqual({ a: "[".repeat(1000), b: "{".repeat(1000), c: 1 });
  });

  it("keeps ordinary anchors, aliases and merge keys", () => {
    const text = "base: &b {x: 1, y: [1, 2]}\nuse: *b\nmerged:\n  <<: *b\n  z: 3\n";
    expect(parseYaml(text, "f.yaml")).toEqual({ base: { x: 1, y: [1, 2] }, use: { x: 1, y: [1, 2] }, merged: { x: 1, y: [1, 2], z: 3 } });
  });

  it("rejects aliases that expand without bound, and an alias inside its own anchor", () => {
    const laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) laughs.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]`);
    expect(() => parseYaml(laughs.join("\n"), "f.yaml")).toThrow(/f\.yaml: invalid YAML: aliases expand to more than 1,000,000 nodes \(alias \*a\d\)/);
    expect(() => parseYaml("a: &v\n  self: *v\n", "f.yaml")).toThrow("f.yaml: invalid YAML: alias *v refers to a node that contains it");
  });
});
