/**
 * The topic guard: a tiny custom resource of the `kpops` plugin (`kpops:index:TopicGuard`) that remembers the
 * partitions and replication factor of the topics a root component (Project, Pipeline, or a step built on its own)
 * declares: one guard for all of them, so a stack has one guard resource, not one per topic. Its `check` sees the
 * previous inputs (a component cannot), so it can refuse, already in `pulumi preview`, a change that the Kafka
 * provider would turn into a delete-and-recreate of a topic: fewer partitions (always a replacement) or another
 * replication factor (a replacement when the broker cannot reassign). Every topic `dependsOn` the guard, so no
 * topic is registered when the guard refuses, and the run stops before anything is deleted.
 *
 * Stacks made by earlier versions have a guard per topic (`topic`, `partitions`, `replicationFactor`); the guard
 * still reads and checks that form, and such guards are deleted (a no-op) when the root's guard replaces them.
 */
import * as pulumi from "@pulumi/pulumi";
import { kpopsResourceOptions, kpopsToken } from "../providers/package";

/** What the guard remembers of a topic. */
export interface TopicShape {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** The shape of one guarded topic. */
export interface GuardedTopic {
  /** The topic's partitions (a value below 1: left to the cluster, nothing to compare). */
  readonly partitions: number;
  /** The topic's replication factor (a value below 1: left to the cluster). */
  readonly replicationFactor: number;
}

/** Inputs of a {@link TopicGuard}. */
export interface TopicGuardInputs {
  /** The guarded topics, by topic name. @default {} */
  readonly topics?: pulumi.Input<Record<string, GuardedTopic>>;
  /** One topic's name: the form of the per-topic guards of earlier versions. @default undefined */
  readonly topic?: pulumi.Input<string>;
  /** That one topic's partitions (a value below 1: left to the cluster). @default undefined */
  readonly partitions?: pulumi.Input<number>;
  /** That one topic's replication factor (a value below 1: left to the cluster). @default undefined */
  readonly replicationFactor?: pulumi.Input<number>;
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

/** The guarded topics of a guard's inputs or state, in either form, by topic name. */
export function guardedShapes(props: Record<string, unknown>): Map<string, TopicShape> {
  const shapes = new Map<string, TopicShape>();
  if (props.topic !== undefined) {
    shapes.set(String(props.topic), { topic: String(props.topic), partitions: Number(props.partitions), replicationFactor: Number(props.replicationFactor) });
  }
  for (const [topic, shape] of Object.entries((props.topics ?? {}) as Record<string, Partial<GuardedTopic>>)) {
    shapes.set(topic, { topic, partitions: Number(shape.partitions), replicationFactor: Number(shape.replicationFactor) });
  }
  return shapes;
}

/** The guarded shapes as one comparable text (sorted by topic). */
function shapesKey(shapes: Map<string, TopicShape>): string {
  return JSON.stringify([...shapes.values()].sort((a, b) => a.topic.localeCompare(b.topic)).map((s) => [s.topic, s.partitions, s.replicationFactor]));
}

/**
 * What the plugin runs for a guard. `check` refuses a replacing change of any guarded topic (its `olds` are the
 * last accepted inputs); the other methods only keep the shapes.
 */
export const topicGuardOperations = {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: { property: string; reason: string }[] }> {
    const inputs = { ...news, allowReplacement: news.allowReplacement ?? false };
    if (news.allowReplacement === true) {
      return { inputs, failures: [] };
    }
    const previous = guardedShapes(olds);
    const failures: { property: string; reason: string }[] = [];
    for (const next of guardedShapes(news).values()) {
      const before = previous.get(next.topic);
      const reasons = before === undefined ? [] : topicReplacementReasons(before, next);
      if (reasons.length > 0) failures.push({ property: news.topic !== undefined ? "partitions" : "topics", reason: refusalMessage(next.topic, reasons) });
    }
    return { inputs, failures };
  },
  async diff(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ changes: boolean }> {
    const changes = shapesKey(guardedShapes(olds)) !== shapesKey(guardedShapes(news)) || (olds.allowReplacement ?? false) !== (news.allowReplacement ?? false);
    return { changes };
  },
  async create(inputs: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }> {
    return { id: inputs.topic !== undefined ? String(inputs.topic) : "topics", outs: inputs };
  },
  async update(news: Record<string, unknown>): Promise<{ outs: Record<string, unknown> }> {
    return { outs: news };
  },
};

/** Remembers the shapes of a root component's topics and refuses replacing changes; see the module comment. */
export class TopicGuard extends pulumi.CustomResource {
  /** The type token, `kpops:index:TopicGuard`. */
  static readonly __pulumiType = kpopsToken("TopicGuard");

  constructor(name: string, inputs: TopicGuardInputs, opts?: pulumi.CustomResourceOptions) {
    super(TopicGuard.__pulumiType, name, { allowReplacement: false, ...inputs }, kpopsResourceOptions("TopicGuard", opts));
  }
}
