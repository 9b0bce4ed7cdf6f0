#!/usr/bin/env node
// What a deploy created, asked of the services themselves (used by scripts/demo.sh after `pulumi up`):
// topics with partitions, replication and topic-level configs (Kafka admin client), subjects (Schema Registry
// REST), connectors and their state (Kafka Connect REST), Helm releases (Helm's own records in the cluster) and
// their Deployments / Jobs (Kubernetes API).
// Usage: node scripts/demo-report.mjs NAMESPACE TOPIC...
// Reads KAFKA_BOOTSTRAP, KAFKA_CONNECT_URL, SCHEMA_REGISTRY_URL, KUBECONFIG from the environment
// (scripts/services/start.sh prints them).
import * as fs from "node:fs";
import { Admin, ConfigResourceTypes, ConfigSources } from "@platformatic/kafka";
import { Agent, fetch } from "undici";
import { parse as parseYaml } from "yaml";

const [namespace, ...topics] = process.argv.slice(2);
const env = process.env;
const line = (...cells) => console.log("  " + cells.join("  "));

async function reportTopics() {
  console.log(`Topics (Kafka at ${env.KAFKA_BOOTSTRAP}):`);
  const admin = new Admin({ clientId: "kpops-demo-report", bootstrapBrokers: [env.KAFKA_BOOTSTRAP], retries: 2 });
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics) {
      if (!existing.has(topic)) {
        line(topic.padEnd(48), "missing");
        continue;
      }
      const info = (await admin.metadata({ topics: [topic] })).topics.get(topic);
      const [described] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }] });
      const configs = described.configs
        .filter((c) => c.configSource === ConfigSources.TOPIC_CONFIG)
        .map((c) => `${c.name}=${c.value}`)
        .join(", ");
      line(topic.padEnd(48), `partitions ${info.partitionsCount}`, `replication ${info.partitions[0].replicas.length}`, configs || "(broker defaults)");
    }
  } finally {
    await admin.close();
  }
}

async function reportSubjects() {
  if (!env.SCHEMA_REGISTRY_URL) return;
  const res = await fetch(`${env.SCHEMA_REGISTRY_URL}/subjects`);
  const subjects = await res.json();
  console.log(`Subjects (Schema Registry at ${env.SCHEMA_REGISTRY_URL}): ${subjects.length ? subjects.join(", ") : "none"}`);
}

async function reportConnectors() {
  console.log(`Connectors (Kafka Connect at ${env.KAFKA_CONNECT_URL}):`);
  const names = await (await fetch(`${env.KAFKA_CONNECT_URL}/connectors`)).json();
  if (names.length === 0) line("none");
  for (const name of names.sort()) {
    const status = await (await fetch(`${env.KAFKA_CONNECT_URL}/connectors/${name}/status`)).json();
    const tasks = status.tasks.map((t) => t.state).join(", ");
    line(name.padEnd(48), status.connector.state, `tasks: ${tasks || "none"}`);
  }
}

/** A client of the API server in KUBECONFIG (CA and bearer token, as scripts/services/kubernetes.sh writes it). */
function kubernetes() {
  const config = parseYaml(fs.readFileSync(env.KUBECONFIG, "utf8"));
  const cluster = config.clusters[0].cluster;
  const token = config.users[0].user.token;
  const dispatcher = new Agent({ connect: { ca: Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8") } });
  return {
    server: cluster.server,
    async get(path) {
      const res = await fetch(`${cluster.server}${path}`, { dispatcher, headers: { authorization: `Bearer ${token}` } });
      return res.json();
    },
  };
}

async function reportReleases() {
  const api = kubernetes();
  console.log(`Helm releases (cluster at ${api.server}, namespace ${namespace}):`);
  // Helm 3 keeps one Secret per release revision, labelled owner=helm, name, status, version
  const secrets = await api.get(`/api/v1/namespaces/${namespace}/secrets?labelSelector=owner%3Dhelm%2Cstatus%3Ddeployed`);
  const releases = (secrets.items ?? []).map((s) => `${s.metadata.labels.name} (revision ${s.metadata.labels.version}, deployed)`);
  if (releases.length === 0) line("none");
  for (const release of releases.sort()) line(release);
  console.log("Workloads:");
  const deployments = await api.get(`/apis/apps/v1/namespaces/${namespace}/deployments`);
  for (const d of deployments.items ?? []) line(`Deployment ${d.metadata.name}`.padEnd(48), `ready ${d.status.readyReplicas ?? 0}/${d.spec.replicas}`);
  const jobs = await api.get(`/apis/batch/v1/namespaces/${namespace}/jobs`);
  for (const j of jobs.items ?? []) line(`Job ${j.metadata.name}`.padEnd(48), j.status.succeeded ? "complete" : "not complete");
}

await reportTopics();
await reportSubjects();
await reportConnectors();
await reportReleases();
