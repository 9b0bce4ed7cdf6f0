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

/** Runs the cached `pulumi` CLI (scripts/pulumi-env.sh) in `program` on the file backend under `work`. */
export function runPulumi(program: string, work: string, args: readonly string[]): { status: number | null; output: string; stdout: string } {
  const script = `source "${repositoryRoot}/scripts/pulumi-env.sh"; cd "${program}"; pulumi "$@"`;
  const result = spawnSync("bash", ["-c", script, "pulumi", ...args], { encoding: "utf8", env: fileBackendEnv(work) });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, stdout: result.stdout };
}
