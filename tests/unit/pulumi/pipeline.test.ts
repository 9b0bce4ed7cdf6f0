/**
 * The Pipeline component under the mock engine: given the word-count enriched pipeline, when it is built, then
 * the resource graph has the right types, names, inputs, parents, options and dependencies.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import {
  BackendCall,
  CONFORMANCE,
  dependencyNames,
  installMocks,
  isSecretOutput,
  nameOf,
  recordingBackend,
  registered,
  settle,
  typeChainOf,
  valueOf,
} from "./harness";

let layer: typeof pulumiLayer;

/** How a secret value travels to the engine (Pulumi's special signature key for secrets). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

beforeAll(async () => {
  await installMocks();
  layer = await import("../../../sdk/src/pulumi");
});

const wordCountSteps = () => YAML.parse(fs.readFileSync(path.join(CONFORMANCE, "expected/examples/word-count.yaml"), "utf8"));

function build(name: string, args: Partial<pulumiLayer.PipelineArgs> = {}, steps = wordCountSteps()) {
  const recorder = recordingBackend(layer.defaultBackend as any);
  const pipeline = new layer.Pipeline(name, { pipeline: { name: "word-count", steps }, backend: recorder.backend, ...args });
  return { pipeline, calls: recorder.calls };
}

const byKind = (calls: BackendCall[], kind: BackendCall["kind"]) => calls.filter((c) => c.kind === kind);

describe("Pipeline word-count", () => {
  it("has one component per step with the family's type token, named by full name, parented to the pipeline", async () => {
    const { pipeline } = build("wc-types");
    expect(pipeline.steps.map((s) => [s.constructor.name, s.kpopsType])).toEqual([
      ["ProducerApp", "producer-app"],
      ["StreamsApp", "streams-app"],
      ["KafkaSinkConnector", "kafka-sink-connector"],
    ]);
    expect(await Promise.all(pipeline.steps.map(nameOf))).toEqual([
      "word-count-data-producer",
      "word-count-word-count-app",
      "word-count-redis-sink-connector",
    ]);
    expect(await Promise.all(pipeline.steps.map(typeChainOf))).toEqual([
      "kpops:index:Pipeline$kpops:index:ProducerApp",
      "kpops:index:Pipeline$kpops:index:StreamsApp",
      "kpops:index:Pipeline$kpops:index:KafkaSinkConnector",
    ]);
  });

  it("creates one kafka.Topic per `to` topic under its step, with explicit name, partitions and string configs", async () => {
    const { pipeline, calls } = build("wc-topics");
    await settle();
    const topics = byKind(calls, "topic");
    expect(topics.map((c) => [c.name, c.inputs])).toEqual([
      ["word-count-data-producer-topic", { name: "word-count-data-producer-topic", partitions: 3, replicationFactor: 1, config: {} }],
      ["word-count-word-count-app-topic", { name: "word-count-word-count-app-topic", partitions: 3, replicationFactor: 1, config: { "cleanup.policy": "compact" } }],
      ["word-count-word-count-app-dead-letter-topic", { name: "word-count-word-count-app-dead-letter-topic", partitions: 1, replicationFactor: 1, config: {} }],
    ]);
    expect(topics.map((c) => c.opts.parent)).toEqual([pipeline.steps[0], pipeline.steps[1], pipeline.steps[1]]);
    expect(await typeChainOf(topics[0].resource)).toMatch(/kpops:index:ProducerApp\$kafka:index\/topic:Topic$/);
    const mocked = registered.filter((r) => r.type === "kafka:index/topic:Topic" && r.name === "word-count-word-count-app-topic");
    expect(mocked.at(-1)?.inputs).toMatchObject({ name: "word-count-word-count-app-topic", partitions: 3, config: { "cleanup.policy": "compact" } });
  });

  it("keeps topics on delete and guards them by default", async () => {
    const { calls } = build("wc-safety");
    const topics = byKind(calls, "topic");
    for (const topic of topics) {
      expect(topic.opts.retainOnDelete).toBe(true);
      expect(topic.opts.protect).toBe(false);
      expect(await dependencyNames(topic.opts)).toEqual([topic.name]);
    }
    const guards = byKind(calls, "topicGuard");
    expect(guards.map((g) => [g.name, g.inputs.partitions, g.inputs.allowReplacement])).toEqual([
      ["word-count-data-producer-topic", 3, false],
      ["word-count-word-count-app-topic", 3, false],
      ["word-count-word-count-app-dead-letter-topic", 1, false],
    ]);
    expect(await typeChainOf(guards[0].resource)).toMatch(/\$pulumi-nodejs:dynamic\/kpops:TopicGuard$/);
  });

  it("aliases topics and guards under the other families, so a change of owner family keeps their URN", async () => {
    const { pipeline, calls } = build("wc-aliases");
    const producerUrn = await valueOf(pipeline.steps[0].urn);
    const [topic] = byKind(calls, "topic");
    const [guard] = byKind(calls, "topicGuard");
    const parents = await Promise.all((topic.opts.aliases as any[]).map((a) => valueOf(a.parent)));
    expect(parents).toHaveLength(6);
    expect(parents).toContain(producerUrn.replace("kpops:index:ProducerApp", "kpops:index:StreamsApp"));
    expect(parents).not.toContain(producerUrn);
    expect(parents.every((u: string) => u.endsWith("::word-count-data-producer"))).toBe(true);
    expect((guard.opts.aliases as any[]).length).toBe(6);
    for (const workload of [...byKind(calls, "release"), ...byKind(calls, "connector")]) expect((workload.opts.aliases as any[]).length).toBe(6);
  });

  it("swaps only the last type of a URN", () => {
    expect(layer.withLastType("urn:pulumi:s::p::a:b:Project$a:b:ProducerApp::x", "a:b:StreamsApp")).toBe(
      "urn:pulumi:s::p::a:b:Project$a:b:StreamsApp::x",
    );
  });

  it("lets topics go only when asked, and protects them when asked", () => {
    const clean = byKind(build("wc-clean", { allowTopicDeletion: true, allowTopicReplacement: true }).calls, "topic");
    expect(clean.every((c) => c.opts.retainOnDelete === false && c.opts.protect === false)).toBe(true);
    const protectedTopics = byKind(build("wc-protect", { protectTopics: true }).calls, "topic");
    expect(protectedTopics.every((c) => c.opts.protect === true && c.opts.retainOnDelete === true)).toBe(true);
  });

  it("adopts existing topics only when asked", () => {
    expect(byKind(build("wc-no-adopt").calls, "topic").every((c) => c.opts.import === undefined)).toBe(true);
    const some = byKind(build("wc-adopt-some", { adoptExistingTopics: ["word-count-word-count-app-topic"] }).calls, "topic");
    expect(some.map((c) => c.opts.import)).toEqual([undefined, "word-count-word-count-app-topic", undefined]);
    const all = byKind(build("wc-adopt-all", { adoptExistingTopics: true }).calls, "topic");
    expect(all.map((c) => c.opts.import)).toEqual(all.map((c) => c.name));
  });

  it("installs one Release per app named helm_release_name, with KPOps' values, chart and namespace", async () => {
    const { pipeline, calls } = build("wc-releases");
    const releases = byKind(calls, "release");
    expect(releases.map((r) => r.name)).toEqual(["word-count-data-producer", "word-count-word-count-app"]);
    const streams = releases[1].inputs;
    expect(streams).toMatchObject({
      name: "word-count-word-count-app",
      namespace: "${NAMESPACE}",
      chart: "streams-app",
      version: "3.1.0",
      repositoryOpts: { repo: "https://bakdata.github.io/streams-bootstrap/" },
      timeout: 300,
      createNamespace: false,
      skipAwait: false,
      atomic: false,
    });
    expect(streams.values).toEqual({
      image: "bakdata/kpops-demo-word-count-app",
      imageTag: "2.0.0",
      kafka: {
        bootstrapServers: "http://k8kafka-cp-kafka-headless.kpops.svc.cluster.local:9092",
        outputTopic: "word-count-word-count-app-topic",
        inputTopics: ["word-count-data-producer-topic"],
        errorTopic: "word-count-word-count-app-dead-letter-topic",
      },
      prometheus: { jmx: { enabled: false } },
      replicaCount: 1,
      labels: { pipeline: "word-count" },
      nameOverride: "word-count-word-count-app",
      fullnameOverride: "word-count-word-count-app",
    });
    expect(releases[1].opts.parent).toBe(pipeline.steps[1]);
    expect(await typeChainOf(releases[1].resource)).toMatch(/kpops:index:StreamsApp\$kubernetes:helm.sh\/v3:Release$/);
  });

  it("makes each workload wait for the topics it reads and writes, not for the previous step", async () => {
    const { calls } = build("wc-deps");
    const [producer, streams] = byKind(calls, "release");
    const [connector] = byKind(calls, "connector");
    expect(await dependencyNames(producer.opts)).toEqual(["word-count-data-producer-topic"]);
    expect(await dependencyNames(streams.opts)).toEqual([
      "word-count-data-producer-topic",
      "word-count-word-count-app-topic",
      "word-count-word-count-app-dead-letter-topic",
    ]);
    expect(await dependencyNames(connector.opts)).toEqual(["word-count-word-count-app-topic"]);
  });

  it("creates the connector with config exactly as KPOps sends it", async () => {
    const { calls } = build("wc-connector", { kafkaConnect: { url: "http://connect:8083", username: "u", password: "p" } });
    const [connector] = byKind(calls, "connector");
    expect(connector.name).toBe("word-count-redis-sink-connector");
    expect(connector.inputs).toMatchObject({
      connectorName: "word-count-redis-sink-connector",
      url: "http://connect:8083",
      config: wordCountSteps()[2].config,
      state: undefined,
    });
    expect(await typeChainOf(connector.resource)).toMatch(/\$pulumi-nodejs:dynamic\/kpops:KafkaConnector$/);
    const credentials = (connector.resource as any).credentials;
    expect(await isSecretOutput(credentials)).toBe(true);
    await settle();
    const mocked = registered.filter((r) => r.type === "pulumi-nodejs:dynamic/kpops:KafkaConnector" && r.name === connector.name);
    // The engine receives the credentials wrapped as a secret (so they are encrypted in state).
    expect(mocked.at(-1)?.inputs.credentials).toEqual({ [SECRET_SIG]: SECRET_VALUE, value: { username: "u", password: "p" } });
  });

  it("uses given providers for topics and releases", async () => {
    const kafka = await import("@pulumi/kafka");
    const k8s = await import("@pulumi/kubernetes");
    const kafkaProvider = new kafka.Provider("brokers", { bootstrapServers: ["b:9092"] });
    const kubernetesProvider = new k8s.Provider("cluster", {});
    const { calls } = build("wc-providers", { kafkaProvider, kubernetesProvider });
    expect(byKind(calls, "topic").every((c) => c.opts.provider === kafkaProvider)).toBe(true);
    expect(byKind(calls, "release").every((c) => c.opts.provider === kubernetesProvider)).toBe(true);
  });

  it("creates a kafka provider from connection settings, with the SASL password secret", async () => {
    const { calls } = build("wc-conn", { kafka: { bootstrapServers: ["b:9092"], saslMechanism: "plain", saslUsername: "u", saslPassword: "s3cret" } });
    await settle();
    const provider = byKind(calls, "topic")[0].opts.provider!;
    expect(await nameOf(provider)).toBe("wc-conn-kafka");
    const mocked = registered.find((r) => r.type === "pulumi:providers:kafka" && r.name === "wc-conn-kafka");
    expect(mocked?.inputs).toMatchObject({ tlsEnabled: "false", saslUsername: "u" });
    expect(mocked?.inputs.saslPassword).toEqual({ [SECRET_SIG]: SECRET_VALUE, value: "s3cret" });
  });

  it("manages topics on the KPOps config's kafka_brokers when no kafka settings or provider are given", async () => {
    const { calls } = build("wc-config-brokers", { kpopsConfig: { kafka_brokers: "k1:9092, k2:9092" } });
    await settle();
    const provider = byKind(calls, "topic")[0].opts.provider!;
    expect(await nameOf(provider)).toBe("wc-config-brokers-kafka");
    const mocked = registered.find((r) => r.type === "pulumi:providers:kafka" && r.name === "wc-config-brokers-kafka");
    expect(mocked?.inputs).toMatchObject({ bootstrapServers: JSON.stringify(["k1:9092", "k2:9092"]), tlsEnabled: "false" });
  });

  it("uses the stack's default kafka provider when neither settings nor kafka_brokers are given", () => {
    const { calls } = build("wc-default-kafka");
    expect(byKind(calls, "topic").every((c) => c.opts.provider === undefined)).toBe(true);
  });

  it("installs local charts when localChartsDir is set", () => {
    const { calls } = build("wc-local", { localChartsDir: "/work/main/charts" });
    const releases = byKind(calls, "release");
    expect(releases.map((r) => [r.inputs.chart, r.inputs.repositoryOpts, r.inputs.version])).toEqual([
      ["/work/main/charts/producer-app", undefined, undefined],
      ["/work/main/charts/streams-app", undefined, undefined],
    ]);
  });

  it("exports topic, release and connector names", async () => {
    const { pipeline } = build("wc-outputs");
    expect(await valueOf(pipeline.topicNames)).toHaveLength(3);
    expect(await valueOf(pipeline.releaseNames)).toEqual(["word-count-data-producer", "word-count-word-count-app"]);
    expect(await valueOf(pipeline.connectorNames)).toEqual(["word-count-redis-sink-connector"]);
  });
});

describe("Pipeline with schemas", () => {
  const first = () => YAML.parse(fs.readFileSync(path.join(CONFORMANCE, "expected/generate/test_load_pipeline.yaml"), "utf8"));

  it("registers one subject per key/value schema from the schema provider, and outputs wait for them", async () => {
    const asked: string[] = [];
    const schemaProvider = {
      provide(schemaClass: string, schemaType: string, request: { subject: string }) {
        asked.push(`${schemaClass}:${schemaType}:${request.subject}`);
        return { schema: JSON.stringify({ type: "record", name: schemaClass.split(".").pop(), fields: [] }) };
      },
    };
    const recorder = recordingBackend(layer.defaultBackend as any);
    new layer.Pipeline("schemas", {
      pipeline: { name: "resources-first-pipeline", steps: first() },
      schemaRegistryEnabled: true,
      schemaProvider,
      schemaRegistry: { url: "http://registry:8081" },
      backend: recorder.backend,
    });
    const subjects = byKind(recorder.calls, "schemaSubject");
    expect(subjects.map((s) => s.name)).toEqual([
      "resources-first-pipeline-scheduled-producer-value",
      "resources-first-pipeline-converter-error-value",
      expect.stringMatching(/a-long-name-error-value$/),
    ]);
    expect(await valueOf(subjects[0].inputs.schema)).toContain('"Produced"');
    expect(await valueOf(subjects[0].inputs.schemaType)).toBe("AVRO");
    expect(subjects[0].inputs.deleteOnDestroy).toBe(false);
    expect(subjects[0].opts.retainOnDelete).toBe(true);
    expect(await dependencyNames(subjects[0].opts)).toEqual(["resources-first-pipeline-scheduled-producer"]);
    expect(asked[0]).toBe("com.bakdata.fake.Produced:AVRO:resources-first-pipeline-scheduled-producer-value");
    const converter = byKind(recorder.calls, "release")[1];
    expect(await dependencyNames(converter.opts)).toEqual([
      "resources-first-pipeline-scheduled-producer",
      "resources-first-pipeline-converter",
      "resources-first-pipeline-converter-error",
      "resources-first-pipeline-converter-error-value",
    ]);
  });

  it("fails with a ResourceError when schemas are needed but no provider is configured", () => {
    expect(
      () => new layer.Pipeline("no-provider", { pipeline: { name: "p", steps: first() }, schemaRegistryEnabled: true }),
    ).toThrow(/no schemaProvider is configured/);
  });
});

describe("Pipeline errors", () => {
  it("refuses a topic declared twice with different settings, naming both steps", async () => {
    const pulumi = await import("@pulumi/pulumi");
    const steps = wordCountSteps();
    steps[1].to.topics["word-count-data-producer-topic"] = { type: "output", partitions_count: 6, configs: {} };
    let error: unknown;
    try {
      build("wc-conflict", {}, steps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(pulumi.ResourceError);
    expect(String((error as Error).message)).toMatch(/"data-producer" \(pipeline word-count\) and "word-count-app" \(pipeline word-count\)/);
  });

  it("refuses a Pipeline without any pipeline", () => {
    expect(() => new layer.Pipeline("empty", {})).toThrow(/give an enriched pipeline or a pipeline path/);
  });
});

describe("Pipeline with every family", () => {
  const steps: any[] = [
    {
      type: "kafka-source-connector",
      name: "source",
      prefix: "p-",
      to: { topics: { raw: { type: "output", partitions_count: 2, configs: {} } }, models: {} },
      config: { "connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", name: "p-source", file: "/in.txt", topic: "raw" },
      state: "paused",
    },
    {
      type: "audit-consumer",
      name: "auditor",
      prefix: "p-",
      from: { topics: { raw: { type: "input" } }, components: {} },
      namespace: "ns",
      values: { image: "auditor", kafka: { bootstrapServers: "b:9092", groupId: "audit", inputTopics: ["raw"] } },
      version: "6.0.0",
      helm_release_name: "p-auditor",
      helm_name_override: "p-auditor",
    },
    {
      type: "nginx-app",
      name: "web",
      prefix: "p-",
      namespace: "ns",
      values: { replicaCount: 2 },
      helm_release_name: "p-web",
      helm_name_override: "p-web",
      timeout: "2m",
    },
    { type: "marker", name: "note", prefix: "p-" },
  ];

  it("maps each step to its family's component and resources", async () => {
    const recorder = recordingBackend(layer.defaultBackend as any);
    const pipeline = new layer.Pipeline("families", {
      pipeline: { name: "p", steps },
      charts: { byType: { "nginx-app": { chart: "nginx", repository: { url: "https://charts.example" }, version: "1.2.3" } } },
      helm: { createNamespace: true },
      backend: recorder.backend,
    });
    expect(pipeline.steps.map((s) => [s.constructor.name, s.family, s.kpopsType])).toEqual([
      ["KafkaSourceConnector", "kafka-source-connector", "kafka-source-connector"],
      ["ConsumerApp", "consumer-app", "audit-consumer"],
      ["HelmApp", "helm-app", "nginx-app"],
      ["PipelineComponent", "pipeline-component", "marker"],
    ]);
    const of = (kind: BackendCall["kind"]) => recorder.calls.filter((c) => c.kind === kind);
    expect(of("topic").map((c) => c.name)).toEqual(["raw"]);
    expect(of("connector")[0].inputs).toMatchObject({ connectorName: "p-source", state: "paused" });
    const [auditor, web] = of("release");
    expect(auditor.inputs).toMatchObject({ chart: "consumer-app", version: "6.0.0", createNamespace: true });
    expect(auditor.inputs.values).toEqual({
      image: "auditor",
      kafka: { bootstrapServers: "b:9092", groupId: "audit", inputTopics: ["raw"] },
      nameOverride: "p-auditor",
      fullnameOverride: "p-auditor",
    });
    expect(await dependencyNames(auditor.opts)).toEqual(["raw"]);
    expect(web.inputs).toMatchObject({
      chart: "nginx",
      version: "1.2.3",
      repositoryOpts: { repo: "https://charts.example" },
      timeout: 120,
      values: { replicaCount: 2, nameOverride: "p-web", fullnameOverride: "p-web" },
    });
    expect(await dependencyNames(web.opts)).toEqual([]);
    expect(pipeline.steps[3].release).toBeUndefined();
    expect(pipeline.steps[3].connector).toBeUndefined();
  });

  it("keeps values with secrets secret", async () => {
    const recorder = recordingBackend(layer.defaultBackend as any);
    const withSecret = [{ ...steps[1], values: { ...steps[1].values, secrets: { PASSWORD: "pw" } } }];
    new layer.Pipeline("secret-values", { pipeline: { name: "p", steps: withSecret }, backend: recorder.backend });
    const [release] = recorder.calls.filter((c) => c.kind === "release");
    expect(await isSecretOutput(release.inputs.values)).toBe(true);
  });

  it("refuses a helm app without a chart", () => {
    expect(() => new layer.Pipeline("no-chart", { pipeline: { name: "p", steps: [steps[2]] } })).toThrow(/charts.byType\["nginx-app"\]/);
  });
});
