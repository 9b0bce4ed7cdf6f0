import { EnrichedComponent, EnrichedPipeline, fullName } from "./enriched";
import { PlanError } from "./errors";
import { ComponentFamily, FAMILY_TOKENS, familyOf, isConnector, isStreamsBootstrap } from "./family";
import { ReleasePlan, planRelease } from "./helm";
import { PlanSettings } from "./settings";
import { StepRef, TopicCollector, TopicPlan, readTopics, stepRef, writtenTopics } from "./topics";

/** One Schema Registry subject. */
export interface SchemaPlan {
  /** `<topic>-key` or `<topic>-value`. */
  readonly subject: string;
  readonly topic: string;
  readonly role: "key" | "value";
  /** The schema class named in the pipeline (`key_schema` / `value_schema`), handed to the schema provider. */
  readonly schemaClass: string;
  /** The owner step's `to.models`, handed to the schema provider like KPOps does. */
  readonly models: Readonly<Record<string, string>>;
  readonly owner: StepRef;
}

/** One Kafka Connect connector. */
export interface ConnectorPlan {
  /** Connector name: `config.name` (KPOps forces it to prefix + name). */
  readonly name: string;
  /** The config exactly as KPOps sends it: all values strings, nulls dropped, `name` included. */
  readonly config: Readonly<Record<string, string>>;
  readonly state?: "running" | "paused" | "stopped";
}

/** Everything one step becomes. */
export interface StepPlan {
  readonly ref: StepRef;
  readonly type: string;
  readonly family: ComponentFamily;
  /** The Pulumi type token of the step's component resource (its family's). */
  readonly token: string;
  /** Topics read by name (patterns excluded). */
  readonly reads: readonly string[];
  /** Topics written (`to.topics`). */
  readonly writes: readonly string[];
  /** Topics this step owns (declares first). */
  readonly topics: readonly TopicPlan[];
  /** Subjects this step owns (of its owned topics). */
  readonly schemas: readonly SchemaPlan[];
  /** Names of the topics managed in this stack that the step's release/connector waits for. */
  readonly topicDependencies: readonly string[];
  /** Subjects managed in this stack that the step's release/connector waits for (those of its outputs). */
  readonly schemaDependencies: readonly string[];
  readonly release?: ReleasePlan;
  readonly connector?: ConnectorPlan;
}

export interface PipelinePlan {
  readonly name: string;
  readonly steps: readonly StepPlan[];
}

/** The plan of a set of pipelines deployed in one stack. */
export interface ProjectPlan {
  readonly pipelines: readonly PipelinePlan[];
  /** Every topic resource of the stack, one per name. */
  readonly topics: readonly TopicPlan[];
  /** Every subject resource of the stack, one per subject. */
  readonly schemas: readonly SchemaPlan[];
}

function stringValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A connector step's connector: config values as strings (KPOps' serialization), `name` = full name. */
export function planConnector(step: EnrichedComponent): ConnectorPlan {
  const raw = step.config ?? {};
  if (typeof raw["connector.class"] !== "string") {
    throw new PlanError(`connector step "${step.name}" has no config["connector.class"]`);
  }
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    config[key] = Array.isArray(value) ? value.map(stringValue).join(",") : stringValue(value);
  }
  const name = config.name ?? fullName(step);
  if (config.name === undefined) config.name = name;
  return { name, config, state: step.state ?? undefined };
}

function isEnabled(step: EnrichedComponent): boolean {
  return step.enabled !== false;
}

/** Families whose deploy creates their `to` topics (KafkaApp and KafkaConnector in KPOps). */
function createsTopics(family: ComponentFamily): boolean {
  return isStreamsBootstrap(family) || isConnector(family);
}

/**
 * Plans a set of enriched pipelines that share one stack: which topic, subject, release and connector
 * resources exist, who owns them and what waits for what. Pure: no Pulumi, no I/O.
 *
 * Throws {@link PlanError} on duplicate step names in a pipeline, topics declared differently by two steps,
 * apps without a chart or namespace, and connectors without a class.
 */
export function planProject(pipelines: readonly EnrichedPipeline[], settings: PlanSettings = {}): ProjectPlan {
  const collector = new TopicCollector(settings.topicDefaults);
  const seenPipelines = new Set<string>();
  const prepared = pipelines.map((pipeline) => {
    if (seenPipelines.has(pipeline.name)) throw new PlanError(`pipeline "${pipeline.name}" is given twice`);
    seenPipelines.add(pipeline.name);
    const names = new Set<string>();
    const steps = pipeline.steps.filter(isEnabled).map((step) => {
      if (names.has(step.name)) {
        throw new PlanError(`pipeline "${pipeline.name}": step name "${step.name}" is used twice; step names must be unique`);
      }
      names.add(step.name);
      const family = familyOf(step);
      const ref = stepRef(pipeline.name, step);
      if (createsTopics(family)) collector.add(ref, step);
      return { step, family, ref };
    });
    return { name: pipeline.name, steps };
  });

  const fullNames = new Map<string, StepRef>();
  for (const { ref } of prepared.flatMap((p) => p.steps)) {
    const earlier = fullNames.get(ref.fullName);
    if (earlier !== undefined) {
      throw new PlanError(
        `steps "${earlier.step}" (pipeline ${earlier.pipeline}) and "${ref.step}" (pipeline ${ref.pipeline}) have the same full name ` +
          `"${ref.fullName}" (prefix + name), which names their resources in the stack`,
      );
    }
    fullNames.set(ref.fullName, ref);
  }

  const topics = collector.topics();
  const topicByName = new Map(topics.map((t) => [t.name, t]));
  const schemas: SchemaPlan[] = [];
  if (settings.schemaRegistryEnabled === true) {
    for (const topic of topics) {
      const ownerStep = prepared
        .find((p) => p.name === topic.owner.pipeline)
        ?.steps.find((s) => s.ref.step === topic.owner.step)?.step;
      const models = ownerStep?.to?.models ?? {};
      for (const [role, schemaClass] of [["key", topic.keySchema], ["value", topic.valueSchema]] as const) {
        if (schemaClass === undefined) continue;
        schemas.push({ subject: `${topic.name}-${role}`, topic: topic.name, role, schemaClass, models, owner: topic.owner });
      }
    }
  }
  const owns = (ref: StepRef, owner: StepRef) => ref.pipeline === owner.pipeline && ref.step === owner.step;

  const planned: PipelinePlan[] = prepared.map(({ name, steps }) => ({
    name,
    steps: steps.map(({ step, family, ref }): StepPlan => {
      const reads = readTopics(step);
      const writes = createsTopics(family) ? writtenTopics(step) : [];
      const topicDependencies = [...new Set([...reads, ...writes])].filter((t) => topicByName.has(t));
      return {
        ref,
        type: step.type,
        family,
        token: FAMILY_TOKENS[family],
        reads,
        writes,
        topics: topics.filter((t) => owns(ref, t.owner)),
        schemas: schemas.filter((s) => owns(ref, s.owner)),
        topicDependencies,
        schemaDependencies: schemas.filter((s) => writes.includes(s.topic)).map((s) => s.subject),
        release:
          isStreamsBootstrap(family) || family === "helm-app"
            ? planRelease(step, family, settings.charts, settings.helm)
            : undefined,
        connector: isConnector(family) ? planConnector(step) : undefined,
      };
    }),
  }));
  return { pipelines: planned, topics, schemas };
}

/** Plans a single pipeline (see {@link planProject}). */
export function planPipeline(pipeline: EnrichedPipeline, settings: PlanSettings = {}): ProjectPlan {
  return planProject([pipeline], settings);
}

