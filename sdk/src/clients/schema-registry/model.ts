/**
 * Shapes of the Confluent Schema Registry REST API (v1) as this client exposes them.
 * Wire names (`schemaType`, `is_compatible`, `error_code`) are mapped in `client.ts` only.
 */

/** Media type of the Schema Registry API, sent as `Content-Type` and `Accept`. */
export const SCHEMA_REGISTRY_MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

/** Schema formats the registry knows. The registry treats a missing type as AVRO. */
export type SchemaType = "AVRO" | "JSON" | "PROTOBUF";

/** All schema types, for validation of user input. */
export const SCHEMA_TYPES: readonly SchemaType[] = ["AVRO", "JSON", "PROTOBUF"];

/** A reference from one schema to a schema registered under another subject. */
export interface SchemaReference {
  /** Name by which the referencing schema imports it (Avro full name, JSON `$ref`, Protobuf import path). */
  readonly name: string;
  /** Subject the referenced schema is registered under. */
  readonly subject: string;
  /** Version of the referenced schema in that subject. */
  readonly version: number;
}

/** A schema to register or check. */
export interface SchemaDefinition {
  /** The schema text (Avro JSON, JSON Schema or Protobuf source). */
  readonly schema: string;
  /** @default "AVRO" */
  readonly schemaType?: SchemaType;
  /** @default [] */
  readonly references?: readonly SchemaReference[];
}

/** A schema version as registered under a subject. */
export interface RegisteredSchema {
  readonly subject: string;
  /** Globally unique schema id. */
  readonly id: number;
  /** Version number within the subject. */
  readonly version: number;
  /** Schema text as the registry stores it (possibly normalised, so not byte-equal to what was sent). */
  readonly schema: string;
  readonly schemaType: SchemaType;
  readonly references: readonly SchemaReference[];
}

/** Result of a compatibility check against the latest version of a subject. */
export interface CompatibilityResult {
  readonly isCompatible: boolean;
  /** Reasons the registry gave (only with `verbose=true`, which this client always asks for). */
  readonly messages: readonly string[];
}

/** Registry error codes this client reacts to (see the Confluent API reference). */
export const SchemaRegistryErrorCode = {
  SubjectNotFound: 40401,
  VersionNotFound: 40402,
  SchemaNotFound: 40403,
  SubjectSoftDeleted: 40404,
  SubjectNotSoftDeleted: 40405,
  InvalidSchema: 42201,
  IncompatibleSchema: 409,
} as const;
