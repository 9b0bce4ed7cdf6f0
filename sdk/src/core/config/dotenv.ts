/**
 * `.env` files as pydantic-settings reads them, through python-dotenv (`dotenv_values`, interpolation on, file
 * entries over the OS environment). No npm package reads them the same way (the `dotenv` package has other quoting
 * and escape rules and no `${NAME:-default}`), so the grammar is written out here, statement by statement:
 *   [export ]KEY[ = VALUE][ # comment]   KEY plain (no `=`, `#` or space) or 'single-quoted'
 *   VALUE: '...' (escapes \\ and \' only), "..." (escapes \\ \' \" \a \b \f \n \r \t \v; may span lines), or the
 *   rest of the line with a ` #...` comment and trailing space cut off.
 * A statement that does not parse is skipped up to the end of its line, as python-dotenv does (it warns). A key
 * without `=` has no value: it is left out of the result and reads as empty in interpolation.
 * Every value then has its `${NAME}` / `${NAME:-default}` replaced from the OS environment and the file's earlier
 * entries (the file's win); an unknown name without default becomes empty: `"${pipeline.name}-x"` -> `-x`.
 * Tested against python-dotenv's own answers: tests/reference/dotenv.
 */
export function parseDotenv(text: string, environment: Record<string, string | undefined> = process.env): Record<string, string> {
  const result: Record<string, string> = {};
  const known: Record<string, string | null> = {};
  for (const { key, value } of statements(text)) {
    const resolved = value === null ? null : interpolate(value, { ...environment, ...known });
    known[key] = resolved;
    if (resolved === null) delete result[key];
    else result[key] = resolved;
  }
  return result;
}

class NoMatch extends Error {}

class Reader {
  position = 0;
  constructor(readonly text: string) {}

  hasNext(): boolean {
    return this.position < this.text.length;
  }

  peek(): string {
    return this.text.charAt(this.position);
  }

  /** Matches `regex` (sticky) at the position and moves past it; the capture groups. */
  read(regex: RegExp): string[] {
    regex.lastIndex = this.position;
    const match = regex.exec(this.text);
    if (!match) throw new NoMatch();
    this.position += match[0].length;
    return match.slice(1);
  }
}

const MULTILINE_WHITESPACE = /\s*/y;
const WHITESPACE = /[^\S\r\n]*/y;
const EXPORT = /(?:export[^\S\r\n]+)?/y;
const SINGLE_QUOTED_KEY = /'([^']+)'/y;
const UNQUOTED_KEY = /([^=#\s]+)/y;
const EQUAL_SIGN = /(=[^\S\r\n]*)/y;
const SINGLE_QUOTED_VALUE = /'((?:\\'|[^'])*)'/y;
const DOUBLE_QUOTED_VALUE = /"((?:\\"|[^"])*)"/y;
const UNQUOTED_VALUE = /([^\r\n]*)/y;
const COMMENT = /(?:[^\S\r\n]*#[^\r\n]*)?/y;
const END_OF_LINE = /[^\S\r\n]*(?:\r\n|\n|\r|$)/y;
const REST_OF_LINE = /[^\r\n]*(?:\r\n|\r|\n)?/y;

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

function* statements(text: string): Generator<{ key: string; value: string | null }> {
  const reader = new Reader(text);
  while (reader.hasNext()) {
    const start = reader.position;
    try {
      reader.read(MULTILINE_WHITESPACE);
      if (!reader.hasNext()) return;
      reader.read(EXPORT);
      const key = reader.peek() === "#" ? null : (reader.read(reader.peek() === "'" ? SINGLE_QUOTED_KEY : UNQUOTED_KEY)[0] ?? null);
      reader.read(WHITESPACE);
      let value: string | null = null;
      if (reader.peek() === "=") {
        reader.read(EQUAL_SIGN);
        value = readValue(reader);
      }
      reader.read(COMMENT);
      reader.read(END_OF_LINE);
      if (key !== null) yield { key, value };
    } catch (error) {
      if (!(error instanceof NoMatch)) throw error;
      reader.read(REST_OF_LINE);
      // an empty rest of line at the same place would loop: python-dotenv reads at least the statement's start
      if (reader.position === start) reader.position++;
    }
  }
}

function readValue(reader: Reader): string {
  const first = reader.peek();
  if (first === "'") return reader.read(SINGLE_QUOTED_VALUE)[0].replace(/\\([\\'])/g, "$1");
  if (first === '"') return reader.read(DOUBLE_QUOTED_VALUE)[0].replace(/\\([\\'"abfnrtv])/g, (_m, c: string) => DOUBLE_QUOTE_ESCAPES[c]);
  if (first === "" || first === "\n" || first === "\r") return "";
  return reader.read(UNQUOTED_VALUE)[0].replace(/\s+#.*/, "").trimEnd();
}

function interpolate(value: string, environment: Record<string, string | null | undefined>): string {
  return value.replace(/\$\{([^}:]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback: string | undefined) => {
    if (Object.prototype.hasOwnProperty.call(environment, name)) return environment[name] ?? "";
    return fallback ?? "";
  });
}
