/**
 * The word-count example deployed for real with `pulumi up` of the repository's program: topics in Kafka, the sink
 * connector in Kafka Connect, the producer and streams apps as Helm releases of bakdata's streams-bootstrap 3.6.1
 * charts (served by a loopback chart repository) in a local Kubernetes cluster. Every check asks the services
 * themselves (tests/e2e/probe.ts). The test walks a KPOps user's life with the pipeline: deploy, deploy again,
 * change it, find and repair hand-made drift, remove steps, take it down and bring it back. Services are started
 * and stopped here (scripts/services/start.sh, loopback only). Part of `npm run test:e2e`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { LocalServices, eventually, startServices, stopServices } from "../engine/local-services";
import { repositoryRoot } from "../support/offline-engine";
import {
  alterTopicConfigs,
  connectorState,
  deleteConnector,
  deploymentReplicas,
  describeTopicState,
  helmReleases,
  helmValues,
  jobSucceeded,
  putConnectorConfig,
} from "./probe";
import { E2eStack, changes, copyProject, editFile, generate, serviceEnv } from "./stack";

const NAMESPACE = "kpops-examples";
const PRODUCER_TOPIC = "word-count-data-producer-topic";
const OUTPUT_TOPIC = "word-count-word-count-app-topic";
const ERROR_TOPIC = "word-count-word-count-app-dead-letter-topic";
const CONNECTOR = "word-count-file-sink-connector";
const STREAMS_RELEASE = "word-count-word-count-app";
const PRODUCER_RELEASE = "word-count-data-producer";

let services: LocalServices;
let work: string;
let project: string;
let env: Record<string, string>;
let stack: E2eStack;

const pipelineFile = () => path.join(project, "pipelines/word-count/pipeline.yaml");
const defaultsFile = () => path.join(project, "pipelines/defaults.yaml");

beforeAll(() => {
  services = startServices(["kafka", "connect", "schema-registry", "kubernetes", "charts"]);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-e2e-word-count-"));
  project = copyProject(path.join(repositoryRoot, "examples/word-count"), work);
  env = serviceEnv(services);
  stack = new E2eStack(work, "word-count", project, env);
}, 600_000);

afterAll(() => {
  try {
    stack?.remove();
  } finally {
    stopServices(services);
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 300_000);

describe("word-count on Kafka, Connect and a local cluster with the streams-bootstrap 3.6.1 charts", () => {
  it("`up` creates the topics with the declared partitions, replication and configs", async () => {
    stack.mustUp();
    expect(await describeTopicState(services, PRODUCER_TOPIC)).toEqual({ partitions: 3, replicationFactor: 1, configs: {} });
    expect(await describeTopicState(services, OUTPUT_TOPIC)).toEqual({
      partitions: 3,
      replicationFactor: 1,
      configs: { "cleanup.policy": "compact" },
    });
    expect(await describeTopicState(services, ERROR_TOPIC)).toEqual({ partitions: 1, replicationFactor: 1, configs: {} });
  });

  it("the sink connector runs and reads the streams app's output topic", async () => {
    const connector = await eventually("the connector RUNNING", async () => {
      const state = await connectorState(services, CONNECTOR);
      return state?.state === "RUNNING" ? state : undefined;
    });
    expect(connector.config).toMatchObject({
      "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
      file: "/tmp/word-count.txt",
      topics: OUTPUT_TOPIC,
    });
  });

  it("both apps are Helm releases of the 3.6.1 charts that `helm list` shows deployed", () => {
    const releases = helmReleases(services, NAMESPACE).map((r) => [r.name, r.status, r.chart]).sort();
    expect(releases).toEqual([
      [PRODUCER_RELEASE, "deployed", "producer-app-3.6.1"],
      [STREAMS_RELEASE, "deployed", "streams-app-3.6.1"],
    ]);
  });

  it("each release holds the values of the enriched pipeline, with the name overrides KPOps adds", () => {
    const enriched = generate(project, env);
    for (const release of [PRODUCER_RELEASE, STREAMS_RELEASE]) {
      const step = enriched.find((s) => s.helm_release_name === release);
      // KPOps leaves model defaults out of the values it passes to Helm (kpops-spec.md, HelmApp deploy): the streams app's
      // `statefulSet: false` is printed by generate but not passed
      const { statefulSet, ...values } = step.values;
      expect(statefulSet === undefined || statefulSet === false).toBe(true);
      expect(helmValues(services, NAMESPACE, release)).toEqual({
        ...values,
        nameOverride: step.helm_name_override,
        fullnameOverride: step.helm_name_override,
      });
    }
    // and what that means, spelled out for the streams app
    expect(helmValues(services, NAMESPACE, STREAMS_RELEASE)).toMatchObject({
      replicaCount: 1,
      kafka: { bootstrapServers: services.KAFKA_BOOTSTRAP, inputTopics: [PRODUCER_TOPIC], outputTopic: OUTPUT_TOPIC, errorTopic: ERROR_TOPIC },
    });
  });

  it("the streams app's Deployment is ready and the producer's Job complete", async () => {
    expect(await deploymentReplicas(services, NAMESPACE, STREAMS_RELEASE)).toEqual({ desired: 1, ready: 1 });
    expect(await jobSucceeded(services, NAMESPACE, PRODUCER_RELEASE)).toBe(1);
  });

  it("a second `up` plans no change", () => {
    const preview = stack.preview();
    expect(preview.status).toBe(0);
    expect(changes(preview)).toEqual([]);
  });

  it("a changed topic config, connector config and app value each update in place, visible in the services", async () => {
    editFile(pipelineFile(), (text) =>
      text
        .replace("replicaCount: 1", "replicaCount: 2")
        .replace("cleanup.policy: compact", "cleanup.policy: compact\n          retention.ms: 86400000")
        .replace("file: /tmp/word-count.txt", "file: /tmp/word-count-2.txt"),
    );
    const preview = stack.preview();
    expect(changes(preview)).toEqual([
      `update kafka:index/topic:Topic word-count/${OUTPUT_TOPIC}`,
      `update kpops:index:KafkaConnector word-count/${CONNECTOR}`,
      `update kubernetes:helm.sh/v3:Release word-count/${STREAMS_RELEASE}`,
    ]);
    stack.mustUp();
    expect((await describeTopicState(services, OUTPUT_TOPIC))?.configs).toEqual({ "cleanup.policy": "compact", "retention.ms": "86400000" });
    expect((await connectorState(services, CONNECTOR))?.config.file).toBe("/tmp/word-count-2.txt");
    expect(await eventually("two ready replicas", async () => {
      const replicas = await deploymentReplicas(services, NAMESPACE, STREAMS_RELEASE);
      return replicas?.ready === 2 ? replicas : undefined;
    })).toEqual({ desired: 2, ready: 2 });
  });

  it("removing a key from a topic's configs is shown in the preview before the broker default comes back", async () => {
    editFile(pipelineFile(), (text) => text.replace("          cleanup.policy: compact\n", ""));
    const preview = stack.preview();
    const topicStep = preview.steps.find((s) => s.op === "update" && s.urn.endsWith(`::word-count/${OUTPUT_TOPIC}`));
    expect(topicStep?.detailedDiff?.['config["cleanup.policy"]']?.kind).toBe("delete");
    // the preview changed nothing
    expect((await describeTopicState(services, OUTPUT_TOPIC))?.configs["cleanup.policy"]).toBe("compact");
    stack.mustUp();
    expect((await describeTopicState(services, OUTPUT_TOPIC))?.configs).toEqual({ "retention.ms": "86400000" });
  });

  it("hand-made changes to a topic config and a connector config are shown by `preview --refresh` and repaired by `up --refresh`", async () => {
    await alterTopicConfigs(services, OUTPUT_TOPIC, { "retention.ms": "1000" });
    const config = (await connectorState(services, CONNECTOR))!.config;
    await putConnectorConfig(services, CONNECTOR, { ...config, file: "/tmp/elsewhere.txt" });
    const preview = stack.preview("--refresh");
    expect(changes(preview)).toEqual([
      `update kafka:index/topic:Topic word-count/${OUTPUT_TOPIC}`,
      `update kpops:index:KafkaConnector word-count/${CONNECTOR}`,
    ]);
    stack.mustUp("--refresh");
    expect((await describeTopicState(services, OUTPUT_TOPIC))?.configs["retention.ms"]).toBe("86400000");
    expect((await connectorState(services, CONNECTOR))?.config.file).toBe("/tmp/word-count-2.txt");
    expect(changes(stack.preview("--refresh"))).toEqual([]);
  });

  it("a connector deleted by hand is shown by `preview --refresh` and recreated by `up --refresh`", async () => {
    await deleteConnector(services, CONNECTOR);
    expect(changes(stack.preview("--refresh"))).toEqual([`create kpops:index:KafkaConnector word-count/${CONNECTOR}`]);
    stack.mustUp("--refresh");
    expect((await connectorState(services, CONNECTOR))?.config.file).toBe("/tmp/word-count-2.txt");
  });

  it("a partition decrease is refused with a clear error and nothing changes in Kafka", async () => {
    const before = fs.readFileSync(defaultsFile(), "utf8");
    try {
      editFile(defaultsFile(), (text) => text.replace(/(streams-app:\n(?:.*\n)*?\s+\$\{output_topic_name\}:\n\s+partitions_count: )3/, "$11"));
      const preview = stack.preview();
      expect(preview.status).not.toBe(0);
      expect(preview.diagnostics.join("\n")).toContain(`refusing to replace Kafka topic "${OUTPUT_TOPIC}": partitions 3 -> 1`);
      const up = stack.up();
      expect(up.status).not.toBe(0);
      expect(up.output).toContain(`refusing to replace Kafka topic "${OUTPUT_TOPIC}"`);
      expect(up.output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
      expect((await describeTopicState(services, OUTPUT_TOPIC))?.partitions).toBe(3);
    } finally {
      fs.writeFileSync(defaultsFile(), before);
    }
    expect(changes(stack.preview())).toEqual([]);
  });

  it("with Kafka Connect down, `up` fails naming the step and the service; once Connect is back `up` converges", async () => {
    const connectUrl = new URL(services.KAFKA_CONNECT_URL);
    editFile(pipelineFile(), (text) => text.replace("file: /tmp/word-count-2.txt", "file: /tmp/word-count-3.txt"));
    execFileSync(path.join(repositoryRoot, "scripts/services/stop.sh"), ["connect"], { env: { ...process.env, KPOPS_SERVICES_DIR: services.dir }, stdio: "inherit" });
    try {
      const failed = stack.up();
      expect(failed.status).not.toBe(0);
      expect(failed.output).toContain(`kpops:index:KafkaConnector (word-count/${CONNECTOR}):`);
      expect(failed.output).toContain(`[Kafka Connect] cannot reach the service`);
      expect(failed.output).toContain(connectUrl.host);
      expect(failed.output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      // the state has no operation left pending
      expect(JSON.stringify(stack.resources())).not.toContain("pending");
    } finally {
      execFileSync(path.join(repositoryRoot, "scripts/services/start.sh"), ["connect"], {
        env: { ...process.env, KPOPS_SERVICES_DIR: services.dir, CONNECT_PORT: connectUrl.port, SCHEMA_REGISTRY_STORAGE: "memory" },
        stdio: ["ignore", "ignore", "inherit"],
      });
    }
    stack.mustUp("--refresh");
    expect((await connectorState(services, CONNECTOR))?.config.file).toBe("/tmp/word-count-3.txt");
    expect(changes(stack.preview("--refresh"))).toEqual([]);
  });

  it("removing steps removes their release and connector and keeps their topics", async () => {
    try {
      editFile(pipelineFile(), (text) => text.slice(0, text.indexOf("- type: streams-app")));
      stack.mustUp();
      expect(helmReleases(services, NAMESPACE).map((r) => r.name)).toEqual([PRODUCER_RELEASE]);
      expect(await connectorState(services, CONNECTOR)).toBeUndefined();
      expect((await describeTopicState(services, OUTPUT_TOPIC))?.partitions).toBe(3);
      expect((await describeTopicState(services, ERROR_TOPIC))?.partitions).toBe(1);
    } finally {
      fs.copyFileSync(path.join(repositoryRoot, "examples/word-count/pipelines/word-count/pipeline.yaml"), pipelineFile());
    }
  });

  it("`destroy` removes the releases and the connector and keeps every topic", async () => {
    stack.mustDestroy();
    expect(helmReleases(services, NAMESPACE)).toEqual([]);
    expect(await connectorState(services, CONNECTOR)).toBeUndefined();
    for (const topic of [PRODUCER_TOPIC, OUTPUT_TOPIC, ERROR_TOPIC]) expect(await describeTopicState(services, topic)).toBeDefined();
  });

  it("the next `up` of the same pipeline in a new stack takes the kept topics over, its preview saying so", async () => {
    const again = new E2eStack(work, "word-count-again", project, env);
    try {
      const preview = again.preview();
      // the output topic still has the retention.ms of the earlier edits, which the pipeline no longer declares
      expect(changes(preview).filter((c) => c.includes("kafka:index/topic:Topic"))).toEqual([
        ...[PRODUCER_TOPIC, ERROR_TOPIC, OUTPUT_TOPIC].map((t) => `import kafka:index/topic:Topic word-count/${t}`),
        `update kafka:index/topic:Topic word-count/${OUTPUT_TOPIC}`,
      ]);
      const update = preview.steps.find((s) => s.op === "update" && s.urn.endsWith(`::word-count/${OUTPUT_TOPIC}`));
      expect(update?.detailedDiff?.['config["retention.ms"]']?.kind).toBe("delete");
      again.mustUp();
      // brought to what the pipeline declares: the retention.ms of the earlier edits is gone, compaction is back
      expect(await describeTopicState(services, OUTPUT_TOPIC)).toEqual({ partitions: 3, replicationFactor: 1, configs: { "cleanup.policy": "compact" } });
      expect(helmReleases(services, NAMESPACE).map((r) => r.status)).toEqual(["deployed", "deployed"]);
      expect(changes(again.preview())).toEqual([]);
      again.mustDestroy();
    } finally {
      again.remove();
    }
  });
});
