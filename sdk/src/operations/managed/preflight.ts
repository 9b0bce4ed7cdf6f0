/**
 * Checks before a managed operation changes anything: every service the pipelines need answers (brokers; Kafka
 * Connect when a step has a connector; the Schema Registry when one registers subjects; the Kubernetes API when one
 * has a Helm release), and in a dry run of deploy every connector config validates and no topic would be replaced.
 * All failures are collected and reported together; an unreachable service stops the operation before any change.
 */
import type { ServiceClients } from "./services";
import type { ProgressTracker } from "./progress";
import type { StackLayout } from "./targets";
import { mapSecrets } from "../../core/plan/secret";
import { CLUSTER_DEFAULT } from "../../pulumi/resources/backend";
import { guardedShapes, refusalMessage, topicReplacementReasons, type TopicShape } from "../../pulumi/resources/topic-guard";

/** Whether a service answers; the reason when it does not. */
async function reachable(what: string, probe: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await probe();
    return undefined;
  } catch (error) {
    if (process.env.KPOPS_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return `${what} is unreachable: ${(error as Error).message}`;
  }
}

/** The services `layouts` need that do not answer, one reason each. */
export async function unreachableServices(clients: ServiceClients, layouts: readonly StackLayout[]): Promise<string[]> {
  const steps = layouts.flatMap((l) => l.steps);
  const probes: Promise<string | undefined>[] = [];
  if (clients.brokers.bootstrapServers.length === 0) probes.push(Promise.resolve("kafka_brokers is not set (config.yaml or KPOPS_KAFKA_BROKERS)"));
  else probes.push(reachable(`Kafka (${clients.brokers.bootstrapServers.join(",")})`, () => clients.admin().listTopics()));
  if (steps.some((s) => s.plan.component.connector)) probes.push(reachable(`Kafka Connect (${clients.connect.url})`, () => clients.connect.listConnectors()));
  if (steps.some((s) => s.plan.subjects.length > 0)) probes.push(reachable(`the Schema Registry (${clients.registry.url})`, () => clients.registry.listSubjects()));
  const namespaces = [...new Set(steps.flatMap((s) => (s.plan.component.release ? [s.plan.component.release.namespace] : [])))];
  if (namespaces.length > 0) {
    probes.push(
      reachable("the Kubernetes API", async () => {
        const kubernetes = clients.kubernetes();
        await kubernetes.helmReleases(namespaces[0]);
      }),
    );
  }
  return (await Promise.all(probes)).filter((r): r is string => r !== undefined);
}

/** Validates the connector configs of `layout` with Kafka Connect; each field error becomes a failure. */
export async function validateConnectors(clients: ServiceClients, layout: StackLayout, tracker: ProgressTracker): Promise<void> {
  for (const step of layout.steps) {
    const connector = step.plan.component.connector;
    if (connector === undefined) continue;
    try {
      const errors = await clients.connect.validateConfig(mapSecrets({ ...connector.config }) as Record<string, string>);
      for (const error of errors) {
        tracker.fail({ step: step.step, resource: connector.name, reason: `connector config field ${error.field}: ${error.message}` });
      }
    } catch (error) {
      tracker.fail({ step: step.step, resource: connector.name, reason: `connector validation failed: ${(error as Error).message}` });
    }
  }
}

/** The topic shapes the topic guards in an exported state remember, by topic name. */
export function guardedTopicsOfState(resources: readonly { type: string; outputs?: Record<string, unknown> }[]): Map<string, TopicShape> {
  const shapes = new Map<string, TopicShape>();
  for (const resource of resources) {
    if (resource.type !== "kpops:index:TopicGuard" || resource.outputs === undefined) continue;
    for (const [topic, shape] of guardedShapes(resource.outputs)) shapes.set(topic, shape);
  }
  return shapes;
}

/**
 * The topic guard's check for every topic of `layout` at once: a change that would replace a topic (fewer partitions,
 * another replication factor) compared with what the guards of the stack's state remember, one failure per topic.
 * The engine's preview stops at the first resource whose check fails, so a dry run makes this check itself to
 * report every refused topic together.
 */
export function checkTopicShapes(layout: StackLayout, guarded: ReadonlyMap<string, TopicShape>, tracker: ProgressTracker): void {
  for (const step of layout.steps) {
    for (const topic of step.plan.topics) {
      const before = guarded.get(topic.name);
      if (before === undefined) continue;
      const next = { topic: topic.name, partitions: topic.partitions ?? CLUSTER_DEFAULT, replicationFactor: topic.replicationFactor ?? CLUSTER_DEFAULT };
      const reasons = topicReplacementReasons(before, next);
      if (reasons.length > 0) tracker.fail({ step: step.step, resource: topic.name, reason: refusalMessage(topic.name, reasons) });
    }
  }
}
