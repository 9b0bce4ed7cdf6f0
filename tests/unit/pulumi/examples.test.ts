/**
 * The examples under the mock engine: word-count, the multi-pipeline project (a step depending on a topic of
 * another pipeline), the embedded stack (providers and addresses passed in as outputs), and the ready program's
 * stack-config mapping.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import { BROKER_DEFAULTS, BackendCall, REPO_ROOT, dependencyNames, installMocks, isSecretOutput, nameOf, recordingBackend, registered, settle, splitByPrefix, valueOf } from "./harness";

let layer: typeof pulumiLayer;
let pulumi: typeof import("@pulumi/pulumi");

beforeAll(async () => {
  await installMocks();
  layer = await import("../../../sdk/src/pulumi");
  pulumi = await import("@pulumi/pulumi");
});

const fixture = (name: string) => YAML.parse(fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8"));
const examples = path.join(REPO_ROOT, "examples");



/** Builds a Project of an example, loaded by the core like `kpops generate`. */
async function deploy(name: string, example: string, args: Partial<pulumiLayer.ProjectArgs> = {}) {
  const recorder = recordingBackend(layer.defaultBackend as any);
  const project = new layer.Project(name, {
    projectDir: path.join(examples, example),
    pipelinePaths: ["pipelines"],
    backend: recorder.backend,
    localChartsDir: path.join(REPO_ROOT, "charts"),
    ...args,
  });
  await project.ready;
  const of = (kind: BackendCall["kind"]) => recorder.calls.filter((c) => c.kind === kind);
  return { project, of };
}

describe("examples/word-count", () => {
  const steps = fixture("word-count.enriched.yaml");

  it("has the files KPOps needs, and a FileStream sink instead of Redis", () => {
    for (const file of ["config.yaml", "pipelines/defaults.yaml", "pipelines/word-count/pipeline.yaml"]) {
      expect(fs.existsSync(path.join(examples, "word-count", file))).toBe(true);
    }
    const pipeline = YAML.parse(fs.readFileSync(path.join(examples, "word-count/pipelines/word-count/pipeline.yaml"), "utf8"));
    expect(pipeline[2].config["connector.class"]).toBe("org.apache.kafka.connect.file.FileStreamSinkConnector");
  });

  it("is enriched by the core exactly as the fixture says", () => {
    const { pipelines } = layer.loadProject({ projectDir: path.join(examples, "word-count"), pipelinePaths: ["pipelines"] });
    expect(pipelines.map((p) => p.name)).toEqual(["word-count"]);
    expect(pipelines[0].components.map((c) => c.generate())).toEqual(steps);
  });

  it("deploys three topics, two releases of the local charts and the file sink connector", async () => {
    const { project, of } = await deploy("example-word-count", "word-count");
    expect(of("topic").map((c) => [c.inputs.name, c.inputs.partitions])).toEqual([
      ["word-count-data-producer-topic", 3],
      ["word-count-word-count-app-topic", 3],
      ["word-count-word-count-app-dead-letter-topic", 1],
    ]);
    expect(of("release").map((c) => [c.inputs.name, c.inputs.chart, c.inputs.namespace])).toEqual([
      ["word-count-data-producer", path.join(REPO_ROOT, "charts/producer-app"), "kpops-examples"],
      ["word-count-word-count-app", path.join(REPO_ROOT, "charts/streams-app"), "kpops-examples"],
    ]);
    for (const chart of ["producer-app", "streams-app"]) expect(fs.existsSync(path.join(REPO_ROOT, "charts", chart, "Chart.yaml"))).toBe(true);
    const [connector] = of("connector");
    expect(await valueOf(connector.inputs.config)).toEqual({
      "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
      name: "word-count-file-sink-connector",
      topics: "word-count-word-count-app-topic",
      file: "/tmp/word-count.txt",
      "tasks.max": "1",
      "key.converter": "org.apache.kafka.connect.storage.StringConverter",
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    });
    expect(await valueOf(project.connectorNames)).toEqual(["word-count-file-sink-connector"]);
  });
});

