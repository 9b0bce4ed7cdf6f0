/** The offline engine environment for tests: bin/pulumi's environment, with no cluster and no network. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlineEngineEnv, repositoryRoot } from "../support/offline-engine";

/** The versions written in tools/pulumi/versions.env. */
export function readVersions(): Record<string, string> {
  const text = fs.readFileSync(path.join(repositoryRoot, "tools/pulumi/versions.env"), "utf8");
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/**
 * The offline engine environment with a throw-away kubeconfig (no cluster) and an HTTP(S) proxy on a
 * closed loopback port, so that any attempt to reach the network fails at once.
 */
export function engineEnv(): Record<string, string> {
  const env = offlineEngineEnv();
  const kubeconfig = path.join(os.tmpdir(), "kpops-empty-kubeconfig");
  fs.writeFileSync(kubeconfig, "");
  env.KUBECONFIG = kubeconfig;
  env.HTTPS_PROXY = "http://127.0.0.1:9";
  env.HTTP_PROXY = "http://127.0.0.1:9";
  env.NO_PROXY = "127.0.0.1,localhost";
  return env;
}

/** The environment of a `pulumi` run on a local file backend under `work` (state in `work/state`). */
export function fileBackendEnv(work: string): NodeJS.ProcessEnv {
  return { ...process.env, PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`, PULUMI_CONFIG_PASSPHRASE: "kpops-test" };
}

/**
 * Runs the cached `pulumi` CLI (scripts/pulumi-env.sh) in `program` on the file backend under `work`; `env` adds
 * variables (e.g. `KPOPS_*` settings the program reads).
 */
export function runPulumi(
  program: string,
  work: string,
  args: readonly string[],
  env: Record<string, string> = {},
): { status: number | null; output: string; stdout: string } {
  const script = `source "${repositoryRoot}/scripts/pulumi-env.sh"; cd "${program}"; pulumi "$@"`;
  const result = spawnSync("bash", ["-c", script, "pulumi", ...args], { encoding: "utf8", env: { ...fileBackendEnv(work), ...env } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, stdout: result.stdout };
}

/** A stack of a Pulumi program on the file backend under `work`, with its config file in `work` too. */
export interface WorkStack {
  readonly name: string;
  /** Runs `pulumi ARGS --stack NAME` (plus `--non-interactive --config-file ...` except for `stack` subcommands). */
  run(...args: string[]): { status: number | null; output: string };
  /** The stack's state (`pulumi stack export`), its resources. */
  resources(): StateResource[];
}

/** A resource of an exported deployment. */
export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly parent?: string;
  readonly dependencies?: string[];
  readonly inputs?: Record<string, any>;
  readonly outputs?: Record<string, any>;
}

/**
 * Creates stack `name` of `program` (default: the repository's ready program) on the file backend under `work`.
 * `stack init` writes the stack's config (its encryption salt) beside the program; it is moved into `work`, so the
 * checkout stays clean and tests running side by side do not meet.
 */
export function initWorkStack(work: string, name: string, env: Record<string, string> = {}, program = repositoryRoot): WorkStack {
  fs.mkdirSync(path.join(work, "state"), { recursive: true });
  const configFile = path.join(work, `Pulumi.${name}.yaml`);
  const run = (...args: string[]) => {
    const flags = args[0] === "stack" ? ["--stack", name] : ["--stack", name, "--non-interactive", "--config-file", configFile];
    return runPulumi(program, work, [...args, ...flags], env);
  };
  const init = runPulumi(program, work, ["stack", "init", name, "--non-interactive"], env);
  if (init.status !== 0) throw new Error(`pulumi stack init ${name} failed:\n${init.output}`);
  const written = path.join(program, `Pulumi.${name}.yaml`);
  if (fs.existsSync(written)) fs.renameSync(written, configFile);
  return {
    name,
    run,
    resources() {
      const file = path.join(work, `${name}-state.json`);
      const exported = run("stack", "export", "--file", file);
      if (exported.status !== 0) throw new Error(`pulumi stack export failed:\n${exported.output}`);
      return JSON.parse(fs.readFileSync(file, "utf8")).deployment.resources ?? [];
    },
  };
}
