import { JsonResponse, JsonTransport, errorDetails, pathSegment } from "../http/transport";
import { ServiceConnection } from "../http/connection";
import { IncompatibleSchemaError, SCHEMA_REGISTRY, SchemaRegistryError } from "./errors";
import {
  CompatibilityResult,
  RegisteredSchema,
  SCHEMA_REGISTRY_MEDIA_TYPE,
  SchemaDefinition,
  SchemaReference,
  SchemaRegistryErrorCode,
  SchemaType,
} from "./model";

/** Connection settings of a Schema Registry (`schema_registry.url` and `.timeout` in KPOps' config). */
export type SchemaRegistryConnection = ServiceConnection;

/**
 * Client of the Confluent Schema Registry REST API: the requests KPOps' schema handler makes
 * (subjects, versions, register, compatibility, delete), and nothing else.
 *
 * Every method either returns the service's answer or throws: {@link SchemaRegistryError} for an error status
 * (carrying status, registry `error_code` and message), {@link IncompatibleSchemaError} when a schema is refused
 * as incompatible, or the transport errors of `../http/errors`.
 */
export class SchemaRegistryClient {
  private readonly transport: JsonTransport;

  constructor(connection: SchemaRegistryConnection) {
    this.transport = new JsonTransport(connection, { service: SCHEMA_REGISTRY, mediaType: SCHEMA_REGISTRY_MEDIA_TYPE });
  }

  /** Base URL without a trailing slash. */
  get url(): string {
    return this.transport.baseUrl;
  }

  /** All (not soft-deleted) subjects. */
  async listSubjects(): Promise<string[]> {
    const response = await this.transport.send({ method: "GET", path: "/subjects" });
    this.expectOk(response, { action: "listing subjects" });
    return asArray(response.body).map(String);
  }

  /** Version numbers of a subject, or an empty list when the subject does not exist. */
  async listVersions(subject: string): Promise<number[]> {
    const response = await this.transport.send({ method: "GET", path: `/subjects/${pathSegment(subject)}/versions` });
    if (isSubjectMissing(response)) {
      return [];
    }
    this.expectOk(response, { subject, action: "listing versions of" });
    return asArray(response.body).map(Number);
  }

  /** The latest version of a subject, or undefined when the subject does not exist. */
  async getLatest(subject: string): Promise<RegisteredSchema | undefined> {
    const response = await this.transport.send({
      method: "GET",
      path: `/subjects/${pathSegment(subject)}/versions/latest`,
    });
    if (isSubjectMissing(response)) {
      return undefined;
    }
    this.expectOk(response, { subject, action: "reading the latest version of" });
    return toRegisteredSchema(subject, response.body);
  }

  /**
   * Looks a schema up under a subject (`POST /subjects/{subject}`): its version if exactly this schema is
   * registered there, undefined if the subject or the schema is unknown.
   */
  async lookup(subject: string, definition: SchemaDefinition): Promise<RegisteredSchema | undefined> {
    const response = await this.transport.send({
      method: "POST",
      path: `/subjects/${pathSegment(subject)}`,
      body: toWire(definition),
    });
    if (
      response.status === 404 &&
      [SchemaRegistryErrorCode.SubjectNotFound, SchemaRegistryErrorCode.SchemaNotFound].includes(
        errorDetails(response.body).errorCode as 40401 | 40403,
      )
    ) {
      return undefined;
    }
    this.expectOk(response, { subject, action: "looking up a schema in" });
    return toRegisteredSchema(subject, response.body, definition);
  }

  /**
   * Registers a schema under a subject (`POST /subjects/{subject}/versions`) and returns its global id.
   * Registering a schema that is already there returns the existing id without a new version.
   * @throws IncompatibleSchemaError when the registry refuses it as incompatible (HTTP 409).
   */
  async register(subject: string, definition: SchemaDefinition): Promise<number> {
    const response = await this.transport.send({
      method: "POST",
      path: `/subjects/${pathSegment(subject)}/versions`,
      body: toWire(definition),
    });
    if (response.status === 409) {
      const { serviceMessage } = errorDetails(response.body);
      throw new IncompatibleSchemaError(subject, serviceMessage ? [serviceMessage] : []);
    }
    this.expectOk(response, { subject, action: "registering a schema under" });
    const id = (response.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== "number") {
      throw new SchemaRegistryError(response.request, response.status, {
        subject,
        action: "registering a schema under",
        serviceMessage: "answer carries no schema id",
      });
    }
    return id;
  }

