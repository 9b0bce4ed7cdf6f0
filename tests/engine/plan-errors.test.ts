/**
 * A user mistake found while planning, as `pulumi preview` of the ready program shows it on the real engine: one
 * message naming the pipeline file, the step and the field, and no JavaScript stack trace of our code.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot as REPO_ROOT } from "../support/offline-engine";

function previewProject(pipeline: string, config = "kafka_brokers: 127.0.0.1:1\npipeline_base_dir: pipelines\n") {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-plan-errors-"));
  const project = path.join(work, "project");
  fs.mkdirSync(path.join(project, "pipelines/team"), { recursive: true });
  fs.writeFileSync(path.join(project, "config.yaml"), config);
  fs.writeFileSync(path.join(project, "pipelines/defaults.yaml"), "kubernetes-app: {namespace: ns}\nstreams-bootstrap: {values: {image: img}}\n");
  fs.writeFileSync(path.join(project, "pipelines/team/pipeline.yaml"), pipeline);
  fs.mkdirSync(path.join(work, "state"));
  const stackFile = path.join(work, "Pulumi.errors.yaml");
  const script = [
    `source "${REPO_ROOT}/scripts/pulumi-env.sh"`,
    `cd "${REPO_ROOT}"`,
    `pulumi stack init errors --non-interactive >/dev/null`,
    `[ -f Pulumi.errors.yaml ] && mv Pulumi.errors.yaml "${stackFile}"`,
    `pulumi config set kpops:project "${project}" --stack errors --config-file "${stackFile}"`,
    `pulumi preview --stack errors --non-interactive --config-file "${stackFile}"`,
  ].join(" && ");
  const result = spawnSync("bash", ["-c", script], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`, PULUMI_CONFIG_PASSPHRASE: "kpops-test" },
  });
  fs.rmSync(work, { recursive: true, force: true });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, file: path.join(project, "pipelines/team/pipeline.yaml") };
}

const stackFrames = (output: string) => output.split("\n").filter((line) => /^\s+at .+\.(ts|js):\d+/.test(line));

describe("planning mistakes in pulumi preview", () => {
  it("names file, step and field of a Helm app whose class sets no chart, without a stack trace", () => {
    const { status, output } = previewProject("- {type: helm-app, name: web, values: {replicaCount: 1}}\n");
    expect(status).not.toBe(0);
    expect(output).toMatch(/pipeline\.yaml: step 'web': field 'type': unknown chart/);
    expect(stackFrames(output)).toEqual([]);
  });

  it("names both steps of a conflicting topic declaration, without a stack trace", () => {
    const { status, output } = previewProject(
      "- {type: producer-app, name: one, to: {topics: {t: {partitions_count: 3}}}}\n- {type: producer-app, name: two, to: {topics: {t: {partitions_count: 6}}}}\n",
    );
    expect(status).not.toBe(0);
    expect(output).toMatch(/step 'two': field 'to\.topics\.t': topic "t" is declared by steps "one" .* and "two"/);
    expect(stackFrames(output)).toEqual([]);
  });
});
