import * as pulumi from "@pulumi/pulumi";
import { EnrichedProject, KpopsConfigView, loadEnrichedPipelines } from "../enriched-pipeline";
import { EnrichedPipeline } from "../plan/enriched";
import { PlanError } from "../plan/errors";
import { PipelinePlan, ProjectPlan, planProject } from "../plan/plan";
import { PlanSettings } from "../plan/settings";
import { DeploymentArgs, GenerateArgs } from "./args";
import { BuildContext, buildContext, planSettings } from "./context";
import { STEP_CLASSES, StepComponent } from "./step";

/** Args of {@link Pipeline}: one KPOps pipeline, either already enriched or a file to generate. */
export interface PipelineArgs extends DeploymentArgs, GenerateArgs {
  /** An enriched pipeline (what `kpops generate` prints, with its name). Wins over `path`. @default undefined */
  readonly pipeline?: EnrichedPipeline;
  /** A `pipeline.yaml`, enriched by the KPOps core with `configDir`, `environment`, ... @default undefined */
  readonly path?: string;
  /** The KPOps config to fall back on when `pipeline` is given directly. @default the config loaded with `path`, else {} */
  readonly kpopsConfig?: KpopsConfigView;
}

/** @internal What a {@link Project} hands its pipelines: the shared plan and context. */
export const SHARED = Symbol("kpops.shared");

/** @internal */
export interface SharedBuild {
  readonly plan: PipelinePlan;
  readonly context: BuildContext;
}

/** @internal Args a Project passes to its Pipelines. */
export interface InternalPipelineArgs extends PipelineArgs {
  readonly [SHARED]?: SharedBuild;
}

/** Turns planning and loading errors into a ResourceError of `owner`. */
export function asResourceError<T>(owner: pulumi.Resource, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof pulumi.ResourceError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new pulumi.ResourceError(error instanceof PlanError ? message : `kpops: ${message}`, owner);
  }
}

/** The enriched pipelines and config given by args: directly, or by running generate. */
export function loadSource(args: DeploymentArgs & GenerateArgs & { pipelines?: EnrichedPipeline[]; paths?: string[]; kpopsConfig?: KpopsConfigView }): EnrichedProject {
  if (args.pipelines !== undefined) return { pipelines: args.pipelines, config: args.kpopsConfig };
  if (args.paths === undefined || args.paths.length === 0) throw new Error("give an enriched pipeline or a pipeline path");
  const loaded = loadEnrichedPipelines({
    pipelinePaths: args.paths,
    projectDir: args.projectDir,
    configDir: args.configDir,
    environment: args.environment,
    dotenvFiles: args.dotenvFiles,
    steps: args.steps,
    filterType: args.filterType,
  });
  return { pipelines: loaded.pipelines, config: args.kpopsConfig ?? loaded.config };
}

/** Creates the step components of a planned pipeline under `parent`. */
export function buildSteps(parent: pulumi.ComponentResource, plan: PipelinePlan, context: BuildContext): StepComponent[] {
  return plan.steps.map((step) => {
    const StepClass = STEP_CLASSES[step.family];
    return new StepClass(step.ref.fullName, { plan: step, context }, { parent });
  });
}

/** Fails when a planned topic or subject was never created (it would leave a dependency waiting forever). */
export function assertComplete(owner: pulumi.Resource, context: BuildContext): void {
  const missing = context.registry.unresolved();
  if (missing.length > 0) throw new pulumi.ResourceError(`kpops: planned but not created: ${missing.join(", ")}`, owner);
}

/** The stack plan for some pipelines, or a ResourceError of `owner`. */
export function planOrThrow(owner: pulumi.Resource, pipelines: readonly EnrichedPipeline[], settings: PlanSettings): ProjectPlan {
  return asResourceError(owner, () => planProject(pipelines, settings));
}

/**
 * One KPOps pipeline as a Pulumi component (`kpops:index:Pipeline`): a child component per step, each with its
 * topics, schema subjects and Helm release or connector.
 */
export class Pipeline extends pulumi.ComponentResource {
  /** The step components, in pipeline order. */
  readonly steps: readonly StepComponent[];
  /** Names of the topics this pipeline owns. */
  readonly topicNames: pulumi.Output<string[]>;
  /** Names of the Helm releases. */
  readonly releaseNames: pulumi.Output<string[]>;
  /** Names of the connectors. */
  readonly connectorNames: pulumi.Output<string[]>;

  constructor(name: string, args: PipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:Pipeline", name, {}, opts);
    const shared = (args as InternalPipelineArgs)[SHARED];
    const build = shared ?? this.prepare(name, args);
    this.steps = buildSteps(this, build.plan, build.context);
    if (shared === undefined) assertComplete(this, build.context);

    const steps = build.plan.steps;
    this.topicNames = pulumi.output(steps.flatMap((s) => s.topics.map((t) => t.name)));
    this.releaseNames = pulumi.output(steps.flatMap((s) => (s.release ? [s.release.name] : [])));
    this.connectorNames = pulumi.output(steps.flatMap((s) => (s.connector ? [s.connector.name] : [])));
    this.registerOutputs({ topics: this.topicNames, releases: this.releaseNames, connectors: this.connectorNames });
  }

  private prepare(name: string, args: PipelineArgs): SharedBuild {
    const source = asResourceError(this, () =>
      loadSource({ ...args, pipelines: args.pipeline ? [args.pipeline] : undefined, paths: args.path ? [args.path] : undefined }),
    );
    if (source.pipelines.length !== 1) {
      throw new pulumi.ResourceError(
        `kpops: a Pipeline takes exactly one pipeline, got ${source.pipelines.length}; use a Project for several`,
        this,
      );
    }
    const settings = planSettings(args, source.config);
    const plan = planOrThrow(this, source.pipelines, settings);
    const context = asResourceError(this, () => buildContext(this, name, args, plan, settings, source.config));
    return { plan: plan.pipelines[0], context };
  }
}
