/** Topic and subject plans from a component's `to` section (what KPOps' KafkaApp / KafkaConnector deploy). */
import type { ToSection } from "../components/models/to-section";
import { toConfigString } from "../util/python-text";
import type { SubjectPlan, TopicPlan } from "./types";

/** The `to` topics as topic plans; partitions and replication stay undefined when the user set none. */
export function topicPlans(to: ToSection | null): TopicPlan[] {
  return Object.entries(to?.topics ?? {}).map(([name, topic]) => {
    const configs: Record<string, string> = {};
    for (const [key, value] of Object.entries(topic.configs ?? {})) if (value !== null && value !== undefined) configs[key] = toConfigString(value);
    return {
      name,
      partitions: topic.partitions_count ?? undefined,
      replicationFactor: topic.replication_factor ?? undefined,
      configs,
      keySchema: topic.key_schema ?? undefined,
      valueSchema: topic.value_schema ?? undefined,
    };
  });
}

/** The subjects of some topics: `<topic>-key` / `<topic>-value` for each key / value schema. */
export function subjectPlans(topics: readonly TopicPlan[], models: Readonly<Record<string, string>>): SubjectPlan[] {
  const subjects: SubjectPlan[] = [];
  for (const topic of topics) {
    for (const [role, schemaClass] of [["key", topic.keySchema], ["value", topic.valueSchema]] as const) {
      if (schemaClass !== undefined) subjects.push({ subject: `${topic.name}-${role}`, topic: topic.name, role, schemaClass, models: { ...models } });
    }
  }
  return subjects;
}
