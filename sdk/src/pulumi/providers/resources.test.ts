import * as pulumi from "@pulumi/pulumi";

/** Registrations the mock engine saw: type token, name and inputs. */
const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "kpops",
    "test",
    false,
  );
});

function valueOf<T>(output: pulumi.Output<T>): Promise<{ value: unknown; secret: boolean }> {
  return new Promise((resolve) => {
    pulumi.all([output, pulumi.isSecret(output)]).apply(([value, secret]) => resolve({ value, secret }));
  });
}

describe("KafkaConnector and SchemaSubject resources", () => {
  it("register under kpops type tokens with the inputs, outputs declared and credentials secret", async () => {
    const { KafkaConnector, SchemaSubject } = await import("./index");

    const connector = new KafkaConnector("sink", {
      connectorName: "demo-sink",
      config: { "connector.class": "org.example.Sink", "tasks.max": 1 },
      state: "paused",
      connection: { url: "http://connect:8083" },
      credentials: { username: "u", password: "p" },
    });
    const subject = new SchemaSubject("words-value", {
      subject: "words-value",
      schema: '{"type":"string"}',
      connection: { url: "http://registry:8081" },
    });

    expect(await valueOf(connector.connectorName)).toEqual({ value: "demo-sink", secret: false });
    expect(await valueOf(connector.credentials)).toEqual({ value: { username: "u", password: "p" }, secret: true });
    expect(await valueOf(connector.state)).toEqual({ value: "paused", secret: false });
    expect(await valueOf(subject.subject)).toEqual({ value: "words-value", secret: false });
    const types = registered.map((r) => r.type);
    expect(types).toContain("pulumi-nodejs:dynamic/kpops:KafkaConnector");
    expect(types).toContain("pulumi-nodejs:dynamic/kpops:SchemaSubject");
    const connectorInputs = registered.find((r) => r.name === "sink")?.inputs ?? {};
    expect(Object.keys(connectorInputs)).toEqual(expect.arrayContaining(["connectorName", "config", "connection", "__provider"]));
    const providerText = String(connectorInputs.__provider);
    // The serialised provider only delegates to the installed package: tiny, no captured classes or modules.
    expect(providerText).toContain('"@kpops/pulumi/dist/pulumi/providers/kafka-connector-operations"');
    expect(providerText).toContain("require(KAFKA_CONNECTOR_OPERATIONS).deleteConnector(id, props)");
    expect(providerText).not.toMatch(/undici|zod|class |KafkaConnectClient/);
    expect(providerText.length).toBeLessThan(4000);
  });
});
