/**
 * Phase B of KPOps' variable substitution: per component, after the defaults merge.
 *
 * The substitution map holds, from high to low priority: `component.<flattened path>` (the component dump),
 * `error_topic_name` / `output_topic_name` (the raw topic name templates), `config.<flattened path>`, and the
 * environment (`ENV`: OS environment plus pipeline variables). Values that are themselves templates are resolved
 * against the map, and every string of the component (keys included) is substituted until nothing changes.
 *
 * Unlike KPOps, which re-substitutes the JSON text of the whole map and the whole component, this resolves map
 * entries lazily (only those referenced) and strings one by one, so the cost is linear in the component size. A
 * cycle between placeholders is the same error as in KPOps ("An infinite loop condition detected").
 */
import { KpopsError } from "../errors";
import { pythonStr } from "../util/python-text";
import { INFINITE_LOOP_MESSAGE, normaliseKey, substituteOnce } from "./template";

/** A layer of raw values, looked up by normalised name (`.` -> `__`); layers are consulted highest priority first. */
export interface SubstitutionLayer {
  has(name: string): boolean;
  get(name: string): unknown;
}

/** Upper bound of passes over one string; a longer chain is treated as an endless expansion. */
const MAX_PASSES = 100;

export class SubstitutionResolver {
  private readonly resolved = new Map<string, string>();
  private readonly visiting = new Set<string>();

  constructor(private readonly layers: readonly SubstitutionLayer[]) {}

  /** The fully resolved text of variable `name` (normalised), or undefined when no layer has it. */
  lookup = (name: string): string | undefined => {
    const cached = this.resolved.get(name);
    if (cached !== undefined) return cached;
    let raw: unknown;
    let found = false;
    for (const layer of this.layers) {
      if (layer.has(name)) {
        raw = layer.get(name);
        found = true;
        break;
      }
    }
    if (!found) return undefined;
    if (this.visiting.has(name)) throw new KpopsError(INFINITE_LOOP_MESSAGE);
    this.visiting.add(name);
    try {
      const text = typeof raw === "string" ? this.substitute(raw) : pythonStr(raw);
      this.resolved.set(name, text);
      return text;
    } finally {
      this.visiting.delete(name);
    }
  };

  /** Substitutes `text` repeatedly until it no longer changes. */
  substitute(text: string): string {
    if (!text.includes("$")) return text;
    const seen = new Set<string>([text]);
    let current = text;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const next = substituteOnce(current, this.lookup);
      if (next === current) return current;
      if (seen.has(next)) throw new KpopsError(INFINITE_LOOP_MESSAGE);
      seen.add(next);
      current = next;
    }
    throw new KpopsError(INFINITE_LOOP_MESSAGE);
  }

  /**
   * Substitutes every string in a JSON-like tree, mapping keys included. Works in place (the tree must be owned by
   * the caller) and returns the tree, or a replacement where a key changed.
   */
  substituteTree(value: unknown): unknown {
    if (typeof value === "string") return value.includes("$") ? this.substitute(value) : value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        try {
          value[i] = this.substituteTree(value[i]);
        } catch (error) {
          throw withFieldPrefix(error, String(i));
        }
      }
      return value;
    }
    if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      let keyChanges = false;
      for (const key in record) {
        if (key.includes("$")) {
          keyChanges = true;
          break;
        }
      }
      if (!keyChanges) {
        for (const key in record) {
          try {
            record[key] = this.substituteTree(record[key]);
          } catch (error) {
            throw withFieldPrefix(error, key);
          }
        }
        return record;
      }
      const result: Record<string, unknown> = {};
      for (const key in record) {
        try {
          const newKey = key.includes("$") ? this.substitute(key) : key;
          // as in KPOps (JSON text parsed again), a key that becomes equal to an earlier one overwrites its value
          result[newKey] = this.substituteTree(record[key]);
        } catch (error) {
          throw withFieldPrefix(error, key);
        }
      }
      return result;
    }
    return value;
  }
}

