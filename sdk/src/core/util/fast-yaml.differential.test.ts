/**
 * The fast YAML reader against the `yaml` library as the core configures it (PyYAML's YAML 1.1 resolution):
 * wherever the fast reader gives an answer instead of UNSUPPORTED, the library must give the same data, with the
 * same mapping key order and the same number types (-0 is not 0). Inputs: every YAML file of the corpora, and
 * documents from a seeded generator that mixes what the fast reader takes with what it must refuse.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseSimpleYaml, UNSUPPORTED } from "./fast-yaml";
import { parseFullYaml } from "./yaml-file";

/** The first difference between `a` and `b` (values, key order, types), or undefined. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | undefined {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: list against non-list`;
    if (a.length !== b.length) return `${path}: ${a.length} items against ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) {
      return `${path}: not plain objects (${a.constructor?.name} / ${b.constructor?.name})`;
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: keys [${ka.join(", ")}] against [${kb.join(", ")}]`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  if (!Object.is(a, b)) return `${path}: ${typeof a} ${JSON.stringify(a) ?? String(a)} against ${typeof b} ${JSON.stringify(b) ?? String(b)}`;
  return undefined;
}

/** Where the fast reader answers, the full reader must accept the text and give the same value. */
function disagreement(text: string): string | undefined {
  const fast = parseSimpleYaml(text);
  if (fast === UNSUPPORTED) return undefined;
  let full: unknown;
  try {
    full = parseFullYaml(text, "input");
  } catch (error) {
    return `the fast reader accepts what the library rejects: ${(error as Error).message}`;
  }
  const d = firstDifference(fast, full);
  return d && `fast against library: ${d}`;
}

