/**
 * Step outputs shared between deployments (beyond upstream, KPOps issue #513, across stacks): what one deployment
 * publishes about its steps (each step's output topics with their type and label), and what another reads back, as
 * plain data. A `from.components` key `<reference>/<pipeline folder>/<step>` reads such a step when `<reference>` is
 * the name of a set of external steps given to the loader; the deployer (the Pulumi layer reads them through stack
 * references) passes them in. Pure: no I/O.
 */
import type { PipelineComponent } from "../components/base/pipeline-component";
import type { ToSection, TopicConfig } from "../components/models/to-section";
import { KpopsError } from "../errors";

/** One output topic of a published step: what a reader's `from.components` needs to wire it. */
export interface PublishedTopic {
  /** `output`, `error`, or null for a topic with a `label` (extra output). */
  readonly type: "output" | "error" | null;
  /** The label of an extra output topic. @default null */
  readonly label?: string | null;
}

/** What a deployment publishes about one step: its `to.topics` (the last component the step inflates into). */
export interface PublishedStep {
  /** The step's output topics by name, each with its type or label. */
  readonly topics: Readonly<Record<string, PublishedTopic>>;
}

/** The published steps of one deployment, by `<pipeline folder>/<step>` (folder relative to `pipeline_base_dir`). */
export type PublishedSteps = Readonly<Record<string, PublishedStep>>;

/** The published steps of other deployments, by the name `from.components` keys use for each (`<name>/...`). */
export type ExternalSteps = Readonly<Record<string, PublishedSteps>>;

/** The published steps of one pipeline: every enabled step, keyed `<folder>/<step>` (`folder` with `/`). */
export function publishSteps(folder: string, components: readonly PipelineComponent[]): Record<string, PublishedStep> {
  const result: Record<string, PublishedStep> = {};
  for (const component of components) {
    if (!component.enabled) continue;
    const last = component.inflatedComponents().at(-1) ?? component;
    const topics: Record<string, PublishedTopic> = {};
    for (const [name, topic] of Object.entries(last.to?.topics ?? {})) topics[name] = { type: topic.type, label: topic.label ?? null };
    result[`${folder}/${component.name}`] = { topics };
  }
  return result;
}

/**
 * The step `key` (`<pipeline folder>/<step>`) of the external steps named `reference`, as a `to` section a reader
 * weaves from. A step the reference does not publish is an error listing what it does publish.
 */
export function externalToSection(external: ExternalSteps, reference: string, key: string): ToSection {
  const steps = external[reference];
  const step = steps?.[key];
  if (step === undefined) {
    const known = Object.keys(steps ?? {}).sort();
    const listed = known.length === 0 ? "it publishes no steps" : `it publishes ${known.slice(0, 10).join(", ")}${known.length > 10 ? ", ..." : ""}`;
    throw new KpopsError(`stack reference '${reference}' has no step '${key}' (${listed})`);
  }
  const topics: Record<string, TopicConfig> = {};
  for (const [name, topic] of Object.entries(step.topics)) {
    topics[name] = {
      type: topic.type,
      label: topic.label ?? null,
      key_schema: null,
      value_schema: null,
      partitions_count: null,
      replication_factor: null,
      configs: {},
    };
  }
  return { topics, models: {} };
}

/**
 * Checks data read from another deployment (untrusted: any JSON) and returns it typed; `source` names where it came
 * from in the error (e.g. the stack reference and the stack).
 */
export function checkPublishedSteps(value: unknown, source: string): PublishedSteps {
  const fail = (what: string): never => {
    throw new KpopsError(`${source}: ${what}`);
  };
  if (!isRecord(value)) return fail("the published steps are not a mapping of '<pipeline folder>/<step>' to steps");
  for (const [key, step] of Object.entries(value)) {
    if (!key.includes("/")) fail(`published step '${key}' is not named '<pipeline folder>/<step>'`);
    if (!isRecord(step) || !isRecord(step.topics)) return fail(`published step '${key}' has no 'topics' mapping`);
    for (const [topic, config] of Object.entries(step.topics)) {
      const type = isRecord(config) ? config.type : undefined;
      const label = isRecord(config) ? config.label : undefined;
      if (!(type === "output" || type === "error" || type === null) || !(label === undefined || label === null || typeof label === "string")) {
        fail(`published step '${key}': topic '${topic}' has no valid type ('output', 'error' or null) and label`);
      }
    }
  }
  return value as PublishedSteps;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
