/**
 * Beyond upstream, on the real engine with a real Kafka broker and Kafka Connect (loopback): the ready program
 * deploys tests/engine/cross-pipeline-project, where pipeline `consumer` reads the output topic of step
 * `lines-source` of pipeline `producer` (`from.components: {producer/lines-source: ...}`, KPOps issue #513).
 *
 * - `pulumi up` succeeds, the consumer's connector depends in the engine's state on the producer's topic resource
 *   (so the engine creates the topic first), and lines move from the source file through the topic to the sink file.
 * - In environment `quiet`, whose config_quiet.yaml disables the consumer pipeline (issue #154), a preview plans
 *   the producer's resources and nothing of the consumer.
 * - Across stacks (tests/engine/cross-stack): stack one deploys pipeline `files` and exports its steps' output topics
 *   (`stepOutputs`); stack two names it in `kpops:stackReferences` as `ingest` and its sink connector reads
 *   `ingest/files/lines-source`: the connector reads the topic of stack one, which stays stack one's, and lines
 *   flow between the stacks. A step stack one does not publish is one error naming file, step and field; a stack
 *   that does not exist is the engine's error naming it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StateResource, WorkStack, initWorkStack } from "./engine-env";
import { repositoryRoot } from "../support/offline-engine";
import { LocalServices, eventually, getJson, startServices, stopServices } from "./local-services";

const PROJECT = path.join(__dirname, "cross-pipeline-project");
const TOPIC = "cross-lines";
let services: LocalServices;
let work: string;
let env: Record<string, string>;

const byName = (resources: StateResource[], type: string, name: string) =>
  resources.find((r) => r.type === type && r.urn.endsWith(`::${name}`));

beforeAll(() => {
  services = startServices(["kafka", "connect"]);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-cross-pipeline-"));
  fs.writeFileSync(path.join(work, "source.txt"), "");
  env = {
    KPOPS_KAFKA_BROKERS: services.KAFKA_BOOTSTRAP,
    KPOPS_KAFKA_CONNECT__URL: services.KAFKA_CONNECT_URL,
    SOURCE_FILE: path.join(work, "source.txt"),
    SINK_FILE: path.join(work, "sink.txt"),
  };
}, 600_000);

afterAll(() => {
  try {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  } finally {
    stopServices(services);
  }
}, 300_000);

describe("a cross-pipeline reference deployed by pulumi up", () => {
  let stack: WorkStack;

  beforeAll(() => {
    stack = initWorkStack(work, `cross-${process.pid}`, env);
    expect(stack.run("config", "set", "kpops:project", PROJECT).status).toBe(0);
  });

  it("succeeds, and the consumer's connector depends on the producer's topic in the engine's state", () => {
    const up = stack.run("up", "--yes", "--skip-preview");
    if (up.status !== 0) console.log(up.output);
    expect(up.status).toBe(0);

    const resources = stack.resources();
    const topic = byName(resources, "kafka:index/topic:Topic", `cross-pipeline-project/${TOPIC}`);
    const connector = (name: string) => resources.find((r) => r.type === "kpops:index:KafkaConnector" && r.urn.endsWith(`::${name}`));
    const sink = connector("cross-pipeline-project/consumer-lines-sink");
    const source = connector("cross-pipeline-project/producer-lines-source");
    expect(topic).toBeDefined();
    expect(sink).toBeDefined();
    expect(source).toBeDefined();
    // the topic belongs to the producer's pipeline; the consumer's pipeline owns no topic and waits for that one
    const pipelineOf = (r: StateResource): string | undefined => {
      let current: StateResource | undefined = r;
      while (current && current.type !== "kpops:index:Pipeline") current = resources.find((p) => p.urn === current!.parent);
      return current?.urn.split("::").pop();
    };
    expect(pipelineOf(topic!)).toBe("cross-pipeline-project/producer");
    expect(pipelineOf(sink!)).toBe("cross-pipeline-project/consumer");
    expect(sink!.dependencies).toContain(topic!.urn);
    expect(source!.dependencies).toContain(topic!.urn);
  });

  it("runs both connectors on Kafka Connect, and lines reach the sink file through the topic", async () => {
    for (const connector of ["producer-lines-source", "consumer-lines-sink"]) {
      const status = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${connector}/status`);
      expect(status.body.connector.state).toBe("RUNNING");
    }
    const sinkConfig = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/consumer-lines-sink/config`);
    expect(sinkConfig.body.topics).toBe(TOPIC);
    fs.appendFileSync(env.SOURCE_FILE, "across pipelines\n");
    const lines = await eventually("the sink file", async () => {
      const text = fs.existsSync(env.SINK_FILE) ? fs.readFileSync(env.SINK_FILE, "utf8") : "";
      return text.includes("across pipelines") ? text.split("\n").filter(Boolean) : undefined;
    });
    expect(lines).toEqual(["across pipelines"]);
  });

  it("destroys the connectors afterwards", async () => {
    expect(stack.run("destroy", "--yes", "--skip-preview").status).toBe(0);
    expect((await getJson(`${services.KAFKA_CONNECT_URL}/connectors/consumer-lines-sink`)).status).toBe(404);
  });
});

describe("a pipeline disabled in config_<env>.yaml", () => {
  it("plans nothing in a preview of that environment, while the enabled pipeline is planned", () => {
    const stack = initWorkStack(work, `quiet-${process.pid}`, env);
    expect(stack.run("config", "set", "kpops:project", PROJECT).status).toBe(0);
    expect(stack.run("config", "set", "kpops:environment", "quiet").status).toBe(0);
    const preview = stack.run("preview", "--json");
    expect(preview.status).toBe(0);
    const json = JSON.parse(preview.output.slice(preview.output.indexOf("{"), preview.output.lastIndexOf("}") + 1));
    // planned = created, or imported: the first describe's `up` made the topic and `destroy` kept it, so it is taken over
    const creates: string[] = (json.steps ?? []).filter((s: any) => s.op === "create" || s.op === "import").map((s: any) => s.urn);
    const named = (part: string) => creates.filter((urn) => urn.split("::").pop()!.includes(part));
    expect(named("producer").length).toBeGreaterThanOrEqual(2); // the pipeline, its step, the connector
    expect(creates.filter((urn) => urn.endsWith(`kafka:index/topic:Topic::cross-pipeline-project/${TOPIC}`))).toHaveLength(1);
    expect(named("consumer")).toEqual([]);
    expect(JSON.stringify(json.diagnostics ?? [])).toMatch(/pipeline 'consumer' is disabled by disabled_pipelines entry 'consumer'/);
  });
});

describe("a step read across stacks through a stack reference", () => {
  const STACK_TOPIC = "stack-lines";
  let ingest: WorkStack;
  let reader: WorkStack;
  let files: { SOURCE_FILE: string; SINK_FILE: string };
  const stackFrames = (output: string) => output.split("\n").filter((line) => /^\s+at .+\.(ts|js):\d+/.test(line));
  /** The project name of the ready program (Pulumi.yaml), which the file backend puts in stack names. */
  const programName = () => /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(repositoryRoot, "Pulumi.yaml"), "utf8"))![1];

  beforeAll(() => {
    files = { SOURCE_FILE: path.join(work, "stack-source.txt"), SINK_FILE: path.join(work, "stack-sink.txt") };
    fs.writeFileSync(files.SOURCE_FILE, "");
    const stackEnv = { ...env, ...files };
    ingest = initWorkStack(work, `ingest-${process.pid}`, stackEnv);
    expect(ingest.run("config", "set", "kpops:project", path.join(__dirname, "cross-stack/ingest")).status).toBe(0);
    reader = initWorkStack(work, `reader-${process.pid}`, stackEnv);
    expect(reader.run("config", "set", "kpops:project", path.join(__dirname, "cross-stack/reader")).status).toBe(0);
    const references = JSON.stringify({ ingest: `organization/${programName()}/${ingest.name}` });
    expect(reader.run("config", "set", "kpops:stackReferences", references).status).toBe(0);
  });

  afterAll(() => {
    reader?.run("destroy", "--yes", "--skip-preview");
    ingest?.run("destroy", "--yes", "--skip-preview");
  });

  it("stack one publishes each step's output topics as the stack output stepOutputs", () => {
    const up = ingest.run("up", "--yes", "--skip-preview");
    if (up.status !== 0) console.log(up.output);
    expect(up.status).toBe(0);
    const output = ingest.run("stack", "output", "stepOutputs", "--json");
    expect(JSON.parse(output.output.slice(output.output.indexOf("{"), output.output.lastIndexOf("}") + 1))).toEqual({
      "files/lines-source": { topics: { [STACK_TOPIC]: { type: "output", label: null } } },
    });
  });

  it("stack two's connector reads that topic; the topic stays stack one's, and lines flow between the stacks", async () => {
    const up = reader.run("up", "--yes", "--skip-preview");
    if (up.status !== 0) console.log(up.output);
    expect(up.status).toBe(0);
    const resources = reader.resources();
    expect(resources.filter((r) => r.type === "pulumi:pulumi:StackReference").map((r) => r.urn.split("::").pop())).toEqual(["kpops-stack-ingest"]);
    expect(resources.filter((r) => r.type === "kafka:index/topic:Topic")).toEqual([]);
    expect(ingest.resources().filter((r) => r.type === "kafka:index/topic:Topic").map((r) => r.outputs?.name)).toEqual([STACK_TOPIC]);

    const config = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/archive-lines-sink/config`);
    expect(config.body.topics).toBe(STACK_TOPIC);
    fs.appendFileSync(files.SOURCE_FILE, "from stack one\n");
    const lines = await eventually("the sink file of stack two", async () => {
      const text = fs.existsSync(files.SINK_FILE) ? fs.readFileSync(files.SINK_FILE, "utf8") : "";
      return text.includes("from stack one") ? text.split("\n").filter(Boolean) : undefined;
    });
    expect(lines).toEqual(["from stack one"]);
  });

  it("a step the other stack does not publish is one error naming file, step and field, without a stack trace", () => {
    const project = path.join(work, "reader-missing");
    fs.cpSync(path.join(__dirname, "cross-stack/reader"), project, { recursive: true });
    const pipeline = path.join(project, "pipelines/archive/pipeline.yaml");
    fs.writeFileSync(pipeline, fs.readFileSync(pipeline, "utf8").replace("ingest/files/lines-source", "ingest/files/nope"));
    const broken = initWorkStack(work, `missing-${process.pid}`, { ...env, ...files });
    expect(broken.run("config", "set", "kpops:project", project).status).toBe(0);
    const references = JSON.stringify({ ingest: `organization/${programName()}/${ingest.name}` });
    expect(broken.run("config", "set", "kpops:stackReferences", references).status).toBe(0);
    const preview = broken.run("preview");
    expect(preview.status).not.toBe(0);
    const errors = preview.output.split("\n").filter((line) => /^\s*error: kpops: /.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      "pipelines/archive/pipeline.yaml: step 'lines-sink': field 'from.components.ingest/files/nope': stack reference 'ingest' has no step 'files/nope' (it publishes files/lines-source)",
    );
    expect(stackFrames(preview.output)).toEqual([]);
  });

  it("a referenced stack that does not exist fails the preview naming the reference and the stack, without a stack trace", () => {
    const lost = initWorkStack(work, `lost-${process.pid}`, { ...env, ...files });
    expect(lost.run("config", "set", "kpops:project", path.join(__dirname, "cross-stack/reader")).status).toBe(0);
    const missing = `organization/${programName()}/nowhere-${process.pid}`;
    expect(lost.run("config", "set", "kpops:stackReferences", JSON.stringify({ ingest: missing })).status).toBe(0);
    const preview = lost.run("preview");
    expect(preview.status).not.toBe(0);
    expect(preview.output).toMatch(new RegExp(`StackReference \\(kpops-stack-ingest\\):\\s+error: Preview failed: unknown stack "${missing}"`));
    expect(stackFrames(preview.output)).toEqual([]);
  });
});
