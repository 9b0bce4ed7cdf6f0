/** The pure parts of the managed operations: stack names, engine settings, stale locks, layouts, the summary. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject } from "../../pulumi/source";
import { DEFAULT_LOCAL_PASSPHRASE, engineSettings } from "./engine";
import { lockHolderAlive, recoverStaleLocks, stackLocks } from "./locks";
import { cleanupStackName, stackName } from "./stack-name";
import { failureLines, summaryTable } from "./summary";
import { stackLayout, stepOfUrn, targetUrns, type StackLayout } from "./targets";
import { checkTopicShapes, guardedTopicsOfState } from "./preflight";
import type { OperationFailure, ProgressTracker } from "./progress";

const repo = path.resolve(__dirname, "../../../..");

describe("stack names", () => {
  it("are one per pipeline and environment, deterministic and distinct", () => {
    expect(stackName("word-count", "dev")).toBe("word-count.dev");
    expect(stackName("word-count")).toBe("word-count.default");
    expect(stackName("a-b")).not.toBe(stackName("a", "b"));
    expect(stackName("team/ingest x", "prod")).toBe("team-ingest-x.prod");
    expect(cleanupStackName("word-count.dev")).toBe("word-count.dev.cleanup");
  });
});

describe("engine settings", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-managed-"));
  it("default to a local state folder beside config.yaml with the documented passphrase", () => {
    const settings = engineSettings({ configDir: dir, env: { PATH: "/bin" } });
    expect(settings.backendUrl).toBe(`file://${path.join(dir, ".kpops", "state")}`);
    expect(fs.existsSync(settings.stateDir as string)).toBe(true);
    expect(settings.envVars.PULUMI_CONFIG_PASSPHRASE).toBe(DEFAULT_LOCAL_PASSPHRASE);
  });
  it("take any backend from PULUMI_BACKEND_URL, and never invent a passphrase for it", () => {
    const settings = engineSettings({ configDir: dir, env: { PULUMI_BACKEND_URL: "s3://bucket/state" } });
    expect(settings.backendUrl).toBe("s3://bucket/state");
    expect(settings.stateDir).toBeUndefined();
    expect(settings.envVars.PULUMI_CONFIG_PASSPHRASE).toBeUndefined();
  });
  it("keep the user's passphrase", () => {
    expect(engineSettings({ configDir: dir, env: { PULUMI_CONFIG_PASSPHRASE: "mine" } }).envVars.PULUMI_CONFIG_PASSPHRASE).toBe("mine");
  });
});

describe("stale locks", () => {
  function lockDir(state: string, stack: string) {
    const dir = path.join(state, ".pulumi", "locks", "organization", "kpops", stack);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  it("a lock of a process that is gone is removed and reported", async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-locks-"));
    const dir = lockDir(state, "p.default");
    // a pid that is not running: a child that has exited
    const gone = require("child_process").spawnSync("true").pid as number;
    fs.writeFileSync(path.join(dir, "x.json"), JSON.stringify({ pid: gone, hostname: os.hostname(), username: "u", timestamp: "t" }));
    expect(lockHolderAlive(stackLocks(state, "p.default")[0])).toBe(false);
    const lines: string[] = [];
    await recoverStaleLocks(state, "p.default", { report: (l) => lines.push(l) });
    expect(stackLocks(state, "p.default")).toEqual([]);
    expect(lines.join("\n")).toMatch(/removed the stale lock of stack p.default: its process \(pid \d+ on .*\) is gone/);
  });
  it("a lock of a live process on another host is an error naming it", async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-locks-"));
    fs.writeFileSync(path.join(lockDir(state, "p.default"), "y.json"), JSON.stringify({ pid: 1, hostname: "elsewhere", timestamp: "t" }));
    await expect(recoverStaleLocks(state, "p.default", { report: () => undefined })).rejects.toThrow(/locked by pid 1 on elsewhere/);
  });
  it("a lock of this process is live", () => {
    expect(lockHolderAlive({ file: "f", pid: process.pid, hostname: os.hostname() })).toBe(true);
  });
});

describe("stack layout", () => {
  const project = loadProject({ projectDir: path.join(repo, "examples/word-count"), pipelinePaths: ["pipelines"] });
  const layout = stackLayout("word-count.dev", "word-count", project.pipelines[0], {});
  it("lists the steps in pipeline order with the URNs of what each owns", () => {
    expect(layout.steps.map((s) => s.step)).toEqual(["data-producer", "word-count-app", "file-sink-connector"]);
    const app = layout.steps[1];
    expect(app.resources.map((r) => `${r.kind}:${r.name}`)).toEqual([
      "topic:word-count-word-count-app-topic",
      "topic:word-count-word-count-app-dead-letter-topic",
      "release:word-count-word-count-app",
      "workloads:word-count-word-count-app",
    ]);
    // one topic guard for the Project's topics, targeted with the parents
    expect(layout.parents).toContain("urn:pulumi:word-count.dev::kpops::kpops:index:Project$kpops:index:TopicGuard::word-count-topic-guard");
    expect(app.resources.find((r) => r.kind === "release")?.urn).toBe(
      "urn:pulumi:word-count.dev::kpops::kpops:index:Project$kpops:index:Pipeline$kpops:index:StreamsApp$kubernetes:helm.sh/v3:Release::word-count/word-count-word-count-app",
    );
  });
  it("maps a URN to its step and targets the parents with the selected steps", () => {
    const connector = layout.steps[2].resources[0];
    expect(stepOfUrn(layout, connector.urn)?.step).toBe("file-sink-connector");
    const targets = targetUrns(layout, [layout.steps[2]]);
    expect(targets).toContain(connector.urn);
    expect(targets).toContain("urn:pulumi:word-count.dev::kpops::kpops:index:Project::word-count");
    expect(targets.some((t) => t.includes("word-count-data-producer"))).toBe(false);
  });
});

describe("topic shapes in a dry run", () => {
  // two steps' topics as the plan holds them (partitions / replication undefined: left to the cluster)
  const topic = (name: string, partitions?: number, replicationFactor?: number) => ({ name, partitions, replicationFactor, configs: {} });
  const layout = {
    stack: "p.default",
    project: "p",
    parents: [],
    steps: [
      { step: "producer", plan: { topics: [topic("p-out", 3, 1), topic("p-extra", 2, 1), topic("p-free")] } },
      { step: "app", plan: { topics: [topic("a-out", 2, 1), topic("a-error", 1, 1)] } },
    ],
  } as unknown as StackLayout;
  const guard = (shapes: Record<string, { partitions: number; replicationFactor: number }>) => ({ type: "kpops:index:TopicGuard", urn: "u", outputs: { topics: shapes } });
  const check = (state: { type: string; outputs?: Record<string, unknown> }[]) => {
    const failures: OperationFailure[] = [];
    const tracker = { fail: (f: Omit<OperationFailure, "pipeline">) => failures.push({ pipeline: "p", ...f }) } as unknown as ProgressTracker;
    checkTopicShapes(layout, guardedTopicsOfState(state), tracker);
    return failures;
  };

  it("reports every topic a deploy would replace, each with its step, not only the first", () => {
    const failures = check([
      // the Project's guard: p-out had 4 partitions, a-out another replication factor, p-extra is unchanged
      guard({ "p-out": { partitions: 4, replicationFactor: 1 }, "a-out": { partitions: 2, replicationFactor: 3 }, "p-extra": { partitions: 2, replicationFactor: 1 } }),
      // another root's guard: a-error had 6 partitions; p-free was left to the cluster and stays so
      guard({ "a-error": { partitions: 6, replicationFactor: 1 }, "p-free": { partitions: -1, replicationFactor: -1 } }),
      // the topic resources themselves are not what is compared
      { type: "kafka:index/topic:Topic", outputs: { name: "p-extra", partitions: 99 } },
    ]);
    expect(failures.map((f) => `${f.step} ${f.resource}`).sort()).toEqual(["app a-error", "app a-out", "producer p-out"]);
    expect(failures.find((f) => f.resource === "p-out")?.reason).toMatch(/refusing to replace Kafka topic "p-out": partitions 4 -> 3/);
    expect(failures.find((f) => f.resource === "a-out")?.reason).toMatch(/replication factor 3 -> 1/);
  });

  it("finds nothing to refuse without guards in the state, or when a topic grows", () => {
    expect(check([])).toEqual([]);
    expect(check([guard({ "p-out": { partitions: 1, replicationFactor: 1 } })])).toEqual([]);
  });
});

describe("summary", () => {
  it("is a table of changes in order, and failures name pipeline, step, resource and reason", () => {
    const table = summaryTable([{ pipeline: "p", step: "s", type: "kubernetes:helm.sh/v3:Release", name: "p/r", op: "update", fields: ["values"], done: true }], false);
    expect(table).toMatch(/PIPELINE\s+STEP\s+RESOURCE\s+NAME\s+CHANGE\s+STATUS/);
    expect(table).toMatch(/p\s+s\s+HelmRelease\s+p\/r\s+update \(values\)\s+done/);
    expect(summaryTable([], true)).toBe("Summary: no changes planned\n");
    expect(failureLines([{ pipeline: "p", step: "s", resource: "p/r", reason: "boom" }])).toBe("Error: pipeline 'p': step 's': resource 'p/r': boom\n");
  });
});
