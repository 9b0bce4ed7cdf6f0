/** Reading YAML files the way KPOps (PyYAML, YAML 1.1, duplicate keys allowed) reads them. */
import { readFileSync } from "node:fs";
import { parse, YAMLParseError, type ScalarTag, type Tags } from "yaml";
import { KpopsError } from "../errors";
import { parseSimpleYaml, UNSUPPORTED } from "./fast-yaml";

/** Reads a text file; an unreadable file is a KpopsError naming it. */
export function readTextFile(path: string, displayPath = path): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : `cannot read file (${code ?? String(error)})`;
    throw new KpopsError(reason, { file: displayPath });
  }
}

/** Parses YAML text; a syntax error is a KpopsError naming the file, line and column. */
export function parseYaml(text: string, displayPath: string): unknown {
  const simple = parseSimpleYaml(text);
  if (simple !== UNSUPPORTED) return simple;
  return parseFullYaml(text, displayPath);
}

/** Parses YAML text with the full YAML library (PyYAML's YAML 1.1 resolution). */
export function parseFullYaml(text: string, displayPath: string): unknown {
  try {
    return parse(text, { version: "1.1", uniqueKeys: false, merge: true, maxAliasCount: -1, customTags: pyYamlTags });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos ? ` (line ${pos.line}, column ${pos.col})` : "";
      const firstLine = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      throw new KpopsError(`invalid YAML${where}: ${firstLine}`, { file: displayPath });
    }
    throw new KpopsError(`invalid YAML: ${(error as Error).message}`, { file: displayPath });
  }
}

const BOOL_TAG = "tag:yaml.org,2002:bool";
const INT_TAG = "tag:yaml.org,2002:int";
const FLOAT_TAG = "tag:yaml.org,2002:float";
const PYYAML_INT = /^[-+]?(?:0|[1-9][0-9_]*)$/;
const PYYAML_INT_BASE_60 = /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/;
const PYYAML_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PYYAML_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const PYYAML_FLOAT = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+][0-9]+)?$/;

/**
 * The YAML 1.1 tags as PyYAML resolves them: `y`/`n` stay strings, a float needs a dot (`1e3` is a string), a
 * decimal int has no leading zero (`08` and `0:30` are strings; `010` stays octal), and dates stay strings (KPOps
 * would get a date object, which no string field accepts).
 */
function pyYamlTags(tags: Tags): Tags {
  const result: Tags = [];
  let boolDone = false;
  for (const tag of tags) {
    const scalar = tag as ScalarTag;
    if (typeof tag === "object" && scalar.tag === "tag:yaml.org,2002:timestamp") continue;
    if (typeof tag === "object" && scalar.tag === BOOL_TAG) {
      if (boolDone) continue;
      boolDone = true;
      result.push(
        { ...scalar, test: PYYAML_TRUE, resolve: () => true },
        { ...scalar, test: PYYAML_FALSE, resolve: () => false },
      );
      continue;
    }
    if (typeof tag === "object" && scalar.tag === INT_TAG && scalar.test && !scalar.format) {
      result.push({ ...scalar, test: PYYAML_INT });
      continue;
    }
    if (typeof tag === "object" && scalar.tag === INT_TAG && scalar.format === "TIME") {
      result.push({ ...scalar, test: PYYAML_INT_BASE_60 });
      continue;
    }
    if (typeof tag === "object" && scalar.tag === FLOAT_TAG && scalar.test && /\[eE\]/.test(scalar.test.source)) {
      result.push({ ...scalar, test: PYYAML_FLOAT, resolve: (str: string) => Number.parseFloat(str.replace(/_/g, "")) });
      continue;
    }
    if (typeof tag === "object" && scalar.tag === FLOAT_TAG && scalar.test && scalar.test.source.includes("\\.[0-9_]*$")) continue;
    result.push(tag);
  }
  return result;
}
