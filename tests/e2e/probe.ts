/**
 * What the end-to-end tests ask of the services directly, never through our own code under test: topics through a
 * Kafka admin client (@platformatic/kafka), connectors through Kafka Connect's REST API, subjects through the Schema
 * Registry's REST API, releases through the Helm CLI, workloads through the Kubernetes API.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { LocalServices, getJson, helm, kubernetesApi } from "../engine/local-services";

/** A topic as the broker describes it. */
export interface TopicState {
  readonly partitions: number;
  readonly replicationFactor: number;
  /** The configs set on the topic itself (not broker or static defaults). */
  readonly configs: Record<string, string>;
}

/** Runs tests/support/kafka-probe.mjs (the Kafka admin client, @platformatic/kafka, in its own process). */
function kafkaProbe(services: LocalServices, ...args: string[]): any {
  const out = execFileSync(process.execPath, [path.join(__dirname, "../support/kafka-probe.mjs"), services.KAFKA_BOOTSTRAP, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out);
}

/** The topic's partitions, replication factor and topic-level configs; undefined when it does not exist. */
export async function describeTopicState(services: LocalServices, topic: string): Promise<TopicState | undefined> {
  return kafkaProbe(services, "describe", topic) ?? undefined;
}

/** Sets (value) or removes (null) configs of a topic, as an operator would by hand. */
export async function alterTopicConfigs(services: LocalServices, topic: string, configs: Record<string, string | null>): Promise<void> {
  kafkaProbe(services, "alter", topic, JSON.stringify(configs));
}

/** The consumer groups the cluster knows. */
export async function consumerGroups(services: LocalServices): Promise<string[]> {
  return kafkaProbe(services, "groups");
}

/**
 * GET with a few retries on a broken connection: Kafka Connect closes idle keep-alive connections, and a restarted
 * worker leaves the client's pooled sockets dead ("other side closed").
 */
async function getJsonRetrying(url: string): Promise<{ status: number; body: any }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getJson(url);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** A connector as Kafka Connect reports it; undefined when Connect has no config for it. */
export async function connectorState(services: LocalServices, name: string): Promise<{ state: string; config: Record<string, string> } | undefined> {
  const status = await getJsonRetrying(`${services.KAFKA_CONNECT_URL}/connectors/${name}/status`);
  if (status.status === 404) return undefined;
  const config = await getJsonRetrying(`${services.KAFKA_CONNECT_URL}/connectors/${name}/config`);
  // right after a delete the status endpoint may still answer (UNASSIGNED) while the config is gone
  if (config.status === 404) return undefined;
  return { state: status.body.connector.state, config: config.body };
}

/** Replaces a connector's config through Connect's REST API, as an operator would by hand. */
export async function putConnectorConfig(services: LocalServices, name: string, config: Record<string, string>): Promise<void> {
  const res = await fetch(`${services.KAFKA_CONNECT_URL}/connectors/${name}/config`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  if (res.status >= 300) throw new Error(`PUT connector ${name}: ${res.status} ${await res.text()}`);
}

/** Deletes a connector through Connect's REST API. */
export async function deleteConnector(services: LocalServices, name: string): Promise<void> {
  const res = await fetch(`${services.KAFKA_CONNECT_URL}/connectors/${name}`, { method: "DELETE" });
  if (res.status >= 300) throw new Error(`DELETE connector ${name}: ${res.status} ${await res.text()}`);
}

/** The subjects the Schema Registry holds. */
export async function subjects(services: LocalServices): Promise<string[]> {
  return (await getJsonRetrying(`${services.SCHEMA_REGISTRY_URL}/subjects`)).body;
}

/** A Helm release as `helm list` shows it. */
export interface ReleaseListing {
  readonly name: string;
  readonly namespace: string;
  readonly status: string;
  readonly chart: string;
}

/** `helm list -n NAMESPACE`: the releases Helm knows in the namespace. */
export function helmReleases(services: LocalServices, namespace: string): ReleaseListing[] {
  return JSON.parse(helm(services, ["list", "-n", namespace, "-o", "json"]));
}

/** `helm get values`: the values a release was installed or upgraded with. */
export function helmValues(services: LocalServices, namespace: string, release: string): Record<string, unknown> {
  return JSON.parse(helm(services, ["get", "values", release, "-n", namespace, "-o", "json"]));
}

/** A Deployment's desired and ready replicas; undefined when it does not exist. */
export async function deploymentReplicas(
  services: LocalServices,
  namespace: string,
  name: string,
): Promise<{ desired: number; ready: number } | undefined> {
  const res = await kubernetesApi(services).get(`/apis/apps/v1/namespaces/${namespace}/deployments/${name}`);
  if (res.status === 404) return undefined;
  return { desired: res.body.spec.replicas, ready: res.body.status.readyReplicas ?? 0 };
}

/** The number of succeeded pods of a Job; undefined when it does not exist. */
export async function jobSucceeded(services: LocalServices, namespace: string, name: string): Promise<number | undefined> {
  const res = await kubernetesApi(services).get(`/apis/batch/v1/namespaces/${namespace}/jobs/${name}`);
  if (res.status === 404) return undefined;
  return res.body.status.succeeded ?? 0;
}
