/**
 * Pipelines for a managed operation, loaded as `kpops deploy` loads them (the core's `generate`): every pipeline
 * with all its steps, and the same pipelines filtered by `steps` / `filterType`. For services that call the
 * operations module directly (`examples/automation-service`); the CLI loads them itself.
 */
import * as path from "path";
import { registryWithModule } from "../../core/components/components-module";
import { loadConfig, type KpopsConfig } from "../../core/config/load-config";
import { KpopsError } from "../../core/errors";
import { generate } from "../../core/generate/generate";
import type { Pipeline } from "../../core/pipeline/pipeline";

/** What to load. */
export interface LoadRequest {
  /** KPOps' working directory (where `kpops` would run). */
  readonly projectDir: string;
  /** Pipeline files or folders, relative to `projectDir`. */
  readonly pipelinePaths: readonly string[];
  /** The folder of `config.yaml`, relative to `projectDir`. @default "." */
  readonly configDir?: string;
  /** @default none */
  readonly environment?: string;
  /** `.env` files. @default [] */
  readonly dotenvFiles?: readonly string[];
  /** `--steps`. @default every step */
  readonly steps?: readonly string[];
  /** @default "include" */
  readonly filterType?: "include" | "exclude";
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The loaded pipelines. */
export interface LoadedForOperation {
  readonly pipelines: readonly Pipeline[];
  readonly selection: readonly Pipeline[];
  readonly config: KpopsConfig;
  /** The absolute folder of `config.yaml`. */
  readonly configDir: string;
}

/** Loads the pipelines of `request`; a step in `steps` that no pipeline has is an error. */
export function loadForOperation(request: LoadRequest): LoadedForOperation {
  const cwd = path.resolve(request.projectDir);
  const configDir = path.resolve(cwd, request.configDir ?? ".");
  const base = {
    pipelinePaths: request.pipelinePaths.map((p) => path.resolve(cwd, p)),
    configDir,
    environment: request.environment,
    dotenvFiles: request.dotenvFiles,
    env: request.env,
    cwd,
  };
  const config = loadConfig({ configDir, environment: request.environment, dotenvFiles: (request.dotenvFiles ?? []).map((f) => path.resolve(cwd, f)), env: request.env });
  const registry = registryWithModule(config.components_module, cwd);
  const all = generate({ ...base, registry, config });
  const steps = request.steps ?? [];
  if (steps.length === 0) return { pipelines: all.pipelines, selection: all.pipelines, config: all.config, configDir };
  const known = new Set(all.pipelines.flatMap((p) => p.components.map((c) => c.name)));
  const unknown = steps.filter((s) => !known.has(s));
  if (unknown.length > 0) throw new KpopsError(`unknown step${unknown.length > 1 ? "s" : ""} in steps: ${unknown.join(", ")}`);
  const filtered = generate({ ...base, registry, config: all.config, steps, filterType: request.filterType ?? "include" });
  return { pipelines: all.pipelines, selection: filtered.pipelines, config: all.config, configDir };
}
