import * as pulumi from "@pulumi/pulumi";
import type { KpopsConfig } from "../../core/config/load-config";
import { chartMirrorsFromEnv, parseChartMirrors } from "../../core/plan/chart-mirror";
import type { PlanOptions } from "../../core/plan/types";
import { PipelinePlan, StackPlan, planStack } from "../plan/stack";
import { LoadedPipeline, LoadedProject, loadProject } from "../source";
import { DeploymentArgs, GenerateArgs } from "./args";
import { BuildContext, buildContext } from "./context";
import { StepComponent } from "./step";

/** Args of {@link Pipeline}: one KPOps pipeline, either already loaded or a file to load. */
export interface PipelineArgs extends DeploymentArgs, GenerateArgs {
  /** A loaded pipeline (enriched core components, e.g. from `loadProject`). Wins over `path`. @default undefined */
  readonly pipeline?: LoadedPipeline;
  /** A `pipeline.yaml`, enriched by the KPOps core with `configDir`, `environment`, ... @default undefined */
  readonly path?: string;
}

/** @internal What a {@link Project} hands its pipelines: the shared plan and context. */
export const SHARED = Symbol("kpops.shared");

/** @internal */
export interface SharedBuild {
  readonly plan: PipelinePlan;
  readonly context: BuildContext;
  /** The URN this pipeline had as a top-level Pipeline, before it moved into a Project (its steps alias to it). */
  readonly movedFrom?: pulumi.Input<string>;
}

/** @internal Args a Project passes to its Pipelines. */
export interface InternalPipelineArgs extends PipelineArgs {
  readonly [SHARED]?: SharedBuild;
}

/**
 * Runs `work`, turning a user mistake (a KpopsError naming file, step and field) or any other error into one
 * `ResourceError` of `owner` without a stack trace, as `pulumi preview` shows it.
 */
export function asResourceError<T>(owner: pulumi.Resource, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof pulumi.ResourceError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new pulumi.ResourceError(`kpops: ${message}`, owner, true);
  }
}

/** The loaded pipelines and config given by args: directly, or by loading files through the core. */
export function loadSource(args: GenerateArgs & { pipelines?: readonly LoadedPipeline[]; paths?: string[] }): LoadedProject {
  if (args.pipelines !== undefined) return { pipelines: args.pipelines, config: configOf(args.pipelines) };
  if (args.paths === undefined || args.paths.length === 0) throw new Error("give a loaded pipeline or a pipeline path");
  return loadProject({
    pipelinePaths: args.paths,
    projectDir: args.projectDir,
    configDir: args.configDir,
    environment: args.environment,
    dotenvFiles: args.dotenvFiles,
    steps: args.steps,
    filterType: args.filterType,
    componentClasses: args.componentClasses,
    externalSteps: args.externalSteps,
  });
}

/** Shows the loader's warnings (deprecated types, disabled pipelines, ...) on `owner` in the engine's diagnostics. */
export function reportWarnings(owner: pulumi.Resource, source: LoadedProject): void {
  for (const warning of source.warnings ?? []) void pulumi.log.warn(`kpops: ${warning}`, owner);
}

/** The KPOps config loaded pipelines were enriched with (their components carry it). */
function configOf(pipelines: readonly LoadedPipeline[]): KpopsConfig {
  const component = pipelines.flatMap((p) => p.components)[0];
  return (component?.ctx.config ?? {}) as KpopsConfig;
}

/** Plan options from the args. */
export function planOptions(args: DeploymentArgs): PlanOptions {
  const baseDir = args.baseDir ?? process.cwd();
  const mirrors = args.chartMirrors;
  const chartMirrors =
    mirrors === undefined
      ? chartMirrorsFromEnv(process.env, baseDir)
      : parseChartMirrors(typeof mirrors === "string" ? mirrors : JSON.stringify(mirrors), baseDir, "chartMirrors");
  return { secretKeys: args.secretKeys ?? [], chartMirrors };
}

