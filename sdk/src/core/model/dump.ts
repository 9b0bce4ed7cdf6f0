/** Dumping validated data back to plain data, in KPOps' two forms (see {@link DumpMode}). */
import { cloneJson, isMapping } from "../defaults/deep-merge";
import type { DumpMode, FieldSpec, FieldType, ModelSpec } from "./field-types";

type Data = Record<string, unknown>;

/** Dumps a validated object: fields in declaration order, then extras; except in `python` mode nulls are dropped. */
const declaredKeys = new WeakMap<ModelSpec, Set<string>>();

function declaredKeysOf(spec: ModelSpec): Set<string> {
  let keys = declaredKeys.get(spec);
  if (!keys) {
    keys = new Set(spec.fields.map((f) => f.key));
    declaredKeys.set(spec, keys);
  }
  return keys;
}

export function dumpModel(spec: ModelSpec, value: Data, mode: DumpMode): Data {
  let result: Data = {};
  const declared = declaredKeysOf(spec);
  for (const fieldSpec of spec.fields) {
    if (fieldSpec.excluded) continue;
    if (mode === "generate" && fieldSpec.skipGenerate) continue;
    let item = value[fieldSpec.key];
    if (item === undefined) item = null;
    if (fieldSpec.serialize) item = fieldSpec.serialize(item, mode);
    else item = dumpType(fieldSpec.type, item, mode);
    if (fieldSpec.emptyAsNull && isEmptyCollection(item)) item = null;
    if (mode !== "python" && item === null) continue;
    if (mode === "helm" && !fieldSpec.required && equalsDefault(fieldSpec, item)) continue;
    result[fieldSpec.key] = item;
  }
  for (const key in value) {
    if (declared.has(key)) continue;
    const item = value[key];
    if (mode !== "python" && (item === null || item === undefined)) continue;
    result[key] = copy(item, mode);
  }
  if (spec.serialize) result = spec.serialize(result, mode);
  return result;
}

/** The python dump is modified later (substitution works in place), so it copies; the generate dump only shares. */
function copy<T>(value: T, mode: DumpMode): T {
  return mode === "generate" ? value : cloneJson(value);
}

function dumpType(type: FieldType, value: unknown, mode: DumpMode): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "model":
      return isMapping(value) ? dumpModel(type.model(), value, mode) : copy(value, mode);
    case "list":
      return Array.isArray(value) && type.items && needsDump(type.items) ? value.map((item) => dumpType(type.items as FieldType, item, mode)) : copy(value, mode);
    case "dict": {
      if (!isMapping(value) || !type.values || !needsDump(type.values)) return copy(value, mode);
      const result: Data = {};
      for (const [key, item] of Object.entries(value)) result[key] = dumpType(type.values, item, mode);
      return result;
    }
    case "union": {
      if (isMapping(value)) {
        const modelOption = type.options.find((option) => option.kind === "model");
        if (modelOption) return dumpType(modelOption, value, mode);
      }
      return copy(value, mode);
    }
    default:
      return copy(value, mode);
  }
}

/** Whether values of this type need a model dump (contain models), or can be copied as plain data. */
function needsDump(type: FieldType): boolean {
  switch (type.kind) {
    case "model":
      return true;
    case "list":
      return type.items ? needsDump(type.items) : false;
    case "dict":
      return type.values ? needsDump(type.values) : false;
    case "union":
      return type.options.some(needsDump);
    default:
      return false;
  }
}

/**
 * Whether a field's dumped value equals its default (pydantic `exclude_defaults`). A nested model whose helm dump
 * is empty holds only defaults, so it equals a non-null default.
 */
function equalsDefault(fieldSpec: FieldSpec, dumped: unknown): boolean {
  const defaultValue = fieldSpec.default ?? null;
  if (fieldSpec.type.kind === "model" && isMapping(dumped) && Object.keys(dumped).length === 0) return defaultValue !== null;
  return JSON.stringify(dumped) === JSON.stringify(defaultValue);
}

function isEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isMapping(value)) return Object.keys(value).length === 0;
  return false;
}
