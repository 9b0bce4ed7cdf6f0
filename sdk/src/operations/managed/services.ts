/**
 * The side effects of reset and clean outside the engine, one function per service, each reporting what it did
 * (or, in a dry run, would do) to a {@link ProgressTracker}:
 * - Kafka Connect: the offsets reset of a connector (KIP-875, Kafka Connect 3.6+): the connector is stopped
 *   (`PUT /connectors/<n>/stop`), then its offsets deleted (`DELETE /connectors/<n>/offsets`); a connector that
 *   does not exist is created stopped for it (`initial_state: STOPPED`) and deleted afterwards, as KPOps does.
 * - Kafka (admin client of @platformatic/kafka): the consumer group and the internal topics of an app (what its
 *   cleanup job should have deleted; on simulated nodes a job does nothing), and for clean the topics of the steps.
 * - Schema Registry: for clean, the subjects of the steps (soft, then permanent delete).
 * - Kubernetes: for clean, the PVCs of stateful apps.
 * A dry run only reads.
 */
import type { Admin } from "@platformatic/kafka";
import { createKafkaAdmin, describeKafkaError, type BrokerConnection } from "../../clients/kafka-admin";
import { KafkaConnectClient } from "../../clients/kafka-connect";
import { KubernetesClient, resolveClusterConnection } from "../../clients/kubernetes";
import { SchemaRegistryClient } from "../../clients/schema-registry";
import type { KpopsConfig } from "../../core/config/load-config";
import { mapSecrets } from "../../core/plan/secret";
import type { ConnectorPlan, PvcDeletionPlan } from "../../core/plan/types";
import type { ProgressTracker } from "./progress";

/** The services of a KPOps config. */
export interface ServiceClients {
  readonly connect: KafkaConnectClient;
  readonly registry: SchemaRegistryClient;
  readonly brokers: BrokerConnection;
  /** The Kubernetes API of `helm_config.context` (else the current context), created on first use. */
  kubernetes(): KubernetesClient;
  /** An admin client, created on first use. */
  admin(): Admin;
  close(): Promise<void>;
}

/** Clients for the services `config` names. */
export function serviceClients(config: KpopsConfig): ServiceClients {
  const brokers: BrokerConnection = {
    bootstrapServers: String(config.kafka_brokers ?? "")
      .split(",")
      .map((b) => b.trim())
      .filter(Boolean),
  };
  let admin: Admin | undefined;
  let kubernetes: KubernetesClient | undefined;
  return {
    connect: new KafkaConnectClient({ url: config.kafka_connect?.url ?? "http://localhost:8083", timeoutSeconds: config.kafka_connect?.timeout }),
    registry: new SchemaRegistryClient({ url: config.schema_registry?.url ?? "http://localhost:8081", timeoutSeconds: config.schema_registry?.timeout }),
    brokers,
    admin: () => (admin ??= createKafkaAdmin(brokers)),
    kubernetes: () => {
      const context = config.helm_config?.context;
      kubernetes ??= new KubernetesClient(resolveClusterConnection({ context: typeof context === "string" && context !== "" ? context : undefined }));
      return kubernetes;
    },
    close: async () => {
      await admin?.close().catch(() => undefined);
      await kubernetes?.close().catch(() => undefined);
    },
  };
}

/** Resets the offsets of a connector (see the module comment). */
export async function resetConnectorOffsets(clients: ServiceClients, plan: ConnectorPlan, step: string, tracker: ProgressTracker, dryRun: boolean): Promise<void> {
  const log = tracker.stepLog(step).with({ logger: "Kafka Connect" });
  const existing = await clients.connect.getConnector(plan.name);
  tracker.record({ step, type: "connector-offsets", name: plan.name, op: "reset-offsets", done: false });
  const change = tracker.changes[tracker.changes.length - 1];
  if (dryRun) {
    log.info(`would reset the offsets of connector ${plan.name}${existing ? "" : " (it does not exist: it would be created stopped for it)"}`);
    return;
  }
  if (existing === undefined) {
    log.info(`connector ${plan.name} does not exist; creating it stopped to reset its offsets`);
    await clients.connect.createConnector(plan.name, mapSecrets({ ...plan.config }) as Record<string, string>, "stopped");
  }
  log.info(`stopping connector ${plan.name}`);
  await clients.connect.stop(plan.name);
  await waitForStopped(clients.connect, plan.name);
  log.info(`resetting the offsets of connector ${plan.name}`);
  await clients.connect.resetOffsets(plan.name);
  if (existing === undefined) await clients.connect.deleteConnector(plan.name);
  change.done = true;
}

