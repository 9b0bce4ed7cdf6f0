/**
 * KafkaConnector (`kafka-connector`, abstract) and its two concrete types. The connector `config` uses dotted
 * keys; its `name` is always prefix+name; every value is output as a string.
 */
import { KpopsError } from "../../errors";
import { dumpModel } from "../../model/dump";
import { field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { secret, type MaybeSecret } from "../../plan/secret";
import { topicPlans } from "../../plan/topics";
import type { ComponentKind, ConnectorPlan, Operation, OperationPlan, PlanOptions, TopicPlan } from "../../plan/types";
import { toConfigString } from "../../util/python-text";
import type { FromTopic } from "../models/from-section";
import { PipelineComponent, type ComponentData } from "./pipeline-component";

function splitTopics(value: unknown): unknown {
  if (typeof value === "string") return value.split(",");
  return value;
}

export const KafkaConnectorConfigModel: ModelSpec = {
  name: "KafkaConnectorConfig",
  description: "Settings specific to Kafka Connectors.",
  extra: "allow",
  before: (input) => {
    if (typeof input.topics === "string") input.topics = splitTopics(input.topics);
  },
  fields: [
    field("connector_class", t.string(), {
      key: "connector.class",
      required: true,
      check: (value) => {
        if (!(value as string).includes(".")) throw new Error(`Invalid connector class ${String(value)}`);
        return value;
      },
    }),
    field("name", t.string(), { nullable: true, hiddenInSchema: true }),
    field("topics", t.list(t.string()), {
      default: [],
      serialize: (value) => (Array.isArray(value) && value.length > 0 ? value.join(",") : null),
    }),
    field("topics_regex", t.string(), { key: "topics.regex", nullable: true }),
    field("errors_deadletterqueue_topic_name", t.string(), { key: "errors.deadletterqueue.topic.name", nullable: true }),
  ],
  serialize: (dumped) => {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(dumped)) if (value !== null && value !== undefined) result[key] = toConfigString(value);
    return result;
  },
};

/** `config` of a connector as validated. */
export interface KafkaConnectorConfig {
  "connector.class": string;
  name: string;
  topics: string[];
  "topics.regex": string | null;
  "errors.deadletterqueue.topic.name": string | null;
  [key: string]: unknown;
}

/**
 * Connector config keys that are secret without being listed: a key whose last dotted part is `password`
 * (`connection.password`, `ssl.keystore.password`, `sasl.password`) and `sasl.jaas.config` (it embeds one).
 */
export function isBuiltInSecretConfigKey(key: string): boolean {
  return /(^|\.)password$/i.test(key) || key === "sasl.jaas.config";
}

export abstract class KafkaConnector extends PipelineComponent {
  static override readonly isAbstract: boolean = true;
  static override readonly description: string = "Base class for all Kafka connectors. Should only be used to set defaults";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("config", t.model(() => KafkaConnectorConfigModel), { required: true, description: "Connector config" }),
      field("state", t.enum("running", "paused"), { nullable: true, description: "Connector state" }),
    ]);
  }

  /** The connector name is always prefix+name; a different user-given name is an error. */
  protected static override checkData(data: ComponentData): void {
    super.checkData(data);
    const config = data.config as KafkaConnectorConfig;
    const componentName = `${String(data.prefix)}${String(data.name)}`;
    if (config.name !== null && config.name !== undefined && config.name !== componentName) {
      throw new KpopsError(`Connector name '${config.name}' should be the same as component name '${componentName}'`, { field: "config.name" });
    }
    config.name = componentName;
  }

  get config(): KafkaConnectorConfig {
    return this.data.config as KafkaConnectorConfig;
  }

  get state(): "running" | "paused" | null {
    return (this.data.state as "running" | "paused" | null) ?? null;
  }

  /** A connector creates its `to` topics on deploy (KPOps' KafkaConnector). */
  protected override planTopics(): TopicPlan[] {
    return topicPlans(this.to);
  }

  /**
   * The connector with the config exactly as KPOps sends it (strings, nulls dropped, `name` included); the values
   * of built-in secret keys ({@link isBuiltInSecretConfigKey}) and of `options.secretKeys` are secrets.
   */
  protected override planConnector(options: PlanOptions): ConnectorPlan {
    const listed = new Set(options.secretKeys ?? []);
    const config: Record<string, MaybeSecret<string>> = {};
    for (const [key, value] of Object.entries(dumpModel(KafkaConnectorConfigModel, this.config, "generate"))) {
      config[key] = isBuiltInSecretConfigKey(key) || listed.has(key) ? secret(String(value)) : String(value);
    }
    return { name: this.fullName, config, state: this.state ?? undefined };
  }

  /**
   * destroy deletes the connector; reset first resets its offsets (Kafka Connect API); clean also deletes the
   * subjects and topics of its `to` section.
   */
  override operationPlan(operation: Operation, options: PlanOptions = {}): OperationPlan {
    const name = this.fullName;
    if (operation === "destroy") return { operation, deleteConnector: name, deletedTopics: [], deletedSubjects: [] };
    const reset = { operation, resetConnectorOffsets: name, deleteConnector: name };
    if (operation === "reset") return { ...reset, deletedTopics: [], deletedSubjects: [] };
    const planned = this.plan(options);
    return { ...reset, deletedTopics: planned.topics.map((t) => t.name), deletedSubjects: planned.subjects.map((s) => s.subject) };
  }
}

/** Kafka source connector (`kafka-source-connector`): it takes no inputs at all, so its `from` must stay empty. */
export class KafkaSourceConnector extends KafkaConnector {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "KafkaSourceConnector";
  static override readonly description: string = "Kafka source connector model.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("from_", t.none(), { key: "from", nullable: true, title: "From" }),
    ]);
  }

  override applyFromInputs(_name: string, _topic: FromTopic): void {
    throw new KpopsError("Kafka source connector doesn't support FromSection", { step: this.name, field: "from" });
  }
}

/** Kafka sink connector (`kafka-sink-connector`): inputs go to `config.topics`, a pattern to `topics.regex`. */
export class KafkaSinkConnector extends KafkaConnector {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "KafkaSinkConnector";
  static override readonly description: string = "Kafka sink connector model.";

  override get inputTopics(): string[] {
    return this.config.topics;
  }

  override addInputTopics(topics: string[]): void {
    this.config.topics = dedupe([...this.config.topics, ...topics]);
  }

  override setInputPattern(name: string): void {
    this.config["topics.regex"] = name;
  }

  override setErrorTopic(topic: string): void {
    this.config["errors.deadletterqueue.topic.name"] = topic;
  }
}

/** Removes duplicates, keeping the first position of each. */
export function dedupe(items: readonly string[]): string[] {
  return [...new Set(items)];
}