/**
 * A layer over a nested mapping, as KPOps' flattened `<prefix>.<path>` entries: mappings are traversed, lists and
 * scalars are leaves. Names are found by walking the tree, so nothing is built for names never looked up. A key
 * holding placeholders is matched by its substituted form (KPOps substitutes the keys of its map too).
 */
export class TreeLayer implements SubstitutionLayer {
  private readonly cache = new Map<string, { found: boolean; value?: unknown }>();
  private readonly resolvingKeys = new Set<string>();
  private keyResolver?: SubstitutionResolver;

  constructor(
    private readonly tree: Record<string, unknown>,
    prefix: string,
  ) {
    this.prefix = `${prefix}__`;
  }

  private readonly prefix: string;

  /** The resolver used for keys with placeholders. */
  resolveKeysWith(resolver: SubstitutionResolver): void {
    this.keyResolver = resolver;
  }

  has(name: string): boolean {
    return this.find(name).found;
  }

  get(name: string): unknown {
    return this.find(name).value;
  }

  private find(name: string): { found: boolean; value?: unknown } {
    if (!name.startsWith(this.prefix)) return NOT_FOUND;
    let result = this.cache.get(name);
    if (!result) {
      result = this.walk(this.tree, name.slice(this.prefix.length));
      this.cache.set(name, result);
    }
    return result;
  }

  private walk(node: Record<string, unknown>, rest: string): { found: boolean; value?: unknown } {
    for (const key in node) {
      const normalised = this.normalisedKey(key);
      const item = node[key];
      const isMapping = typeof item === "object" && item !== null && !Array.isArray(item);
      if (rest === normalised) {
        if (!isMapping) return { found: true, value: item };
      } else if (isMapping && rest.startsWith(normalised) && rest.startsWith("__", normalised.length)) {
        const found = this.walk(item as Record<string, unknown>, rest.slice(normalised.length + 2));
        if (found.found) return found;
      }
    }
    return NOT_FOUND;
  }

  private normalisedKey(key: string): string {
    if (!key.includes("$") || !this.keyResolver || this.resolvingKeys.has(key)) return normaliseKey(key);
    this.resolvingKeys.add(key);
    try {
      return normaliseKey(this.keyResolver.substitute(key));
    } finally {
      this.resolvingKeys.delete(key);
    }
  }
}

const NOT_FOUND = { found: false } as const;

function withFieldPrefix(error: unknown, key: string): unknown {
  return error instanceof KpopsError ? error.underField(key) : error;
}

/**
 * Flattens a nested mapping into `prefix.a.b` keys (normalised to `prefix__a__b`); lists and scalars are leaves,
 * mappings are not entries themselves. Keys containing placeholders are resolved later by
 * {@link resolvePlaceholderKeys}.
 */
export function flattenInto(target: Map<string, unknown>, value: Record<string, unknown>, prefix: string): string[] {
  const withPlaceholders: string[] = [];
  flattenRecursive(target, value, prefix, withPlaceholders);
  return withPlaceholders;
}

function flattenRecursive(target: Map<string, unknown>, value: Record<string, unknown>, prefix: string, withPlaceholders: string[]): void {
  for (const key in value) {
    const item = value[key];
    const name = `${prefix}__${normaliseKey(key)}`;
    if (typeof item === "object" && item !== null && !Array.isArray(item)) {
      flattenRecursive(target, item as Record<string, unknown>, name, withPlaceholders);
    } else if (!target.has(name)) {
      target.set(name, item);
      if (key.includes("$")) withPlaceholders.push(name);
    }
  }
}

/**
 * KPOps substitutes the map's own JSON text, keys included, so an entry such as
 * `component.values.labels.${component.type}` is also reachable as `component.values.labels.filter`.
 * This adds such resolved keys (a resolved key overwrites an earlier equal one, as a re-parsed JSON object does).
 */
export function resolvePlaceholderKeys(
  layer: Map<string, unknown>,
  resolver: SubstitutionResolver,
  withPlaceholders: readonly string[] = [...layer.keys()].filter((key) => key.includes("$")),
): void {
  for (const key of withPlaceholders) {
    const resolvedKey = normaliseKey(resolver.substitute(key));
    if (resolvedKey !== key) layer.set(resolvedKey, layer.get(key));
  }
}
