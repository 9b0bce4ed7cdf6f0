/**
 * The Pipeline component under the mock engine: given the upstream word-count example, loaded by the core, when it
 * is built, then the resource graph has the right types, names, inputs, parents, options and dependencies. Expected
 * values come from KPOps' own enriched output of the example (shared/conformance/expected), not from our plans.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import type * as core from "../../../sdk/src";
import {
  BROKER_DEFAULTS,
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
  wordCountExpected,
  writeProject,
} from "./harness";

let layer: typeof pulumiLayer;
let sdk: typeof core;

/** How a secret value travels to the engine (Pulumi's special signature key for secrets). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

beforeAll(async () => {
  await installMocks();
  layer = await import("../../../sdk/src/pulumi");
  sdk = await import("../../../sdk/src");
});

const wordCount = () =>
  layer.loadProject({ projectDir: path.join(CONFORMANCE, "examples"), pipelinePaths: ["word-count/pipeline.yaml"] }).pipelines[0];

async function build(name: string, args: Partial<pulumiLayer.PipelineArgs> = {}, opts?: import("@pulumi/pulumi").ComponentResourceOptions, existingTopics: string[] = []) {
  const recorder = recordingBackend(layer.defaultBackend as any, existingTopics);
  const pipeline = new layer.Pipeline(name, { pipeline: wordCount(), backend: recorder.backend, ...args }, opts);
  await pipeline.ready;
  return { pipeline, calls: recorder.calls };
}

const byKind = (calls: BackendCall[], kind: BackendCall["kind"]) => calls.filter((c) => c.kind === kind);

describe("Pipeline word-count", () => {
  const expected = wordCountExpected();

  it("has one component per step with its kind's type token, named <pipeline>/<full name>, parented to the pipeline", async () => {
    const { pipeline } = (await build("wc-types"));
    expect(pipeline.steps.map((s) => [s.kind, s.kpopsType])).toEqual([
      ["ProducerApp", "producer-app"],
      ["StreamsApp", "streams-app"],
      ["KafkaSinkConnector", "kafka-sink-connector"],
    ]);
    expect(await Promise.all(pipeline.steps.map(nameOf))).toEqual(expected.map((s) => `wc-types/${s.prefix}${s.name}`));
    expect(await Promise.all(pipeline.steps.map(typeChainOf))).toEqual([
      "kpops:index:Pipeline$kpops:index:ProducerApp",
      "kpops:index:Pipeline$kpops:index:StreamsApp",
      "kpops:index:Pipeline$kpops:index:KafkaSinkConnector",
    ]);
  });

  it("creates one kafka.Topic per `to` topic under its step, with explicit name, the user's partitions and string configs", async () => {
    const { pipeline, calls } = (await build("wc-topics"));
    await settle();
    const topics = byKind(calls, "topic");
    const declared = expected.flatMap((s) => Object.entries<any>(s.to?.topics ?? {}));
    expect(topics.map((c) => c.name)).toEqual(declared.map(([t]) => `wc-topics/${t}`));
    for (const [i, call] of topics.entries()) {
      const [topic, config] = declared[i];
      expect(call.inputs).toMatchObject({ name: topic, partitions: config.partitions_count, config: config.configs });
      // the replication factor is the broker's default, and never diffed against what the broker chose
      expect(await valueOf(call.inputs.replicationFactor)).toBe(BROKER_DEFAULTS.replicationFactor);
      expect(call.opts.ignoreChanges).toEqual(["replicationFactor"]);
    }
    expect(topics.map((c) => c.opts.parent)).toEqual([pipeline.steps[0], pipeline.steps[1], pipeline.steps[1]]);
    expect(await typeChainOf(topics[0].resource)).toMatch(/kpops:index:ProducerApp\$kafka:index\/topic:Topic$/);
    const mocked = registered.filter((r) => r.type === "kafka:index/topic:Topic" && r.name === "wc-topics/word-count-word-count-app-topic");
    expect(mocked.at(-1)?.inputs).toMatchObject({ name: "word-count-word-count-app-topic", partitions: 3, config: { "cleanup.policy": "compact" } });
  });

  it("keeps topics on delete and guards them by default: one guard of the pipeline's topics, which every topic waits for", async () => {
    const { pipeline, calls } = (await build("wc-safety"));
    const topics = byKind(calls, "topic");
    for (const topic of topics) {
      expect(topic.opts.retainOnDelete).toBe(true);
      expect(topic.opts.protect).toBe(false);
      expect(await dependencyNames(topic.opts)).toEqual(["wc-safety-topic-guard"]);
    }
    const guards = byKind(calls, "topicGuard");
    expect(guards.map((g) => [g.name, g.inputs.topics, g.inputs.allowReplacement])).toEqual([
      [
        "wc-safety-topic-guard",
        {
          "word-count-data-producer-topic": { partitions: 3, replicationFactor: -1 },
          "word-count-word-count-app-topic": { partitions: 3, replicationFactor: -1 },
          "word-count-word-count-app-dead-letter-topic": { partitions: 1, replicationFactor: -1 },
        },
        false,
      ],
    ]);
    expect(guards[0].opts.parent).toBe(pipeline);
    expect(await typeChainOf(guards[0].resource)).toBe("kpops:index:Pipeline$kpops:index:TopicGuard");
  });

  it("aliases every child to its unscoped name, and steps to the other kinds' tokens, so older stacks keep their URNs", async () => {
    const { calls } = (await build("wc-aliases"));
    // the topic guard is the pipeline's own (one for all topics), new in this version: nothing to alias
    for (const call of calls.filter((c) => c.kind !== "topicGuard")) {
      const unscoped = call.name.slice("wc-aliases/".length);
      expect(call.opts.aliases).toEqual([{ name: unscoped }]);
    }
    expect(layer.stepAliases("p-a", "ProducerApp")).toContainEqual({ name: "p-a", type: "kpops:index:StreamsApp" });
    expect(layer.stepAliases("p-a", "ProducerApp")).not.toContainEqual({ type: "kpops:index:ProducerApp" });
  });

  it("lets topics go only when asked, and protects them when asked", async () => {
    const clean = byKind((await build("wc-clean", { allowTopicDeletion: true, allowTopicReplacement: true })).calls, "topic");
    expect(clean.every((c) => c.opts.retainOnDelete === false && c.opts.protect === false)).toBe(true);
    const protectedTopics = byKind((await build("wc-protect", { protectTopics: true })).calls, "topic");
    expect(protectedTopics.every((c) => c.opts.protect === true && c.opts.retainOnDelete === true)).toBe(true);
  });

  it("imports exactly the declared topics the brokers have, and creates the others", async () => {
    expect(byKind((await build("wc-no-adopt")).calls, "topic").every((c) => c.opts.import === undefined)).toBe(true);
    const some = byKind((await build("wc-adopt-some", {}, undefined, ["word-count-word-count-app-topic", "unrelated"])).calls, "topic");
    expect(some.map((c) => [c.inputs.name, c.opts.import])).toEqual([
      ["word-count-data-producer-topic", undefined],
      ["word-count-word-count-app-topic", "word-count-word-count-app-topic"],
      ["word-count-word-count-app-dead-letter-topic", undefined],
    ]);
  });

  it("installs one Release per app named helm_release_name, with KPOps' values, chart and namespace", async () => {
    const { pipeline, calls } = (await build("wc-releases"));
    const releases = byKind(calls, "release");
    expect(releases.map((r) => r.inputs.name)).toEqual(expected.filter((s) => s.helm_release_name).map((s) => s.helm_release_name));
    const streams = releases[1].inputs;
    expect(streams).toMatchObject({
      name: "word-count-word-count-app",
      namespace: "${NAMESPACE}",
      chart: "streams-app",
      version: expected[1].version,
      repositoryOpts: { repo: "https://bakdata.github.io/streams-bootstrap/" },
      timeout: 300,
      createNamespace: false,
      skipAwait: false,
      atomic: false,
      waitForJobs: false,
    });
    const { statefulSet, ...withoutModelDefault } = expected[1].values;
    expect(statefulSet).toBe(false);
    expect(streams.values).toEqual({ ...withoutModelDefault, nameOverride: expected[1].helm_name_override, fullnameOverride: expected[1].helm_name_override });
    expect(releases[1].opts.parent).toBe(pipeline.steps[1]);
    expect(await typeChainOf(releases[1].resource)).toMatch(/kpops:index:StreamsApp\$kubernetes:helm.sh\/v3:Release$/);
  });

  it("compares each release's live workloads with its manifest: a ReleaseWorkloads per release, from the same plan, after the release", async () => {
    const { pipeline, calls } = await build("wc-workloads");
    const releases = byKind(calls, "release");
    const workloads = byKind(calls, "releaseWorkloads");
    expect(workloads.map((w) => [w.name, w.inputs])).toEqual(
      releases.map((r) => [r.name, { releaseName: r.inputs.name, namespace: r.inputs.namespace }]),
    );
    for (const [i, w] of workloads.entries()) {
      expect(w.opts.parent).toBe(releases[i].opts.parent);
      expect(await dependencyNames(w.opts)).toEqual([releases[i].name]);
      expect(await typeChainOf(w.resource)).toMatch(/\$kpops:index:ReleaseWorkloads$/);
    }
    expect(pipeline.steps[1].workloads).toBe(workloads[1].resource);
  });

  it("makes each workload wait for the topics it reads and writes, not for the previous step", async () => {
    const { calls } = (await build("wc-deps"));
    const [producer, streams] = byKind(calls, "release");
    const [connector] = byKind(calls, "connector");
    const scoped = (...names: string[]) => names.map((n) => `wc-deps/${n}`);
    expect(await dependencyNames(producer.opts)).toEqual(scoped("word-count-data-producer-topic"));
    expect(await dependencyNames(streams.opts)).toEqual(
      scoped("word-count-data-producer-topic", "word-count-word-count-app-topic", "word-count-word-count-app-dead-letter-topic"),
    );
    expect(await dependencyNames(connector.opts)).toEqual(scoped("word-count-word-count-app-topic"));
  });

  it("creates the connector with config exactly as KPOps sends it", async () => {
    const { calls } = (await build("wc-connector", { kafkaConnect: { url: "http://connect:8083", username: "u", password: "p" } }));
    const [connector] = byKind(calls, "connector");
    expect(connector.name).toBe("wc-connector/word-count-redis-sink-connector");
    expect(connector.inputs).toMatchObject({ connectorName: "word-count-redis-sink-connector", url: "http://connect:8083", state: undefined });
    expect(await valueOf(connector.inputs.config)).toEqual(expected[2].config);
    expect(await typeChainOf(connector.resource)).toMatch(/\$kpops:index:KafkaConnector$/);
    const credentials = (connector.resource as any).credentials;
    expect(await isSecretOutput(credentials)).toBe(true);
    await settle();
    const mocked = registered.filter((r) => r.type === "kpops:index:KafkaConnector" && r.name === connector.name);
    // The engine receives the credentials wrapped as a secret (so they are encrypted in state).
    expect(mocked.at(-1)?.inputs.credentials).toEqual({ [SECRET_SIG]: SECRET_VALUE, value: { username: "u", password: "p" } });
  });

  it("uses given providers for topics and releases", async () => {
    const kafka = await import("@pulumi/kafka");
    const k8s = await import("@pulumi/kubernetes");
    const kafkaProvider = new kafka.Provider("brokers", { bootstrapServers: ["b:9092"] });
    const kubernetesProvider = new k8s.Provider("cluster", {});
    const { calls } = (await build("wc-providers", { kafkaProvider, kubernetesProvider }));
    expect(byKind(calls, "topic").every((c) => c.opts.provider === kafkaProvider)).toBe(true);
    expect(byKind(calls, "release").every((c) => c.opts.provider === kubernetesProvider)).toBe(true);
  });

  it("uses a kafka provider of opts.providers for the topics, not one built from config.yaml's kafka_brokers", async () => {
    const kafka = await import("@pulumi/kafka");
    const platform = new kafka.Provider("platform-kafka", { bootstrapServers: ["platform:9092"] });
    const { calls } = (await build("wc-opts-providers", {}, { providers: [platform] }));
    await settle();
    expect(registered.some((r) => r.type === "pulumi:providers:kafka" && r.name === "wc-opts-providers-kafka")).toBe(false);
    const topics = registered.filter((r) => r.type === "kafka:index/topic:Topic" && r.name.startsWith("wc-opts-providers/"));
    expect(topics).toHaveLength(byKind(calls, "topic").length);
    for (const topic of topics) expect(topic.provider).toMatch(/::platform-kafka::/);
  });

  it("creates a kafka provider from connection settings, with the SASL password secret", async () => {
    const { calls } = (await build("wc-conn", { kafka: { bootstrapServers: ["b:9092"], saslMechanism: "plain", saslUsername: "u", saslPassword: "s3cret" } }));
    await settle();
    const provider = byKind(calls, "topic")[0].opts.provider!;
    expect(await nameOf(provider)).toBe("wc-conn-kafka");
    const mocked = registered.find((r) => r.type === "pulumi:providers:kafka" && r.name === "wc-conn-kafka");
    expect(mocked?.inputs).toMatchObject({ tlsEnabled: "false", saslUsername: "u" });
    expect(mocked?.inputs.saslPassword).toEqual({ [SECRET_SIG]: SECRET_VALUE, value: "s3cret" });
  });

  it("manages topics on the KPOps config's kafka_brokers when no kafka settings or provider are given", async () => {
    const { calls } = (await build("wc-config-brokers"));
    await settle();
    const provider = byKind(calls, "topic")[0].opts.provider!;
    expect(await nameOf(provider)).toBe("wc-config-brokers-kafka");
    const mocked = registered.find((r) => r.type === "pulumi:providers:kafka" && r.name === "wc-config-brokers-kafka");
    expect(mocked?.inputs).toMatchObject({ bootstrapServers: JSON.stringify(["http://k8kafka-cp-kafka-headless.kpops.svc.cluster.local:9092"]), tlsEnabled: "false" });
  });

  it("installs the streams-bootstrap charts from a local mirror when localChartsDir is set", async () => {
    const { calls } = (await build("wc-local", { localChartsDir: "/work/main/charts" }));
    const releases = byKind(calls, "release");
    expect(releases.map((r) => [r.inputs.chart, r.inputs.repositoryOpts, r.inputs.version])).toEqual([
      ["/work/main/charts/producer-app", undefined, undefined],
      ["/work/main/charts/streams-app", undefined, undefined],
    ]);
  });

  it("reads charts from the chart mirror the setting maps the repository to (over localChartsDir)", async () => {
    // chart sources of the release the example names (3.1.0), in a folder named by it; Chart.yaml at 0.1.0
    const sources = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kpops-mirror-")), "3.1.0");
    for (const chart of ["producer-app", "streams-app"]) {
      fs.mkdirSync(path.join(sources, chart), { recursive: true });
      fs.writeFileSync(path.join(sources, chart, "Chart.yaml"), `apiVersion: v2\nname: ${chart}\nversion: 0.1.0\n`);
    }
    const local = byKind((await build("wc-mirror", { localChartsDir: "/unused", chartMirrors: `https://bakdata.github.io/streams-bootstrap/=${sources}` })).calls, "release");
    const charts = local.map((r) => r.inputs.chart as string);
    expect(charts.map((c) => path.basename(c))).toEqual(["producer-app", "streams-app"]);
    for (const chart of charts) expect(fs.readFileSync(path.join(chart, "Chart.yaml"), "utf8")).toMatch(/^version: 3\.1\.0$/m);
    const remote = byKind((await build("wc-mirror-url", { chartMirrors: { "https://bakdata.github.io/streams-bootstrap": "http://127.0.0.1:8879/charts" } })).calls, "release");
    expect(remote.map((r) => [r.inputs.chart, r.inputs.version, (r.inputs.repositoryOpts as { repo?: string } | undefined)?.repo])).toEqual([
      ["producer-app", "3.1.0", "http://127.0.0.1:8879/charts"],
      ["streams-app", "3.1.0", "http://127.0.0.1:8879/charts"],
    ]);
  });

  it("exports topic, release and connector names", async () => {
    const { pipeline } = (await build("wc-outputs"));
    expect(await valueOf(pipeline.topicNames)).toHaveLength(3);
    expect(await valueOf(pipeline.releaseNames)).toEqual(["word-count-data-producer", "word-count-word-count-app"]);
    expect(await valueOf(pipeline.connectorNames)).toEqual(["word-count-redis-sink-connector"]);
  });
});

describe("Pipeline with schemas", () => {
  const first = () =>
    layer.loadProject({
      projectDir: path.join(CONFORMANCE, "project"),
      pipelinePaths: ["tests/pipeline/resources/first-pipeline/pipeline.yaml"],
      componentClasses: Object.values(require("../../conformance/components")).filter((c: any) => sdk.isComponentClass(c)) as any,
    }).pipelines[0];

  it("registers one subject per key/value schema from the schema provider, and outputs wait for them", async () => {
    const asked: string[] = [];
    const schemaProvider = {
      provide(schemaClass: string, schemaType: string, request: { subject: string }) {
        asked.push(`${schemaClass}:${schemaType}:${request.subject}`);
        return { schema: JSON.stringify({ type: "record", name: schemaClass.split(".").pop(), fields: [] }) };
      },
    };
    const recorder = recordingBackend(layer.defaultBackend as any);
    const pipeline = first();
    for (const component of pipeline.components) (component.ctx.config as any).schema_registry.enabled = true;
    await new layer.Pipeline("schemas", { pipeline, schemaProvider, schemaRegistry: { url: "http://registry:8081" }, backend: recorder.backend }).ready;
    const subjects = byKind(recorder.calls, "schemaSubject");
    expect(subjects.map((s) => s.inputs.subject)).toEqual([
      "resources-first-pipeline-scheduled-producer-value",
      "resources-first-pipeline-converter-error-value",
      expect.stringMatching(/a-long-name-error-value$/),
    ]);
    expect(await valueOf(subjects[0].inputs.schema)).toContain('"Produced"');
    expect(await valueOf(subjects[0].inputs.schemaType)).toBe("AVRO");
    expect(subjects[0].inputs.deleteOnDestroy).toBe(false);
    expect(subjects[0].opts.retainOnDelete).toBe(true);
    expect(await dependencyNames(subjects[0].opts)).toEqual(["schemas/resources-first-pipeline-scheduled-producer"]);
    expect(asked[0]).toBe("com.bakdata.fake.Produced:AVRO:resources-first-pipeline-scheduled-producer-value");
    const converter = byKind(recorder.calls, "release")[1];
    expect(await dependencyNames(converter.opts)).toEqual([
      "schemas/resources-first-pipeline-scheduled-producer",
      "schemas/resources-first-pipeline-converter",
      "schemas/resources-first-pipeline-converter-error",
      "schemas/resources-first-pipeline-converter-error-value",
    ]);
  });
});

describe("Pipeline errors: one message naming file, step and field, no stack trace", () => {
  const project = (pipeline: string, defaults = "kubernetes-app: {namespace: ns}\nstreams-bootstrap: {values: {image: img}}\n", config = "kafka_brokers: b:9092\npipeline_base_dir: pipelines\n") =>
    writeProject({ "config.yaml": config, "pipelines/defaults.yaml": defaults, "pipelines/team/pipeline.yaml": pipeline });

  async function failure(args: pulumiLayer.PipelineArgs) {
    const pulumi = await import("@pulumi/pulumi");
    let error: any;
    try {
      new layer.Pipeline("failing", args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(pulumi.ResourceError);
    expect(error.hideStack).toBe(true);
    return String(error.message);
  }

  it("refuses a topic declared twice with different settings, naming both steps", async () => {
    const root = project(`
- {type: producer-app, name: one, to: {topics: {shared: {partitions_count: 3}}}}
- {type: producer-app, name: two, to: {topics: {shared: {partitions_count: 6}}}}
`);
    const message = await failure({ projectDir: root, path: "pipelines/team/pipeline.yaml" });
    expect(message).toContain(path.join(root, "pipelines/team/pipeline.yaml"));
    expect(message).toMatch(/step 'two': field 'to\.topics\.shared': topic "shared" is declared by steps "one" \(pipeline team\) and "two" \(pipeline team\).*partitions_count 3 vs 6/);
  });

  it("refuses a Helm app whose class sets no chart", async () => {
    const root = project("- {type: helm-app, name: web, values: {replicaCount: 1}}\n");
    const message = await failure({ projectDir: root, path: "pipelines/team/pipeline.yaml" });
    expect(message).toMatch(/pipeline\.yaml: step 'web': field 'type': unknown chart/);
  });

  it("refuses schemas without a schema provider", async () => {
    const root = project(
      "- {type: producer-app, name: p, to: {topics: {t: {value_schema: com.example.V}}}}\n",
      undefined,
      "kafka_brokers: b:9092\npipeline_base_dir: pipelines\nschema_registry: {enabled: true}\n",
    );
    const message = await failure({ projectDir: root, path: "pipelines/team/pipeline.yaml" });
    expect(message).toMatch(/pipeline\.yaml: step 'p': field 'to\.topics\.t\.value_schema': subject "t-value" needs a schema/);
  });

  it("refuses a Pipeline without any pipeline", async () => {
    expect(await failure({})).toMatch(/give a loaded pipeline or a pipeline path/);
  });
});

describe("Pipeline with every kind, custom classes included", () => {
  const files = {
    "config.yaml": "kafka_brokers: b:9092\npipeline_base_dir: pipelines\ncreate_namespace: true\n",
    "pipelines/defaults.yaml": `
kubernetes-app: {namespace: ns}
audit-consumer: {version: "6.0.0", values: {image: auditor, kafka: {groupId: audit}}}
nginx-app:
  repo_config: {repository_name: charts-example, url: "https://charts.example"}
  version: "1.2.3"
  timeout: 2m
`,
    "pipelines/p/pipeline.yaml": `
- type: kafka-source-connector
  name: source
  to: {topics: {raw: {type: output, partitions_count: 2}}}
  config: {connector.class: org.apache.kafka.connect.file.FileStreamSourceConnector, file: /in.txt, topic: raw}
  state: paused
- {type: audit-consumer, name: auditor, from: {topics: {raw: {type: input}}}}
- {type: nginx-app, name: web, values: {replicaCount: 2}}
- {type: marker, name: note}
`,
  };

  function classes() {
    class AuditConsumer extends sdk.ConsumerApp {}
    class NginxApp extends sdk.HelmApp {
      override get helmChart(): string {
        return "charts-example/nginx";
      }
    }
    class Marker extends sdk.PipelineComponent {}
    return [AuditConsumer, NginxApp, Marker] as any[];
  }

  it("maps each step to its kind's component and resources", async () => {
    const recorder = recordingBackend(layer.defaultBackend as any);
    const pipeline = new layer.Pipeline("kinds", {
      projectDir: writeProject(files),
      path: "pipelines/p/pipeline.yaml",
      componentClasses: classes(),
      backend: recorder.backend,
    });
    await pipeline.ready;
    expect(pipeline.steps.map((s) => [s.kind, s.kpopsType])).toEqual([
      ["KafkaSourceConnector", "kafka-source-connector"],
      ["ConsumerApp", "audit-consumer"],
      ["HelmApp", "nginx-app"],
      ["PipelineComponent", "marker"],
    ]);
    const of = (kind: BackendCall["kind"]) => recorder.calls.filter((c) => c.kind === kind);
    expect(of("topic").map((c) => c.inputs.name)).toEqual(["raw"]);
    expect(of("connector")[0].inputs).toMatchObject({ connectorName: "p-source", state: "paused" });
    const [auditor, web] = of("release");
    expect(auditor.inputs).toMatchObject({ chart: "consumer-app", version: "6.0.0", createNamespace: true });
    expect(auditor.inputs.values).toEqual({
      image: "auditor",
      kafka: { bootstrapServers: "b:9092", groupId: "audit", inputTopics: ["raw"] },
      nameOverride: "p-auditor",
      fullnameOverride: "p-auditor",
    });
    expect(await dependencyNames(auditor.opts)).toEqual(["kinds/raw"]);
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

  it("keeps only the `secrets` values secret, so every other value still shows", async () => {
    const recorder = recordingBackend(layer.defaultBackend as any);
    const root = writeProject({
      ...files,
      "pipelines/p/pipeline.yaml": "- {type: audit-consumer, name: auditor, values: {replicaCount: 3, secrets: {PASSWORD: pw}}}\n",
    });
    await new layer.Pipeline("secret-values", { projectDir: root, path: "pipelines/p/pipeline.yaml", componentClasses: classes(), backend: recorder.backend }).ready;
    const [release] = recorder.calls.filter((c) => c.kind === "release");
    expect(await isSecretOutput(release.inputs.values.secrets.PASSWORD)).toBe(true);
    // What goes to the engine (the mock monitor lifts secrets to the top, the wire format does not): the one
    // secret leaf wrapped as a secret, every other value in plain sight.
    const pulumi = await import("@pulumi/pulumi");
    const wire = await pulumi.runtime.serializeProperty("values", release.inputs.values);
    expect(wire.replicaCount).toBe(3);
    expect(wire.image).toBe("auditor");
    expect(wire.secrets).toEqual({ PASSWORD: { [SECRET_SIG]: SECRET_VALUE, value: "pw" } });
  });
});
