/**
 * A small declarative model language for KPOps' data models (the pydantic models upstream): ordered fields with
 * aliases, defaults and types; `extra` keys allowed, ignored or forbidden. One spec drives validation
 * ({@link validateModel}), the two dump forms ({@link dumpModel}) and the JSON schemas.
 */
export type FieldType =
  | { readonly kind: "string"; readonly pattern?: RegExp; readonly maxLength?: number }
  | { readonly kind: "int"; readonly min?: number; readonly max?: number }
  | { readonly kind: "number" }
  | { readonly kind: "bool" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "model"; readonly model: () => ModelSpec }
  | { readonly kind: "dict"; readonly values?: FieldType }
  | { readonly kind: "list"; readonly items?: FieldType }
  | { readonly kind: "union"; readonly options: readonly FieldType[] }
  | { readonly kind: "any" }
  | { readonly kind: "none" };

/**
 * How a dump is made: `python` is KPOps' `model_dump(mode="json", by_alias=True)` used during enrichment,
 * `python-compact` the same with `exclude_none=True`, `generate` the `kpops generate` output (nulls and
 * generate-skipped fields dropped), `helm` the values KPOps hands to Helm (`exclude_none=True,
 * exclude_defaults=True`: nulls and fields equal to their default dropped, extra keys kept).
 */
export type DumpMode = "python" | "python-compact" | "generate" | "helm";

export interface FieldSpec {
  /** Python-style field name (snake_case); also accepted as an input key. */
  readonly name: string;
  /** Output key (the alias): camelCase for Helm values, dotted for connector config. */
  readonly key: string;
  /** More accepted input keys. */
  readonly accepts?: readonly string[];
  readonly type: FieldType;
  /** `null` is a valid value (Optional). */
  readonly nullable?: boolean;
  /** No default: the field must be given. */
  readonly required?: boolean;
  /** Default value (cloned on use); undefined means `null`. */
  readonly default?: unknown;
  /** KPOps' SerializeAsOptional: an empty collection dumps as null and a null input means the default. */
  readonly emptyAsNull?: boolean;
  /** Not shown in `generate` output (KPOps' SkipGenerate). */
  readonly skipGenerate?: boolean;
  /** Not shown in any dump (pydantic `exclude=True`). */
  readonly excluded?: boolean;
  /** Hidden from JSON schemas. */
  readonly hiddenInSchema?: boolean;
  /** Custom check or conversion after type validation; throws an Error with a message on invalid input. */
  readonly check?: (value: unknown) => unknown;
  /** Custom serialisation of the validated value. */
  readonly serialize?: (value: unknown, mode: DumpMode) => unknown;
  readonly description?: string;
  readonly title?: string;
}

export interface ModelSpec {
  readonly name: string;
  readonly description?: string;
  readonly fields: readonly FieldSpec[];
  readonly extra: "allow" | "ignore" | "forbid";
  /** Runs on the raw input mapping before field validation; may throw. */
  readonly before?: (input: Record<string, unknown>) => void;
  /** Runs on the validated object; may throw or adjust it. */
  readonly after?: (value: Record<string, unknown>) => void;
  /** Post-processing of a dump (e.g. stringify every value). */
  readonly serialize?: (dumped: Record<string, unknown>, mode: DumpMode) => Record<string, unknown>;
}

/** Field type constructors. */
export const t = {
  string: (opts: { pattern?: RegExp; maxLength?: number } = {}): FieldType => ({ kind: "string", ...opts }),
  int: (opts: { min?: number; max?: number } = {}): FieldType => ({ kind: "int", ...opts }),
  number: (): FieldType => ({ kind: "number" }),
  bool: (): FieldType => ({ kind: "bool" }),
  enum: (...values: string[]): FieldType => ({ kind: "enum", values }),
  model: (model: () => ModelSpec): FieldType => ({ kind: "model", model }),
  dict: (values?: FieldType): FieldType => ({ kind: "dict", values }),
  list: (items?: FieldType): FieldType => ({ kind: "list", items }),
  union: (...options: FieldType[]): FieldType => ({ kind: "union", options }),
  any: (): FieldType => ({ kind: "any" }),
  none: (): FieldType => ({ kind: "none" }),
};

type FieldOptions = Omit<FieldSpec, "name" | "key" | "type"> & { key?: string };

/** A field whose output key equals its name (or `opts.key`). */
export function field(name: string, type: FieldType, opts: FieldOptions = {}): FieldSpec {
  return { ...opts, name, key: opts.key ?? name, type };
}

/**
 * Builds a field list from a parent's and a subclass's own fields: a redefined field keeps its parent's position
 * (as pydantic does), new fields are appended.
 */
export function extendFields(parent: readonly FieldSpec[], own: readonly FieldSpec[]): FieldSpec[] {
  const result = [...parent];
  for (const spec of own) {
    const index = result.findIndex((existing) => existing.name === spec.name);
    if (index >= 0) result[index] = spec;
    else result.push(spec);
  }
  return result;
}
