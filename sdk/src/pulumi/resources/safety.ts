import * as pulumi from "@pulumi/pulumi";

/** Data-safety switches. Everything defaults to the safe side. */
export interface SafetySettings {
  /**
   * Let Pulumi delete topics and schema subjects from Kafka / the Schema Registry when they leave the program
   * (KPOps `clean`). Off: they get `retainOnDelete` and only leave the Pulumi state.
   * @default false
   */
  readonly allowTopicDeletion?: boolean;
  /**
   * Let a change that replaces a topic (fewer partitions, another replication factor) go through. Kafka cannot
   * shrink a topic, so a replacement deletes the topic and its data first.
   * @default false
   */
  readonly allowTopicReplacement?: boolean;
  /**
   * Also mark topics `protect: true`: then even removing a step fails until the topics are unprotected.
   * Ignored when `allowTopicDeletion` is set.
   * @default false
   */
  readonly protectTopics?: boolean;
}

/**
 * The resource options that keep data: topics and schema subjects are `retainOnDelete` unless deletion is
 * explicitly allowed (so removing a step, a pipeline or running `pulumi destroy` leaves them in Kafka and only
 * drops them from the state, as KPOps' destroy keeps data), and optionally `protect`ed.
 */
export function dataResourceOptions(safety: SafetySettings = {}): Pick<pulumi.CustomResourceOptions, "retainOnDelete" | "protect"> {
  const allowDeletion = safety.allowTopicDeletion === true;
  return {
    retainOnDelete: !allowDeletion,
    protect: !allowDeletion && safety.protectTopics === true,
  };
}
