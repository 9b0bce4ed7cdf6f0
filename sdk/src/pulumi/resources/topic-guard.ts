/**
 * The topic guard: a tiny custom resource of the `kpops` plugin (`kpops:index:TopicGuard`) that sits next to every
 * `kafka.Topic` and remembers the topic's partitions and replication factor. Its `check` sees the previous inputs
 * (a component cannot), so it can refuse, already in `pulumi preview`, a change that the Kafka provider would turn
 * into a delete-and-recreate of the topic: fewer partitions (always a replacement) or another replication factor
 * (a replacement when the broker cannot reassign). The topic `dependsOn` its guard, so the topic is never
 * registered when the guard refuses, and the run stops before anything is deleted.
 */
import * as pulumi from "@pulumi/pulumi";
import { kpopsResourceOptions, kpopsToken } from "../providers/package";

/** What the guard remembers of a topic. */
export interface TopicShape {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** Inputs of a {@link TopicGuard}. */
export interface TopicGuardInputs {
  /** The topic's name. */
  readonly topic: pulumi.Input<string>;
  /** The topic's partitions (a value below 1: left to the cluster, nothing to compare). */
  readonly partitions: pulumi.Input<number>;
  /** The topic's replication factor (a value below 1: left to the cluster). */
  readonly replicationFactor: pulumi.Input<number>;
  /** Let a replacing change through. @default false */
  readonly allowReplacement?: pulumi.Input<boolean>;
}

/**
 * The reasons why going from `previous` to `next` replaces the topic (and so deletes its data); empty when
 * the change is safe. Pure; also used by tests.
 */
export function topicReplacementReasons(previous: TopicShape, next: TopicShape): string[] {
  const reasons: string[] = [];
  // A value below 1 (CLUSTER_DEFAULT) is left to the broker: it names no shape to compare with.
  const known = (value: number) => value >= 1;
  if (known(previous.partitions) && known(next.partitions) && next.partitions < previous.partitions) {
    reasons.push(`partitions ${previous.partitions} -> ${next.partitions} (Kafka cannot remove partitions)`);
  }
  if (known(previous.replicationFactor) && known(next.replicationFactor) && next.replicationFactor !== previous.replicationFactor) {
    reasons.push(
      `replication factor ${previous.replicationFactor} -> ${next.replicationFactor} (a replacement unless the broker can reassign partitions)`,
    );
  }
  return reasons;
}

/** The error message of a refused change. */
export function refusalMessage(topic: string, reasons: readonly string[]): string {
  return (
    `kpops: refusing to replace Kafka topic "${topic}": ${reasons.join("; ")}. ` +
    `Replacing a topic deletes it with all its data. Set allowTopicReplacement (stack config kpops:allowTopicReplacement) ` +
    `to allow it, or restore the previous setting.`
  );
}

function shapeOf(props: Record<string, unknown>): TopicShape {
  return { topic: String(props.topic), partitions: Number(props.partitions), replicationFactor: Number(props.replicationFactor) };
}

/**
 * What the plugin runs for a guard. `check` refuses a replacing change (its `olds` are the last accepted inputs);
 * the other methods only keep the shape.
 */
export const topicGuardOperations = {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: { property: string; reason: string }[] }> {
    const inputs = { ...news, allowReplacement: news.allowReplacement ?? false };
    if (olds.topic === undefined || news.allowReplacement === true) {
      return { inputs, failures: [] };
    }
    const next = shapeOf(news);
    const reasons = topicReplacementReasons(shapeOf(olds), next);
    return { inputs, failures: reasons.length > 0 ? [{ property: "partitions", reason: refusalMessage(next.topic, reasons) }] : [] };
  },
  async diff(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ changes: boolean }> {
    const previous = shapeOf(olds);
    const next = shapeOf(news);
    const changes =
      previous.topic !== next.topic ||
      previous.partitions !== next.partitions ||
      previous.replicationFactor !== next.replicationFactor ||
      (olds.allowReplacement ?? false) !== (news.allowReplacement ?? false);
    return { changes };
  },
  async create(inputs: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }> {
    return { id: String(inputs.topic), outs: inputs };
  },
  async update(news: Record<string, unknown>): Promise<{ outs: Record<string, unknown> }> {
    return { outs: news };
  },
};

/** Remembers a topic's shape and refuses replacing changes; see the module comment. */
export class TopicGuard extends pulumi.CustomResource {
  /** The type token, `kpops:index:TopicGuard`. */
  static readonly __pulumiType = kpopsToken("TopicGuard");

  constructor(name: string, inputs: TopicGuardInputs, opts?: pulumi.CustomResourceOptions) {
    super(TopicGuard.__pulumiType, name, { allowReplacement: false, ...inputs }, kpopsResourceOptions("TopicGuard", opts));
  }
}
