/**
 * `kpops generate`: load the config, find the pipelines, load each (independently, in sorted order), apply the
 * `--steps` filter, and print the enriched components as one YAML list (several pipelines are concatenated).
 */
import { resolve } from "node:path";
import type { ComponentData } from "../components/base/pipeline-component";
import { ComponentRegistry } from "../components/registry";
import { loadConfig, type KpopsConfig } from "../config/load-config";
import { discoverPipelineFiles } from "../pipeline/discovery";
import { PipelineSet } from "../pipeline/pipeline-set";
import type { Pipeline } from "../pipeline/pipeline";
import type { ExternalSteps } from "../pipeline/step-outputs";
import { toYaml } from "./yaml-output";

export type FilterType = "include" | "exclude";

export interface GenerateOptions {
  /** Pipeline files and/or directories (searched for `pipeline.yaml`). */
  readonly pipelinePaths: readonly string[];
  /** Directory of `config.yaml`; default `.`. */
  readonly configDir?: string;
  readonly dotenvFiles?: readonly string[];
  readonly environment?: string;
  /** `--steps`: component names. */
  readonly steps?: readonly string[];
  /** `--filter-type`: keep (`include`, default) or drop (`exclude`) the named steps. */
  readonly filterType?: FilterType;
  readonly registry?: ComponentRegistry;
  /** A config to use instead of loading one. */
  readonly config?: KpopsConfig;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Steps published by other deployments, for `from.components` keys `<reference>/<folder>/<step>`. @default {} */
  readonly externalSteps?: ExternalSteps;
}

export interface GenerateResult {
  readonly config: KpopsConfig;
  readonly pipelines: Pipeline[];
  /** The enriched components of all pipelines, as printed. */
  readonly components: ComponentData[];
  /** The loading warnings of all pipelines (e.g. deprecated types), one line each. */
  readonly warnings: string[];
}

export function generate(options: GenerateOptions): GenerateResult {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const config =
    options.config ??
    loadConfig({
      configDir: resolve(cwd, options.configDir ?? "."),
      environment: options.environment,
      dotenvFiles: (options.dotenvFiles ?? []).map((file) => resolve(cwd, file)),
      env,
    });
  const files = discoverPipelineFiles(options.pipelinePaths, options.cwd);
  const pipelines: Pipeline[] = [];
  const components: ComponentData[] = [];
  const set = new PipelineSet({
    config,
    environment: options.environment,
    registry: options.registry,
    env,
    cwd: options.cwd,
    externalSteps: options.externalSteps,
  });
  for (const file of files) {
    const pipeline = set.load(file);
    if (options.steps && options.steps.length > 0) filterSteps(pipeline, options.steps, options.filterType ?? "include");
    pipelines.push(pipeline);
    for (const component of pipeline.components) components.push(component.generate());
  }
  return { config, pipelines, components, warnings: pipelines.flatMap((pipeline) => pipeline.warnings) };
}

/** Applies `--steps` / `--filter-type` by bare component name. */
export function filterSteps(pipeline: Pipeline, steps: readonly string[], filterType: FilterType): void {
  const names = new Set(steps);
  pipeline.filter((component) => (filterType === "include" ? names.has(component.name) : !names.has(component.name)));
}

/** `generate` and render the YAML text `kpops generate` prints. */
export function generateYaml(options: GenerateOptions): string {
  return toYaml(generate(options).components);
}
