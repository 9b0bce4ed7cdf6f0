import { IncompatibleSchemaError } from "../../clients/schema-registry/errors";
import { FakeHttpServer, FakeSchemaRegistry } from "../../../../tests/support/clients";
import {
  SchemaSubjectInputs,
  checkSubject,
  createSubject,
  deleteSubject,
  diffSubject,
  readSubject,
  updateSubject,
  validateSubjectForPreview,
} from "./schema-subject-operations";
import { UNKNOWN_VALUE } from "./provider-support";

const V1 = JSON.stringify({ type: "record", name: "Word", fields: [{ name: "text", type: "string" }] });
const V2 = JSON.stringify({ type: "record", name: "Word", fields: [{ name: "text", type: "string" }, { name: "n", type: "int", default: 0 }] });

describe("SchemaSubject operations", () => {
  let registry: FakeSchemaRegistry;
  let warnings: string[];
  const log = (message: string) => warnings.push(message);

  const inputs = (overrides: Partial<SchemaSubjectInputs> = {}): SchemaSubjectInputs => ({
    subject: "words-value",
    schema: V1,
    schemaType: "AVRO",
    references: [],
    connection: { url: registry.url, timeoutSeconds: 5 },
    deleteOnDestroy: false,
    permanentDelete: false,
    preflightChecks: true,
    ...overrides,
  });

  beforeEach(async () => {
    registry = await FakeSchemaRegistry.start();
    warnings = [];
  });

  afterEach(async () => {
    await registry.stop();
  });

  describe("check", () => {
    it("fills in defaults and asks nothing more of a new subject than whether it exists", async () => {
      const { inputs: checked, failures } = await checkSubject({}, { subject: "words-value", schema: V1, connection: { url: `${registry.url}/` } }, undefined, log);

      expect(failures).toEqual([]);
      expect(checked).toMatchObject({ schemaType: "AVRO", references: [], deleteOnDestroy: false, permanentDelete: false, preflightChecks: true, connection: { url: registry.url } });
      expect(registry.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /subjects/words-value/versions"]);
    });

    it("fails when the schema is incompatible with the existing subject", async () => {
      registry.seed("words-value", V1);
      registry.setIncompatible("words-value", ["READER_FIELD_MISSING_DEFAULT_VALUE n"]);

      const { failures } = await checkSubject({}, { subject: "words-value", schema: V2, connection: { url: registry.url } }, undefined, log);

      expect(failures).toEqual([
        { property: "schema", reason: '[Schema Registry] schema for subject "words-value" is not compatible with its latest version: READER_FIELD_MISSING_DEFAULT_VALUE n' },
      ]);
      expect(registry.http.received("POST", "/compatibility/subjects/words-value/versions/latest")).toHaveLength(1);
    });

    it("does not test compatibility of a schema that is registered already", async () => {
      registry.seed("words-value", V1);
      registry.setIncompatible("words-value");

      const { failures } = await checkSubject({}, { subject: "words-value", schema: V1, connection: { url: registry.url } }, undefined, log);

      expect(failures).toEqual([]);
      expect(registry.http.received("POST", "/compatibility/subjects/words-value/versions/latest")).toHaveLength(0);
    });

    it("reports offline problems without asking the registry", async () => {
      const { failures } = await checkSubject({}, { subject: "", schema: "", schemaType: "XML", connection: { timeoutSeconds: -1 } }, undefined, log);

      expect(failures.map((f) => f.property)).toEqual(["subject", "schema", "schemaType", "connection", "connection"]);
      expect(registry.requests).toHaveLength(0);
    });

    it("skips the registry when inputs are unknown or preflight checks are off", async () => {
      await checkSubject({}, { subject: "words-value", schema: UNKNOWN_VALUE, connection: { url: registry.url } }, undefined, log);
      await checkSubject({}, { subject: "words-value", schema: V1, connection: { url: registry.url }, preflightChecks: false }, undefined, log);

      expect(registry.requests).toHaveLength(0);
    });

    it("warns and goes on when the registry cannot be reached", async () => {
      const down = await FakeHttpServer.start(() => ({ status: 200 }));
      await down.stop();

      const { failures } = await checkSubject({}, { subject: "words-value", schema: V1, connection: { url: down.url } }, undefined, log);

      expect(failures).toEqual([]);
      expect(warnings[0]).toMatch(/^Schema Registry not reachable, compatibility of subject "words-value" not checked: \[Schema Registry\] cannot reach the service/);
    });

    it("fails on a 5xx from the registry: it answered, so preview should not pretend", async () => {
      registry.http.override("GET", "/subjects/words-value/versions", { status: 500, body: { error_code: 50001, message: "store down" } });

      await expect(checkSubject({}, { subject: "words-value", schema: V1, connection: { url: registry.url } }, undefined, log)).rejects.toMatchObject({ status: 500, errorCode: 50001 });
    });
  });

  describe("validateSubjectForPreview", () => {
    it("reports existence, registration and compatibility", async () => {
      expect(await validateSubjectForPreview(inputs())).toEqual({ exists: false, registered: false, isCompatible: true, messages: [] });
      registry.seed("words-value", V1);
      expect(await validateSubjectForPreview(inputs())).toEqual({ exists: true, registered: true, isCompatible: true, messages: [] });
      registry.setIncompatible("words-value", ["nope"]);
      expect(await validateSubjectForPreview(inputs({ schema: V2 }))).toEqual({ exists: true, registered: false, isCompatible: false, messages: ["nope"] });
    });
  });

  describe("diff", () => {
    it("replaces only on a new subject name", async () => {
      const olds = { ...inputs(), schemaId: 1, version: 1 };

      expect(await diffSubject("words-value", olds, inputs() as never)).toEqual({ changes: false, replaces: [] });
      expect(await diffSubject("words-value", olds, inputs({ subject: "letters-value" }) as never)).toEqual({ changes: true, replaces: ["subject"] });
      expect(await diffSubject("words-value", olds, inputs({ schema: V2 }) as never)).toEqual({ changes: true, replaces: [] });
      expect(await diffSubject("words-value", olds, inputs({ connection: { url: "http://other:8081" } }) as never)).toEqual({ changes: true, replaces: [] });
    });
  });

  describe("create", () => {
    it("registers the schema and returns id and version", async () => {
      const { id, outs } = await createSubject(inputs());

      expect(id).toBe("words-value");
      expect(outs).toMatchObject({ subject: "words-value", schemaId: 1, version: 1 });
      expect(registry.http.received("POST", "/subjects/words-value/versions")[0]?.body).toEqual({ schema: V1 });
    });

    it("is idempotent when the same schema is registered already", async () => {
      const seeded = registry.seed("words-value", V1);

      const { outs } = await createSubject(inputs());

      expect(outs).toMatchObject({ schemaId: seeded.id, version: 1 });
      expect(registry.http.received("POST", "/subjects/words-value/versions")).toHaveLength(0);
      expect(registry.versionsOf("words-value")).toHaveLength(1);
    });

    it("refuses an incompatible schema for an existing subject and registers nothing", async () => {
      registry.seed("words-value", V1);
      registry.setIncompatible("words-value", ["field removed"]);

      await expect(createSubject(inputs({ schema: V2 }))).rejects.toThrow(IncompatibleSchemaError);
      expect(registry.http.received("POST", "/subjects/words-value/versions")).toHaveLength(0);
    });

    it("sends credentials as basic auth and fails clearly on a 401", async () => {
      registry.http.requireBasicAuth("sr", "pw");

      await expect(createSubject(inputs())).rejects.toThrow(/looking up a schema in subject "words-value": HTTP 401 error_code 401: Unauthorized/);
      const { outs } = await createSubject(inputs({ credentials: { username: "sr", password: "pw" } }));
      expect(outs.version).toBe(1);
    });
  });

  describe("update", () => {
    it("registers a compatible schema as a new version after a compatibility check", async () => {
      registry.seed("words-value", V1);

      const { outs } = await updateSubject("words-value", { ...inputs(), schemaId: 1, version: 1 }, inputs({ schema: V2 }));

      expect(outs).toMatchObject({ schema: V2, version: 2 });
      const paths = registry.requests.map((r) => `${r.method} ${r.path}`);
      expect(paths.indexOf("POST /compatibility/subjects/words-value/versions/latest")).toBeLessThan(paths.indexOf("POST /subjects/words-value/versions"));
    });

    it("is blocked by a failing compatibility check", async () => {
      registry.seed("words-value", V1);
      registry.setIncompatible("words-value", ["READER_FIELD_MISSING_DEFAULT_VALUE n"]);

      const attempt = updateSubject("words-value", { ...inputs(), schemaId: 1, version: 1 }, inputs({ schema: V2 }));

      await expect(attempt).rejects.toThrow('[Schema Registry] schema for subject "words-value" is not compatible with its latest version: READER_FIELD_MISSING_DEFAULT_VALUE n');
      expect(registry.versionsOf("words-value")).toHaveLength(1);
      expect(registry.http.received("POST", "/subjects/words-value/versions")).toHaveLength(0);
    });

    it("times out when the registry never answers", async () => {
      registry.http.override("POST", "/subjects/words-value", "hang");

      await expect(updateSubject("words-value", inputs(), inputs({ connection: { url: registry.url, timeoutSeconds: 0.2 } }))).rejects.toThrow(/\[Schema Registry\] no answer within 0.2 s/);
    });
  });

  describe("read", () => {
    it("keeps the stored schema text when it is still the latest version", async () => {
      registry.seed("words-value", V1);

      const result = await readSubject("words-value", { ...inputs(), schemaId: 99, version: 7 });

      expect(result.props).toMatchObject({ schema: V1, schemaId: 1, version: 1 });
      expect(result.inputs).toMatchObject({ schema: V1 });
      expect(result.inputs).not.toHaveProperty("version");
    });

    it("shows drift when someone registered a newer version", async () => {
      registry.seed("words-value", V1);
      registry.seed("words-value", V2);

      const result = await readSubject("words-value", { ...inputs(), schemaId: 1, version: 1 });

      expect(result.props).toMatchObject({ schema: V2, version: 2 });
      expect(result.inputs).toMatchObject({ schema: V2 });
    });

    it("returns an empty id when the subject is gone", async () => {
      expect(await readSubject("words-value", inputs())).toEqual({ id: "" });
    });
  });

  describe("delete", () => {
    it("keeps the subject by default and does not even contact the registry", async () => {
      registry.seed("words-value", V1);

      await deleteSubject("words-value", inputs(), undefined, log);

      expect(registry.hasSubject("words-value")).toBe(true);
      expect(registry.requests).toHaveLength(0);
    });

    it("soft-deletes only when deleteOnDestroy says so", async () => {
      registry.seed("words-value", V1);

      await deleteSubject("words-value", inputs({ deleteOnDestroy: true }), undefined, log);

      expect(registry.hasSubject("words-value")).toBe(false);
      expect(registry.versionsOf("words-value")).toHaveLength(1);
      expect(registry.http.received("DELETE").map((r) => r.query)).toEqual([{}]);
    });

    it("also deletes permanently with permanentDelete", async () => {
      registry.seed("words-value", V1);

      await deleteSubject("words-value", inputs({ deleteOnDestroy: true, permanentDelete: true }), undefined, log);

      expect(registry.versionsOf("words-value")).toHaveLength(0);
      expect(registry.http.received("DELETE").map((r) => r.query)).toEqual([{}, { permanent: "true" }]);
    });

    it("warns when there is nothing to delete", async () => {
      await deleteSubject("words-value", inputs({ deleteOnDestroy: true }), undefined, log);

      expect(warnings).toEqual(['subject "words-value" does not exist in the Schema Registry; nothing to delete']);
    });
  });
});
