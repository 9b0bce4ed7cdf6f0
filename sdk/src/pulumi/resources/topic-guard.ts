/**
 * The topic guard: a tiny dynamic resource that sits next to every `kafka.Topic` and remembers the topic's
 * partitions and replication factor. Its `diff` sees the previous values (a component cannot), so it can
 * refuse, already in `pulumi preview`, a change that the Kafka provider would turn into a delete-and-recreate
 * of the topic: fewer partitions (always a replacement) or another replication factor (a replacement when the
 * broker cannot reassign). The topic `dependsOn` its guard, so the topic is never registered when the guard
 * refuses, and the run stops before anything is deleted.
 *
 * The provider uses only the two plain functions of this module (serialized with it), no imports.
 */
import * as pulumi from "@pulumi/pulumi";

/** What the guard remembers of a topic. */
export interface TopicShape {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** Inputs of a {@link TopicGuard}. */
export interface TopicGuardInputs {
  readonly topic: pulumi.Input<string>;
  readonly partitions: pulumi.Input<number>;
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

/** The guard's provider. `olds` in diff are the stored outputs, which equal the last accepted inputs. */
export const topicGuardProvider: pulumi.dynamic.ResourceProvider = {
  async diff(_id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
    const previous = { topic: olds.topic, partitions: Number(olds.partitions), replicationFactor: Number(olds.replicationFactor) };
    const next = { topic: news.topic, partitions: Number(news.partitions), replicationFactor: Number(news.replicationFactor) };
    const reasons = topicReplacementReasons(previous, next);
    if (reasons.length > 0 && news.allowReplacement !== true) {
      throw new Error(refusalMessage(next.topic, reasons));
    }
    const changes =
      previous.topic !== next.topic ||
      previous.partitions !== next.partitions ||
      previous.replicationFactor !== next.replicationFactor ||
      olds.allowReplacement !== news.allowReplacement;
    return { changes };
  },
  async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
    return { id: String(inputs.topic), outs: inputs };
  },
  async update(_id: string, _olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: news };
  },
};

/** Remembers a topic's shape and refuses replacing changes; see the module comment. */
export class TopicGuard extends pulumi.dynamic.Resource {
  constructor(name: string, inputs: TopicGuardInputs, opts?: pulumi.CustomResourceOptions) {
    super(topicGuardProvider, name, { allowReplacement: false, ...inputs }, opts, "kpops", "TopicGuard");
  }
}
