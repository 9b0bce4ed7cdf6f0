import { parse } from "yaml";
import { toYaml } from "./yaml-output";

function roundTrip(value: unknown): unknown {
  return parse(toYaml(value), { version: "1.1" });
}

describe("toYaml", () => {
  it("renders block style with list items indented under their key", () => {
    expect(toYaml([{ name: "a", topics: ["x", "z"], empty: {}, none: [] }])).toBe(
      "- name: a\n  topics:\n    - x\n    - z\n  empty: {}\n  none: []\n",
    );
  });

  it("quotes strings that YAML 1.1 would read as other types", () => {
    const tricky = ["-1", "true", "yes", "no", "on", "off", "y", "n", "null", "~", "1.0", "0777", "1:30", "1e3", "2024-01-01", "", " lead", "trail ", "a: b", "#x", "*x", "&x", "!x", "%x", "@x", "`x", "{x}", "[x]", "x #y", "'q'", '"d"', "compact,delete", "30 3/8 * * *"];
    const data = Object.fromEntries(tricky.map((s, i) => [`k${i}`, s]));
    expect(roundTrip(data)).toEqual(data);
  });

  it("keeps numbers, booleans and null", () => {
    const data = { i: 1, f: 0.1, neg: -5, t: true, f2: false, n: null };
    expect(roundTrip(data)).toEqual(data);
  });

  it("renders multi-line strings as | blocks that read back identically", () => {
    const data = { content: "<a>\n  <b/>\n</a>\n", noNewline: "x\ny", nested: [{ files: { c: "l1\nl2\n" } }] };
    expect(toYaml({ content: data.content })).toBe("content: |\n  <a>\n    <b/>\n  </a>\n");
    expect(roundTrip(data)).toEqual(data);
  });

  it("uses ? : for keys longer than 128 characters", () => {
    const key = "k".repeat(140);
    const text = toYaml({ [key]: { type: "output" } });
    expect(text.startsWith(`? ${key}\n: type: output`)).toBe(true);
    expect(roundTrip({ [key]: { type: "output" } })).toEqual({ [key]: { type: "output" } });
  });

  it("keeps mapping key order", () => {
    expect(Object.keys(roundTrip({ z: 1, a: 2, m: 3 }) as object)).toEqual(["z", "a", "m"]);
  });
});

describe("reading YAML like PyYAML", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseYaml } = require("../util/yaml-file") as typeof import("../util/yaml-file");
  it("resolves YAML 1.1 scalars as PyYAML does", () => {
    expect(parseYaml("a: yes\nb: Off\nc: y\nd: n\ne: 1e3\nf: 1.5\ng: .5\nh: .\ni: 2024-01-01\nj: 0777\nk: 3.6.1\nl: ~\n", "x")).toEqual({
      a: true,
      b: false,
      c: "y",
      d: "n",
      e: "1e3",
      f: 1.5,
      g: 0.5,
      h: ".",
      i: "2024-01-01",
      j: 511,
      k: "3.6.1",
      l: null,
    });
  });
});
