/**
 * The word-count Pipeline and its data-safety mechanism on the real Pulumi engine (bin/pulumi, local file
 * backend, no network; stand-ins for topics, releases and connectors, see engine-guard/index.ts): a topic that
 * would be replaced is refused in preview and up, growth goes through, removing a step retains its topic.
 * Opt-in (about a minute): KPOPS_ENGINE_TESTS=1 npx jest tests/unit/pulumi/topic-guard.engine.test.ts
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./harness";

const enabled = process.env.KPOPS_ENGINE_TESTS === "1";
const program = path.join(__dirname, "engine-guard");

function pulumi(work: string, ...args: string[]) {
  const script = `source "${REPO_ROOT}/scripts/pulumi-env.sh"; cd "${program}"; pulumi "$@"`;
  const result = spawnSync("bash", ["-c", script, "pulumi", ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      PULUMI_HOME: path.join(work, "home"),
      PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "kpops-test",
    },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

(enabled ? describe : describe.skip)("topic guard on the real engine", () => {
  let work: string;
  let deletions: string;
  // Stack config lives in the temporary directory, never beside the program.
  const run = (...args: string[]) =>
    pulumi(work, ...args, "--stack", "guard", "--non-interactive", "--config-file", path.join(work, "Pulumi.guard.yaml"));
  const set = (key: string, value: string) => expect(run("config", "set", key, value).status).toBe(0);

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-guard-"));
    fs.mkdirSync(path.join(work, "state"));
    deletions = path.join(work, "deletions.log");
    fs.writeFileSync(deletions, "");
    expect(pulumi(work, "stack", "init", "guard", "--non-interactive").status).toBe(0);
    // `stack init` writes the stack's encryption salt beside the program; keep it in the temporary directory.
    const written = path.join(program, "Pulumi.guard.yaml");
    if (fs.existsSync(written)) fs.renameSync(written, path.join(work, "Pulumi.guard.yaml"));
    set("deletionsFile", deletions);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("deploys the pipeline: 3 components, 3 topics with guards, 2 releases, 1 connector", () => {
    set("partitions", "6");
    const up = run("up", "--yes", "--skip-preview");
    expect(up.status).toBe(0);
    // stack + pipeline + 3 steps + 3 guards + 3 topics + 2 releases + 1 connector
    expect(up.output).toContain("+ 14 created");
  });

  it("refuses fewer partitions in preview and in up, and leaves the topic alone", () => {
    set("partitions", "3");
    const preview = run("preview");
    expect(preview.status).not.toBe(0);
    expect(preview.output).toContain('refusing to replace Kafka topic "word-count-data-producer-topic": partitions 6 -> 3');
    const up = run("up", "--yes");
    expect(up.status).not.toBe(0);
    expect(up.output).not.toMatch(/replaced|deleted original/);
    expect(fs.readFileSync(deletions, "utf8")).toBe("");
  });

  it("lets the topic grow", () => {
    set("partitions", "8");
    const up = run("up", "--yes");
    expect(up.status).toBe(0);
    expect(up.output).toContain("updated");
    expect(up.output).not.toMatch(/replaced/);
  });

  it("removes the step's release but keeps its topic in Kafka when the step is removed (retainOnDelete)", () => {
    set("removed", "true");
    const up = run("up", "--yes");
    expect(up.status).toBe(0);
    expect(up.output).toMatch(/word-count-data-producer-topic deleted.*\[retain\]/);
    const deleted = fs.readFileSync(deletions, "utf8").split("\n");
    expect(deleted).toContain("word-count-data-producer");
    expect(deleted).not.toContain("word-count-data-producer-topic");
  });
});
