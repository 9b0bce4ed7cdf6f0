/**
 * The offline Pulumi engine of this project, for the Automation API: the same environment bin/pulumi
 * runs with (scripts/pulumi-env.sh), and the PulumiCommand of the cached CLI.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PulumiCommand } from "@pulumi/pulumi/automation";

/** The repository root (this file is tests/support/offline-engine.ts). */
export const repositoryRoot = path.resolve(__dirname, "..", "..");

/** Options of {@link offlineEngineEnv}. */
export interface OfflineEngineOptions {
  /** Environment to start from. @default process.env */
  readonly baseEnv?: NodeJS.ProcessEnv;
}

/**
 * The process environment with scripts/pulumi-env.sh applied: PATH to the cached engine, a
 * project-local PULUMI_HOME and file backend, and every network reach of the CLI turned off.
 */
export function offlineEngineEnv(options: OfflineEngineOptions = {}): Record<string, string> {
  const script = path.join(repositoryRoot, "scripts", "pulumi-env.sh");
  const dumped = execFileSync("bash", ["-c", `source "${script}" && env -0`], {
    encoding: "utf8",
    env: options.baseEnv ?? process.env,
  });
  const env: Record<string, string> = {};
  for (const entry of dumped.split("\0")) {
    const i = entry.indexOf("=");
    if (i > 0) env[entry.slice(0, i)] = entry.slice(i + 1);
  }
  return env;
}

/** The folder that holds bin/pulumi of the cached engine, as PulumiCommand.get wants it. */
export function engineRoot(env: Record<string, string>): string {
  const bin = env.PATH.split(":")[0];
  if (!fs.existsSync(path.join(bin, "pulumi"))) {
    throw new Error(`the Pulumi CLI is not built yet (no ${bin}/pulumi); run 'npm run setup' first`);
  }
  return path.dirname(bin);
}

/** The cached Pulumi CLI as an Automation API command. */
export async function offlinePulumiCommand(env: Record<string, string>): Promise<PulumiCommand> {
  return PulumiCommand.get({ root: engineRoot(env) });
}
