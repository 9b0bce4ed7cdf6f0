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
    const connectorRegistration = registered.find((r) => r.name === "sink");
    const subjectRegistration = registered.find((r) => r.name === "words-value");
    expect(connectorRegistration?.type).toBe("kpops:index:KafkaConnector");
    expect(subjectRegistration?.type).toBe("kpops:index:SchemaSubject");
    // Custom resources of the plugin: no serialised provider travels with the inputs any more.
    expect(Object.keys(connectorRegistration?.inputs ?? {})).toEqual(expect.arrayContaining(["connectorName", "config", "connection"]));
    expect(connectorRegistration?.inputs).not.toHaveProperty("__provider");
  });

  it("ask for the plugin of the package's version and alias the dynamic-resource type they had before", async () => {
    const { kpopsResourceOptions } = await import("./package");
    const version: string = require("../../../package.json").version;

    const options = kpopsResourceOptions("KafkaConnector", { retainOnDelete: true }, ["credentials"]);

    expect(options).toMatchObject({ version, retainOnDelete: true, additionalSecretOutputs: ["credentials"] });
    expect(options.aliases).toEqual([{ type: "pulumi-nodejs:dynamic/kpops:KafkaConnector" }]);
  });
});
