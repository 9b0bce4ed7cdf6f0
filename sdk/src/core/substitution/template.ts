/**
 * KPOps' `$`-placeholder syntax (a Python `string.Template` variant): `$name` and `${name}` where name matches
 * `[_a-z][_.a-z0-9]*` (case-insensitive, dots allowed); `$$` becomes `$`; unknown placeholders stay untouched.
 * Dotted names are looked up with `.` replaced by `__` (on both sides), so keys are normalised with
 * {@link normaliseKey}.
 */
const PLACEHOLDER = /\$(?:(\$)|([_a-z][_.a-z0-9]*)|\{([_a-z][_.a-z0-9]*)\})/gi;

/** A lookup returns the replacement text, or undefined to leave the placeholder as is. */
export type Lookup = (normalisedName: string) => string | undefined;

export function normaliseKey(name: string): string {
  return name.includes(".") ? name.replace(/\./g, "__") : name;
}

/** One substitution pass over `text`. */
export function substituteOnce(text: string, lookup: Lookup): string {
  if (!text.includes("$")) return text;
  return text.replace(PLACEHOLDER, (match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    if (escaped !== undefined) return "$";
    const name = (named ?? braced) as string;
    const value = lookup(normaliseKey(name));
    return value === undefined ? match : value;
  });
}

/** One pass with a plain record (keys normalised by the caller or not: they are normalised here). */
export function substituteWithRecord(text: string, values: Record<string, unknown>): string {
  const normalised = new Map<string, string>();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) normalised.set(normaliseKey(key), String(value));
  }
  return substituteOnce(text, (name) => normalised.get(name));
}

export const INFINITE_LOOP_MESSAGE = "An infinite loop condition detected. Check substitution variables.";
