/**
 * `pulumi preview` of each example with the real engine, offline (`npm run test:preview`).
 *
 * Given an example project, when the repository's program (or the embedded example's own program) is
 * previewed through the Automation API with no cluster and no network, then the engine plans one
 * kafka.Topic per `to` topic, one helm.v3.Release per app and one connector per connector step of
 * what `kpops generate` prints for that project, and the saved update plan has each app and
 * connector depend on the topics it reads and writes and on nothing unrelated.
 * The expectations are derived from the generate output, not from the Pulumi layer under test.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { offlinePulumiCommand, repositoryRoot } from "../support/offline-engine";
import { engineEnv } from "./engine-env";

type Step = Record<string, any>;

/** What a plan says of one resource. */
interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly steps: string[];
  readonly dependencies: string[];
}

/** The enriched pipelines of a project, as `kpops generate` prints them. */
function generate(projectDir: string): Step[] {
  const out = execFileSync(path.join(repositoryRoot, "bin/kpops"), ["generate", "pipelines"], { cwd: projectDir, encoding: "utf8" });
  return YAML.parseAllDocuments(out).flatMap((doc) => doc.toJSON() as Step[]);
}

function readPlan(file: string): PlannedResource[] {
  const plan = JSON.parse(fs.readFileSync(file, "utf8"));
  return Object.entries<any>(plan.resourcePlans).map(([urn, p]) => {
    const parts = urn.split("::");
    return {
      urn,
      type: parts[2].split("$").pop()!,
      // the logical name without the `<Project or Pipeline name>/` scope of child resources
      name: parts[3].slice(parts[3].indexOf("/") + 1),
      steps: p.steps ?? [],
      dependencies: p.goal?.dependencies ?? [],
    };
  });
}

const topicsWritten = (step: Step): string[] => Object.keys(step.to?.topics ?? {});
const topicsRead = (step: Step): string[] => {
  const read = new Set(Object.keys(step.from?.topics ?? {}));
  const kafka = step.values?.kafka ?? {};
  for (const t of kafka.inputTopics ?? []) read.add(t);
  for (const list of Object.values<string[]>(kafka.labeledInputTopics ?? {})) for (const t of list) read.add(t);
  const connectorTopics = step.config?.topics;
  if (typeof connectorTopics === "string") for (const t of connectorTopics.split(",")) read.add(t.trim());
  return [...read];
};
const isConnector = (step: Step): boolean => step.type.includes("connector");

interface ExampleCase {
  readonly title: string;
  readonly projectDir: string;
  readonly workDir: string;
  readonly config: Record<string, string>;
}

const examples: ExampleCase[] = [
  { title: "word-count", projectDir: "examples/word-count", workDir: ".", config: { "kpops:project": "examples/word-count" } },
  { title: "multi-pipeline", projectDir: "examples/multi-pipeline", workDir: ".", config: { "kpops:project": "examples/multi-pipeline" } },
  { title: "embedded", projectDir: "examples/word-count", workDir: "examples/embedded", config: {} },
];

describe.each(examples)("pulumi preview of the $title example", ({ projectDir, workDir, config }) => {
  const env = engineEnv();
  const steps = generate(path.join(repositoryRoot, projectDir));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-preview-"));
  let planned: PlannedResource[] = [];

  beforeAll(async () => {
    const dir = path.join(repositoryRoot, workDir);
    const pulumiCommand = await offlinePulumiCommand(env);
    const stackName = `preview-${process.pid}-${path.basename(projectDir)}`;
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName, workDir: dir },
      { workDir: dir, envVars: env, pulumiCommand, pulumiHome: env.PULUMI_HOME },
    );
    try {
      for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
      const planFile = path.join(work, "plan.json");
      await stack.preview({ plan: planFile });
      planned = readPlan(planFile);
    } finally {
      await stack.workspace.removeStack(stackName, { force: true });
    }
  }, 300_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const created = (type: string) => planned.filter((r) => r.type === type && r.steps.includes("create"));

  it("plans only creates", () => {
    expect(planned.length).toBeGreaterThan(0);
    for (const r of planned) expect(r.steps).toEqual(["create"]);
  });

  it("plans one kafka topic per `to` topic", () => {
    const expected = [...new Set(steps.flatMap(topicsWritten))].sort();
    expect(created("kafka:index/topic:Topic").map((r) => r.name).sort()).toEqual(expected);
  });

  it("plans one Helm release per app, named by helm_release_name", () => {
    const expected = steps.filter((s) => !isConnector(s)).map((s) => s.helm_release_name).sort();
    expect(created("kubernetes:helm.sh/v3:Release").map((r) => r.name).sort()).toEqual(expected);
  });

  it("plans one connector per connector step", () => {
    const expected = steps.filter(isConnector).map((s) => `${s.prefix}${s.name}`).sort();
    expect(created("kpops:index:KafkaConnector").map((r) => r.name).sort()).toEqual(expected);
  });

  it("makes each app and connector wait for the topics it reads and writes, and for no other topic", () => {
    const topicUrn = new Map(created("kafka:index/topic:Topic").map((r) => [r.name, r.urn]));
    for (const step of steps) {
      const resource = isConnector(step)
        ? created("kpops:index:KafkaConnector").find((r) => r.name === `${step.prefix}${step.name}`)
        : created("kubernetes:helm.sh/v3:Release").find((r) => r.name === step.helm_release_name);
      expect(resource).toBeDefined();
      // only topics of this stack count: a topic read from outside the project has no resource here
      const expected = [...new Set([...topicsRead(step), ...topicsWritten(step)])].filter((t) => topicUrn.has(t));
      const dependsOnTopics = resource!.dependencies.filter((u) => u.includes("kafka:index/topic:Topic"));
      expect(dependsOnTopics.sort()).toEqual(expected.map((t) => topicUrn.get(t)!).sort());
    }
  });
});
