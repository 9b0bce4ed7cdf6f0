/**
 * The plugin's provider methods against the fake Schema Registry and Kafka Connect: what the engine sends (URNs,
 * wire secrets, state written by the earlier dynamic resources, import ids) and what it gets back.
 */
import { FAKE_SINK_CLASS, FakeKafkaConnect, FakeSchemaRegistry } from "../../tests/support/clients";
import { FakeKubernetes, helmStorageSecret } from "../../tests/support/clients/fake-kubernetes";
import { KpopsProvider, typeOfUrn } from "./provider";
import { SECRET_SIGNATURE, SIGNATURE_KEY, secretValue } from "./secrets";

const urn = (type: string, name: string) => `urn:pulumi:dev::demo::kpops:index:Project$${type}::${name}`;
const CONNECTOR = urn("kpops:index:KafkaConnector", "sink");
const SUBJECT = urn("kpops:index:SchemaSubject", "words-value");
const GUARD = urn("kpops:index:TopicGuard", "words");
const WORKLOADS = urn("kpops:index:ReleaseWorkloads", "app");
const SCHEMA = JSON.stringify({ type: "record", name: "Word", fields: [{ name: "text", type: "string" }] });
const SINK = { "connector.class": FAKE_SINK_CLASS, topics: "words", file: "/tmp/out.txt" };

