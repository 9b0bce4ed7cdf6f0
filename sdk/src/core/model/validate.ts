/** Validation of plain data against a {@link ModelSpec}, with the lax conversions pydantic applies. */
import { KpopsError } from "../errors";
import { cloneJson, isMapping } from "../defaults/deep-merge";
import type { FieldSpec, FieldType, ModelSpec } from "./field-types";

type Data = Record<string, unknown>;

function fail(message: string, path: string): never {
  throw new KpopsError(message, path ? { field: path } : {});
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/**
 * Validates `input` against `spec` and returns a new object keyed by output keys: declared fields in declaration
 * order (defaults filled in), then extra keys in input order (when allowed).
 */
interface CompiledModel {
  /** Accepted input keys per field, the output key (alias) first. */
  readonly candidates: readonly (readonly string[])[];
  /** Input key -> index of the field that accepts it. */
  readonly owner: ReadonlyMap<string, number>;
}

const compiledModels = new WeakMap<ModelSpec, CompiledModel>();

function compile(spec: ModelSpec): CompiledModel {
  let compiled = compiledModels.get(spec);
  if (!compiled) {
    const candidates = spec.fields.map((f) => [...new Set([f.key, f.name, ...(f.accepts ?? [])])]);
    const owner = new Map<string, number>();
    candidates.forEach((keys, i) => keys.forEach((key) => owner.set(key, i)));
    compiled = { candidates, owner };
    compiledModels.set(spec, compiled);
  }
  return compiled;
}

export function validateModel(spec: ModelSpec, input: unknown, path = ""): Data {
  if (!isMapping(input)) fail(`Input should be a mapping (${spec.name}), got ${describe(input)}`, path);
  try {
    spec.before?.(input);
  } catch (error) {
    rethrowAt(error, path);
  }
  const result: Data = {};
  const { candidates, owner } = compile(spec);
  // Only the key a field was read from is consumed (the alias wins over the snake_case name); another accepted
  // key that is also present counts as an extra key, as in pydantic.
  const consumed: (string | undefined)[] = new Array(spec.fields.length);
  for (let i = 0; i < spec.fields.length; i++) {
    const fieldSpec = spec.fields[i];
    let inputKey: string | undefined;
    for (const candidate of candidates[i]) {
      if (Object.prototype.hasOwnProperty.call(input, candidate)) {
        inputKey = candidate;
        break;
      }
    }
    consumed[i] = inputKey;
    const fieldPath = join(path, fieldSpec.key);
    if (inputKey === undefined) {
      if (fieldSpec.required) fail("Field required", fieldPath);
      if (fieldSpec.default === undefined) result[fieldSpec.key] = null;
      else if (fieldSpec.type.kind === "model") result[fieldSpec.key] = validateType(fieldSpec.type, cloneJson(fieldSpec.default), fieldPath);
      else result[fieldSpec.key] = cloneJson(fieldSpec.default);
      continue;
    }
    result[fieldSpec.key] = validateField(fieldSpec, input[inputKey], fieldPath);
  }
  if (spec.extra === "ignore") {
    runAfter(spec, result, path);
    return result;
  }
  for (const key in input) {
    const fieldIndex = owner.get(key);
    if (fieldIndex !== undefined && consumed[fieldIndex] === key) continue;
    if (spec.extra === "allow") result[key] = input[key];
    else if (spec.extra === "forbid") fail(`Extra inputs are not permitted (${spec.name})`, join(path, key));
  }
  runAfter(spec, result, path);
  return result;
}

function runAfter(spec: ModelSpec, result: Data, path: string): void {
  if (!spec.after) return;
  try {
    spec.after(result);
  } catch (error) {
    rethrowAt(error, path);
  }
}

function rethrowAt(error: unknown, path: string): never {
  if (error instanceof KpopsError) throw path ? error.underField(path) : error;
  fail(error instanceof Error ? error.message : String(error), path);
}

function validateField(spec: FieldSpec, value: unknown, path: string): unknown {
  if (value === null || value === undefined) {
    if (spec.emptyAsNull) return spec.default === undefined ? null : cloneJson(spec.default);
    if (spec.default !== undefined && spec.default !== null && !spec.nullable && spec.type.kind === "model") {
      return validateType(spec.type, cloneJson(spec.default), path);
    }
    if (spec.nullable || spec.type.kind === "none" || spec.type.kind === "any") return null;
    fail(`Input should be ${expected(spec.type)}, got null`, path);
  }
  let validated = validateType(spec.type, value, path);
  if (spec.check) {
    try {
      validated = spec.check(validated);
    } catch (error) {
      if (error instanceof KpopsError) throw error.field ? error : error.within({ field: path });
      fail(error instanceof Error ? error.message : String(error), path);
    }
  }
  return validated;
}

/** Validates one value against a type; returns the (possibly converted) value. */
export function validateType(type: FieldType, value: unknown, path: string): unknown {
  switch (type.kind) {
    case "any":
      return value;
    case "none":
      if (value === null || value === undefined) return null;
      return fail(`Input should be null, got ${describe(value)}`, path);
    case "string": {
      if (typeof value !== "string") return fail(`Input should be a valid string, got ${describe(value)}`, path);
      if (type.maxLength !== undefined && value.length > type.maxLength) {
        fail(`String should have at most ${type.maxLength} characters`, path);
      }
      if (type.pattern && !type.pattern.test(value)) fail(`String should match pattern '${type.pattern.source}'`, path);
      return value;
    }
    case "int": {
      const converted = toInt(value);
      if (converted === undefined) return fail(`Input should be a valid integer, got ${describe(value)}`, path);
      if (type.min !== undefined && converted < type.min) fail(`Input should be greater than or equal to ${type.min}`, path);
      if (type.max !== undefined && converted > type.max) fail(`Input should be less than or equal to ${type.max}`, path);
      return converted;
    }
    case "number": {
      if (typeof value === "number") return value;
      if (typeof value === "boolean") return value ? 1 : 0;
      if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
      return fail(`Input should be a valid number, got ${describe(value)}`, path);
    }
    case "bool": {
      const converted = toBool(value);
      if (converted === undefined) return fail(`Input should be a valid boolean, got ${describe(value)}`, path);
      return converted;
    }
    case "enum":
      if (typeof value === "string" && type.values.includes(value)) return value;
      return fail(`Input should be ${type.values.map((v) => `'${v}'`).join(", ")}, got ${describe(value)}`, path);
    case "model":
      return validateModel(type.model(), value, path);
    case "dict": {
      if (!isMapping(value)) return fail(`Input should be a valid dictionary, got ${describe(value)}`, path);
      if (!type.values) return value;
      const result: Data = {};
      for (const [key, item] of Object.entries(value)) result[key] = validateType(type.values, item, join(path, key));
      return result;
    }
    case "list": {
      if (!Array.isArray(value)) return fail(`Input should be a valid list, got ${describe(value)}`, path);
      if (!type.items) return value;
      const items = type.items;
      return value.map((item, i) => validateType(items, item, join(path, i)));
    }
    case "union": {
      // pydantic's smart mode: an option of the value's own type first; when that fails (e.g. a pattern), every
      // option in lax mode, so `cpu: "2"` fails `^\d+m$` and becomes the int 2.
      let firstError: unknown;
      for (const option of type.options) {
        if (!exactMatch(option, value)) continue;
        try {
          return validateType(option, value, path);
        } catch (error) {
          firstError ??= error;
        }
      }
      for (const option of type.options) {
        try {
          return validateType(option, value, path);
        } catch (error) {
          firstError ??= error;
        }
      }
      throw firstError ?? new KpopsError(`Input should be ${expected(type)}`, { field: path });
    }
  }
}

function exactMatch(type: FieldType, value: unknown): boolean {
  switch (type.kind) {
    case "string":
      return typeof value === "string";
    case "int":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "bool":
      return typeof value === "boolean";
    case "dict":
    case "model":
      return isMapping(value);
    case "list":
      return Array.isArray(value);
    case "none":
      return value === null;
    default:
      return false;
  }
}

function toInt(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

const TRUE_TEXT = new Set(["true", "1", "yes", "y", "on", "t"]);
const FALSE_TEXT = new Set(["false", "0", "no", "n", "off", "f"]);

function toBool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (TRUE_TEXT.has(text)) return true;
    if (FALSE_TEXT.has(text)) return false;
  }
  return undefined;
}

function expected(type: FieldType): string {
  switch (type.kind) {
    case "string":
      return "a valid string";
    case "int":
      return "a valid integer";
    case "number":
      return "a valid number";
    case "bool":
      return "a valid boolean";
    case "enum":
      return type.values.map((v) => `'${v}'`).join(", ");
    case "model":
      return `a mapping (${type.model().name})`;
    case "dict":
      return "a valid dictionary";
    case "list":
      return "a valid list";
    case "union":
      return type.options.map(expected).join(" or ");
    case "none":
      return "null";
    case "any":
      return "any value";
  }
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}
