/** `to.topics.<name>`: how a component writes to a topic (KPOps' TopicConfig). */
import { toConfigString } from "../../util/python-text";
import { field, t, type ModelSpec } from "../../model/field-types";

export const OUTPUT_TOPIC_TYPES = ["output", "error"] as const;
export type OutputTopicType = (typeof OUTPUT_TOPIC_TYPES)[number];

/** A validated `to.topics` entry. */
export interface TopicConfig {
  type: OutputTopicType | null;
  key_schema: string | null;
  value_schema: string | null;
  partitions_count: number | null;
  replication_factor: number | null;
  configs: Record<string, string | number>;
  label: string | null;
}

export const TopicConfigModel: ModelSpec = {
  name: "TopicConfig",
  description: "Configure an output topic.",
  extra: "forbid",
  fields: [
    field("type", t.enum(...OUTPUT_TOPIC_TYPES), { nullable: true, title: "Topic type", description: "Topic type" }),
    field("key_schema", t.string(), { nullable: true, title: "Key schema", description: "Key schema class name" }),
    field("value_schema", t.string(), { nullable: true, title: "Value schema", description: "Value schema class name" }),
    field("partitions_count", t.int(), { nullable: true, title: "Partitions count", description: "Number of partitions into which the topic is divided" }),
    field("replication_factor", t.int(), { nullable: true, title: "Replication factor", description: "Replication factor of the topic" }),
    field("configs", t.dict(t.union(t.string(), t.int())), {
      default: {},
      description: "Topic configs",
      serialize: (value) => {
        const result: Record<string, string> = {};
        for (const [key, item] of Object.entries((value ?? {}) as Record<string, unknown>)) result[key] = toConfigString(item);
        return result;
      },
    }),
    field("label", t.string(), {
      nullable: true,
      description: "Custom identifier belonging to one or multiple topics, provide only if `type` is `extra`",
    }),
  ],
  after: (value) => {
    if (value.type && value.label) throw new Error("Define `label` only if `type` is undefined");
  },
};

export const ToSectionModel: ModelSpec = {
  name: "ToSection",
  description: "Holds multiple output topics.",
  extra: "forbid",
  fields: [
    field("topics", t.dict(t.model(() => TopicConfigModel)), { default: {}, description: "Output topics" }),
    field("models", t.dict(t.string()), { default: {}, description: "Data models" }),
  ],
};

/** A validated `to` section. */
export interface ToSection {
  topics: Record<string, TopicConfig>;
  models: Record<string, string>;
}
