/** The offline engine environment for tests: the same variables bin/pulumi sets, read from scripts/pulumi-env.sh. */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..", "..");

/** The versions written in tools/pulumi/versions.env. */
export function readVersions(): Record<string, string> {
  const text = fs.readFileSync(path.join(root, "tools/pulumi/versions.env"), "utf8");
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/**
 * The process environment with scripts/pulumi-env.sh applied, a throw-away kubeconfig (no cluster)
 * and an HTTPS proxy on a closed loopback port, so that any attempt to reach the network fails at once.
 */
export function engineEnv(): Record<string, string> {
  const dumped = execFileSync("bash", ["-c", `source "${root}/scripts/pulumi-env.sh" && env -0`], { encoding: "utf8" });
  const env: Record<string, string> = {};
  for (const entry of dumped.split("\0")) {
    const i = entry.indexOf("=");
    if (i > 0) env[entry.slice(0, i)] = entry.slice(i + 1);
  }
  const kubeconfig = path.join(os.tmpdir(), "kpops-empty-kubeconfig");
  fs.writeFileSync(kubeconfig, "");
  env.KUBECONFIG = kubeconfig;
  env.HTTPS_PROXY = "http://127.0.0.1:9";
  env.HTTP_PROXY = "http://127.0.0.1:9";
  env.NO_PROXY = "127.0.0.1,localhost";
  env.KPOPS_TOOLS_ROOT = path.dirname(env.PATH.split(":")[0]);
  return env;
}
