/**
 * Reading YAML files the way KPOps (PyYAML, YAML 1.1, duplicate keys allowed) reads them, with limits that make
 * hostile files fail fast with one error naming the file: size, UTF-8, nesting depth and alias expansion.
 */
import { readFileSync, statSync } from "node:fs";
import { isAlias, isCollection, isPair, parseDocument, YAMLParseError, type Document, type Node, type ScalarTag, type Tags } from "yaml";
import { KpopsError } from "../errors";
import { parseSimpleYaml, UNSUPPORTED } from "./fast-yaml";

/** Largest file read (config, pipeline, defaults, dotenv): 80 times the 5,000-step benchmark pipeline. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/**
 * Deepest nesting in a YAML file, as estimated by checkNesting (real KPOps files stay below 20; PyYAML gives up near
 * 1,000 levels, the yaml library near 800).
 */
export const MAX_NESTING = 200;
/** Most nodes that aliases may add to a YAML file when expanded (a "billion laughs" adds 10^9). */
export const MAX_ALIAS_NODES = 1_000_000;

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Reads a text file; an unreadable, too large or non-UTF-8 file is a KpopsError naming it. */
export function readTextFile(path: string, displayPath = path): string {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) {
      throw new KpopsError(`file is too large: ${megabytes(size)}, the limit is ${megabytes(MAX_FILE_BYTES)}`, { file: displayPath });
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof KpopsError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : `cannot read file (${code ?? String(error)})`;
    throw new KpopsError(reason, { file: displayPath });
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    throw new KpopsError(`not valid UTF-8: byte 0x${bytes[at].toString(16).padStart(2, "0")} at line ${line} (byte offset ${at})`, { file: displayPath });
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Offset of the first byte that starts no valid UTF-8 sequence (the decoder said there is one). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // overlong forms, surrogates and code points above U+10FFFF
    const b1 = bytes[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}

/** Parses YAML text; a syntax error or a hostile structure is a KpopsError naming the file (and line). */
export function parseYaml(text: string, displayPath: string): unknown {
  checkNesting(text, displayPath);
  try {
    const simple = parseSimpleYaml(text);
    if (simple !== UNSUPPORTED) return simple;
    return parseFullYaml(text, displayPath);
  } catch (error) {
    // the estimate of checkNesting let through something a parser could not recurse into
    if (error instanceof RangeError) throw new KpopsError(`invalid YAML: nested too deeply (${error.message})`, { file: displayPath });
    throw error;
  }
}

/**
 * Rejects text nested deeper than MAX_NESTING before any parser recurses into it: per line, the block levels
 * (a stack of indentations, plus compact `- ` / `? ` entries) and the open flow brackets outside quotes. The
 * true depth is at most about twice the estimate (a sequence at its parent key's indentation adds a level with
 * no indentation of its own), which both parsers handle; brackets in plain scalars can only raise it.
 */
function checkNesting(text: string, displayPath: string): void {
  const indents: number[] = [];
  let flow = 0;
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    lineNumber++;
    let i = start;
    while (i < end && text[i] === " ") i++;
    if (i < end && text[i] !== "#" && text[i] !== "\r") {
      let depth = 0;
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1] >= i - start) indents.pop();
        indents.push(i - start);
        while (text.startsWith("- ", i) || text.startsWith("? ", i)) {
          depth++;
          i += 2;
          while (i < end && text[i] === " ") i++;
        }
      }
      let quote = "";
      for (let j = i; j < end; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = "";
          else if (c === "\\" && quote === '"') j++;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "[" || c === "{") flow++;
        else if ((c === "]" || c === "}") && flow > 0) flow--;
        else if (c === "#" && (j === i || text[j - 1] === " ")) break;
        if (indents.length + depth + flow > MAX_NESTING) {
          throw new KpopsError(`invalid YAML (line ${lineNumber}): nested deeper than ${MAX_NESTING} levels`, { file: displayPath });
        }
      }
      if (indents.length + depth > MAX_NESTING) {
        throw new KpopsError(`invalid YAML (line ${lineNumber}): nested deeper than ${MAX_NESTING} levels`, { file: displayPath });
      }
    }
    start = end + 1;
  }
}

/** Parses YAML text with the full YAML library (PyYAML's YAML 1.1 resolution). */
export function parseFullYaml(text: string, displayPath: string): unknown {
  try {
    const doc = parseDocument(text, { version: "1.1", uniqueKeys: false, merge: true, customTags: pyYamlTags });
    if (doc.errors.length > 0) throw doc.errors[0];
    checkAliases(doc.contents, doc, displayPath);
    return doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    if (error instanceof KpopsError) throw error;
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos ? ` (line ${pos.line}, column ${pos.col})` : "";
      const firstLine = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      throw new KpopsError(`invalid YAML${where}: ${firstLine}`, { file: displayPath });
    }
    throw new KpopsError(`invalid YAML: ${(error as Error).message}`, { file: displayPath });
  }
}

/**
 * Counts the nodes the aliases of a document add when expanded (each anchored node's expanded size computed
 * once) and rejects more than MAX_ALIAS_NODES, and an alias inside the node it refers to. KPOps (PyYAML) shares
 * aliased nodes, but every later step copies them, so a "billion laughs" would never finish.
 */
function checkAliases(root: unknown, doc: Document.Parsed, displayPath: string): void {
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  let added = 0;
  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (isAlias(node)) {
      const source = node.resolve(doc) as Node | undefined;
      if (source === undefined) return 1;
      if (open.has(source)) throw new KpopsError(`invalid YAML: alias *${node.source} refers to a node that contains it`, { file: displayPath });
      const size = sizeOf(source);
      added += size;
      if (added > MAX_ALIAS_NODES) {
        throw new KpopsError(`invalid YAML: aliases expand to more than ${MAX_ALIAS_NODES.toLocaleString("en-US")} nodes (alias *${node.source})`, { file: displayPath });
      }
      return size;
    }
    let size = 1;
    if (isCollection(node)) {
      open.add(node);
      for (const item of node.items) size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
      open.delete(node);
    }
    sizes.set(node, size);
    return size;
  };
  sizeOf(root);
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
