/**
 * The word-count Pipeline and its data-safety mechanism on the real Pulumi engine (bin/pulumi, local file backend,
 * no network; stand-ins for releases and connectors, and for topics unless a broker is given - see
 * engine-guard/index.ts): a topic that would be replaced is refused in preview and up, growth goes through,
 * removing a step keeps its topic, and re-adding it imports the kept topic with no setting.
 *
 * The test starts its own Kafka broker (scripts/services/start.sh kafka, loopback) and stops it afterwards;
 * topics are real @pulumi/kafka topics. Part of `npm run test:engine`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPulumi } from "./engine-env";
import { LocalServices, startServices, stopServices } from "./local-services";

const program = path.join(__dirname, "topic-guard-program");
let kafka: LocalServices;
let brokers = "";
const TOPIC = "word-count-data-producer-topic";

function pulumi(work: string, ...args: string[]) {
  return runPulumi(program, work, args);
}

describe("topic guard on the real engine with a real Kafka broker", () => {
  let work: string;
  let deletions: string;
  // Stack config lives in the temporary directory, never beside the program.
  const run = (...args: string[]) =>
    pulumi(work, ...args, "--stack", "guard", "--non-interactive", "--config-file", path.join(work, "Pulumi.guard.yaml"));
  const set = (key: string, value: string) => expect(run("config", "set", key, value).status).toBe(0);

  beforeAll(() => {
    kafka = startServices(["kafka"]);
    brokers = kafka.KAFKA_BOOTSTRAP;
    expect(brokers).toMatch(/^127\.0\.0\.1:\d+$/);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-guard-"));
    fs.mkdirSync(path.join(work, "state"));
    deletions = path.join(work, "deletions.log");
    fs.writeFileSync(deletions, "");
    expect(pulumi(work, "stack", "init", "guard", "--non-interactive").status).toBe(0);
    // `stack init` writes the stack's encryption salt beside the program; keep it in the temporary directory.
    const written = path.join(program, "Pulumi.guard.yaml");
    if (fs.existsSync(written)) fs.renameSync(written, path.join(work, "Pulumi.guard.yaml"));
    set("deletionsFile", deletions);
    // A fresh topic name per run on a shared broker is not needed: the test's stack owns these names only while it runs.
    if (brokers) set("brokers", brokers);
  });

  afterAll(() => {
    if (brokers) {
      // Leave the broker as found: let Pulumi delete the topics this test created.
      set("removed", "false");
      set("allowTopicDeletion", "true");
      run("up", "--yes");
      run("destroy", "--yes");
    }
    fs.rmSync(work, { recursive: true, force: true });
    stopServices(kafka);
  });

  it("deploys the pipeline: 3 components, 3 topics with the pipeline's topic guard, 2 releases, 1 connector", () => {
    set("partitions", "6");
    const up = run("up", "--yes", "--skip-preview");
    expect(up.status).toBe(0);
    // stack + pipeline + 3 steps + 1 guard + 3 topics + 2 releases + 1 connector (+ the kafka provider)
    expect(up.output).toContain("+ 13 created");
  });

  it("keeps every URN when the pipeline moves into a Project (aliases)", () => {
    set("inProject", "true");
    const preview = run("preview");
    set("inProject", "false");
    expect(preview.status).toBe(0);
    // Only the new Project component and what belongs to the root (with a broker, the kafka provider, and the topic
    // guard of the root's topics), which move under the Project, are created or deleted; every topic, release and
    // connector keeps its URN.
    const changed = preview.output.split("\n").filter((line) => /^\s*(\+|-|\+-|-\+|~)\s+\S+:/.test(line));
    expect(changed.length).toBeGreaterThan(0);
    for (const line of changed) expect(line).toMatch(/kpops:index:Project word-count create|pulumi:providers:kafka|kpops:index:TopicGuard word-count-topic-guard (create|delete)/);
  });

  it("keeps the topic, guard and release when a step changes family (aliases)", () => {
    // The producer step becomes a streams app (as when a custom type is re-based on another built-in class).
    set("producerType", "streams-app");
    const preview = run("preview");
    run("config", "rm", "producerType");
    expect(preview.status).toBe(0);
    // the step component keeps its identity through its type aliases, and so do its children: nothing is deleted
    // or replaced (a streams app gets an error topic from the defaults, which is created, and its release's chart
    // changes in place)
    expect(preview.output).not.toMatch(/to delete|to replace/);
    const created = preview.output.split("\n").filter((line) => /^\s*\+\s+\S+:\S+ \S+ create\s*$/.test(line));
    expect(created.map((line) => line.trim().split(/\s+/).slice(1, 3).join(" ")).sort()).toEqual([
      "kafka:index:Topic word-count/word-count-data-producer-dead-letter-topic",
    ]);
  });

  it("refuses fewer partitions in preview and in up, and leaves the topic alone", () => {
    set("partitions", "3");
    const preview = run("preview");
    expect(preview.status).not.toBe(0);
    expect(preview.output).toContain(`refusing to replace Kafka topic "${TOPIC}": partitions 6 -> 3`);
    const up = run("up", "--yes");
    expect(up.status).not.toBe(0);
    expect(up.output).not.toMatch(/replaced|deleted original/);
    expect(fs.readFileSync(deletions, "utf8")).toBe("");
  });

  it("shows that without the guard's refusal the topic would be replaced", () => {
    set("allowTopicReplacement", "true");
    const preview = run("preview", "--diff");
    set("allowTopicReplacement", "false");
    expect(preview.status).toBe(0);
    expect(preview.output).toMatch(/replace\[retain\]/);
  });

  it("lets the topic grow in place", () => {
    set("partitions", "8");
    const up = run("up", "--yes");
    expect(up.status).toBe(0);
    expect(up.output).toMatch(new RegExp(`Topic word-count/${TOPIC} updated`));
    expect(up.output).not.toMatch(/replaced/);
  });

  it("removes the step's release but keeps its topic when the step is removed (retainOnDelete)", () => {
    set("removed", "true");
    const up = run("up", "--yes");
    expect(up.status).toBe(0);
    expect(up.output).toMatch(new RegExp(`${TOPIC} deleted.*\\[retain\\]`));
    const deleted = fs.readFileSync(deletions, "utf8").split("\n");
    expect(deleted).toContain("word-count-data-producer");
    expect(deleted).not.toContain(TOPIC);
  });

  it("takes the kept topic over when the step comes back: the preview shows an import, and up imports it", () => {
    set("removed", "false");
    const preview = run("preview", "--diff");
    expect(preview.status).toBe(0);
    expect(preview.output).toMatch(new RegExp(`= kafka:index/topic:Topic: \\(import\\)\\s*\\[id=${TOPIC}\\]`));
    const adopted = run("up", "--yes");
    expect(adopted.status).toBe(0);
    expect(adopted.output).toContain("1 imported");
  });
});
