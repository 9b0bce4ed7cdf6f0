/**
 * Schema providers: our counterpart of KPOps' `SchemaProvider` (a user class that turns the schema class named
 * in `key_schema` / `value_schema` into a schema). Users write a module exporting one; it is loaded from a module
 * path given in the component args or in stack config (`kpops:schemaProvider`).
 */
import * as path from "path";

/** Schema Registry schema types. */
export type SchemaType = "AVRO" | "JSON" | "PROTOBUF";

/** A schema as registered. */
export interface SchemaDefinition {
  /** The schema text (Avro JSON, JSON Schema or a .proto). */
  readonly schema: string;
  /** @default the requested schema type */
  readonly schemaType?: SchemaType;
}

/** What the provider knows about the subject it provides for. */
export interface SchemaRequest {
  readonly topic: string;
  /** `<topic>-key` or `<topic>-value`. */
  readonly subject: string;
  readonly role: "key" | "value";
  /** The step's `to.models` (KPOps passes them to `provide_schema`). */
  readonly models: Readonly<Record<string, string>>;
}

/** Turns a schema class name into a schema. May be async. */
export interface SchemaProvider {
  provide(schemaClass: string, schemaType: SchemaType, request: SchemaRequest): SchemaDefinition | Promise<SchemaDefinition>;
}

function isProvider(value: unknown): value is SchemaProvider {
  return typeof value === "object" && value !== null && typeof (value as SchemaProvider).provide === "function";
}

function instantiate(candidate: unknown): SchemaProvider | undefined {
  if (isProvider(candidate)) return candidate;
  if (typeof candidate === "function") {
    const prototype = (candidate as { prototype?: unknown }).prototype;
    if (prototype !== undefined && typeof (prototype as SchemaProvider).provide === "function") {
      return new (candidate as new () => SchemaProvider)();
    }
  }
  return undefined;
}

/**
 * Loads a schema provider from a module: its `schemaProvider` export, its default export, or the module itself;
 * each may be a provider object or a class with a no-argument constructor. A relative path is resolved against
 * `baseDir`.
 */
export function loadSchemaProvider(modulePath: string, baseDir: string = process.cwd()): SchemaProvider {
  const resolved = modulePath.startsWith(".") ? path.resolve(baseDir, modulePath) : modulePath;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded: Record<string, unknown> = require(resolved);
  for (const candidate of [loaded.schemaProvider, loaded.default, loaded]) {
    const provider = instantiate(candidate);
    if (provider !== undefined) return provider;
  }
  throw new Error(`module "${modulePath}" exports no schema provider (an object or class with a provide() method)`);
}

/** A provider from an object or a module path; undefined stays undefined. */
export function resolveSchemaProvider(
  provider: SchemaProvider | string | undefined,
  baseDir?: string,
): SchemaProvider | undefined {
  if (provider === undefined) return undefined;
  return typeof provider === "string" ? loadSchemaProvider(provider, baseDir) : provider;
}