/** The stack plan of some pipelines, or a ResourceError of `owner`; also checks that schemas can be provided. */
export function planOrThrow(owner: pulumi.Resource, pipelines: readonly LoadedPipeline[], args: DeploymentArgs): StackPlan {
  return asResourceError(owner, () => {
    const plan = planStack(pipelines, planOptions(args));
    const subject = plan.subjects[0];
    if (subject !== undefined && args.schemaProvider === undefined) {
      const where = [subject.owner.file, `step '${subject.owner.step}'`, `field 'to.topics.${subject.topic}.${subject.role}_schema'`]
        .filter((part) => part !== undefined)
        .join(": ");
      throw new Error(
        `${where}: subject "${subject.subject}" needs a schema for "${subject.schemaClass}", but no schemaProvider is configured ` +
          `(args.schemaProvider or stack config kpops:schemaProvider)`,
      );
    }
    return plan;
  });
}

/**
 * Creates the step components of a planned pipeline under `parent`. A pipeline that moved into a Project also
 * aliases its steps to the top-level Pipeline it was (by URN: the engine's inherited aliases rename a child whose
 * name starts with its parent's, which a step's name often does).
 */
export function buildSteps(parent: pulumi.ComponentResource, plan: PipelinePlan, context: BuildContext, movedFrom?: pulumi.Input<string>): StepComponent[] {
  const aliases = movedFrom === undefined ? [] : [{ parent: movedFrom }];
  return plan.steps.map((step) => new StepComponent(context.scope + step.ref.fullName, { plan: step, context }, { parent, aliases }));
}

/**
 * Waits for `steps` to register their resources, then fails when a planned topic or subject was never created (it
 * would leave a dependency waiting forever).
 */
export async function assertComplete(owner: pulumi.Resource, context: BuildContext, steps: readonly StepComponent[]): Promise<void> {
  await Promise.all(steps.map((step) => step.ready));
  const missing = context.registry.unresolved();
  if (missing.length > 0) throw new pulumi.ResourceError(`kpops: planned but not created: ${missing.join(", ")}`, owner, true);
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
  /**
   * Resolves once every resource of the pipeline is registered. Topics are registered after one question to the
   * brokers (which of them exist already, to be imported), so a program that inspects them waits for this.
   */
  readonly ready: Promise<void>;

  constructor(name: string, args: PipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:Pipeline", name, {}, opts);
    const shared = (args as InternalPipelineArgs)[SHARED];
    const build = shared ?? this.prepare(name, args);
    this.steps = asResourceError(this, () => buildSteps(this, build.plan, build.context, build.movedFrom));
    this.ready = shared === undefined ? assertComplete(this, build.context, this.steps) : Promise.all(this.steps.map((s) => s.ready)).then(() => undefined);

    const steps = build.plan.steps;
    this.topicNames = pulumi.output(steps.flatMap((s) => s.topics.map((t) => t.name)));
    this.releaseNames = pulumi.output(steps.flatMap((s) => (s.component.release ? [s.component.release.name] : [])));
    this.connectorNames = pulumi.output(steps.flatMap((s) => (s.component.connector ? [s.component.connector.name] : [])));
    this.registerOutputs({ topics: this.topicNames, releases: this.releaseNames, connectors: this.connectorNames });
  }

  private prepare(name: string, args: PipelineArgs): SharedBuild {
    const source = asResourceError(this, () =>
      loadSource({ ...args, pipelines: args.pipeline ? [args.pipeline] : undefined, paths: args.path ? [args.path] : undefined }),
    );
    reportWarnings(this, source);
    if (source.pipelines.length !== 1) {
      // a pipeline the config disables is left out by the loader; say so rather than count
      const disabled = source.pipelines.length === 0 ? source.disabled?.[0] : undefined;
      throw new pulumi.ResourceError(
        disabled !== undefined
          ? `kpops: ${args.path ?? disabled.file}: pipeline '${disabled.name}' is disabled by ${disabled.reason} in the config, ` +
              `so this Pipeline has nothing to deploy; use a Project, which skips it`
          : `kpops: a Pipeline takes exactly one pipeline, got ${source.pipelines.length}; use a Project for several`,
        this,
        true,
      );
    }
    const plan = planOrThrow(this, source.pipelines, args);
    const context = asResourceError(this, () => buildContext(this, name, args, plan, source.config));
    return { plan: plan.pipelines[0], context };
  }
}
