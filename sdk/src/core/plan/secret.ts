/**
 * Secret values inside a component plan. A plan is plain data; a value that must stay secret (a repository
 * password, a streams-bootstrap `secrets` entry, a connector password) is wrapped in a {@link Secret} at the leaf,
 * so whoever materialises the plan (the Pulumi layer: `pulumi.secret` on that leaf) can keep exactly that value
 * secret and show every other value.
 */

const SECRET_MARKER = "__kpopsSecret";

/** A value that must not be stored or shown in plain text. */
export interface Secret<T = unknown> {
  readonly [SECRET_MARKER]: true;
  readonly value: T;
}

/** A value that may be marked secret. */
export type MaybeSecret<T> = T | Secret<T>;

/** Marks `value` as secret (a value already marked stays as it is). */
export function secret<T>(value: T | Secret<T>): Secret<T> {
  return isSecret(value) ? value : { [SECRET_MARKER]: true, value };
}

/** Is `value` a {@link Secret} (also one made by another loaded copy of this module)? */
export function isSecret(value: unknown): value is Secret {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_MARKER] === true;
}

/** The plain value of a possibly secret value. */
export function reveal<T>(value: MaybeSecret<T>): T {
  return isSecret(value) ? (value.value as T) : value;
}

/** A deep copy of `tree` with every {@link Secret} replaced by `replace(secret)` (default: its plain value). */
export function mapSecrets(tree: unknown, replace: (secret: Secret) => unknown = (s) => s.value): unknown {
  if (isSecret(tree)) return replace(tree);
  if (Array.isArray(tree)) return tree.map((item) => mapSecrets(item, replace));
  if (typeof tree === "object" && tree !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(tree)) out[key] = mapSecrets(item, replace);
    return out;
  }
  return tree;
}

/** The dotted paths of the secret leaves of `tree` (`secrets.PASSWORD`, `connection.password`). */
export function secretPaths(tree: unknown, prefix: readonly string[] = []): string[][] {
  if (isSecret(tree)) return [[...prefix]];
  if (typeof tree !== "object" || tree === null) return [];
  const entries: Array<[string, unknown]> = Array.isArray(tree) ? tree.map((item, i) => [String(i), item]) : Object.entries(tree);
  return entries.flatMap(([key, item]) => secretPaths(item, [...prefix, key]));
}

/**
 * Marks the values under `paths` of a mapping secret, in place. A path names a key of the mapping, or a dotted path
 * into nested mappings (`secrets`, `kafka.config.sasl.jaas.config` is looked up as given when it is a key); when a
 * path names a mapping, each of its leaves becomes a secret.
 */
export function markSecret(tree: Record<string, unknown>, path: string): void {
  if (path in tree) {
    tree[path] = secretLeaves(tree[path]);
    return;
  }
  const dot = path.indexOf(".");
  for (let i = dot; i > 0; i = path.indexOf(".", i + 1)) {
    const head = path.slice(0, i);
    const child = tree[head];
    if (typeof child === "object" && child !== null && !Array.isArray(child) && !isSecret(child)) {
      markSecret(child as Record<string, unknown>, path.slice(i + 1));
      return;
    }
  }
}

function secretLeaves(value: unknown): unknown {
  if (value === null || value === undefined || isSecret(value)) return value;
  if (typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = secretLeaves(item);
    return out;
  }
  return secret(value);
}
