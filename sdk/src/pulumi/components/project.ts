import * as pulumi from "@pulumi/pulumi";
import type { PublishedSteps } from "../../core/pipeline/step-outputs";
import { publishedSteps, type LoadedPipeline } from "../source";
import { DeploymentArgs, GenerateArgs } from "./args";
import { buildContext } from "./context";
import { InternalPipelineArgs, Pipeline, SHARED, asResourceError, assertComplete, loadSource, planOrThrow, reportWarnings } from "./pipeline";

/** Args of {@link Project}: several KPOps pipelines deployed in one stack. */
export interface ProjectArgs extends DeploymentArgs, GenerateArgs {
  /** Loaded pipelines (enriched core components). Wins over `pipelinePaths`. @default undefined */
  readonly pipelines?: LoadedPipeline[];
  /** Pipeline files and/or folders (searched for `pipeline.yaml`), enriched by the KPOps core. @default undefined */
  readonly pipelinePaths?: string[];
}

/**
 * A KPOps project (`kpops:index:Project`): one {@link Pipeline} per pipeline, planned together so that a topic
 * has one resource in the stack and a step may depend on a topic of another pipeline. Every descendant's logical
 * name starts with `<name>/`, so several Projects (e.g. one per KPOps environment) share a stack.
 */
export class Project extends pulumi.ComponentResource {
  /** The pipeline components, one per KPOps pipeline. */
  readonly pipelines: readonly Pipeline[];
  /** Names of the Kafka topics the project's pipelines own. */
  readonly topicNames: pulumi.Output<string[]>;
  /** Names of the Helm releases. */
  readonly releaseNames: pulumi.Output<string[]>;
  /** Names of the Kafka Connect connectors. */
  readonly connectorNames: pulumi.Output<string[]>;
  /**
   * What this Project publishes for other stacks: each enabled step's output topics (type and label), keyed
   * `<pipeline folder>/<step>`. Export it as the stack output `stepOutputs` (the ready program does) and another
   * stack reads it through `readStackReferences` / stack config `kpops:stackReferences`.
   */
  readonly stepOutputs: pulumi.Output<PublishedSteps>;
  /** Resolves once every resource of the project is registered (see {@link Pipeline.ready}). */
  readonly ready: Promise<void>;

  constructor(name: string, args: ProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:Project", name, {}, opts);
    const source = asResourceError(this, () => loadSource({ ...args, paths: args.pipelinePaths }));
    reportWarnings(this, source);
    const plan = planOrThrow(this, source.pipelines, args);
    const context = asResourceError(this, () => buildContext(this, name, args, plan, source.config));
    this.pipelines = plan.pipelines.map((pipelinePlan) => {
      const movedFrom = pulumi.createUrn(pipelinePlan.name, "kpops:index:Pipeline");
      const pipelineArgs: InternalPipelineArgs = { [SHARED]: { plan: pipelinePlan, context, movedFrom } };
      // Aliases: the unscoped name of earlier versions, and a top-level Pipeline moved into a Project.
      return new Pipeline(context.scope + pipelinePlan.name, pipelineArgs, {
        parent: this,
        aliases: [{ name: pipelinePlan.name }, { name: pipelinePlan.name, parent: pulumi.rootStackResource }],
      });
    });
    this.ready = assertComplete(this, context, this.pipelines.flatMap((p) => p.steps));
    this.topicNames = pulumi.all(this.pipelines.map((p) => p.topicNames)).apply((lists) => lists.flat());
    this.releaseNames = pulumi.all(this.pipelines.map((p) => p.releaseNames)).apply((lists) => lists.flat());
    this.stepOutputs = pulumi.output(publishedSteps(source.pipelines));
    this.connectorNames = pulumi.all(this.pipelines.map((p) => p.connectorNames)).apply((lists) => lists.flat());
    this.registerOutputs({ topics: this.topicNames, releases: this.releaseNames, connectors: this.connectorNames });
  }
}
