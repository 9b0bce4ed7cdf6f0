/**
 * How Python renders values as text, where KPOps' output depends on it: `str(value)` inside substituted
 * strings and `json.dumps(value)` for connector config values and topic configs.
 */

/** Python's `str()` of a JSON-like value: `True`, `None`, `['a', 'b']`, `{'k': 1}`. */
export function pythonStr(value: unknown): string {
  if (typeof value === "string") return value;
  return pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return pythonNumber(value);
  if (typeof value === "string") return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`,
  );
  return `{${entries.join(", ")}}`;
}

function pythonStringRepr(text: string): string {
  if (text.includes("'") && !text.includes('"')) return `"${text}"`;
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  return String(value);
}

/** Python's `json.dumps(value)` with its default separators `, ` and `: `. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`,
  );
  return `{${entries.join(", ")}}`;
}

/** KPOps' `to_str`: strings stay, anything else becomes its JSON text. */
export function toConfigString(value: unknown): string {
  return typeof value === "string" ? value : pythonJsonDumps(value);
}
