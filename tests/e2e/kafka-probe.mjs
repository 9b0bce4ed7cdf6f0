#!/usr/bin/env node
// The Kafka side of the end-to-end probes, as its own process: @platformatic/kafka is an ES module, which jest's
// module system cannot load. Usage (prints JSON on stdout):
//   kafka-probe.mjs BOOTSTRAP describe TOPIC         -> {partitions, replicationFactor, configs} or null
//   kafka-probe.mjs BOOTSTRAP alter TOPIC JSON       -> sets ("value") or removes (null) topic-level configs
//   kafka-probe.mjs BOOTSTRAP groups                 -> the consumer group ids
import { Admin, ConfigResourceTypes, ConfigSources, IncrementalAlterConfigOperationTypes } from "@platformatic/kafka";

const [bootstrap, command, topic, json] = process.argv.slice(2);
const admin = new Admin({ clientId: "kpops-e2e-probe", bootstrapBrokers: [bootstrap], retries: 2 });
try {
  if (command === "describe") {
    let result = null;
    if ((await admin.listTopics()).includes(topic)) {
      const metadata = await admin.metadata({ topics: [topic] });
      const info = metadata.topics.get(topic);
      const [description] = await admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }] });
      const configs = {};
      for (const entry of description.configs) {
        if (entry.configSource === ConfigSources.TOPIC_CONFIG && typeof entry.value === "string") configs[entry.name] = entry.value;
      }
      result = { partitions: info.partitionsCount, replicationFactor: info.partitions[0].replicas.length, configs };
    }
    process.stdout.write(JSON.stringify(result));
  } else if (command === "alter") {
    const configs = Object.entries(JSON.parse(json)).map(([name, value]) =>
      value === null
        ? { name, configOperation: IncrementalAlterConfigOperationTypes.DELETE }
        : { name, value, configOperation: IncrementalAlterConfigOperationTypes.SET },
    );
    await admin.incrementalAlterConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic, configs }] });
    process.stdout.write("null");
  } else if (command === "groups") {
    process.stdout.write(JSON.stringify([...(await admin.listGroups()).keys()].sort()));
  } else {
    throw new Error(`unknown command ${command}`);
  }
} finally {
  await admin.close();
}