describe("firstDifference (the comparison itself)", () => {
  it("sees values, key order, -0 and list/map confusions", () => {
    expect(firstDifference({ a: 1, b: [1, "x"] }, { a: 1, b: [1, "x"] })).toBeUndefined();
    expect(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe("$: keys [a, b] against [b, a]");
    expect(firstDifference({ a: -0 }, { a: 0 })).toBe("$.a: number 0 against number 0");
    expect(firstDifference({ a: "1" }, { a: 1 })).toBe('$.a: string "1" against number 1');
    expect(firstDifference([], {})).toBe("$: list against non-list");
    expect(firstDifference(null, {})).toBe("$: object null against object {}");
  });
});

describe("the fast reader and the yaml library agree", () => {
  it("on every YAML file of the corpora", () => {
    const repo = resolve(__dirname, "../../../..");
    const roots = [resolve(repo, "../shared/conformance"), join(repo, "tests/reference"), join(repo, "tests/bad-input"), join(repo, "examples")];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        const stat = statSync(path, { throwIfNoEntry: false });
        if (stat?.isDirectory()) walk(path);
        else if (stat?.isFile() && /\.ya?ml$/.test(entry)) files.push(path);
      }
    };
    for (const root of roots) if (existsSync(root)) walk(root);
    const problems: string[] = [];
    let answered = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (parseSimpleYaml(text) !== UNSUPPORTED) answered++;
      const d = disagreement(text);
      if (d) problems.push(`${file}: ${d}`);
    }
    expect(problems).toEqual([]);
    // the corpora exercise the fast path: most of their files are in its subset
    expect(files.length).toBeGreaterThan(300);
    expect(answered / files.length).toBeGreaterThan(0.5);
  });

  it("on generated documents", () => {
    const problems: string[] = [];
    let answered = 0;
    const count = 4000;
    for (let seed = 1; seed <= count; seed++) {
      const text = generateDocument(seed);
      if (parseSimpleYaml(text) !== UNSUPPORTED) answered++;
      const d = disagreement(text);
      if (d) problems.push(`seed ${seed}: ${d}\n${text}`);
      if (problems.length >= 5) break;
    }
    expect(problems).toEqual([]);
    // both sides of the fast reader's boundary are exercised
    expect(answered).toBeGreaterThan(count * 0.25);
    expect(answered).toBeLessThan(count * 0.9);
  });

  it("on the spellings where YAML 1.1, PyYAML and YAML 1.2 differ, one key at a time", () => {
    const problems: string[] = [];
    for (const spelling of SCALARS) {
      for (const text of [`k: ${spelling}\n`, `- ${spelling}\n`, `${spelling}: v\n`, `a:\n  - b: ${spelling}\n    c: 1\n`]) {
        const d = disagreement(text);
        if (d) problems.push(`${JSON.stringify(text)}: ${d}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the library reads scalars as PyYAML resolves them (KPOps reads its files with PyYAML)", () => {
  // PyYAML's implicit resolvers (yaml/resolver.py): ints are 0, [1-9][0-9_]*, 0[0-7_]+ (octal), 0x.., 0b..,
  // [1-9][0-9_]*(:[0-5]?[0-9])+ (base 60); floats need a dot; bools are yes/no/true/false/on/off in three cases.
  it.each([
    ["008", "008"],
    ["09", "09"],
    ["010", 8],
    ["0:30", "0:30"],
    ["1:30", 90],
    ["1e3", "1e3"],
    ["1.0e+3", 1000],
    ["y", "y"],
    ["Yes", true],
    ["off", false],
    ["0x1F", 31],
    ["0b101", 5],
    ["1_000", 1000],
    ["0o17", "0o17"],
    ["2024-01-01", "2024-01-01"],
  ])("%s", (spelling, expected) => {
    expect((parseFullYaml(`k: ${spelling}\n`, "x") as { k: unknown }).k).toEqual(expected);
  });
});

// ---------------------------------------------------------------- the generator

/** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plain-scalar spellings: strings, YAML 1.1 and 1.2 numbers, bools and nulls, and indicators. */
const SCALARS = [
  // strings as in pipeline files
  "streams-app", "${pipeline.name}-${component.name}", "registry/app:1.0.0", "http://host:8081", ".*", "3.6.1",
  "30 3/8 * * *", "a b c", "key:value", "a#b", "it's", "x-", "ends with space ", "über", "名前", "emoji 😀",
  "constructor", "toString", "hasOwnProperty", "__proto__", "0o17", "0o8", "1.5.3", "1e3", "1E3", "1e+3",
  // bools and nulls (1.1 against 1.2)
  "true", "True", "TRUE", "false", "False", "FALSE", "tRue", "yes", "Yes", "YES", "no", "No", "NO", "on", "On",
  "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "~", "null", "Null", "NULL", "nULL", "",
  // ints and floats
  "0", "-0", "+0", "1", "-1", "+1", "42", "007", "008", "09", "010", "0x1F", "0X1F", "0b101", "1_000", "0_1",
  "12345678901234567890", "1.0", "-1.5", "+1.5", "1.", ".5", "-.5", "0.0", "-0.0", "1.0e+3", "1.0e3", "1.0E-3",
  "6.02e23", ".inf", "-.inf", "+.inf", ".Inf", ".NaN", ".nan", "1:30", "0:30", "1:30.5", "-1:30", "190:20:30",
  "2024-01-01", "2024-1-1", "2001-12-14t21:59:43.10-05:00", "2024-01-01 10:00:00",
  // indicators and other syntax
  "<<", "=", "-", "- x", "-x", "?", "? x", ":", ":x", "a: b", "a:", "a #b", "#x", "[]", "{}", "[ ]", "{ }", "[a, b]",
  "{a: 1}", "&anchor x", "*alias", "!tag x", "!!str 1", "!!int '1'", "|", ">", "@x", "`x", "%x", ",x", "x,y",
  "'single'", "'it''s'", "''", '""', '"double"', '"esc\\"aped"', '"tab\\tnewline\\n"', '"\\u00e9\\u0041"', '"\\x41"',
  '"\\/"', '"\\ "', '"\\e"', '"\\N"', '"\\_"', '"\\L"', '"a\\\\b"', "'# not a comment'", '"# not a comment"',
  "'trailing' ", "'a' b", '"unclosed', "'unclosed", "\tx", "x\ty", "a\u00a0b",
];

const KEYS = ["name", "type", "values", "to", "from", "topics", "config", "a", "b", "key with spaces", "k.dotted", "k-dashed",
  "snake_case", "camelCase", "'quoted key'", '"double key"', '"esc\\tkey"', "'it''s'", "1", "007", "yes", "null", "~",
  "true", "<<", "__proto__", "constructor", "a#b", "x:y", "'a: b'", "名前", "0o17", "1.5", "-", "? q"];

/** What pipeline files mostly hold: the fast reader's subset. */
const PLAIN_SCALARS = ["streams-app", "${pipeline.name}-${component.name}", "registry/app:1.0.0", "http://host:8081",
  "3.6.1", "a b c", "x", "42", "-1", "0", "1.5", "true", "false", "null", "~", "", "'quoted'", '"double"', "[]", "{}"];
const PLAIN_KEYS = ["name", "type", "values", "to", "from", "topics", "config", "a", "b", "key with spaces", "k.dotted",
  "k-dashed", "snake_case", "camelCase", "'quoted key'"];

interface Gen {
  r: () => number;
  pick<T>(list: readonly T[]): T;
  indentStep: number;
  /** How often a scalar or key comes from the tricky lists instead of the plain ones. */
  tricky: number;
}

function scalarToken(g: Gen, indent: number): string {
  const roll = g.r();
  if (roll < 0.05 * g.tricky * 3) {
    // a block scalar: literal or folded, with chomping indicators
    const head = g.pick(["|", ">", "|-", ">-", "|+", ">+", "|2"]);
    const body = g.pick([["line one", "line two"], ["text", "", "after blank"], ["  indented more", "back"], ["x: y # z"]]);
    const pad = " ".repeat(indent + g.indentStep);
    return `${head}\n${body.map((l) => (l === "" ? "" : pad + l)).join("\n")}`;
  }
  if (roll < 0.08 * g.tricky * 3) {
    // a multi-line plain or quoted scalar
    const pad = " ".repeat(indent + g.indentStep);
    return g.pick([`first\n${pad}second`, `"first\n${pad}second"`, `'first\n${pad}second'`]);
  }
  return g.r() < g.tricky ? g.pick(SCALARS) : g.pick(PLAIN_SCALARS);
}

function emit(g: Gen, depth: number, indent: number, out: string[], anchors: string[]): void {
  const pad = " ".repeat(indent);
  const kind = depth <= 0 || g.r() < 0.2 ? "scalar-map" : g.r() < 0.5 ? "map" : "seq";
  const n = 1 + Math.floor(g.r() * 4);
  for (let i = 0; i < n; i++) {
    const comment = g.r() < 0.08 ? g.pick(["  # comment", " # c: d", "   #"]) : "";
    if (g.r() < 0.05) out.push(g.pick(["", `${pad}# a comment line`, `${" ".repeat(indent + 3)}# deeper comment`, "   "]));
    if (kind === "seq") {
      const roll = g.r();
      if (roll < 0.35) out.push(`${pad}- ${scalarToken(g, indent)}${comment}`);
      else if (roll < 0.7) {
        // `- key: value` with the rest of the mapping aligned after the dash
        const inner: string[] = [];
        emit(g, depth - 1, indent + 2, inner, anchors);
        const first = inner.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#"));
        if (first >= 0) {
          inner[first] = `${pad}- ${inner[first].slice(indent + 2)}`;
          out.push(...inner);
        } else out.push(`${pad}-`);
      } else {
        out.push(`${pad}-${comment}`);
        emit(g, depth - 1, indent + g.indentStep, out, anchors);
      }
    } else {
      const key = g.r() < g.tricky ? g.pick(KEYS) : g.pick(PLAIN_KEYS);
      const sep = g.r() < 0.05 ? " :" : ":";
      if (kind === "scalar-map" || g.r() < 0.4) {
        let value = scalarToken(g, indent);
        if (g.r() < 0.04) {
          const name = `a${anchors.length}`;
          anchors.push(name);
          value = `&${name} ${value}`;
        } else if (anchors.length && g.r() < 0.05) value = `*${g.pick(anchors)}`;
        out.push(`${pad}${key}${sep}${value === "" ? "" : " "}${value}${comment}`);
      } else {
        const anchor = g.r() < 0.03 ? ` &a${anchors.push(`a${anchors.length}`) - 1}` : "";
        out.push(`${pad}${key}${sep}${anchor}${comment}`);
        // a sequence value may sit at the key's own indent
        const childIndent = g.r() < 0.3 ? indent : indent + g.indentStep;
        const before = out.length;
        emit(g, depth - 1, childIndent, out, anchors);
        if (childIndent === indent && !out[before]?.trimStart().startsWith("-")) {
          // a mapping at the same indent would be a sibling: indent it after all
          for (let j = before; j < out.length; j++) if (out[j] !== "") out[j] = " ".repeat(g.indentStep) + out[j];
        }
      }
    }
  }
}

/** A YAML document of seed `seed`: nesting, quoting, anchors, block scalars, 1.1/1.2 spellings, line endings. */
export function generateDocument(seed: number): string {
  const r = prng(seed);
  const g: Gen = {
    r,
    pick: (list) => list[Math.floor(r() * list.length)],
    indentStep: r() < 0.7 ? 2 : r() < 0.5 ? 4 : 3,
    tricky: r() < 0.5 ? 0.01 : 0.3,
  };
  const lines: string[] = [];
  if (r() < 0.05) lines.push(g.pick(["---", "%YAML 1.1\n---", "# leading comment"]));
  emit(g, 1 + Math.floor(r() * 4), 0, lines, []);
  let text = lines.join("\n") + (r() < 0.9 ? "\n" : "");
  if (r() < 0.05) text = text.replace(/\n/g, "\r\n");
  if (r() < 0.03) text = "\uFEFF" + text;
  if (r() < 0.03) text += "...\n";
  if (r() < 0.02) text = text.replace(/ {2}/, "\t");
  return text;
}
