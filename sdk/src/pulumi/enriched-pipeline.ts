/**
 * The adapter between the KPOps core and the Pulumi layer: the only module here that calls into the core.
 * Given the options of `kpops generate`, it returns the enriched pipelines (with their names) and the parts of
 * the KPOps config the Pulumi layer needs. When the core's public API settles, only this file changes.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { registryWithModule } from "../core/components/components-module";
import { loadConfig } from "../core/config/load-config";
import { generate } from "../core/generate/generate";
import { pipelineNameVariables } from "../core/pipeline/pipeline-name";
import { EnrichedComponent, EnrichedPipeline } from "./plan/enriched";

/** The options of `kpops generate`. */
export interface EnrichOptions {
  /**
   * KPOps' working directory: relative paths (pipeline paths, `configDir`, `pipeline_base_dir`) resolve against
   * it, as they resolve against the CWD of the `kpops` command. @default process.cwd()
   */
  readonly projectDir?: string;
  /** Pipeline files and/or folders (folders are searched for `pipeline.yaml`). */
  readonly pipelinePaths: readonly string[];
  /** Folder of `config.yaml`. @default "." */
  readonly configDir?: string;
  /** `--environment`. @default undefined */
  readonly environment?: string;
  /** `--dotenv` files, in order. @default [] */
  readonly dotenvFiles?: readonly string[];
  /** `--steps`: step names to keep (or drop, see `filterType`). @default all steps */
  readonly steps?: readonly string[];
  /** `--filter-type`. @default "include" */
  readonly filterType?: "include" | "exclude";
}

/** The parts of KPOps' `config.yaml` the Pulumi layer reads. */
export interface KpopsConfigView {
  readonly kafka_brokers?: string;
  readonly schema_registry?: { readonly enabled?: boolean; readonly url?: string; readonly timeout?: number };
  readonly kafka_connect?: { readonly url?: string; readonly timeout?: number };
  readonly create_namespace?: boolean;
  readonly helm_config?: {
    readonly context?: string | null;
    readonly timeout?: string | null;
    readonly force_replace?: boolean;
  };
}

/** What the adapter returns. */
export interface EnrichedProject {
  readonly pipelines: readonly EnrichedPipeline[];
  readonly config?: KpopsConfigView;
}


/** The pipeline name KPOps derives from a step: its prefix without the trailing `-` (the default prefix). */
function nameFromSteps(steps: readonly EnrichedComponent[], fallback: string): string {
  const prefix = steps[0]?.prefix;
  return typeof prefix === "string" && prefix.endsWith("-") ? prefix.slice(0, -1) : fallback;
}



/**
 * Reads a file that already holds an enriched pipeline (the saved output of `kpops generate`). The name is taken
 * from the steps' default prefix, else from the file name.
 */
export function readEnrichedFile(file: string, name?: string): EnrichedPipeline {
  const parsed: unknown = YAML.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`${file}: an enriched pipeline is a YAML list of components`);
  const steps = parsed as EnrichedComponent[];
  return { name: name ?? nameFromSteps(steps, path.basename(file).replace(/\.ya?ml$/, "")), steps, path: path.resolve(file) };
}

/**
 * Runs the core's `generate` (like `kpops generate`, with the components module of the config registered) and
 * names each pipeline as KPOps does (its folder relative to `pipeline_base_dir`).
 */
export function loadEnrichedPipelines(options: EnrichOptions): EnrichedProject {
  const cwd = path.resolve(options.projectDir ?? process.cwd());
  const environment = options.environment;
  const config = loadConfig({
    configDir: path.resolve(cwd, options.configDir ?? "."),
    environment,
    dotenvFiles: (options.dotenvFiles ?? []).map((file) => path.resolve(cwd, file)),
  });
  const result = generate({
    pipelinePaths: options.pipelinePaths.map((p) => path.resolve(cwd, p)),
    config,
    environment,
    registry: registryWithModule(config.components_module, cwd),
    steps: options.steps,
    filterType: options.filterType ?? "include",
    cwd,
  });
  const baseDir = fs.realpathSync(path.resolve(cwd, config.pipeline_base_dir));
  const pipelines = result.pipelines.map((pipeline, index): EnrichedPipeline => {
    const file = pipeline.file === undefined ? undefined : fs.realpathSync(pipeline.file);
    const name = file === undefined ? `pipeline-${index}` : pipelineNameVariables(baseDir, file).name;
    const steps = pipeline.components.map((component) => component.generate() as unknown as EnrichedComponent);
    return { name, steps, path: file };
  });
  return { pipelines, config };
}