describe("examples/multi-pipeline", () => {
  const pipelines = splitByPrefix(fixture("multi-pipeline.enriched.yaml"));

  it("has one pipeline.yaml per pipeline folder", () => {
    const dirs = fs.readdirSync(path.join(examples, "multi-pipeline/pipelines"), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.map((d) => d.name).sort()).toEqual(["enrich", "ingest"]);
    for (const d of dirs) expect(fs.existsSync(path.join(examples, "multi-pipeline/pipelines", d.name, "pipeline.yaml"))).toBe(true);
  });

  it("is enriched by the core exactly as the fixture says", () => {
    const loaded = layer.loadProject({ projectDir: path.join(examples, "multi-pipeline"), pipelinePaths: ["pipelines"] });
    expect(loaded.pipelines.map((p) => [p.name, p.components.map((c) => c.generate())])).toEqual(pipelines.map((p) => [p.name, p.steps]));
  });

  it("gives every pipeline its own Pipeline component under the Project", async () => {
    const { project } = await deploy("example-multi", "multi-pipeline");
    expect(await Promise.all(project.pipelines.map(nameOf))).toEqual(["example-multi/enrich", "example-multi/ingest"]);
    expect(project.pipelines.map((p) => p.steps.map((s) => s.kpopsType))).toEqual([
      ["streams-app", "kafka-sink-connector"],
      ["producer-app"],
    ]);
  });

  it("makes the enricher wait for the `orders` topic that a later pipeline creates, and nothing else", async () => {
    const { project, of } = await deploy("example-multi-deps", "multi-pipeline");
    const orders = of("topic").find((c) => c.inputs.name === "orders")!;
    expect(orders.opts.parent).toBe(project.pipelines[1].steps[0]);
    const declared = pipelines[1].steps[0].to.topics.orders;
    expect(orders.inputs).toMatchObject({ name: "orders", partitions: declared.partitions_count, config: { "retention.ms": "-1" } });
    expect(await valueOf(orders.inputs.replicationFactor)).toBe(declared.replication_factor ?? BROKER_DEFAULTS.replicationFactor);
    const scoped = (...names: string[]) => names.map((n) => `example-multi-deps/${n}`);
    const enricher = of("release").find((c) => c.inputs.name === "enrich-order-enricher")!;
    expect(await dependencyNames(enricher.opts)).toEqual(scoped("orders", "enrich-order-enricher", "enrich-order-enricher-error"));
    const archive = of("connector")[0];
    expect(await dependencyNames(archive.opts)).toEqual(scoped("enrich-order-enricher"));
    const producer = of("release").find((c) => c.inputs.name === "ingest-order-producer")!;
    expect(await dependencyNames(producer.opts)).toEqual(scoped("orders"));
  });
});

describe("examples/embedded", () => {
  it("wires the surrounding stack's providers, addresses and secrets into the pipeline", async () => {
    const { embeddedStack } = await import("../../../examples/embedded/stack");
    const stack = embeddedStack({ connectPassword: pulumi.secret("connect-secret"), backend: recordingBackend(layer.defaultBackend as any).backend });
    expect(stack.pipeline.steps.map((s) => s.kpopsType)).toEqual(["producer-app", "streams-app", "kafka-sink-connector"]);
    expect(await valueOf(stack.brokers)).toBe("kafka.kpops-examples.svc:9092");
    await settle();
    // Topics use the platform's kafka provider, whose brokers are an output of the Kafka service.
    const topic = registered.find((r) => r.type === "kafka:index/topic:Topic" && r.name === "word-count/word-count-data-producer-topic" && r.provider?.includes("platform-kafka"));
    expect(topic).toBeDefined();
    const provider = registered.find((r) => r.type === "pulumi:providers:kafka" && r.name === "platform-kafka");
    expect(provider?.inputs.bootstrapServers).toBe(JSON.stringify(["kafka.kpops-examples.svc:9092"]));
    // Releases go to the surrounding stack's cluster.
    const release = registered.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name === "word-count/word-count-word-count-app" && r.provider?.includes("::cluster::"));
    expect(release?.inputs.chart).toBe(path.join(REPO_ROOT, "charts/streams-app"));
    // The connector reaches Kafka Connect at the service's address, with the password kept secret.
    const connector = stack.pipeline.steps[2].connector as any;
    expect(await valueOf(connector.connection)).toMatchObject({ url: "http://kafka-connect.kpops-examples.svc:8083" });
    expect(await isSecretOutput(connector.credentials)).toBe(true);
  });
});

