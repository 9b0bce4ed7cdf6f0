/** Strimzi `KafkaTopic` plans of a component's `to` topics (KPOps' `StrimziKafkaTopic.from_topic`). */
import type { ToSection } from "../components/models/to-section";
import type { KpopsConfig } from "../config/load-config";
import { KpopsError } from "../errors";
import type { ManifestPart } from "./types";

/**
 * One `kafka-topic` manifest part per `to` topic: named by the topic, labelled with the first entry of
 * `strimzi_topic.label`, in `strimzi_topic.namespace` if set; partitions and replicas default to 1, configs as
 * declared. Without `strimzi_topic` in the config it is KPOps' error, naming the step.
 */
export function strimziTopicParts(to: ToSection | null, strimzi: KpopsConfig["strimzi_topic"], step: string): ManifestPart[] {
  const topics = Object.entries(to?.topics ?? {});
  if (topics.length === 0) return [];
  if (!strimzi) throw new KpopsError("When manifesting KafkaTopic you must define 'strimzi_topic.label' in the config.yaml", { step, field: "to" });
  const [label] = Object.entries(strimzi.label);
  return topics.map(([name, topic]) => {
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(topic.configs ?? {})) if (value !== null && value !== undefined) config[key] = value;
    return {
      kind: "kafka-topic",
      topic: {
        name,
        namespace: strimzi.namespace ?? undefined,
        labels: { [label[0]]: label[1] },
        partitions: topic.partitions_count ?? 1,
        replicas: topic.replication_factor ?? 1,
        config,
      },
    };
  });
}
