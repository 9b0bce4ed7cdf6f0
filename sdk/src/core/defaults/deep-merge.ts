/**
 * The deep-merge rule KPOps uses for defaults, environment pipeline files and environment config files.
 *
 * `high` has priority. Keys missing in `high` are copied from `low`; where both hold mappings they are merged
 * recursively; where `high` holds anything that is not a mapping (a scalar, a list, or an explicit `null`) it is
 * kept as is, so an explicit `null` wipes a defaults subtree and lists are never merged. Key order: the keys of
 * `high` first, then the keys added from `low` in their order.
 *
 * Neither argument is modified; subtrees copied from `low` are cloned so that later changes to the result never
 * reach the inputs.
 */
export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepMerge(high: Mapping, low: Mapping): Mapping {
  const result: Mapping = { ...high };
  for (const key of Object.keys(low)) {
    const lowValue = low[key];
    if (!(key in result)) {
      result[key] = cloneJson(lowValue);
      continue;
    }
    const highValue = result[key];
    if (isMapping(lowValue) && isMapping(highValue)) {
      result[key] = deepMerge(highValue, lowValue);
    }
  }
  return result;
}

/** Merges any number of mappings, the first one having the highest priority. */
export function deepMergeAll(...mappings: Mapping[]): Mapping {
  let result: Mapping = {};
  for (const mapping of mappings) result = deepMerge(result, mapping);
  return result;
}

/** A deep copy of plain JSON-like data (objects, arrays, scalars). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isMapping(value)) {
    const copy: Mapping = {};
    for (const key of Object.keys(value)) copy[key] = cloneJson(value[key]);
    return copy as T;
  }
  return value;
}
