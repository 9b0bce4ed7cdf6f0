import { StreamsApp } from "../components/streams-bootstrap/streams-app/streams-app";
import { ComponentRegistry } from "../components/registry";
import { configSchema, defaultsSchema, pipelineSchema } from "./json-schema";

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("JSON schemas", () => {
  class MyApp extends StreamsApp {}
  const registry = new ComponentRegistry();
  registry.register(MyApp);

  it("pipeline: one of the concrete types (custom ones included), discriminated by a const `type`", () => {
    const schema = pipelineSchema(registry) as Schema;
    expect(Object.keys(schema.items.discriminator.mapping).sort()).toEqual(
      ["consumer-app", "consumer-producer-app", "helm-app", "kafka-sink-connector", "kafka-source-connector", "my-app", "producer-app", "producer-app-v2", "streams-app", "streams-app-v2"].sort(),
    );
    expect(schema.$defs.MyApp.properties.type).toMatchObject({ const: "my-app" });
  });

  it("pipeline: the v2 types KPOps 12 removed are still there, marked deprecated with the type to use", () => {
    const schema = pipelineSchema(registry) as Schema;
    expect(schema.$defs.StreamsAppV2).toMatchObject({ deprecated: true, description: expect.stringMatching(/^Deprecated: use 'streams-app'/) });
    expect(schema.$defs.ProducerAppV2).toMatchObject({ deprecated: true, description: expect.stringMatching(/^Deprecated: use 'producer-app'/) });
    expect(schema.$defs.StreamsApp.deprecated).toBeUndefined();
  });

  it("deviation: pipeline steps require only `type` (the rest may come from defaults)", () => {
    const schema = pipelineSchema(registry) as Schema;
    expect(schema.$defs.StreamsApp.required).toEqual(["type"]);
    expect(schema.$defs.StreamsAppValues.required).toBeUndefined();
  });

  it("defaults: an optional section per type, abstract ones included, nothing required", () => {
    const schema = defaultsSchema(registry) as Schema;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["pipeline-component", "kubernetes-app", "kafka-app", "kafka-connector", "streams-bootstrap", "streams-bootstrap-v2", "my-app", "cleaner"]),
    );
    expect(schema.required).toBeUndefined();
    expect(schema.$defs.StreamsApp.required).toBeUndefined();
  });

  it("config: kafka_brokers required, no extra keys, operation_mode hidden, keys sorted", () => {
    const schema = configSchema() as Schema;
    expect(schema.required).toEqual(["kafka_brokers"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties).not.toHaveProperty("operation_mode");
    expect(Object.keys(schema.properties)).toEqual([...Object.keys(schema.properties)].sort());
    expect(schema.properties.schema_registry).toMatchObject({ $ref: "#/$defs/SchemaRegistryConfig" });
  });
});
