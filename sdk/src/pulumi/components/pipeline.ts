import * as pulumi from "@pulumi/pulumi";
import type { PipelinePlan } from "../plan/stack";
import type { LoadedPipeline } from "../source";
import { DeploymentArgs, GenerateArgs } from "./args";
import { BuildContext, buildContext } from "./context";
import { asResourceError, assertComplete, loadSource, planOrThrow, reportWarnings } from "./loading";
import { StepComponent } from "./step";

export { asResourceError, assertComplete, loadSource, planOptions, planOrThrow, reportWarnings } from "./loading";

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
 * Creates the step components of a planned pipeline under `parent`. A pipeline that moved into a Project also
 * aliases its steps to the top-level Pipeline it was (by URN: the engine's inherited aliases rename a child whose
 * name starts with its parent's, which a step's name often does).
 */
export function buildSteps(parent: pulumi.ComponentResource, plan: PipelinePlan, context: BuildContext, movedFrom?: pulumi.Input<string>): StepComponent[] {
  const aliases = movedFrom === undefined ? [] : [{ parent: movedFrom }];
  return plan.steps.map((step) => new StepComponent(context.scope + step.ref.fullName, { plan: step, context }, { parent, aliases }));
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