  /**
   * Tests a schema against the latest version of a subject
   * (`POST /compatibility/subjects/{subject}/versions/latest?verbose=true`).
   * A subject that does not exist is reported as compatible: anything may be registered there.
   */
  async checkCompatibility(subject: string, definition: SchemaDefinition): Promise<CompatibilityResult> {
    const response = await this.transport.send({
      method: "POST",
      path: `/compatibility/subjects/${pathSegment(subject)}/versions/latest`,
      query: { verbose: "true" },
      body: toWire(definition),
    });
    if (
      response.status === 404 &&
      [SchemaRegistryErrorCode.SubjectNotFound, SchemaRegistryErrorCode.VersionNotFound].includes(
        errorDetails(response.body).errorCode as 40401 | 40402,
      )
    ) {
      return { isCompatible: true, messages: [] };
    }
    this.expectOk(response, { subject, action: "checking compatibility with" });
    const body = (response.body ?? {}) as { is_compatible?: unknown; messages?: unknown };
    return {
      isCompatible: body.is_compatible === true,
      messages: Array.isArray(body.messages) ? body.messages.map(String) : [],
    };
  }

  /**
   * Deletes a subject: a soft delete, then with `permanent` also the hard delete that frees its versions for good.
   * Returns the deleted version numbers; an unknown subject yields an empty list (nothing to delete).
   */
  async deleteSubject(subject: string, options: { permanent?: boolean } = {}): Promise<number[]> {
    const path = `/subjects/${pathSegment(subject)}`;
    const soft = await this.transport.send({ method: "DELETE", path });
    let versions: number[] = [];
    const softCode = errorDetails(soft.body).errorCode;
    if (soft.status === 404 && softCode === SchemaRegistryErrorCode.SubjectSoftDeleted) {
      // Already soft-deleted earlier: only the permanent step can be left to do.
    } else if (soft.status === 404 && softCode === SchemaRegistryErrorCode.SubjectNotFound) {
      return [];
    } else {
      this.expectOk(soft, { subject, action: "deleting" });
      versions = asArray(soft.body).map(Number);
    }
    if (!options.permanent) {
      return versions;
    }
    const hard = await this.transport.send({ method: "DELETE", path, query: { permanent: "true" } });
    if (hard.status === 404 && errorDetails(hard.body).errorCode === SchemaRegistryErrorCode.SubjectNotFound) {
      return versions;
    }
    this.expectOk(hard, { subject, action: "permanently deleting" });
    const hardVersions = asArray(hard.body).map(Number);
    return hardVersions.length > 0 ? hardVersions : versions;
  }

  private expectOk(response: JsonResponse, context: { subject?: string; action: string }): void {
    if (response.status >= 200 && response.status < 300) {
      return;
    }
    throw new SchemaRegistryError(response.request, response.status, { ...errorDetails(response.body), ...context });
  }
}

function isSubjectMissing(response: JsonResponse): boolean {
  return response.status === 404 && errorDetails(response.body).errorCode === SchemaRegistryErrorCode.SubjectNotFound;
}

function asArray(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [];
}

function toWire(definition: SchemaDefinition): Record<string, unknown> {
  const wire: Record<string, unknown> = { schema: definition.schema };
  // AVRO is the registry's default type, so it is left out and the request matches what KPOps sends.
  if (definition.schemaType && definition.schemaType !== "AVRO") {
    wire.schemaType = definition.schemaType;
  }
  if (definition.references && definition.references.length > 0) {
    wire.references = definition.references.map((ref) => ({ name: ref.name, subject: ref.subject, version: ref.version }));
  }
  return wire;
}

function toRegisteredSchema(subject: string, body: unknown, sent?: SchemaDefinition): RegisteredSchema {
  const record = (body ?? {}) as Record<string, unknown>;
  return {
    subject: typeof record.subject === "string" ? record.subject : subject,
    id: Number(record.id),
    version: Number(record.version),
    schema: typeof record.schema === "string" ? record.schema : (sent?.schema ?? ""),
    schemaType: (typeof record.schemaType === "string" ? record.schemaType : "AVRO") as SchemaType,
    references: Array.isArray(record.references)
      ? (record.references as SchemaReference[]).map((ref) => ({
          name: String(ref.name),
          subject: String(ref.subject),
          version: Number(ref.version),
        }))
      : [],
  };
}
