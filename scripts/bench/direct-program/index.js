// The baseline of scripts/bench-preview.mjs: a hand-written program that declares the topics, Helm releases and
// connectors of a synthetic KPOps project directly - no Project, Pipeline or step components, no topic guards, no
// KPOps core at run time. What to declare comes from the JSON file named by stack config `bench:resources`
// (written by plan-resources.mjs from the same project).
"use strict";
const fs = require("fs");
const pulumi = require("@pulumi/pulumi");
const kafka = require("@pulumi/kafka");
const k8s = require("@pulumi/kubernetes");
const { KafkaConnector } = require("@kpops/pulumi/dist/pulumi/providers");

const config = new pulumi.Config("bench");
const resources = JSON.parse(fs.readFileSync(config.require("resources"), "utf8"));

const kafkaProvider = new kafka.Provider("kafka", { bootstrapServers: resources.brokers, tlsEnabled: false });
const topics = {};
for (const topic of resources.topics) {
  topics[topic.name] = new kafka.Topic(
    topic.name,
    { name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor, config: topic.configs },
    { provider: kafkaProvider, retainOnDelete: true },
  );
}
for (const release of resources.releases) {
  new k8s.helm.v3.Release(
    release.name,
    { name: release.name, namespace: release.namespace, chart: release.chart, values: release.values, skipAwait: true },
    { dependsOn: release.topics.map((t) => topics[t]).filter(Boolean) },
  );
}
for (const connector of resources.connectors) {
  new KafkaConnector(
    connector.name,
    { connectorName: connector.name, config: connector.config, connection: { url: resources.kafkaConnectUrl } },
    { dependsOn: connector.topics.map((t) => topics[t]).filter(Boolean) },
  );
}
