/**
 * The engine settings of the managed operations: where state lives and how its secrets are encrypted, and the
 * Automation API workspace of a stack with an inline program.
 *
 * - Backend: `PULUMI_BACKEND_URL` when set (any Pulumi backend: a folder, object storage, Pulumi Cloud), else the
 *   local folder `<config dir>/.kpops/state` (`file://`), created on first use.
 * - Secrets: the passphrase provider. `PULUMI_CONFIG_PASSPHRASE` / `PULUMI_CONFIG_PASSPHRASE_FILE` when set; on the
 *   default local backend only, the documented default passphrase {@link DEFAULT_LOCAL_PASSPHRASE} otherwise (the
 *   state folder is as private as the project; set your own passphrase for anything shared).
 */
import * as fs from "fs";
import * as path from "path";
import type * as automation from "@pulumi/pulumi/automation";
import { MANAGED_PROJECT } from "./stack-name";

/** The passphrase of the default local state folder when none is set. */
export const DEFAULT_LOCAL_PASSPHRASE = "kpops-local-state";

/** The default state folder below the config directory. */
export const DEFAULT_STATE_DIR = path.join(".kpops", "state");

/** Where a managed operation keeps its stacks. */
export interface EngineSettings {
  /** The backend URL (`file:///abs/path`, `s3://...`, `https://api.pulumi.com`). */
  readonly backendUrl: string;
  /** The local state folder when the backend is `file://`, else undefined. */
  readonly stateDir?: string;
  /** The environment of the Pulumi CLI the workspace runs. */
  readonly envVars: Record<string, string>;
}

/** Options of {@link engineSettings}. */
export interface EngineOptions {
  /** The folder of `config.yaml`; the default state folder is `<configDir>/.kpops/state`. */
  readonly configDir: string;
  /** The process environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The backend and engine environment (see the module comment). */
export function engineSettings(options: EngineOptions): EngineSettings {
  const env = options.env ?? process.env;
  const envVars: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) envVars[key] = value;
  const explicit = env.PULUMI_BACKEND_URL;
  const backendUrl = explicit !== undefined && explicit !== "" ? explicit : `file://${path.resolve(options.configDir, DEFAULT_STATE_DIR)}`;
  const stateDir = backendUrl.startsWith("file://") ? backendUrl.slice("file://".length).replace(/^~(?=\/)/, process.env.HOME ?? "~") : undefined;
  if (stateDir !== undefined) fs.mkdirSync(stateDir, { recursive: true });
  envVars.PULUMI_BACKEND_URL = backendUrl;
  envVars.PULUMI_SKIP_UPDATE_CHECK = "true";
  envVars.PULUMI_DIY_BACKEND_NO_LEGACY_WARNING = "true";
  const hasPassphrase = env.PULUMI_CONFIG_PASSPHRASE !== undefined || env.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined;
  if (!hasPassphrase && (explicit === undefined || explicit === "")) envVars.PULUMI_CONFIG_PASSPHRASE = DEFAULT_LOCAL_PASSPHRASE;
  return { backendUrl, stateDir, envVars };
}

/** The Automation API (loaded on use: only the operations need the Pulumi SDK). */
export function automationApi(): typeof automation {
  // require, not import(): bundled, an external import() would be loaded as an ES module
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require("@pulumi/pulumi/automation") as typeof automation;
  plainStackTracesInBundle();
  return api;
}

/**
 * Loading the Pulumi SDK installs source-map support, which rewrites every stack trace through source maps, and the
 * SDK records a stack trace for each of its promises: a quarter and more of an inline program's CPU time. In the
 * bundled CLI (`sdk/dist/kpops.cjs`, no source map of ours) V8's own formatting is put back; from sources (tests)
 * nothing changes.
 */
function plainStackTracesInBundle(): void {
  if (__filename.endsWith(".cjs")) (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
}

/** The folder holding `bin/pulumi` of the first `pulumi` on the PATH of `envVars`, if any. */
export function pulumiRoot(envVars: Record<string, string>): string | undefined {
  for (const dir of (envVars.PATH ?? "").split(path.delimiter)) {
    if (dir !== "" && fs.existsSync(path.join(dir, "pulumi"))) return path.dirname(dir);
  }
  return undefined;
}

/** The stack `name` of the managed project with an inline `program`, created when missing. */
export async function openStack(settings: EngineSettings, name: string, program: automation.PulumiFn, workDir: string): Promise<automation.Stack> {
  const { LocalWorkspace, PulumiCommand } = automationApi();
  const root = pulumiRoot(settings.envVars);
  const pulumiCommand = root === undefined ? undefined : await PulumiCommand.get({ root, skipVersionCheck: true });
  return LocalWorkspace.createOrSelectStack(
    { stackName: name, projectName: MANAGED_PROJECT, program },
    {
      envVars: settings.envVars,
      workDir,
      pulumiCommand,
      pulumiHome: settings.envVars.PULUMI_HOME,
      projectSettings: { name: MANAGED_PROJECT, runtime: "nodejs", backend: { url: settings.backendUrl } },
    },
  );
}

/** The useful line of an engine failure (the CLI's stderr is long). */
export function engineReason(error: unknown): string {
  const text = String((error as Error)?.message ?? error);
  if (/ENOENT.*pulumi|pulumi: not found|spawn pulumi/.test(text)) return "the Pulumi CLI ('pulumi') is not on PATH";
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => /^error:/i.test(l) && !/^error: update failed$|^error: preview failed$/i.test(l));
  if (errors.length > 0) return errors.map((l) => l.replace(/^error:\s*/i, "")).join("; ");
  return lines.find((l) => /stderr:/.test(l)) ?? lines[0] ?? "unknown error";
}
