/**
 * Checks before a managed operation changes anything: every service the pipelines need answers (brokers; Kafka
 * Connect when a step has a connector; the Schema Registry when one registers subjects; the Kubernetes API when one
 * has a Helm release), and in a dry run of deploy every connector config validates. All failures are collected and
 * reported together; an unreachable service stops the operation before any change.
 */
import type { ServiceClients } from "./services";
import type { ProgressTracker } from "./progress";
import type { StackLayout } from "./targets";
import { mapSecrets } from "../../core/plan/secret";

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