describe("program config", () => {
  it("defaults to the word-count example with the local charts and safe settings", () => {
    const args = layer.projectArgsFromConfig(new pulumi.Config("kpops-defaults"), REPO_ROOT);
    expect(args).toMatchObject({
      projectDir: path.join(REPO_ROOT, "examples/word-count"),
      pipelinePaths: [path.join(REPO_ROOT, "examples/word-count")],
      configDir: path.join(REPO_ROOT, "examples/word-count"),
      localChartsDir: path.join(REPO_ROOT, "charts"),
      allowTopicDeletion: false,
      allowTopicReplacement: false,
      protectTopics: false,
    });
    expect(args.kafka).toBeUndefined();
  });

  it("maps stack config onto Project args, with passwords as secrets", async () => {
    pulumi.runtime.setConfig("kpops-set:project", "examples/multi-pipeline");
    pulumi.runtime.setConfig("kpops-set:pipelines", '["pipelines/ingest"]');
    pulumi.runtime.setConfig("kpops-set:environment", "dev");
    pulumi.runtime.setConfig("kpops-set:localChartsDir", "");
    pulumi.runtime.setConfig("kpops-set:brokers", "a:9092, b:9092");
    pulumi.runtime.setConfig("kpops-set:saslPassword", "pw");
    pulumi.runtime.setConfig("kpops-set:kafkaConnectUrl", "http://connect:8083");
    pulumi.runtime.setConfig("kpops-set:kafkaConnectPassword", "cpw");
    pulumi.runtime.setConfig("kpops-set:kafkaConnectUsername", "u");
    pulumi.runtime.setConfig("kpops-set:secretKeys", "connection.user, env.TOKEN");
    pulumi.runtime.setConfig("kpops-set:allowTopicDeletion", "true");
    const args = layer.projectArgsFromConfig(new pulumi.Config("kpops-set"), REPO_ROOT);
    expect(args.pipelinePaths).toEqual([path.join(REPO_ROOT, "examples/multi-pipeline/pipelines/ingest")]);
    expect(args.environment).toBe("dev");
    expect(args.localChartsDir).toBeUndefined();
    expect(args.kafka?.bootstrapServers).toEqual(["a:9092", "b:9092"]);
    expect(await isSecretOutput(args.kafka?.saslPassword)).toBe(true);
    expect(args.kafkaConnect?.url).toBe("http://connect:8083");
    expect(await isSecretOutput(args.kafkaConnect?.password)).toBe(true);
    expect(args.secretKeys).toEqual(["connection.user", "env.TOKEN"]);
    expect(args.allowTopicDeletion).toBe(true);
  });

  it("builds the bundled example from its files, as the ready program does", async () => {
    const args = layer.projectArgsFromConfig(new pulumi.Config("kpops-program"), REPO_ROOT);
    const recorder = recordingBackend(layer.defaultBackend as any);
    const project = new layer.Project("kpops", { ...args, backend: recorder.backend });
    await project.ready;
    expect(await valueOf(project.topicNames)).toEqual([
      "word-count-data-producer-topic",
      "word-count-word-count-app-topic",
      "word-count-word-count-app-dead-letter-topic",
    ]);
    expect(await valueOf(project.releaseNames)).toEqual(["word-count-data-producer", "word-count-word-count-app"]);
    expect(await valueOf(project.connectorNames)).toEqual(["word-count-file-sink-connector"]);
    const connector = recorder.calls.find((c) => c.kind === "connector")!;
    expect(connector.inputs.url).toBe("http://localhost:8083/"); // from the example's config.yaml (KPOps adds the slash)
  });

  it("builds a single Pipeline from a pipeline file", async () => {
    const wordCount = path.join(examples, "word-count");
    const pipeline = new layer.Pipeline("from-file", {
      path: "pipelines/word-count/pipeline.yaml",
      projectDir: wordCount,
      localChartsDir: path.join(REPO_ROOT, "charts"),
      backend: recordingBackend(layer.defaultBackend as any).backend,
    });
    await pipeline.ready;
    expect(pipeline.steps.map((s) => s.kpopsType)).toEqual(["producer-app", "streams-app", "kafka-sink-connector"]);
  });

  it("reports a missing pipeline file as a ResourceError", () => {
    expect(() => new layer.Pipeline("missing", { path: "nope/pipeline.yaml", projectDir: path.join(examples, "word-count") })).toThrow(
      pulumi.ResourceError,
    );
  });

  it("has a Pulumi.yaml whose main is the program", () => {
    const project = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    expect(project.main).toBe("program/run.js");
    expect(fs.existsSync(path.join(REPO_ROOT, project.main))).toBe(true);
  });
});
