/**
 * The adapter between the KPOps core and the Pulumi layer: the only module here that calls into the core.
 * Given the options of `kpops generate`, it returns the enriched pipelines (with their names) and the parts of
 * the KPOps config the Pulumi layer needs. When the core's public API settles, only this file changes.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { EnrichedComponent, EnrichedPipeline } from "./plan/enriched";

/** The options of `kpops generate`. */
export interface GenerateOptions {
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

type CoreModule = Record<string, unknown>;

function loadCore(): CoreModule {
  // Loaded at run time so that this layer compiles while the core's API is still moving.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../core") as CoreModule;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The pipeline name KPOps derives from a step: its prefix without the trailing `-` (the default prefix). */
function nameFromSteps(steps: readonly EnrichedComponent[], fallback: string): string {
  const prefix = steps[0]?.prefix;
  return typeof prefix === "string" && prefix.endsWith("-") ? prefix.slice(0, -1) : fallback;
}

/** Normalises what the core returns (a list of pipelines or of component dicts) into named pipelines. */
export function normaliseGenerated(result: unknown, fallbackName = "pipeline"): EnrichedPipeline[] {
  const items = Array.isArray(result) ? result : isRecord(result) && Array.isArray(result.pipelines) ? result.pipelines : [result];
  if (items.every((item) => isRecord(item) && typeof item.type === "string")) {
    const steps = items as EnrichedComponent[];
    return [{ name: nameFromSteps(steps, fallbackName), steps }];
  }
  return items.map((item, index) => {
    if (!isRecord(item)) throw new Error(`unexpected generate result at index ${index}`);
    const dump = typeof item.toDicts === "function" ? (item.toDicts as () => unknown)() : undefined;
    const steps = (item.steps ?? item.components ?? dump) as EnrichedComponent[] | undefined;
    if (!Array.isArray(steps)) throw new Error(`generate result ${index} has no steps`);
    const name = typeof item.name === "string" ? item.name : nameFromSteps(steps, `${fallbackName}-${index}`);
    return { name, steps, path: typeof item.path === "string" ? item.path : undefined };
  });
}

/** Keeps or drops steps by bare name, like `--steps` / `--filter-type`. */
export function filterSteps(pipeline: EnrichedPipeline, steps?: readonly string[], filterType: "include" | "exclude" = "include"): EnrichedPipeline {
  if (steps === undefined || steps.length === 0) return pipeline;
  const keep = (step: EnrichedComponent) => steps.includes(step.name) === (filterType === "include");
  return { ...pipeline, steps: pipeline.steps.filter(keep) };
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
 * Runs the core's generate for the given options. Throws a clear error while the core does not offer it yet.
 */
export function loadEnrichedPipelines(options: GenerateOptions): EnrichedProject {
  if (options.projectDir === undefined) return loadInCwd(options);
  const previous = process.cwd();
  process.chdir(options.projectDir);
  try {
    return loadInCwd(options);
  } finally {
    process.chdir(previous);
  }
}

function loadInCwd(options: GenerateOptions): EnrichedProject {
  const core = loadCore();
  const generate = [core.generatePipelines, core.generate].find((f) => typeof f === "function") as
    | ((options: Record<string, unknown>) => unknown)
    | undefined;
  if (generate === undefined) {
    throw new Error(
      "the KPOps core offers no generate function yet (sdk/src/core); pass an enriched pipeline (`pipeline`) instead",
    );
  }
  const result = generate({
    pipelinePaths: options.pipelinePaths,
    configDir: options.configDir ?? ".",
    environment: options.environment,
    dotenvFiles: options.dotenvFiles ?? [],
    steps: options.steps,
    filterType: options.filterType ?? "include",
  });
  const pipelines = normaliseGenerated(result).map((p) => filterSteps(p, options.steps, options.filterType));
  let config: KpopsConfigView | undefined;
  if (typeof core.loadConfig === "function") {
    config = (core.loadConfig as (o: Record<string, unknown>) => KpopsConfigView)({
      configDir: options.configDir ?? ".",
      environment: options.environment,
      dotenvFiles: options.dotenvFiles ?? [],
    });
  }
  return { pipelines, config };
}
