import { FakeHttpServer, FakeReply, FakeService, RecordedRequest } from "./fake-http-server";

/**
 * Test double of the Confluent Schema Registry REST API, in memory: subjects with versions, global schema ids,
 * soft and permanent deletes, lookup, and compatibility checks whose verdict a test decides
 * ({@link FakeSchemaRegistry.setIncompatible}). Unit tests only.
 */

/** One stored version. */
export interface FakeSchemaVersion {
  readonly id: number;
  readonly version: number;
  readonly schema: string;
  readonly schemaType?: string;
  readonly references?: unknown[];
}

interface FakeSubject {
  versions: FakeSchemaVersion[];
  softDeleted: boolean;
}

export class FakeSchemaRegistry extends FakeService {
  private readonly subjects = new Map<string, FakeSubject>();
  private readonly idsBySchema = new Map<string, number>();
  private readonly incompatible = new Map<string, string[]>();
  private nextId = 1;

  private constructor(http: FakeHttpServer) {
    super(http);
  }

  /** Starts the fake on 127.0.0.1, port 0. */
  static start(): Promise<FakeSchemaRegistry> {
    return this.startService((http) => new FakeSchemaRegistry(http));
  }

  /** Stores a version directly, as if someone had registered it before the test. */
  seed(subject: string, schema: string, schemaType?: string): FakeSchemaVersion {
    return this.store(subject, { schema, schemaType });
  }

  /** Makes compatibility checks and registrations of new schemas under `subject` fail with these messages. */
  setIncompatible(subject: string, messages: string[] = ["reader field removed"]): void {
    this.incompatible.set(subject, messages);
  }

  /** Undoes {@link setIncompatible}: every schema is compatible again. */
  clearIncompatible(subject: string): void {
    this.incompatible.delete(subject);
  }

  /** Versions currently stored (soft-deleted subjects included), for assertions. */
  versionsOf(subject: string): FakeSchemaVersion[] {
    return this.subjects.get(subject)?.versions ?? [];
  }

  /** True if the subject exists and is not soft-deleted. */
  hasSubject(subject: string): boolean {
    const entry = this.subjects.get(subject);
    return entry !== undefined && !entry.softDeleted;
  }

