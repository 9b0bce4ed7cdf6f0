/**
 * What each step of a managed stack owns, by logical name and URN: the step's topics, subjects, Helm release (and
 * its workloads resource) and connector, read from the same stack plan the Project builds (`planStack`). It maps engine events
 * to steps and turns a `--steps` selection into the URNs an engine run targets.
 */
import type { ComponentKind, PlanOptions } from "../../core/plan/types";
import { planStack, type StepPlan } from "../../pulumi/plan/stack";
import type { LoadedPipeline } from "../../pulumi/source";
import { MANAGED_PROJECT } from "./stack-name";

/** Type tokens of the resources a step owns. */
export const RESOURCE_TYPES = {
  topic: "kafka:index/topic:Topic",
  guard: "kpops:index:TopicGuard",
  subject: "kpops:index:SchemaSubject",
  connector: "kpops:index:KafkaConnector",
  release: "kubernetes:helm.sh/v3:Release",
  workloads: "kpops:index:ReleaseWorkloads",
} as const;

/** One resource of a step. */
export interface StepResource {
  readonly kind: keyof typeof RESOURCE_TYPES;
  /** The object's own name (topic, subject, release or connector name). */
  readonly name: string;
  /** Its logical name in the stack (`<project>/<name>`). */
  readonly logicalName: string;
  readonly urn: string;
}

/** One step of a pipeline and what it owns. */
export interface StepResources {
  /** The bare step name (as `--steps` names it). */
  readonly step: string;
  readonly fullName: string;
  readonly kind: ComponentKind;
  readonly plan: StepPlan;
  /** The step component's URN. */
  readonly urn: string;
  readonly resources: readonly StepResource[];
}

/** The steps of a pipeline's stack, in pipeline (data-flow) order. */
export interface StackLayout {
  readonly stack: string;
  readonly project: string;
  readonly steps: readonly StepResources[];
  /**
   * URNs of the Project, the Pipeline, the Project's kafka provider and its topic guard (one for all the topics of
   * the root component): what a targeted run needs besides the steps.
   */
  readonly parents: readonly string[];
}

/**
 * The layout of `pipeline` deployed as Project `project` in `stack`: the same plan the Project makes, with the URN of
 * every step and child (the URN holds the parents' types: Project, Pipeline, the step's kind).
 */
export function stackLayout(stack: string, project: string, pipeline: LoadedPipeline, options: PlanOptions): StackLayout {
  const plan = planStack([pipeline], options).pipelines[0];
  const prefix = `urn:pulumi:${stack}::${MANAGED_PROJECT}::`;
  const pipelineChain = "kpops:index:Project$kpops:index:Pipeline";
  const steps = (plan?.steps ?? []).map((step): StepResources => {
    const kindType = `kpops:index:${step.component.kind}`;
    const child = (kind: keyof typeof RESOURCE_TYPES, name: string): StepResource => ({
      kind,
      name,
      logicalName: `${project}/${name}`,
      urn: `${prefix}${pipelineChain}$${kindType}$${RESOURCE_TYPES[kind]}::${project}/${name}`,
    });
    const resources: StepResource[] = [];
    for (const topic of step.topics) resources.push(child("topic", topic.name));
    for (const subject of step.subjects) resources.push(child("subject", subject.subject));
    if (step.component.release) resources.push(child("release", step.component.release.name), child("workloads", step.component.release.name));
    if (step.component.connector) resources.push(child("connector", step.component.connector.name));
    return {
      step: step.ref.step,
      fullName: step.ref.fullName,
      kind: step.component.kind,
      plan: step,
      urn: `${prefix}${pipelineChain}$${kindType}::${project}/${step.ref.fullName}`,
      resources,
    };
  });
  const parents = [
    `${prefix}kpops:index:Project::${project}`,
    `${prefix}${pipelineChain}::${project}/${plan?.name ?? pipeline.name}`,
    `${prefix}kpops:index:Project$pulumi:providers:kafka::${project}-kafka`,
    ...(plan?.steps.some((step) => step.topics.length > 0) ? [`${prefix}kpops:index:Project$${RESOURCE_TYPES.guard}::${project}-topic-guard`] : []),
  ];
  return { stack, project, steps, parents };
}

/** The step owning a URN (the step component or one of its children; else by logical name), if any. */
export function stepOfUrn(layout: StackLayout, urn: string): StepResources | undefined {
  const exact = layout.steps.find((step) => step.urn === urn || step.resources.some((r) => r.urn === urn));
  if (exact !== undefined) return exact;
  const name = nameOfUrn(urn);
  const type = typeOfUrn(urn);
  return layout.steps.find((step) => step.resources.some((r) => r.logicalName === name && RESOURCE_TYPES[r.kind] === type));
}

/** The type token of a URN (the last of its type chain). */
export function typeOfUrn(urn: string): string {
  const types = urn.split("::")[2] ?? "";
  return types.slice(types.lastIndexOf("$") + 1);
}

/** The logical name of a URN. */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The URNs a run over `selected` steps targets: their components, children and the parents they need. */
export function targetUrns(layout: StackLayout, selected: readonly StepResources[]): string[] {
  return [...layout.parents, ...selected.flatMap((step) => [step.urn, ...step.resources.map((r) => r.urn)])];
}
