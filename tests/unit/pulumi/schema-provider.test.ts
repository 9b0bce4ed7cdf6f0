import * as path from "path";
import { loadSchemaProvider, resolveSchemaProvider } from "../../../sdk/src/pulumi/schema-provider";

const dir = path.join(__dirname, "fixtures", "schema-providers");
const request = { topic: "t", subject: "t-value", role: "value" as const, models: {} };

describe("schema providers", () => {
  it("loads an exported provider object from a relative module path", async () => {
    const provider = loadSchemaProvider("./object.js", dir);
    const schema = await provider.provide("com.example.Order", "AVRO", request);
    expect(JSON.parse(schema.schema)).toEqual({ type: "record", name: "com.example.Order", namespace: "object" });
    expect(schema.schemaType).toBe("AVRO");
  });

  it("instantiates an exported class", async () => {
    const provider = loadSchemaProvider(path.join(dir, "class.js"));
    await expect(Promise.resolve(provider.provide("Order", "AVRO", request))).resolves.toEqual({ schema: '{"title":"Order"}', schemaType: "JSON" });
  });

  it("rejects a module without a provider", () => {
    expect(() => loadSchemaProvider("./none.js", dir)).toThrow(/exports no schema provider/);
  });

  it("passes objects through and keeps undefined", () => {
    const provider = { provide: () => ({ schema: "{}" }) };
    expect(resolveSchemaProvider(provider)).toBe(provider);
    expect(resolveSchemaProvider(undefined)).toBeUndefined();
  });
});
