import { FakeSchemaRegistry } from "../../../../tests/support/clients";
import { FakeHttpServer } from "../../../../tests/support/clients/fake-http-server";
import { ServiceResponseError, ServiceTimeoutError, ServiceUnreachableError } from "../http/errors";
import { SchemaRegistryClient } from "./client";
import { IncompatibleSchemaError, SchemaRegistryError } from "./errors";
import { SCHEMA_REGISTRY_MEDIA_TYPE } from "./model";

const AVRO_V1 = JSON.stringify({ type: "record", name: "Word", fields: [{ name: "text", type: "string" }] });
const AVRO_V2 = JSON.stringify({
  type: "record",
  name: "Word",
  fields: [
    { name: "text", type: "string" },
    { name: "count", type: "long", default: 0 },
  ],
});

describe("SchemaRegistryClient", () => {
  let registry: FakeSchemaRegistry;
  let client: SchemaRegistryClient;

  beforeEach(async () => {
    registry = await FakeSchemaRegistry.start();
    client = new SchemaRegistryClient({ url: `${registry.url}/`, timeoutSeconds: 5 });
  });

  afterEach(async () => {
    await registry.stop();
  });

  it("registers a schema with the registry media type and reads it back as the latest version", async () => {
    const id = await client.register("words-value", { schema: AVRO_V1 });

    const [post] = registry.http.received("POST", "/subjects/words-value/versions");
    expect(post?.headers["content-type"]).toBe(SCHEMA_REGISTRY_MEDIA_TYPE);
    expect(post?.headers.accept).toBe(SCHEMA_REGISTRY_MEDIA_TYPE);
    expect(post?.body).toEqual({ schema: AVRO_V1 });
    const latest = await client.getLatest("words-value");
    expect(latest).toMatchObject({ subject: "words-value", id, version: 1, schema: AVRO_V1, schemaType: "AVRO" });
    expect(await client.listSubjects()).toEqual(["words-value"]);
    expect(await client.listVersions("words-value")).toEqual([1]);
  });

  it("sends schemaType and references for non-Avro schemas", async () => {
    await client.register("orders-value", {
      schema: '{"type":"object"}',
      schemaType: "JSON",
      references: [{ name: "common.json", subject: "common", version: 2 }],
    });

    expect(registry.http.received("POST", "/subjects/orders-value/versions")[0]?.body).toEqual({
      schema: '{"type":"object"}',
      schemaType: "JSON",
      references: [{ name: "common.json", subject: "common", version: 2 }],
    });
  });

  it("reports a missing subject as undefined or empty, not as an error", async () => {
    expect(await client.getLatest("nope-value")).toBeUndefined();
    expect(await client.listVersions("nope-value")).toEqual([]);
    expect(await client.lookup("nope-value", { schema: AVRO_V1 })).toBeUndefined();
  });

  it("looks up a registered schema and reports an unknown schema under a known subject as undefined", async () => {
    registry.seed("words-value", AVRO_V1);

    expect(await client.lookup("words-value", { schema: AVRO_V1 })).toMatchObject({ version: 1 });
    expect(await client.lookup("words-value", { schema: AVRO_V2 })).toBeUndefined();
  });

  it("percent-encodes subject names in paths", async () => {
    await client.getLatest("a/b c");

    expect(registry.requests[0]?.path).toBe("/subjects/a%2Fb%20c/versions/latest");
  });

  it("checks compatibility verbosely and returns the registry's reasons", async () => {
    registry.seed("words-value", AVRO_V1);
    expect(await client.checkCompatibility("words-value", { schema: AVRO_V2 })).toEqual({ isCompatible: true, messages: [] });

    registry.setIncompatible("words-value", ["READER_FIELD_MISSING_DEFAULT_VALUE count"]);
    const verdict = await client.checkCompatibility("words-value", { schema: AVRO_V2 });

    expect(verdict).toEqual({ isCompatible: false, messages: ["READER_FIELD_MISSING_DEFAULT_VALUE count"] });
    const checks = registry.http.received("POST", "/compatibility/subjects/words-value/versions/latest");
    expect(checks).toHaveLength(2);
    expect(checks[0]?.query).toEqual({ verbose: "true" });
  });

  it("treats a compatibility check on a missing subject as compatible", async () => {
    expect(await client.checkCompatibility("fresh-value", { schema: AVRO_V1 })).toEqual({ isCompatible: true, messages: [] });
  });

  it("throws IncompatibleSchemaError when registration is refused with 409", async () => {
    registry.seed("words-value", AVRO_V1);
    registry.setIncompatible("words-value");

    const attempt = client.register("words-value", { schema: AVRO_V2 });

    await expect(attempt).rejects.toBeInstanceOf(IncompatibleSchemaError);
    await expect(attempt).rejects.toThrow(/subject "words-value" is not compatible/);
    expect(registry.versionsOf("words-value")).toHaveLength(1);
  });

  it("turns 422 into a SchemaRegistryError carrying status, error code and message", async () => {
    const error = await client.register("words-value", { schema: "" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SchemaRegistryError);
    expect(error).toMatchObject({ status: 422, errorCode: 42201, subject: "words-value" });
    expect((error as Error).message).toMatch(/registering a schema under subject "words-value": HTTP 422 error_code 42201: Either the input schema/);
  });

  it("soft-deletes by default and deletes permanently only when asked", async () => {
    registry.seed("words-value", AVRO_V1);
    registry.seed("words-value", AVRO_V2);

    expect(await client.deleteSubject("words-value")).toEqual([1, 2]);
    expect(registry.hasSubject("words-value")).toBe(false);
    expect(registry.versionsOf("words-value")).toHaveLength(2);

    expect(await client.deleteSubject("words-value", { permanent: true })).toEqual([1, 2]);
    expect(registry.versionsOf("words-value")).toHaveLength(0);
    const deletes = registry.http.received("DELETE", "/subjects/words-value");
    expect(deletes.map((r) => r.query)).toEqual([{}, {}, { permanent: "true" }]);
  });

  it("deleting a missing subject returns no versions", async () => {
    expect(await client.deleteSubject("ghost-value", { permanent: true })).toEqual([]);
    expect(registry.http.received("DELETE")).toHaveLength(1);
  });

  it("turns 5xx answers into errors with the status", async () => {
    registry.http.override("GET", "/subjects/words-value/versions/latest", {
      status: 500,
      body: { error_code: 50001, message: "Error in the backend data store" },
    });

    await expect(client.getLatest("words-value")).rejects.toMatchObject({
      status: 500,
      errorCode: 50001,
      serviceMessage: "Error in the backend data store",
    });
  });

  it("sends basic auth and reports 401 as an auth failure", async () => {
    registry.http.requireBasicAuth("sr-user", "sr-pass");
    const authed = new SchemaRegistryClient({ url: registry.url, username: "sr-user", password: "sr-pass" });

    await authed.register("words-value", { schema: AVRO_V1 });
    expect(registry.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from("sr-user:sr-pass").toString("base64")}`);

    const error = await client.listSubjects().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceResponseError);
    expect((error as ServiceResponseError).isAuthFailure).toBe(true);
    expect(registry.requests[1]?.headers.authorization).toBeUndefined();
  });

  it("gives up after the configured timeout when the registry never answers", async () => {
    registry.http.override("GET", "/subjects", "hang");
    const impatient = new SchemaRegistryClient({ url: registry.url, timeoutSeconds: 0.2 });
    const started = Date.now();

    const error = await impatient.listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceTimeoutError);
    expect((error as Error).message).toMatch(/\[Schema Registry\] no answer within 0.2 s \(GET http:\/\/127.0.0.1:\d+\/subjects\)/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("SchemaRegistryClient without a registry", () => {
  it("reports an unreachable service", async () => {
    const server = await FakeHttpServer.start(() => ({ status: 200 }));
    const url = server.url;
    await server.stop();

    const error = await new SchemaRegistryClient({ url }).listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceUnreachableError);
    expect((error as Error).message).toMatch(/cannot reach the service/);
  });

  it("rejects a non-positive timeout", () => {
    expect(() => new SchemaRegistryClient({ url: "http://127.0.0.1:1", timeoutSeconds: 0 })).toThrow(RangeError);
  });
});
