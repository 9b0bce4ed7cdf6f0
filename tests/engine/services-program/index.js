// The real-services check: one topic (our kafka plugin), one schema subject and one connector (our dynamic
// providers), against the broker, registry and Connect that tests/engine/real-services.test.ts starts.
"use strict";
const pulumi = require("@pulumi/pulumi");
const kafka = require("@pulumi/kafka");
const { KafkaConnector, SchemaSubject } = require("@kpops/pulumi/dist/pulumi/providers");

const config = new pulumi.Config("check");
const topicName = config.require("topic");
const partitions = config.requireNumber("partitions");

const kafkaProvider = new kafka.Provider("kafka", {
  bootstrapServers: [config.require("bootstrap")],
  tlsEnabled: false,
});
const topic = new kafka.Topic(
  "words",
  { name: topicName, partitions, replicationFactor: 1, config: { "retention.ms": config.require("retentionMs") } },
  { provider: kafkaProvider },
);

const subject = new SchemaSubject(
  "words-value",
  {
    subject: `${topicName}-value`,
    schemaType: "AVRO",
    schema: JSON.stringify({
      type: "record",
      name: "Word",
      namespace: "kpops.check",
      fields: [{ name: "word", type: "string" }, ...(config.getBoolean("countField") ? [{ name: "count", type: "long", default: 0 }] : [])],
    }),
    connection: { url: config.require("registry") },
  },
  { dependsOn: [topic] },
);

const connector = new KafkaConnector(
  "words-sink",
  {
    connectorName: `${topicName}-sink`,
    config: {
      "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
      "tasks.max": 1,
      topics: topicName,
      file: config.require("sinkFile"),
      "key.converter": "org.apache.kafka.connect.storage.StringConverter",
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    },
    state: config.get("connectorState") || "running",
    connection: { url: config.require("connect") },
    // Connect here has no authentication and ignores the header; the password must still never reach the state.
    credentials: { username: "kpops", password: config.requireSecret("connectPassword") },
  },
  { dependsOn: [topic] },
);

exports.topic = topic.name;
exports.schemaId = subject.schemaId;
exports.connectorState = connector.liveState;
