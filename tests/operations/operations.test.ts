/**
 * `kpops deploy|destroy|reset|clean` in managed mode, run as a user runs them (bin/kpops as a child process, the
 * project pointed at the services with KPOPS_* variables) on real local services started once for the file:
 * Kafka, Kafka Connect, a Schema Registry, the local Kubernetes cluster (kwok) and the streams-bootstrap chart
 * repository (scripts/services/start.sh). The project (tests/operations/project) is the word-count pipeline with
 * Avro value subjects and a fixed Kafka Streams application id. The tests run in order and build on each other.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { KubernetesClient, resolveClusterConnection } from "../../sdk/src/clients/kubernetes";
import { offlineEngineEnv, repositoryRoot } from "../support/offline-engine";
import { LocalServices, eventually, getJson, startServices, stopServices } from "../engine/local-services";

const PROJECT = path.join(repositoryRoot, "tests/operations/project");
const KPOPS = path.join(repositoryRoot, "bin/kpops");
const NAMESPACE = "kpops-ops-test";
const APP_GROUP = "ops-test-word-count";
const CONNECTOR = "ops-file-sink-connector";
const CONNECTOR_GROUP = `connect-${CONNECTOR}`;
const APP_OUTPUT = "ops-word-count-app-topic";
const TOPICS = ["ops-data-producer-topic", APP_OUTPUT, "ops-word-count-app-dead-letter-topic"];
const SUBJECTS = ["ops-data-producer-topic-value", `${APP_OUTPUT}-value`];
const RELEASES = ["ops-data-producer", "ops-word-count-app"];

let services: LocalServices;
let env: NodeJS.ProcessEnv;
let kubernetes: KubernetesClient;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `kpops <args>` in the project folder. */
function kpops(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(KPOPS, args, { cwd: PROJECT, env: { ...env, ...extraEnv }, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed; its output is shown when it does not. */
function kpopsOk(args: string[]): Run {
  const run = kpops(args);
  if (run.status !== 0) throw new Error(`kpops ${args.join(" ")} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  return run;
}

function kafkaTool(args: string[], input?: string): string {
  return execFileSync(path.join(repositoryRoot, "scripts/services/kafka-tool.sh"), args, {
    env: { ...process.env, KPOPS_SERVICES_DIR: services.dir },
    encoding: "utf8",
    input,
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
}

/** Topics (with their configs) and consumer groups of the broker, read in a plain Node process (tests/support/kafka-probe.mjs). */
function kafkaState(): { topics: string[]; configs: Record<string, Record<string, string | null>>; groups: string[] } {
  return JSON.parse(execFileSync(process.execPath, [path.join(__dirname, "../support/kafka-probe.mjs"), services.KAFKA_BOOTSTRAP, "snapshot"], { cwd: repositoryRoot, encoding: "utf8" }));
}

async function topicNames(): Promise<string[]> {
  return kafkaState().topics;
}

async function groupNames(): Promise<string[]> {
  return kafkaState().groups;
}

/** Records in a topic: the sum of its partitions' end offsets. */
function recordCount(topic: string): number {
  const out = kafkaTool(["org.apache.kafka.tools.GetOffsetShell", "--bootstrap-server", services.KAFKA_BOOTSTRAP, "--topic", topic]);
  return out
    .split("\n")
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.split(":").pop()), 0);
}

function produce(topic: string, lines: string[]): void {
  kafkaTool(["org.apache.kafka.tools.ConsoleProducer", "--bootstrap-server", services.KAFKA_BOOTSTRAP, "--topic", topic], `${lines.join("\n")}\n`);
}

/** A real consumer of `group` reads `count` records of `topic` and commits, then leaves. */
function consume(topic: string, group: string, count: number): void {
  kafkaTool([
    "org.apache.kafka.tools.consumer.ConsoleConsumer",
    "--bootstrap-server",
    services.KAFKA_BOOTSTRAP,
    "--topic",
    topic,
    "--group",
    group,
    "--from-beginning",
    "--max-messages",
    String(count),
    "--timeout-ms",
    "60000",
  ]);
}

async function releaseNames(): Promise<string[]> {
  return (await kubernetes.helmReleases(NAMESPACE)).map((r) => `${r.name}:${r.status}:${r.revision}`).sort();
}

async function subjects(): Promise<string[]> {
  return ((await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects`)).body as string[]).sort();
}

async function connectors(): Promise<Record<string, unknown>> {
  const names = (await getJson(`${services.KAFKA_CONNECT_URL}/connectors`)).body as string[];
  const out: Record<string, unknown> = {};
  for (const name of names.sort()) out[name] = (await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${name}`)).body.config;
  return out;
}

/** Everything the services hold that an operation could change. */
async function snapshot() {
  return { ...kafkaState(), subjects: await subjects(), connectors: await connectors(), releases: await releaseNames() };
}

/** Whether a dry-run's summary plans no change. */
function plansNoChange(run: Run): boolean {
  return /Summary: no changes planned/.test(run.stdout);
}

beforeAll(() => {
  services = startServices(["kafka", "connect", "schema-registry", "kubernetes", "charts"]);
  fs.rmSync(path.join(PROJECT, ".kpops"), { recursive: true, force: true });
  env = {
    ...process.env,
    NO_COLOR: "1",
    KUBECONFIG: services.KUBECONFIG,
    KPOPS_KAFKA_BROKERS: services.KAFKA_BOOTSTRAP,
    KPOPS_KAFKA_CONNECT__URL: services.KAFKA_CONNECT_URL,
    KPOPS_SCHEMA_REGISTRY__URL: services.SCHEMA_REGISTRY_URL,
    KPOPS_CHART_MIRRORS: `https://bakdata.github.io/streams-bootstrap/=${services.KPOPS_CHART_REPO_URL}`,
    KPOPS_SCHEMA_PROVIDER: "./schema-provider.js",
    SINK_FILE: path.join(services.dir, "sink.txt"),
    SINK_TASKS: "1",
    // the producer's output topic and the app's error topic; a dry run with fewer partitions must refuse both
    OUTPUT_PARTITIONS: "2",
    ERROR_PARTITIONS: "2",
  };
  delete env.PULUMI_BACKEND_URL;
  delete env.PULUMI_CONFIG_PASSPHRASE;
  kubernetes = new KubernetesClient(resolveClusterConnection({ env }));
}, 600_000);

