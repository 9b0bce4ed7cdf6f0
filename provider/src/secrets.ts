/**
 * Secrets on the wire. The plugin tells the engine it accepts secrets, so secret inputs arrive wrapped
 * (`{<secret signature>: …, value}`) and outputs that must stay secret are sent back wrapped the same way. The
 * operations work on plain values: {@link revealSecrets} unwraps a property bag and remembers where the secrets
 * were, {@link concealSecrets} wraps those places (and any others named) again.
 */

/** The signature key of special values on the wire. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret value. */
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
/** The signature of an output value (sent when outputs are accepted). */
export const OUTPUT_SIGNATURE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** The value the engine puts where an input is not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A property path: the keys from the top of a property bag down to a value. */
export type PropertyPath = readonly string[];

/** A property bag with its secrets unwrapped, and where they were. */
export interface Revealed {
  readonly plain: Record<string, unknown>;
  readonly secretPaths: PropertyPath[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function reveal(value: unknown, path: string[], secretPaths: PropertyPath[]): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => reveal(item, [...path, String(index)], secretPaths));
  }
  if (!isRecord(value)) {
    return value;
  }
  const signature = value[SIGNATURE_KEY];
  if (signature === SECRET_SIGNATURE) {
    secretPaths.push(path);
    return reveal(value.value, path, []);
  }
  if (signature === OUTPUT_SIGNATURE) {
    if (value.secret === true) {
      secretPaths.push(path);
    }
    return "value" in value ? reveal(value.value, path, []) : UNKNOWN;
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reveal(item, [...path, key], secretPaths)]));
}

/** Unwraps every secret (and output value) of `props`. */
export function revealSecrets(props: Record<string, unknown> | undefined): Revealed {
  const secretPaths: PropertyPath[] = [];
  const plain = reveal(props ?? {}, [], secretPaths) as Record<string, unknown>;
  return { plain, secretPaths };
}

/** Wraps a value as a secret. */
export function secretValue(value: unknown): Record<string, unknown> {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

function wrapAt(value: unknown, path: PropertyPath): unknown {
  if (path.length === 0) {
    return value === undefined ? value : secretValue(value);
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const index = Number(head);
    return index in value ? value.map((item, i) => (i === index ? wrapAt(item, rest) : item)) : value;
  }
  if (!isRecord(value) || !(head in value) || value[SIGNATURE_KEY] !== undefined) {
    return value;
  }
  return { ...value, [head]: wrapAt(value[head], rest) };
}

/**
 * Wraps the values at `paths` of `props` as secrets. A path inside another one is covered by the outer secret;
 * a path that names no value is skipped.
 */
export function concealSecrets<T extends Record<string, unknown> | undefined>(props: T, paths: readonly PropertyPath[]): T {
  if (props === undefined) {
    return props;
  }
  const keyOf = (path: PropertyPath) => JSON.stringify(path);
  const unique = [...new Map(paths.map((path) => [keyOf(path), path])).values()];
  const outermost = unique.filter(
    (path) => path.length > 0 && !unique.some((other) => other !== path && other.length < path.length && other.every((key, i) => key === path[i])),
  );
  return outermost.reduce<unknown>((bag, path) => wrapAt(bag, path), props) as T;
}