describe("the kpops provider", () => {
  const provider = new KpopsProvider({ schema: "{}" });
  let connect: FakeKafkaConnect;
  let registry: FakeSchemaRegistry;

  beforeEach(async () => {
    [connect, registry] = await Promise.all([FakeKafkaConnect.start(), FakeSchemaRegistry.start()]);
  });

  afterEach(async () => {
    await Promise.all([connect.stop(), registry.stop()]);
  });

  const connectorInputs = () => ({ connectorName: "sink-a", config: { ...SINK }, connection: { url: connect.url }, credentials: secretValue({ username: "u", password: "p" }) });

  it("reads the type token from a URN, also under a parent type", () => {
    expect(typeOfUrn(CONNECTOR)).toBe("kpops:index:KafkaConnector");
    expect(typeOfUrn("urn:pulumi:dev::demo::kpops:index:TopicGuard::t")).toBe("kpops:index:TopicGuard");
  });

  it("fails with one clear message for a type it does not serve", async () => {
    await expect(provider.check(urn("kpops:index:Nope", "x"), {}, {})).rejects.toThrow('the kpops plugin has no custom resource of type "kpops:index:Nope"');
  });

  describe("KafkaConnector", () => {
    it("check keeps the credentials secret and sets config.name", async () => {
      const { inputs, failures } = await provider.check(CONNECTOR, {}, connectorInputs());

      expect(failures).toEqual([]);
      expect(inputs.credentials).toEqual({ [SIGNATURE_KEY]: SECRET_SIGNATURE, value: { username: "u", password: "p" } });
      expect(inputs.config).toEqual({ ...SINK, name: "sink-a" });
    });

    it("create makes the connector and returns the credentials wrapped as a secret", async () => {
      const { inputs } = await provider.check(CONNECTOR, {}, connectorInputs());

      const created = await provider.create(CONNECTOR, inputs);

      expect(created.id).toBe("sink-a");
      expect(connect.connectors.get("sink-a")?.config).toEqual({ ...SINK, name: "sink-a" });
      expect(created.outs.credentials[SIGNATURE_KEY]).toBe(SECRET_SIGNATURE);
      expect(created.outs.liveState).toBe("RUNNING");
    });

    it("diff of state written by the dynamic resource (with its serialised provider) against the same inputs: no change", async () => {
      const { inputs } = await provider.check(CONNECTOR, {}, connectorInputs());
      const dynamicState = { ...inputs, __provider: "exports.handler = ...", connectorType: "sink", liveState: "RUNNING" };

      expect(await provider.diff("sink-a", CONNECTOR, dynamicState, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("refresh sees a config changed behind Pulumi's back", async () => {
      const { inputs } = await provider.check(CONNECTOR, {}, connectorInputs());
      const { outs } = await provider.create(CONNECTOR, inputs);
      connect.connectors.get("sink-a")!.config.topics = "other";

      const read = await provider.read("sink-a", CONNECTOR, outs);

      expect(read.id).toBe("sink-a");
      expect(read.props.config.topics).toBe("other");
      expect(read.inputs.credentials[SIGNATURE_KEY]).toBe(SECRET_SIGNATURE);
    });

    it("imports by the connector's REST address and gives it its name as id", async () => {
      connect.seed("existing-sink", SINK);

      const read = await provider.read(`${connect.url}/connectors/existing-sink`, CONNECTOR, {});

      expect(read.id).toBe("existing-sink");
      expect(read.inputs).toEqual({ connectorName: "existing-sink", config: { ...SINK, name: "existing-sink" }, connection: { url: connect.url } });
    });

    it("an import of a connector that does not exist finds nothing; a bare name is refused with an example", async () => {
      expect((await provider.read(`${connect.url}/connectors/missing`, CONNECTOR, {})).id).toBe("");
      await expect(provider.read("existing-sink", CONNECTOR, {})).rejects.toThrow(
        'cannot import "existing-sink": the import id is the REST address of the object, e.g. http://localhost:8083/connectors/my-sink',
      );
    });

    it("update changes the config in place and delete removes the connector", async () => {
      const { inputs } = await provider.check(CONNECTOR, {}, connectorInputs());
      const { outs } = await provider.create(CONNECTOR, inputs);
      const next = (await provider.check(CONNECTOR, inputs, { ...connectorInputs(), config: { ...SINK, topics: "more" } })).inputs;

      const updated = await provider.update("sink-a", CONNECTOR, outs, next);
      expect(connect.connectors.get("sink-a")?.config.topics).toBe("more");
      expect(updated.outs.credentials[SIGNATURE_KEY]).toBe(SECRET_SIGNATURE);

      await provider.delete("sink-a", CONNECTOR, updated.outs);
      expect(connect.connectors.has("sink-a")).toBe(false);
    });

    it("shows a service error as one message, without a stack trace", async () => {
      connect.http.requireBasicAuth("someone", "else");
      const { inputs } = await provider.check(CONNECTOR, {}, { ...connectorInputs(), preflightChecks: false });

      const error = await provider.create(CONNECTOR, inputs).catch((e: Error) => e);

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/401/);
      expect((error as Error).stack).toBe("");
    });
  });

  describe("SchemaSubject", () => {
    const subjectInputs = () => ({ subject: "words-value", schema: SCHEMA, connection: { url: registry.url } });

    it("creates the subject, and imports an existing one by its REST address with the defaults a program gets", async () => {
      const { inputs } = await provider.check(SUBJECT, {}, subjectInputs());
      const created = await provider.create(SUBJECT, inputs);
      expect(created.id).toBe("words-value");
      expect(registry.versionsOf("words-value")).toHaveLength(1);

      const imported = await provider.read(`${registry.url}/subjects/words-value`, SUBJECT, {});

      expect(imported.id).toBe("words-value");
      expect(imported.inputs).toEqual(inputs);
      expect(await provider.diff("words-value", SUBJECT, imported.props, inputs)).toEqual({ changes: false, replaces: [] });
    });

    it("fails check with the registry's reasons for an incompatible schema", async () => {
      registry.seed("words-value", SCHEMA);
      registry.setIncompatible("words-value", ["field removed"]);

      const { failures } = await provider.check(SUBJECT, {}, { ...subjectInputs(), schema: JSON.stringify({ type: "string" }) });

      expect(failures).toHaveLength(1);
      expect(failures?.[0]?.reason).toMatch(/field removed/);
    });
  });

  describe("TopicGuard", () => {
    it("refuses fewer partitions in check and keeps a new topic's shape", async () => {
      const shape = { topic: "words", partitions: 6, replicationFactor: 1 };
      expect((await provider.check(GUARD, {}, shape)).failures).toEqual([]);
      expect((await provider.create(GUARD, { ...shape, allowReplacement: false })).id).toBe("words");

      const { failures } = await provider.check(GUARD, { ...shape, allowReplacement: false }, { ...shape, partitions: 3 });

      expect(failures?.[0]?.reason).toMatch(/^kpops: refusing to replace Kafka topic "words": partitions 6 -> 3/);
    });
  });

  describe("ReleaseWorkloads", () => {
    it("keeps a given kubeconfig secret in state and fails a refresh of an unreachable cluster with one message", async () => {
      const kube = await FakeKubernetes.start();
      try {
        const manifest = JSON.stringify({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "app" }, spec: { replicas: 1, template: { spec: { containers: [{ name: "c", image: "i:1" }] } } } });
        kube.put(helmStorageSecret("app", "ns", 1, "deployed", manifest));
        kube.put({ ...JSON.parse(manifest), metadata: { name: "app", namespace: "ns" } });
        const inputs = { releaseName: "app", namespace: "ns", kubeconfig: secretValue(kube.kubeconfig()) };

        const checked = await provider.check(WORKLOADS, {}, inputs);
        const created = await provider.create(WORKLOADS, checked.inputs);

        expect(created.id).toBe("ns/app");
        expect(created.outs.kubeconfig[SIGNATURE_KEY]).toBe(SECRET_SIGNATURE);
        expect(created.outs.inSync).toBe(true);
        // the token is only inside the secret wrapper (the engine encrypts it in state)
        expect(JSON.stringify({ ...created.outs, kubeconfig: undefined })).not.toContain("fake-token");
      } finally {
        await kube.stop();
      }
      const gone = { releaseName: "app", namespace: "ns", kubeconfig: secretValue("current-context: c\nclusters: [{name: k, cluster: {server: 'http://127.0.0.1:9'}}]\ncontexts: [{name: c, context: {cluster: k}}]\n") };
      await expect(provider.read("ns/app", WORKLOADS, gone)).rejects.toThrow(
        /^kpops: cannot read the workloads of Helm release "app" in namespace "ns": the Kubernetes API at http:\/\/127\.0\.0\.1:9 cannot be reached \(connect ECONNREFUSED 127\.0\.0\.1:9\)$/,
      );
    });
  });
});
