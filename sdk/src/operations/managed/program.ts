/**
 * The inline program of a managed stack: the pipeline as a `Project` of the Pulumi layer (`sdk/src/pulumi`), the
 * same components the repository's program (`program/index.ts`) builds, so both deploy the same resources. The
 * Project is named after the pipeline; every resource's logical name starts with `<pipeline name>/`.
 */
import type * as automation from "@pulumi/pulumi/automation";
import type { Pipeline as CorePipeline } from "../../core/pipeline/pipeline";
import type { AdoptArgs } from "../../pulumi/components/args";
import type { SchemaProvider } from "../../pulumi/schema-provider";
import type { LoadedPipeline } from "../../pulumi/source";

/** What the program deploys and how. */
export interface ProgramOptions {
  /** The pipeline, with every step (a `--steps` selection is applied by targeting, not by leaving steps out). */
  readonly pipeline: LoadedPipeline;
  /** Objects to import instead of create (adoption). @default none */
  readonly adopt?: AdoptArgs;
  /** Schema provider: an object or a module path. @default none (a pipeline with subjects then fails to plan) */
  readonly schemaProvider?: SchemaProvider | string;
  /** Base directory for relative paths (schema provider module, chart mirrors). */
  readonly baseDir: string;
}

/** The logical name of the Project of a pipeline. */
export function projectName(pipeline: { readonly name: string }): string {
  return pipeline.name;
}

/** A core pipeline as the Pulumi layer loads it. */
export function loadedPipeline(pipeline: CorePipeline): LoadedPipeline {
  return { name: pipeline.name ?? "pipeline", components: pipeline.components, file: pipeline.file };
}

/** The inline program of a managed stack (see the module comment); its outputs name what it deploys. */
export function managedProgram(options: ProgramOptions): automation.PulumiFn {
  return async () => {
    // loaded here: the Pulumi layer needs the SDK, which only engine runs load
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Project } = require("../../pulumi/components/project") as typeof import("../../pulumi/components/project");
    const project = new Project(projectName(options.pipeline), {
      pipelines: [options.pipeline],
      adopt: options.adopt,
      schemaProvider: options.schemaProvider,
      baseDir: options.baseDir,
    });
    await project.ready;
    return { topics: project.topicNames, releases: project.releaseNames, connectors: project.connectorNames };
  };
}
