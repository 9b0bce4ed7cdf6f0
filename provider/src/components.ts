/**
 * The components the plugin serves to programs in other languages (YAML, Python, …): one typed table from type
 * token to the TypeScript class that `@kpops/pulumi` exports, driving one generic `construct`. A component is the
 * same class a TypeScript program uses; this module only turns the engine's inputs into its args.
 */
import * as pulumi from "@pulumi/pulumi";
import { Pipeline, PipelineArgs } from "../../sdk/src/pulumi/components/pipeline";
import { Project, ProjectArgs } from "../../sdk/src/pulumi/components/project";
import { EXPECTED_KIND, InternalStepComponentArgs, StepComponent, kindToken } from "../../sdk/src/pulumi/components/step";
import { COMPONENT_KINDS } from "../../sdk/src/core/plan/types";

/** A component the plugin can construct, and the outputs it hands back. */
interface ComponentEntry {
  create(name: string, args: Record<string, unknown>, opts: pulumi.ComponentResourceOptions): pulumi.ComponentResource;
  outputs(component: pulumi.ComponentResource): pulumi.Inputs;
}

/** Outputs of Project and Pipeline: the names of what they deploy. */
function deployedNames(component: Project | Pipeline): pulumi.Inputs {
  return { topicNames: component.topicNames, releaseNames: component.releaseNames, connectorNames: component.connectorNames };
}

/** Outputs of a step component. */
function stepOutputs(component: StepComponent): pulumi.Inputs {
  return {
    stepName: component.stepName,
    stepType: component.stepType,
    topicNames: component.topicNames,
    subjectNames: component.subjectNames,
    releaseName: component.releaseName,
    connectorName: component.connectorName,
  };
}

/**
 * One component per step kind of the core (`kpops:index:StreamsApp`, ..., `kpops:index:PipelineComponent` for
 * custom types that extend no deployable built-in): the TypeScript SDK's StepComponent, built on its own from one
 * step of a pipeline file. The token names the kind the step must deploy as.
 */
const stepComponents: Record<string, ComponentEntry> = Object.fromEntries(
  COMPONENT_KINDS.map((kind): [string, ComponentEntry] => [
    kindToken(kind),
    {
      create: (name, args, opts) => new StepComponent(name, { ...args, [EXPECTED_KIND]: kind } as InternalStepComponentArgs, opts),
      outputs: (component) => stepOutputs(component as StepComponent),
    },
  ]),
);

/** Type token -> component, for every component the plugin serves. */
export const components: Readonly<Record<string, ComponentEntry>> = {
  ...stepComponents,
  "kpops:index:Project": {
    create: (name, args, opts) => new Project(name, args as ProjectArgs, opts),
    outputs: (component) => deployedNames(component as Project),
  },
  "kpops:index:Pipeline": {
    create: (name, args, opts) => new Pipeline(name, args as PipelineArgs, opts),
    outputs: (component) => deployedNames(component as Pipeline),
  },
};

/** Args that decide what is planned: they must be plain values when the component is built. */
const PLAN_TIME_ARGS = ["pipelinePaths", "path", "step", "type", "projectDir", "configDir", "environment", "dotenvFiles", "steps", "filterType", "secretKeys",
  "allowTopicDeletion", "allowTopicReplacement", "protectTopics", "localChartsDir", "baseDir", "defaultSchemaType", "schemaProvider"];

/**
 * Fails with one clear message when an arg that decides the plan is an output of another resource (not known
 * while the component is built).
 */
export function requirePlanTimeArgs(type: string, name: string, inputs: pulumi.Inputs): Record<string, unknown> {
  for (const key of PLAN_TIME_ARGS) {
    if (pulumi.Output.isInstance(inputs[key])) {
      throw new Error(`kpops: ${type} "${name}": "${key}" must be a plain value (it decides what is planned), not an output of another resource`);
    }
  }
  return inputs as Record<string, unknown>;
}

/**
 * The engine's inputs as component args: an empty string is not set (YAML config has no optional values, so an
 * example passes "" for "none").
 */
export function argsFromInputs(inputs: pulumi.Inputs): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== ""));
}

/** `construct` of the plugin: builds the component of `type` and returns its URN and outputs. */
export async function constructComponent(
  name: string,
  type: string,
  inputs: pulumi.Inputs,
  options: pulumi.ComponentResourceOptions,
): Promise<pulumi.provider.ConstructResult> {
  const entry = components[type];
  if (!entry) {
    throw new Error(`the kpops plugin has no component of type "${type}"`);
  }
  const component = entry.create(name, requirePlanTimeArgs(type, name, argsFromInputs(inputs)), options);
  return { urn: component.urn, state: entry.outputs(component) };
}
