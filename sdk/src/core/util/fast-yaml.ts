/**
 * A fast reader for the plain subset of YAML that pipeline and defaults files mostly use: block mappings and
 * sequences, single-line plain and quoted scalars, comments, `{}` and `[]`. Anything else (anchors, flow
 * collections, block scalars, multi-line scalars, tags, plain scalars whose YAML 1.1 type is not obvious, ...)
 * makes it give up by returning {@link UNSUPPORTED}, and the caller uses the full YAML library instead. So it
 * never decides a question of YAML semantics on its own beyond: digits are integers, `1.5` is a float, `true` /
 * `false` / `null` / `~` / empty are what they look like, and everything that cannot be read another way is a
 * string.
 */
export const UNSUPPORTED: unique symbol = Symbol("unsupported YAML");

class Unsupported extends Error {}

interface Line {
  indent: number;
  text: string;
}

/** Parses `source`, or returns UNSUPPORTED when it uses more than the plain subset. */
export function parseSimpleYaml(source: string): unknown {
  try {
    // a byte order mark (at the start or inside) is the library's business
    if (source.includes("\uFEFF")) throw new Unsupported();
    const lines = splitLines(source);
    if (lines.length === 0) return null;
    const reader = new Reader(lines);
    const value = reader.node(lines[0].indent);
    if (!reader.done()) throw new Unsupported();
    return value;
  } catch (error) {
    if (error instanceof Unsupported) return UNSUPPORTED;
    throw error;
  }
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  for (const raw of source.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    let indent = 0;
    while (indent < line.length && line[indent] === " ") indent++;
    if (indent < line.length && line[indent] === "\t") throw new Unsupported();
    const text = stripComment(line.slice(indent)).trimEnd();
    if (text === "") continue;
    if (indent === 0 && (text.startsWith("---") || text.startsWith("...") || text.startsWith("%"))) throw new Unsupported();
    lines.push({ indent, text });
  }
  return lines;
}

/** Removes a `#` comment (at the start or after whitespace, outside quotes). */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      } else if (c === "\\" && quote === '"') i++;
    } else if (c === "#" && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t")) {
      return text.slice(0, i);
    } else if ((c === "'" || c === '"') && (i === 0 || " :-[{,".includes(text[i - 1]))) {
      quote = c;
    }
  }
  if (quote) throw new Unsupported();
  return text;
}

class Reader {
  private index = 0;

  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.index >= this.lines.length;
  }

  node(indent: number): unknown {
    const line = this.lines[this.index];
    if (isSequenceItem(line.text)) return this.sequence(line.indent);
    if (splitEntry(line.text)) return this.mapping(line.indent);
    if (line.indent !== indent) throw new Unsupported();
    throw new Unsupported();
  }

  private sequence(indent: number): unknown[] {
    const result: unknown[] = [];
    while (!this.done()) {
      const line = this.lines[this.index];
      if (line.indent !== indent || !isSequenceItem(line.text)) break;
      const rest = line.text.slice(1);
      const offset = rest.length - rest.trimStart().length + 1;
      const content = rest.trimStart();
      if (content === "") {
        this.index++;
        result.push(this.nested(indent, false));
      } else if (isSequenceItem(content)) {
        throw new Unsupported();
      } else if (splitEntry(content)) {
        // `- key: value`: a mapping whose first line starts after the dash
        this.lines[this.index] = { indent: indent + offset, text: content };
        result.push(this.mapping(indent + offset));
      } else {
        this.index++;
        result.push(scalar(content));
        this.noContinuation(indent);
      }
    }
    if (!this.done() && this.lines[this.index].indent > indent) throw new Unsupported();
    return result;
  }

  private mapping(indent: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    while (!this.done()) {
      const line = this.lines[this.index];
      if (line.indent !== indent || isSequenceItem(line.text)) break;
      const entry = splitEntry(line.text);
      if (!entry) throw new Unsupported();
      if (entry.key === "__proto__") throw new Unsupported();
      this.index++;
      result[entry.key] = entry.value === "" ? this.nested(indent, true) : scalarThenCheck(this, entry.value, indent);
    }
    if (!this.done() && this.lines[this.index].indent > indent) throw new Unsupported();
    return result;
  }

  /** The value of an entry with nothing after its `:` / `-`: a nested block, or null. */
  private nested(indent: number, sequenceAtSameIndent: boolean): unknown {
    if (this.done()) return null;
    const next = this.lines[this.index];
    if (next.indent > indent) return this.node(next.indent);
    if (sequenceAtSameIndent && next.indent === indent && isSequenceItem(next.text)) return this.sequence(indent);
    return null;
  }

  /** A single-line scalar must not continue on a more indented line (a multi-line plain scalar). */
  noContinuation(indent: number): void {
    if (!this.done() && this.lines[this.index].indent > indent) throw new Unsupported();
  }
}

