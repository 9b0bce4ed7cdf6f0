/**
 * Where the Pulumi layer gets its pipelines: live, enriched core components, produced by the core's `generate`
 * (the same path `kpops generate` takes). The only module of this layer that runs the core's loader.
 */
import * as fs from "fs";
import * as path from "path";
import type { ComponentClass, PipelineComponent } from "../core/components/base/pipeline-component";
import { registryWithModule } from "../core/components/components-module";
import { loadConfig, type KpopsConfig } from "../core/config/load-config";
import { generate } from "../core/generate/generate";
import { pipelineNameVariables } from "../core/pipeline/pipeline-name";
import { publishSteps, type ExternalSteps, type PublishedSteps } from "../core/pipeline/step-outputs";

/** One enriched pipeline: its name (`${pipeline.name}`), its components in order, and its file. */
export interface LoadedPipeline {
  /** The pipeline name, e.g. `word-count` or `data-v1-dev`. */
  readonly name: string;
  /** The enriched components (disabled ones are skipped when planning). */
  readonly components: readonly PipelineComponent[];
  /** The pipeline file (absolute), named in error messages. @default undefined */
  readonly file?: string;
  /**
   * Its folder below `pipeline_base_dir` with `/` (`team/ingest`), the name other deployments read its steps by
   * (`from.components: {<reference>/team/ingest/<step>: ...}`). @default the name
   */
  readonly folder?: string;
}

/** The options of `kpops generate`, plus component classes for embedding TypeScript programs. */
export interface LoadOptions {
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
  /** Custom component classes, registered next to those of the config's `components_module`. @default [] */
  readonly componentClasses?: readonly ComponentClass[];
  /**
   * Steps other deployments published (e.g. read through stack references, see `readStackReferences`), by reference
   * name, for `from.components` keys `<reference>/<pipeline folder>/<step>`. @default {}
   */
  readonly externalSteps?: ExternalSteps;
}

/** The loaded pipelines and the KPOps config they were enriched with. */
export interface LoadedProject {
  readonly pipelines: readonly LoadedPipeline[];
  readonly config: KpopsConfig;
  /** The loader's warnings, one line each (deprecated types, disabled pipelines, shortened labels). @default [] */
  readonly warnings?: readonly string[];
  /** Pipelines the config disables (`enabled_pipelines` / `disabled_pipelines`), left out of `pipelines`. @default [] */
  readonly disabled?: readonly { readonly name: string; readonly file?: string; readonly reason: string }[];
}

/**
 * Runs the core's `generate` (with the classes of the config's `components_module` and `componentClasses`) and
 * names each pipeline as KPOps does (its folder relative to `pipeline_base_dir`).
 */
export function loadProject(options: LoadOptions): LoadedProject {
  const cwd = path.resolve(options.projectDir ?? process.cwd());
  const config = loadConfig({
    configDir: path.resolve(cwd, options.configDir ?? "."),
    environment: options.environment,
    dotenvFiles: (options.dotenvFiles ?? []).map((file) => path.resolve(cwd, file)),
  });
  const registry = registryWithModule(config.components_module, cwd);
  for (const cls of options.componentClasses ?? []) registry.register(cls);
  const result = generate({
    pipelinePaths: options.pipelinePaths.map((p) => path.resolve(cwd, p)),
    config,
    environment: options.environment,
    registry,
    steps: options.steps,
    filterType: options.filterType ?? "include",
    cwd,
    externalSteps: options.externalSteps,
  });
  const baseDir = fs.realpathSync(path.resolve(cwd, config.pipeline_base_dir));
  // a pipeline the config disables (enabled_pipelines / disabled_pipelines) gets no Pipeline component at all
  const pipelines = result.pipelines.filter((pipeline) => pipeline.disabledBy === undefined).map((pipeline, index): LoadedPipeline => {
    const file = pipeline.file === undefined ? undefined : fs.realpathSync(pipeline.file);
    const names = file === undefined ? undefined : pipelineNameVariables(baseDir, file);
    return { name: names?.name ?? `pipeline-${index}`, components: pipeline.components, file, folder: names?.parts.join("/") };
  });
  const disabled = result.pipelines.flatMap((p) => (p.disabledBy === undefined ? [] : [{ name: p.name ?? "", file: p.file, reason: p.disabledBy }]));
  return { pipelines, config, warnings: result.warnings, disabled };
}

/** What a deployment of `pipelines` publishes for other stacks: each enabled step's output topics (see `Project.stepOutputs`). */
export function publishedSteps(pipelines: readonly LoadedPipeline[]): PublishedSteps {
  return Object.assign({}, ...pipelines.map((pipeline) => publishSteps(pipeline.folder ?? pipeline.name, pipeline.components)));
}
