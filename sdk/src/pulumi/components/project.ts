import * as pulumi from "@pulumi/pulumi";
import { KpopsConfigView } from "../enriched-pipeline";
import { EnrichedPipeline } from "../plan/enriched";
import { DeploymentArgs, GenerateArgs } from "./args";
import { buildContext, planSettings } from "./context";
import { InternalPipelineArgs, Pipeline, SHARED, asResourceError, assertComplete, loadSource, planOrThrow } from "./pipeline";

/** Args of {@link Project}: several KPOps pipelines deployed in one stack. */
export interface ProjectArgs extends DeploymentArgs, GenerateArgs {
  /** Enriched pipelines. Wins over `pipelinePaths`. @default undefined */
  readonly pipelines?: EnrichedPipeline[];
  /** Pipeline files and/or folders (searched for `pipeline.yaml`), enriched by the KPOps core. @default undefined */
  readonly pipelinePaths?: string[];
  /** The KPOps config to fall back on when `pipelines` are given directly. @default the loaded config, else {} */
  readonly kpopsConfig?: KpopsConfigView;
}

/**
 * A KPOps project (`kpops:index:Project`): one {@link Pipeline} per pipeline, planned together so that a topic
 * has one resource in the stack and a step may depend on a topic of another pipeline.
 */
export class Project extends pulumi.ComponentResource {
  readonly pipelines: readonly Pipeline[];
  readonly topicNames: pulumi.Output<string[]>;
  readonly releaseNames: pulumi.Output<string[]>;
  readonly connectorNames: pulumi.Output<string[]>;

  constructor(name: string, args: ProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:Project", name, {}, opts);
    const source = asResourceError(this, () => loadSource({ ...args, paths: args.pipelinePaths }));
    const settings = planSettings(args, source.config);
    const plan = planOrThrow(this, source.pipelines, settings);
    const context = asResourceError(this, () => buildContext(this, name, args, plan, settings, source.config));
    this.pipelines = plan.pipelines.map((pipelinePlan) => {
      const pipelineArgs: InternalPipelineArgs = { [SHARED]: { plan: pipelinePlan, context } };
      // A pipeline deployed before as a top-level Pipeline keeps its URNs (and its topics) when moved into a Project.
      return new Pipeline(pipelinePlan.name, pipelineArgs, { parent: this, aliases: [{ parent: pulumi.rootStackResource }] });
    });
    assertComplete(this, context);
    this.topicNames = pulumi.all(this.pipelines.map((p) => p.topicNames)).apply((lists) => lists.flat());
    this.releaseNames = pulumi.all(this.pipelines.map((p) => p.releaseNames)).apply((lists) => lists.flat());
    this.connectorNames = pulumi.all(this.pipelines.map((p) => p.connectorNames)).apply((lists) => lists.flat());
    this.registerOutputs({ topics: this.topicNames, releases: this.releaseNames, connectors: this.connectorNames });
  }
}