  protected override answer(request: RecordedRequest): FakeReply {
    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent);
    if (request.method === "GET" && parts.length === 1 && parts[0] === "subjects") {
      return ok([...this.subjects].filter(([, s]) => !s.softDeleted).map(([name]) => name));
    }
    if (parts[0] === "compatibility" && parts[1] === "subjects" && parts[3] === "versions" && request.method === "POST") {
      return this.compatibility(parts[2]!, request.body);
    }
    if (parts[0] !== "subjects" || parts.length < 2) {
      return notFound(404, "HTTP 404 Not Found");
    }
    const subject = parts[1]!;
    const live = this.live(subject);
    if (parts.length === 2 && request.method === "POST") {
      return this.lookup(subject, request.body);
    }
    if (parts.length === 2 && request.method === "DELETE") {
      return this.delete(subject, request.query.permanent === "true");
    }
    if (parts.length === 3 && parts[2] === "versions" && request.method === "GET") {
      return live ? ok(live.versions.map((v) => v.version)) : subjectNotFound(subject);
    }
    if (parts.length === 3 && parts[2] === "versions" && request.method === "POST") {
      return this.register(subject, request.body);
    }
    if (parts.length === 4 && parts[2] === "versions" && request.method === "GET") {
      if (!live) {
        return subjectNotFound(subject);
      }
      const wanted = parts[3] === "latest" ? live.versions[live.versions.length - 1] : live.versions.find((v) => String(v.version) === parts[3]);
      return wanted ? ok({ subject, ...wanted }) : notFound(40402, `Version ${parts[3]} not found.`);
    }
    return { status: 405, body: { error_code: 405, message: "HTTP 405 Method Not Allowed" } };
  }

  private live(subject: string): FakeSubject | undefined {
    const entry = this.subjects.get(subject);
    return entry && !entry.softDeleted && entry.versions.length > 0 ? entry : undefined;
  }

  private lookup(subject: string, body: unknown): FakeReply {
    const live = this.live(subject);
    if (!live) {
      return subjectNotFound(subject);
    }
    const wanted = readSchema(body);
    const found = live.versions.find((v) => v.schema === wanted.schema && (v.schemaType ?? "AVRO") === (wanted.schemaType ?? "AVRO"));
    return found ? ok({ subject, ...found }) : notFound(40403, "Schema not found");
  }

  private register(subject: string, body: unknown): FakeReply {
    const wanted = readSchema(body);
    if (!wanted.schema) {
      return { status: 422, body: { error_code: 42201, message: "Either the input schema or one of its references is invalid" } };
    }
    const live = this.live(subject);
    const existing = live?.versions.find((v) => v.schema === wanted.schema);
    if (existing) {
      return ok({ id: existing.id });
    }
    if (live && this.incompatible.has(subject)) {
      return {
        status: 409,
        body: { error_code: 409, message: `Schema being registered is incompatible with an earlier schema for subject "${subject}"` },
      };
    }
    return ok({ id: this.store(subject, wanted).id });
  }

  private compatibility(subject: string, body: unknown): FakeReply {
    if (!this.live(subject)) {
      return subjectNotFound(subject);
    }
    readSchema(body);
    const messages = this.incompatible.get(subject);
    return ok(messages ? { is_compatible: false, messages } : { is_compatible: true });
  }

  private delete(subject: string, permanent: boolean): FakeReply {
    const entry = this.subjects.get(subject);
    if (!entry || entry.versions.length === 0) {
      return subjectNotFound(subject);
    }
    const versions = entry.versions.map((v) => v.version);
    if (permanent) {
      if (!entry.softDeleted) {
        return notFound(40405, `Subject '${subject}' was not deleted first before being permanently deleted`);
      }
      this.subjects.delete(subject);
      return ok(versions);
    }
    if (entry.softDeleted) {
      return notFound(40404, `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`);
    }
    entry.softDeleted = true;
    return ok(versions);
  }

  private store(subject: string, wanted: { schema: string; schemaType?: string; references?: unknown[] }): FakeSchemaVersion {
    let entry = this.subjects.get(subject);
    if (!entry || entry.softDeleted) {
      entry = { versions: entry?.versions ?? [], softDeleted: false };
      this.subjects.set(subject, entry);
    }
    const key = `${wanted.schemaType ?? "AVRO"}\u0000${wanted.schema}`;
    const id = this.idsBySchema.get(key) ?? this.nextId++;
    this.idsBySchema.set(key, id);
    const last = entry.versions[entry.versions.length - 1];
    const version: FakeSchemaVersion = {
      id,
      version: (last?.version ?? 0) + 1,
      schema: wanted.schema,
      ...(wanted.schemaType ? { schemaType: wanted.schemaType } : {}),
      ...(wanted.references ? { references: wanted.references } : {}),
    };
    entry.versions.push(version);
    return version;
  }
}

function readSchema(body: unknown): { schema: string; schemaType?: string; references?: unknown[] } {
  const record = (body ?? {}) as Record<string, unknown>;
  return {
    schema: typeof record.schema === "string" ? record.schema : "",
    schemaType: typeof record.schemaType === "string" ? record.schemaType : undefined,
    references: Array.isArray(record.references) ? record.references : undefined,
  };
}

function ok(body: unknown): FakeReply {
  return { status: 200, body };
}

function notFound(errorCode: number, message: string): FakeReply {
  return { status: 404, body: { error_code: errorCode, message } };
}

function subjectNotFound(subject: string): FakeReply {
  return notFound(40401, `Subject '${subject}' not found.`);
}
