import { EnrichedComponent, EnrichedTopicConfig, fullName } from "./enriched";
import { PlanError } from "./errors";
import { kafkaSection } from "./family";
import { DEFAULT_TOPIC_DEFAULTS, TopicDefaults } from "./settings";

/** Who declares a topic: pipeline and step (bare name and full name). */
export interface StepRef {
  readonly pipeline: string;
  readonly step: string;
  readonly fullName: string;
}

/** One `kafka.Topic` to create. */
export interface TopicPlan {
  /** The topic name, also the resource's logical name. */
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic configs, values as strings. */
  readonly config: Readonly<Record<string, string>>;
  /** Whether partitions / replication came from the step (true) or from the topic defaults (false). */
  readonly partitionsFromStep: boolean;
  readonly replicationFromStep: boolean;
  readonly keySchema?: string;
  readonly valueSchema?: string;
  /** The step that owns the resource (the first to declare the topic). */
  readonly owner: StepRef;
  /** Every step that declares the topic in its `to`, owner first. */
  readonly declaredBy: readonly StepRef[];
}

function stringify(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Topic configs as strings, the way KPOps serializes them (`-1` -> `'-1'`, `true` -> `'true'`). */
export function topicConfigStrings(configs: EnrichedTopicConfig["configs"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(configs ?? {})) {
    if (value === null || value === undefined) continue;
    out[key] = stringify(value);
  }
  return out;
}

function positiveInteger(value: unknown, what: string, topic: string, ref: StepRef): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new PlanError(`topic "${topic}" of step "${ref.step}": ${what} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The topics a step writes: every `to.topics` key, in order (output, error and labeled alike). */
export function writtenTopics(step: EnrichedComponent): string[] {
  return Object.keys(step.to?.topics ?? {});
}

function addAll(target: string[], topics: unknown): void {
  if (typeof topics === "string") {
    for (const topic of topics.split(",").map((t) => t.trim()).filter((t) => t !== "")) {
      if (!target.includes(topic)) target.push(topic);
    }
  } else if (Array.isArray(topics)) {
    for (const topic of topics) addAll(target, topic);
  } else if (topics !== null && typeof topics === "object") {
    for (const value of Object.values(topics)) addAll(target, value);
  }
}

/**
 * The topics a step reads by name: `from.topics` (inputs and labeled inputs, not patterns), the app's
 * `inputTopics` / `labeledInputTopics` (v2: `extraInputTopics`) and a sink connector's `topics`. Patterns
 * (`inputPattern`, `topics.regex`) name no topic and give no dependency.
 */
export function readTopics(step: EnrichedComponent): string[] {
  const topics: string[] = [];
  for (const [name, from] of Object.entries(step.from?.topics ?? {})) {
    if (from?.type !== "pattern") addAll(topics, name);
  }
  const kafka = kafkaSection(step);
  if (kafka !== undefined) {
    addAll(topics, kafka.inputTopics);
    addAll(topics, kafka.labeledInputTopics);
    addAll(topics, kafka.extraInputTopics);
  }
  if (step.config !== undefined && step.config !== null) addAll(topics, step.config.topics);
  return topics;
}

interface Declared {
  readonly ref: StepRef;
  readonly config: EnrichedTopicConfig;
}

function differences(a: Declared, b: Declared, topic: string): string[] {
  const diffs: string[] = [];
  const fields: Array<[keyof EnrichedTopicConfig, string]> = [
    ["partitions_count", "partitions_count"],
    ["replication_factor", "replication_factor"],
    ["key_schema", "key_schema"],
    ["value_schema", "value_schema"],
  ];
  for (const [field, label] of fields) {
    const left = a.config[field];
    const right = b.config[field];
    if (left !== undefined && left !== null && right !== undefined && right !== null && left !== right) {
      diffs.push(`${label} ${JSON.stringify(left)} vs ${JSON.stringify(right)}`);
    }
  }
  const leftConfigs = JSON.stringify(Object.entries(topicConfigStrings(a.config.configs)).sort());
  const rightConfigs = JSON.stringify(Object.entries(topicConfigStrings(b.config.configs)).sort());
  if (leftConfigs !== rightConfigs) {
    diffs.push(`configs ${JSON.stringify(topicConfigStrings(a.config.configs))} vs ${JSON.stringify(topicConfigStrings(b.config.configs))}`);
  }
  void topic;
  return diffs;
}

function describe(ref: StepRef): string {
  return `"${ref.step}" (pipeline ${ref.pipeline})`;
}

/**
 * Collects the `to` topics of a sequence of steps into one plan per topic name.
 *
 * A topic declared by several steps gets one resource, owned by the first. Declarations must agree: where
 * both give `partitions_count`, `replication_factor`, `key_schema` or `value_schema`, the values must be equal,
 * and the `configs` must be equal (KPOps would otherwise let the last deploy rewrite the first one's configs).
 * Any disagreement is a {@link PlanError} naming both steps.
 */
export class TopicCollector {
  private readonly declared = new Map<string, Declared[]>();

  constructor(private readonly defaults: TopicDefaults = {}) {}

  /** Records the `to` topics of one step. */
  add(ref: StepRef, step: EnrichedComponent): void {
    for (const [name, config] of Object.entries(step.to?.topics ?? {})) {
      const entry: Declared = { ref, config: config ?? {} };
      positiveInteger(entry.config.partitions_count, "partitions_count", name, ref);
      positiveInteger(entry.config.replication_factor, "replication_factor", name, ref);
      const previous = this.declared.get(name);
      if (previous === undefined) {
        this.declared.set(name, [entry]);
        continue;
      }
      for (const earlier of previous) {
        const diffs = differences(earlier, entry, name);
        if (diffs.length > 0) {
          throw new PlanError(
            `topic "${name}" is declared by steps ${describe(earlier.ref)} and ${describe(ref)} with different settings: ${diffs.join("; ")}`,
          );
        }
      }
      previous.push(entry);
    }
  }

  /** The topic plans, in first-declaration order. */
  topics(): TopicPlan[] {
    const defaults = { ...DEFAULT_TOPIC_DEFAULTS, ...this.defaults };
    return [...this.declared.entries()].map(([name, entries]) => {
      const first = <K extends keyof EnrichedTopicConfig>(field: K): EnrichedTopicConfig[K] | undefined =>
        entries.map((e) => e.config[field]).find((v) => v !== undefined && v !== null) ?? undefined;
      const partitions = first("partitions_count");
      const replication = first("replication_factor");
      return {
        name,
        partitions: partitions ?? defaults.partitions,
        replicationFactor: replication ?? defaults.replicationFactor,
        partitionsFromStep: partitions !== undefined,
        replicationFromStep: replication !== undefined,
        config: topicConfigStrings(entries[0].config.configs),
        keySchema: first("key_schema") ?? undefined,
        valueSchema: first("value_schema") ?? undefined,
        owner: entries[0].ref,
        declaredBy: entries.map((e) => e.ref),
      };
    });
  }
}

/** A step reference for a step of a pipeline. */
export function stepRef(pipeline: string, step: EnrichedComponent): StepRef {
  return { pipeline, step: step.name, fullName: fullName(step) };
}
