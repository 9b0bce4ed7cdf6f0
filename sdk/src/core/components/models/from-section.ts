/** `from`: the topics and components a component reads from (KPOps' FromSection). */
import { field, t, type ModelSpec } from "../../model/field-types";

export const INPUT_TOPIC_TYPES = ["input", "pattern"] as const;
export type InputTopicType = (typeof INPUT_TOPIC_TYPES)[number];

/** A validated `from.topics` / `from.components` entry. */
export interface FromTopic {
  type: InputTopicType | null;
  label: string | null;
}

export const FromTopicModel: ModelSpec = {
  name: "FromTopic",
  description: "Input topic.",
  extra: "forbid",
  fields: [
    field("type", t.enum(...INPUT_TOPIC_TYPES), { nullable: true, description: "Topic type" }),
    field("label", t.string(), {
      nullable: true,
      description: "Custom identifier belonging to a topic; define only if `type` is `pattern` or `None`",
    }),
  ],
  after: (value) => {
    if (value.type === "input" && value.label) throw new Error("Define label only if `type` is `pattern` or `None`");
  },
};

export const FromSectionModel: ModelSpec = {
  name: "FromSection",
  description: "Holds multiple input topics.",
  extra: "forbid",
  fields: [
    field("topics", t.dict(t.model(() => FromTopicModel)), { default: {}, description: "Input topics" }),
    field("components", t.dict(t.model(() => FromTopicModel)), { default: {}, description: "Components to read from" }),
  ],
};

/** A validated `from` section. */
export interface FromSection {
  topics: Record<string, FromTopic>;
  components: Record<string, FromTopic>;
}
