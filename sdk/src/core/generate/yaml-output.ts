/**
 * Rendering the generate output as YAML in the style of KPOps (block style, keys in order, list items indented
 * under their key, multi-line strings as `|` blocks, long keys as `? ... :`). A small dedicated emitter: the data
 * is plain JSON-like, and a general YAML library is much slower on large pipelines.
 */

/** Renders a YAML document for plain data (mappings, lists, strings, numbers, booleans, null). */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  emitBlock(value, 0, lines);
  return lines.join("\n") + "\n";
}

function emitBlock(value: unknown, indent: number, lines: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(`${pad(indent)}[]`);
      return;
    }
    for (const item of value) emitSequenceItem(item, indent, lines);
    return;
  }
  if (isMapping(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) {
      lines.push(`${pad(indent)}{}`);
      return;
    }
    for (const key of keys) emitMappingEntry(key, value[key], indent, lines);
    return;
  }
  lines.push(pad(indent) + scalar(value, indent));
}

function emitSequenceItem(item: unknown, indent: number, lines: string[]): void {
  const prefix = `${pad(indent)}- `;
  if (isCollection(item) && !isEmpty(item)) {
    const start = lines.length;
    emitBlock(item, indent + 2, lines);
    lines[start] = prefix + lines[start].slice(indent + 2);
    return;
  }
  lines.push(prefix + inlineValue(item, indent + 2));
}

function emitMappingEntry(key: string, item: unknown, indent: number, lines: string[]): void {
  const renderedKey = scalar(key, indent);
  if (renderedKey.length > 128 || renderedKey.includes("\n")) {
    lines.push(`${pad(indent)}? ${renderedKey}`);
    if (isCollection(item) && !isEmpty(item)) {
      const start = lines.length;
      emitBlock(item, indent + 2, lines);
      lines[start] = `${pad(indent)}: ${lines[start].slice(indent + 2)}`;
    } else {
      lines.push(`${pad(indent)}: ${inlineValue(item, indent + 2)}`);
    }
    return;
  }
  if (isCollection(item) && !isEmpty(item)) {
    lines.push(`${pad(indent)}${renderedKey}:`);
    emitBlock(item, indent + 2, lines);
    return;
  }
  lines.push(`${pad(indent)}${renderedKey}: ${inlineValue(item, indent + 2)}`);
}

function inlineValue(value: unknown, indent: number): string {
  if (Array.isArray(value)) return "[]";
  if (isMapping(value)) return "{}";
  return scalar(value, indent);
}

const PLAIN_SAFE = /^[A-Za-z0-9_./][A-Za-z0-9_ ./:=+@%()-]*$/;
const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|<<|=)$/;
const NUMBER_LIKE = /^[-+]?(?:\.?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|\.(?:inf|Inf|INF|nan|NaN|NAN)|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/;
const DATE_LIKE = /^\d{4}-\d\d?-\d\d?/;

function scalar(value: unknown, indent: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  const text = String(value);
  if (text.includes("\n") && !/[\r\t]/.test(text) && !/^\s/.test(text) && !/ \n|\s$/.test(text.replace(/\n+$/, ""))) {
    return blockScalar(text, indent);
  }
  if (
    text !== "" &&
    PLAIN_SAFE.test(text) &&
    !RESERVED.test(text) &&
    !NUMBER_LIKE.test(text) &&
    !DATE_LIKE.test(text) &&
    !text.endsWith(" ") &&
    !text.includes(": ") &&
    !text.endsWith(":") &&
    !text.includes(" #")
  ) {
    return text;
  }
  if (!text.includes("'") && !/[\x00-\x1f\x7f]/.test(text)) return `'${text}'`;
  return JSON.stringify(text);
}

function blockScalar(text: string, indent: number): string {
  const chomp = text.endsWith("\n") ? (text.endsWith("\n\n") ? "+" : "") : "-";
  const body = text.endsWith("\n") ? text.replace(/\n$/, "") : text;
  const bodyLines = body.split("\n").map((line) => (line === "" ? "" : pad(indent) + line));
  return `|${chomp}\n${bodyLines.join("\n")}`;
}

function pad(n: number): string {
  return " ".repeat(n);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCollection(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0;
}