afterAll(async () => {
  await kubernetes?.close();
  fs.rmSync(path.join(PROJECT, ".kpops"), { recursive: true, force: true });
  stopServices(services);
}, 300_000);

describe("kpops operations in managed mode on real services", () => {
  it("bad input gives one clear error, exit 1, and changes nothing", async () => {
    const before = await snapshot();
    const unknownStep = kpops(["deploy", "pipelines", "--execute", "--steps", "no-such-step"]);
    expect(unknownStep.status).toBe(1);
    expect(unknownStep.stderr).toMatch(/unknown step in --steps: no-such-step/);
    const missing = kpops(["deploy", "no/such/pipeline.yaml", "--execute"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    const mode = kpops(["deploy", "pipelines", "--execute", "--operation-mode", "nope"]);
    expect(mode.status).toBe(1);
    expect(mode.stderr).toMatch(/invalid value for '--operation-mode': 'nope'/);
    const unreachable = kpops(["deploy", "pipelines", "--execute"], { KPOPS_KAFKA_CONNECT__URL: "http://127.0.0.1:9" });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/Kafka Connect \(http:\/\/127\.0\.0\.1:9\) is unreachable.*nothing was changed/);
    for (const run of [unknownStep, missing, mode, unreachable]) expect(run.stderr.match(/Error/g) ?? []).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it("a dry run reports the failed checks together (every connector validation error and the engine's check), changing nothing", async () => {
    const before = await snapshot();
    const run = kpops(["deploy", "pipelines"], { SINK_TASKS: "many" });
    expect(run.status).toBe(1);
    const errors = run.stderr.split("\n").filter((line) => line.startsWith("Error: "));
    expect(errors.filter((e) => /step 'file-sink-connector': resource 'ops-file-sink-connector': connector config field tasks.max: Invalid value many/.test(e))).toHaveLength(1);
    expect(errors.filter((e) => /step 'file-sink-connector': resource 'ops\/ops-file-sink-connector': .*tasks.max/.test(e))).toHaveLength(1);
    expect(run.stderr).toMatch(/would create KafkaTopic ops\/ops-word-count-app-topic/);
    expect(await snapshot()).toEqual(before);
  });

  it("deploy --dry-run plans every create per step and changes nothing", async () => {
    const before = await snapshot();
    const run = kpopsOk(["deploy", "pipelines"]);
    for (const name of [...RELEASES, CONNECTOR, ...TOPICS, ...SUBJECTS]) expect(run.stdout).toMatch(new RegExp(`ops/${name}\\s+create\\s+planned`));
    expect(run.stderr).toMatch(/\[word-count-app\] would create HelmRelease ops\/ops-word-count-app/);
    expect(await snapshot()).toEqual(before);
  });

  it("deploy --execute creates topics, subjects, releases and the connector; a dry-run then plans no change", async () => {
    const run = kpopsOk(["deploy", "pipelines", "--execute"]);
    expect(run.stderr).toMatch(/\[ops\] \[word-count-app\] creating HelmRelease ops\/ops-word-count-app/);
    expect((await topicNames())).toEqual(expect.arrayContaining(TOPICS));
    expect(await subjects()).toEqual(expect.arrayContaining(SUBJECTS));
    expect(Object.keys(await connectors())).toContain(CONNECTOR);
    expect((await releaseNames()).map((r) => r.split(":").slice(0, 2).join(":"))).toEqual(RELEASES.map((r) => `${r}:deployed`));
    expect(plansNoChange(kpopsOk(["deploy", "pipelines"]))).toBe(true);
  });

  it("a dry run refuses every topic change that would replace a topic, all of them together, and changes nothing", async () => {
    const before = await snapshot();
    const run = kpops(["deploy", "pipelines"], { OUTPUT_PARTITIONS: "1", ERROR_PARTITIONS: "1" });
    expect(run.status).toBe(1);
    const errors = run.stderr.split("\n").filter((line) => line.startsWith("Error: "));
    const refused = (step: string, topic: string) =>
      errors.filter((e) => e.includes(`step '${step}': resource '${topic}': kpops: refusing to replace Kafka topic "${topic}": partitions 2 -> 1`));
    expect(refused("data-producer", "ops-data-producer-topic")).toHaveLength(1);
    expect(refused("word-count-app", "ops-word-count-app-dead-letter-topic")).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it("reset: the app's consumer group is gone, output records are kept, the connector's offsets are reset; deploy again works", async () => {
    produce(APP_OUTPUT, ["a", "b", "c"]);
    consume(APP_OUTPUT, APP_GROUP, 3);
    await eventually("the sink connector to commit offsets", async () => ((await groupNames()).includes(CONNECTOR_GROUP) ? true : undefined));
    expect((await groupNames())).toEqual(expect.arrayContaining([APP_GROUP, CONNECTOR_GROUP]));

    const before = await snapshot();
    const dry = kpopsOk(["reset", "pipelines"]);
    expect(dry.stderr).toMatch(/would reset the offsets of connector ops-file-sink-connector/);
    expect(dry.stderr).toMatch(/would run cleanup job ops-word-count-app-clean/);
    expect(dry.stderr).toMatch(/would delete consumer group ops-test-word-count/);
    expect(await snapshot()).toEqual(before);

    kpopsOk(["reset", "pipelines", "--execute"]);
    const groups = (await groupNames());
    expect(groups).not.toContain(APP_GROUP);
    expect(groups).not.toContain(CONNECTOR_GROUP);
    expect(recordCount(APP_OUTPUT)).toBe(3);
    expect((await topicNames())).toEqual(expect.arrayContaining(TOPICS));
    expect(await subjects()).toEqual(expect.arrayContaining(SUBJECTS));
    expect(Object.keys(await connectors())).not.toContain(CONNECTOR);
    expect(await releaseNames()).toEqual([]);

    kpopsOk(["deploy", "pipelines", "--execute"]);
    expect((await releaseNames()).length).toBe(2);
    expect(plansNoChange(kpopsOk(["deploy", "pipelines"]))).toBe(true);
  });

  it("destroy: releases and connectors go, no topic and no subject is deleted", async () => {
    const before = await snapshot();
    kpopsOk(["destroy", "pipelines"]);
    expect(await snapshot()).toEqual(before);
    kpopsOk(["destroy", "pipelines", "--execute"]);
    const after = await snapshot();
    expect(after.topics).toEqual(before.topics);
    expect(after.configs).toEqual(before.configs);
    expect(after.subjects).toEqual(before.subjects);
    expect(Object.keys(after.connectors)).not.toContain(CONNECTOR);
    expect(after.releases).toEqual([]);
  });

  it("adoption: with releases, topics, subjects and a connector but no state, deploy imports them and ends with no change", async () => {
    kpopsOk(["deploy", "pipelines", "--execute"]);
    fs.rmSync(path.join(PROJECT, ".kpops"), { recursive: true, force: true });
    const preview = kpopsOk(["deploy", "pipelines"]);
    const planned = (type: string, name: string) =>
      preview.stdout
        .split("\n")
        .filter((line) => new RegExp(`\\s${type}\\s+ops/${name}\\s`).test(line))
        .map((line) => line.trim().split(/\s+/)[4]);
    for (const name of RELEASES) expect(planned("HelmRelease", name)[0]).toBe("import");
    expect(planned("KafkaConnector", CONNECTOR)[0]).toBe("import");
    for (const name of TOPICS) expect(planned("KafkaTopic", name)).toEqual(["import"]);
    for (const name of SUBJECTS) expect(planned("SchemaSubject", name)[0]).toBe("import");
    expect(preview.stdout).not.toMatch(/(HelmRelease|KafkaConnector|KafkaTopic|SchemaSubject)\s+\S+\s+create\s/);
    kpopsOk(["deploy", "pipelines", "--execute"]);
    expect(plansNoChange(kpopsOk(["deploy", "pipelines"]))).toBe(true);
  });

  it("clean: topics, subjects, connectors and releases are gone; a following deploy recreates them", async () => {
    kpopsOk(["clean", "pipelines", "--execute"]);
    const topics = (await topicNames());
    for (const topic of TOPICS) expect(topics).not.toContain(topic);
    expect(topics.filter((t) => t.startsWith(APP_GROUP))).toEqual([]);
    const left = await subjects();
    for (const subject of SUBJECTS) expect(left).not.toContain(subject);
    expect(Object.keys(await connectors())).not.toContain(CONNECTOR);
    expect(await releaseNames()).toEqual([]);

    kpopsOk(["deploy", "pipelines", "--execute"]);
    expect((await topicNames())).toEqual(expect.arrayContaining(TOPICS));
    expect(await subjects()).toEqual(expect.arrayContaining(SUBJECTS));
    expect(Object.keys(await connectors())).toContain(CONNECTOR);
    expect((await releaseNames()).length).toBe(2);
  });

  it("deploy --execute killed with SIGKILL halfway: the next deploy recovers and completes, then plans no change", async () => {
    kpopsOk(["destroy", "pipelines", "--execute"]);
    const child: ChildProcess = spawn(KPOPS, ["deploy", "pipelines", "--execute"], { cwd: PROJECT, env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let progress = "";
    child.stderr?.on("data", (chunk) => (progress += String(chunk)));
    await eventually("the deploy to start creating a release", async () => (/creating HelmRelease/.test(progress) ? true : undefined), 300_000);
    process.kill(-(child.pid as number), "SIGKILL"); // the whole process group: kpops and its engine, as a lost machine
    await new Promise((resolve) => child.once("exit", resolve));

    const again = kpopsOk(["deploy", "pipelines", "--execute"]);
    expect(again.stdout).not.toMatch(/not done/);
    expect((await releaseNames()).map((r) => r.split(":").slice(0, 2).join(":"))).toEqual(RELEASES.map((r) => `${r}:deployed`));
    expect(Object.keys(await connectors())).toContain(CONNECTOR);
    expect(plansNoChange(kpopsOk(["deploy", "pipelines"]))).toBe(true);
  });

  describe("examples/automation-service driven over HTTP", () => {
    let server: ChildProcess;
    let base: string;
    beforeAll(async () => {
      const serviceEnv: NodeJS.ProcessEnv = { ...offlineEngineEnv({ baseEnv: env }) };
      delete serviceEnv.PULUMI_BACKEND_URL; // the project's own state folder, as the CLI uses
      delete serviceEnv.PULUMI_CONFIG_PASSPHRASE;
      server = spawn(process.execPath, [path.join(repositoryRoot, "examples/automation-service/run.js"), PROJECT, "0"], { env: serviceEnv, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      server.stdout?.on("data", (chunk) => (out += String(chunk)));
      base = await eventually("the automation service to listen", async () => /on (http:\/\/\S+)/.exec(out)?.[1], 60_000);
    });
    afterAll(async () => {
      if (server && server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((resolve) => server.once("exit", resolve));
      }
    });
    const post = async (route: string, body: unknown = {}) => {
      const res = await fetch(`${base}${route}`, { method: "POST", body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };

    it("lists the pipelines, previews no change of the deployed pipeline, destroys it and deploys it again", async () => {
      const list = (await (await fetch(`${base}/pipelines`)).json()) as any;
      expect(list.pipelines.map((p: any) => [p.name, p.stack])).toEqual([["ops", "ops.default"]]);

      const preview = await post("/pipelines/ops/preview");
      expect(preview.status).toBe(200);
      expect(preview.body.changes).toEqual([]);

      const destroy = await post("/pipelines/ops/destroy");
      expect(destroy.status).toBe(200);
      // Each release goes with the resource that watches its workloads for drift (kpops:index:ReleaseWorkloads).
      expect(destroy.body.changes.map((c: any) => `${c.op} ${c.type} ${c.name}`).sort()).toEqual([
        "delete kpops:index:KafkaConnector ops/ops-file-sink-connector",
        "delete kpops:index:ReleaseWorkloads ops/ops-data-producer",
        "delete kpops:index:ReleaseWorkloads ops/ops-word-count-app",
        "delete kubernetes:helm.sh/v3:Release ops/ops-data-producer",
        "delete kubernetes:helm.sh/v3:Release ops/ops-word-count-app",
      ]);
      expect(await releaseNames()).toEqual([]);
      expect((await topicNames())).toEqual(expect.arrayContaining(TOPICS));

      const again = await post("/pipelines/ops/preview", { steps: ["word-count-app"] });
      expect(again.body.changes.map((c: any) => `${c.op} ${c.type} ${c.name}`).sort()).toEqual([
        "create kpops:index:ReleaseWorkloads ops/ops-word-count-app",
        "create kubernetes:helm.sh/v3:Release ops/ops-word-count-app",
      ]);

      const deploy = await post("/pipelines/ops/deploy");
      expect(deploy.status).toBe(200);
      expect(deploy.body.failures).toEqual([]);
      expect((await releaseNames()).length).toBe(2);
      expect((await post("/pipelines/ops/preview")).body.changes).toEqual([]);
      expect((await post("/pipelines/nope/preview")).status).toBe(404);
    });
  });
});
