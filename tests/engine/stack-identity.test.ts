/**
 * Resource identities on the real engine (bin/pulumi, local file backend, stand-ins for topics, releases and
 * connectors; see stack-identity-program/index.ts):
 * - a stack made by the code before component plans (commit b90bd5d, extracted with `git archive`) previews with
 *   the current code without creating, deleting or replacing anything but the topic guards (aliases from the
 *   unscoped names; the guards per topic give way to one guard of the root's topics);
 * - two environments of one KPOps project, as two Projects, share one stack (names scoped by the Project), which
 *   the older code refuses with a duplicate URN.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot as REPO_ROOT } from "../support/offline-engine";
import { runPulumi } from "./engine-env";

const program = path.join(__dirname, "stack-identity-program");
/** The last commit whose Pulumi layer planned from dumped dictionaries, with unscoped child names. */
const OLD_CODE = "b90bd5dcf96977a2d095bc4e85592b148699b642";
const oldSdk = path.join(__dirname, ".old-sdk", OLD_CODE);

function pulumi(work: string, ...args: string[]) {
  return runPulumi(program, work, args);
}

/** A fresh stack in a temporary directory; returns a runner bound to it. */
function newStack(name: string) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `kpops-identity-${name}-`));
  fs.mkdirSync(path.join(work, "state"));
  expect(pulumi(work, "stack", "init", name, "--non-interactive").status).toBe(0);
  const written = path.join(program, `Pulumi.${name}.yaml`);
  if (fs.existsSync(written)) fs.renameSync(written, path.join(work, `Pulumi.${name}.yaml`));
  const run = (...args: string[]) => pulumi(work, ...args, "--stack", name, "--non-interactive", "--config-file", path.join(work, `Pulumi.${name}.yaml`));
  return { work, run };
}

beforeAll(() => {
  if (!fs.existsSync(path.join(oldSdk, "sdk/src/pulumi/index.ts"))) {
    fs.mkdirSync(oldSdk, { recursive: true });
    const archive = spawnSync("bash", ["-c", `git -C "${REPO_ROOT}" archive ${OLD_CODE} sdk/src | tar -x -C "${oldSdk}"`], { encoding: "utf8" });
    expect(archive.stderr).toBe("");
    expect(archive.status).toBe(0);
  }
});

describe("resource identities on the real engine", () => {
  it("keeps every resource of a stack made by the older code: no create, delete or replace", () => {
    const { work, run } = newStack("upgrade");
    try {
      expect(run("config", "set", "sdk", path.join(oldSdk, "sdk/src")).status).toBe(0);
      const up = run("up", "--yes", "--skip-preview");
      if (up.status !== 0) console.log(up.output);
      expect(up.output).toMatch(/\+ \d+ created/);
      expect(up.status).toBe(0);
      expect(run("config", "rm", "sdk").status).toBe(0);
      const preview = run("preview", "--json");
      if (preview.status !== 0) console.log(preview.output);
      expect(preview.status).toBe(0);
      // The only creates and deletes: the older code's guard per topic gives way to one guard of the root's topics
      // (bookkeeping of the plugin, whose delete touches nothing); every topic, release and connector stays.
      const changed = JSON.parse(preview.stdout).steps.filter((step: { op: string }) => step.op !== "same" && step.op !== "update");
      const typeOf = (urn: string) => urn.split("::")[2].split("$").pop();
      expect(changed.length).toBeGreaterThan(0);
      expect([...new Set(changed.map((step: { op: string; urn: string }) => `${step.op} ${typeOf(step.urn)}`))].sort()).toEqual([
        "create kpops:index:TopicGuard",
        // the older code's guards were dynamic resources
        "delete pulumi-nodejs:dynamic/kpops:TopicGuard",
      ]);
      expect(changed.filter((step: { op: string }) => step.op === "create")).toHaveLength(1);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it("previews two environments of one project in one stack, which the older code refuses", () => {
    const { work, run } = newStack("environments");
    try {
      expect(run("config", "set", "environments", "dev,prod").status).toBe(0);
      const preview = run("preview");
      if (preview.status !== 0) console.log(preview.output);
      expect(preview.status).toBe(0);
      for (const env of ["dev", "prod"]) expect(preview.output).toContain(`word-count-${env}/word-count-data-producer-topic`);
      expect(run("config", "set", "sdk", path.join(oldSdk, "sdk/src")).status).toBe(0);
      const old = run("preview");
      expect(old.status).not.toBe(0);
      expect(old.output).toMatch(/[Dd]uplicate resource URN/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