function scalarThenCheck(reader: Reader, text: string, indent: number): unknown {
  const value = scalar(text);
  reader.noContinuation(indent);
  return value;
}

function isSequenceItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** Splits `key: value` (value may be empty); undefined when the line is not a simple mapping entry. */
function splitEntry(text: string): { key: string; value: string } | undefined {
  let key: string;
  let rest: string;
  if (text[0] === "'" || text[0] === '"') {
    const end = quotedEnd(text);
    if (end < 0 || text[end + 1] !== ":") return undefined;
    key = quoted(text.slice(0, end + 1));
    rest = text.slice(end + 2);
    if (rest !== "" && rest[0] !== " ") return undefined;
  } else {
    let colon = text.indexOf(": ");
    if (colon < 0 && text.endsWith(":")) colon = text.length - 1;
    if (colon <= 0) return undefined;
    const plainKey = text.slice(0, colon).trimEnd();
    if (!isObviousString(plainKey)) throw new Unsupported();
    key = plainKey;
    rest = text.slice(colon + 1);
  }
  return { key, value: rest.trim() };
}

function quotedEnd(text: string): number {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\" && quote === '"') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", n: "\n", t: "\t", r: "\r", "0": "\0", " ": " " };

function quoted(text: string): string {
  const body = text.slice(1, -1);
  if (text[0] === "'") return body.replace(/''/g, "'");
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, escape: string) => {
    if (escape.length === 5) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    const replacement = DOUBLE_QUOTE_ESCAPES[escape];
    if (replacement === undefined) throw new Unsupported();
    return replacement;
  });
}

function scalar(text: string): unknown {
  const first = text[0];
  if (first === "'" || first === '"') {
    if (quotedEnd(text) !== text.length - 1) throw new Unsupported();
    return quoted(text);
  }
  if (text === "[]") return [];
  if (text === "{}") return {};
  if (text === "~" || text === "null" || text === "Null" || text === "NULL") return null;
  if (text === "true" || text === "True" || text === "TRUE") return true;
  if (text === "false" || text === "False" || text === "FALSE") return false;
  if (/^-?(?:0|[1-9][0-9]*)$/.test(text)) return Number(text);
  if (/^-?[0-9]+\.[0-9]+$/.test(text)) return Number(text);
  if (isObviousString(text)) return text;
  throw new Unsupported();
}

/** YAML 1.1 (PyYAML) implicit types a plain scalar could have besides string. */
const PYYAML_NON_STRING =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?.*)$/;

/** A plain scalar that is a string for every YAML reader: no indicator start, no `: ` / ` #`, no other type. */
function isObviousString(text: string): boolean {
  if (text === "") return false;
  if ("-?:,[]{}#&*!|>'\"%@`".includes(text[0])) return false;
  if (text.includes(": ") || text.includes(" #") || text.endsWith(":") || text.includes("\t")) return false;
  if (text.includes(",") && /^[\[{]/.test(text)) return false;
  return !PYYAML_NON_STRING.test(text);
}