/** Waits until Connect reports the connector STOPPED (the offsets API refuses a connector that is not). */
async function waitForStopped(connect: KafkaConnectClient, name: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const status = await connect.getStatus(name);
    if (status === undefined || String((status as { connector?: { state?: string } }).connector?.state).toUpperCase() === "STOPPED") return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Deletes an app's consumer group and (for a streams app) its internal topics, when they are still there. */
export async function cleanAppGroup(
  clients: ServiceClients,
  group: { readonly id: string; readonly streams: boolean },
  step: string,
  tracker: ProgressTracker,
  dryRun: boolean,
): Promise<void> {
  const log = tracker.stepLog(step).with({ logger: "Kafka" });
  const admin = clients.admin();
  const groups = await kafka(() => admin.listGroups(), "listing consumer groups");
  if (groups.has(group.id)) {
    tracker.record({ step, type: "consumer-group", name: group.id, op: "delete", done: !dryRun });
    if (dryRun) log.info(`would delete consumer group ${group.id}`);
    else {
      log.info(`deleting consumer group ${group.id} (left by the cleanup job)`);
      await kafka(() => admin.deleteGroups({ groups: [group.id] }), `deleting consumer group ${group.id}`);
    }
  }
  if (!group.streams) return;
  const topics = await kafka(() => admin.listTopics({ includeInternals: true }), "listing topics");
  const internal = topics.filter((t) => t.startsWith(`${group.id}-`) && /-(changelog|repartition)$/.test(t));
  await deleteTopics(clients, internal, step, tracker, dryRun, "internal topic");
}

/** Deletes the topics of `names` that exist. */
export async function deleteTopics(clients: ServiceClients, names: readonly string[], step: string, tracker: ProgressTracker, dryRun: boolean, what = "topic"): Promise<void> {
  if (names.length === 0) return;
  const admin = clients.admin();
  const existing = new Set(await kafka(() => admin.listTopics({ includeInternals: true }), "listing topics"));
  const present = names.filter((n) => existing.has(n));
  const log = tracker.stepLog(step).with({ logger: "KafkaTopic" });
  for (const name of present) {
    tracker.record({ step, type: what, name, op: "delete", done: !dryRun });
    log.info(`${dryRun ? "would delete" : "deleting"} ${what} ${name}`);
  }
  if (!dryRun && present.length > 0) await kafka(() => admin.deleteTopics({ topics: present }), `deleting topics ${present.join(", ")}`);
}

/** Deletes the subjects of `names` that exist (soft, then permanent). */
export async function deleteSubjects(clients: ServiceClients, names: readonly string[], step: string, tracker: ProgressTracker, dryRun: boolean): Promise<void> {
  if (names.length === 0) return;
  const existing = new Set(await clients.registry.listSubjects());
  const log = tracker.stepLog(step).with({ logger: "SchemaRegistry" });
  for (const subject of names.filter((n) => existing.has(n))) {
    tracker.record({ step, type: "subject", name: subject, op: "delete", done: !dryRun });
    log.info(`${dryRun ? "would delete" : "deleting"} subject ${subject}`);
    if (!dryRun) await clients.registry.deleteSubject(subject, { permanent: true });
  }
}

/** Deletes the PVCs of a stateful app. */
export async function deletePvcs(clients: ServiceClients, plan: PvcDeletionPlan, step: string, tracker: ProgressTracker, dryRun: boolean): Promise<void> {
  const kubernetes = clients.kubernetes();
  const log = tracker.stepLog(step).with({ logger: "Kubernetes" });
  for (const name of await kubernetes.persistentVolumeClaims(plan.namespace, plan.labelSelector)) {
    tracker.record({ step, type: "pvc", name, op: "delete", done: !dryRun });
    log.info(`${dryRun ? "would delete" : "deleting"} PVC ${plan.namespace}/${name}`);
    if (!dryRun) await kubernetes.deletePersistentVolumeClaim(plan.namespace, name);
  }
}

/** Runs a Kafka admin call; a failure names what was done and the brokers' reason. */
async function kafka<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Error(`[Kafka] ${what} failed: ${describeKafkaError(error)}`);
  }
}
