/**
 * Topics whose pipeline sets no `partitions_count` / `replication_factor`, on the real engine and a real Kafka broker
 * whose `num.partitions` is 3 (not Kafka's 1): the topic gets the broker's partition count (KPOps leaves it to the
 * cluster; we create with -1 and ignore the property in diffs), a second preview shows no change, and a topic with
 * explicit partitions keeps them. The broker is a single node, so its `default.replication.factor` can only be 1.
 * The topics go through the kafka provider passed in `opts.providers`, not one built from config.yaml's
 * `kafka_brokers` (which names the same broker, so the defaults can be read from it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPulumi } from "./engine-env";
import { LocalServices, describeTopic, startServices, stopServices } from "./local-services";

const program = path.join(__dirname, "topic-defaults-program");
let kafka: LocalServices;
let work: string;
const STACK = "defaults";

function run(...args: string[]) {
  // `stack` subcommands take no config file
  const flags = args[0] === "stack" ? ["--stack", STACK] : ["--stack", STACK, "--non-interactive", "--config-file", path.join(work, `Pulumi.${STACK}.yaml`)];
  return runPulumi(program, work, [...args, ...flags]);
}

/** The partition count and replication factor in TopicCommand's description. */
function shape(description: string): { partitions: number; replication: number } {
  const partitions = Number(/PartitionCount:\s*(\d+)/.exec(description)?.[1]);
  const replication = Number(/ReplicationFactor:\s*(\d+)/.exec(description)?.[1]);
  return { partitions, replication };
}

beforeAll(() => {
  kafka = startServices(["kafka"], { KAFKA_BROKER_PROPERTIES: "num.partitions=3" });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-topic-defaults-"));
  fs.mkdirSync(path.join(work, "state"));
  const project = path.join(work, "project");
  const files: Record<string, string> = {
    "config.yaml": `kafka_brokers: ${kafka.KAFKA_BOOTSTRAP}\npipeline_base_dir: pipelines\n`,
    "pipelines/defaults.yaml": "kubernetes-app: {namespace: ns}\nstreams-bootstrap: {values: {image: img}}\n",
    "pipelines/p/pipeline.yaml": "- {type: producer-app, name: unset, to: {topics: {kpops-defaults-unset: {}}}}\n- {type: producer-app, name: given, to: {topics: {kpops-defaults-given: {partitions_count: 2, replication_factor: 1}}}}\n",
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), text);
  }
  const init = runPulumi(program, work, ["stack", "init", "defaults", "--non-interactive"]);
  expect(init.status).toBe(0);
  const written = path.join(program, "Pulumi.defaults.yaml");
  if (fs.existsSync(written)) fs.renameSync(written, path.join(work, "Pulumi.defaults.yaml"));
  expect(run("config", "set", "brokers", kafka.KAFKA_BOOTSTRAP).status).toBe(0);
  expect(run("config", "set", "project", project).status).toBe(0);
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  stopServices(kafka);
});

describe("topics left to the broker, through the provider of opts.providers", () => {
  it("creates the unset topic with the broker's partition count and the given one as given", () => {
    const up = run("up", "--yes", "--skip-preview");
    if (up.status !== 0) console.log(up.output);
    expect(up.status).toBe(0);
    expect(shape(describeTopic(kafka, "kpops-defaults-unset"))).toEqual({ partitions: 3, replication: 1 });
    expect(shape(describeTopic(kafka, "kpops-defaults-given"))).toEqual({ partitions: 2, replication: 1 });
    const exported = path.join(work, "state.json");
    expect(run("stack", "export", "--file", exported).status).toBe(0);
    const state = JSON.parse(fs.readFileSync(exported, "utf8"));
    const resources: any[] = state.deployment.resources;
    const topics = resources.filter((r) => r.type === "kafka:index/topic:Topic");
    expect(topics).toHaveLength(2);
    for (const topic of topics) expect(topic.provider).toMatch(/::platform-kafka::/);
    expect(resources.filter((r) => r.type === "pulumi:providers:kafka").map((r) => r.urn.split("::").pop())).toEqual(["platform-kafka"]);
  });

  it("previews no change afterwards, and none after a refresh from the broker either", () => {
    const preview = run("preview", "--diff", "--expect-no-changes");
    expect(preview.status).toBe(0);
    expect(run("refresh", "--yes").status).toBe(0);
    const again = run("preview", "--diff", "--expect-no-changes");
    expect(again.status).toBe(0);
  });
});
