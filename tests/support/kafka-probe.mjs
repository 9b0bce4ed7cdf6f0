#!/usr/bin/env node
// What the tests ask of a Kafka broker, with the admin client of @platformatic/kafka in a plain Node process (it is
// an ES module, which jest's module system cannot load). Used by tests/e2e and tests/operations. Usage (prints JSON
// on stdout):
//   kafka-probe.mjs BOOTSTRAP describe TOPIC         -> {partitions, replicationFactor, configs} or null
//   kafka-probe.mjs BOOTSTRAP alter TOPIC JSON       -> sets ("value") or removes (null) topic-level configs
//   kafka-probe.mjs BOOTSTRAP groups                 -> the consumer group ids
//   kafka-probe.mjs BOOTSTRAP snapshot               -> {topics, configs: {topic: {key: value}}, groups}, every config
//                                                       of every topic; internal topics of the services left out
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
  } else if (command === "snapshot") {
    const topics = (await admin.listTopics())
      .filter((t) => !t.startsWith("_") && !t.startsWith("kafkasql") && t !== "registry-events")
      .sort();
    const configs = {};
    if (topics.length > 0) {
      const described = await admin.describeConfigs({ resources: topics.map((t) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: t })) });
      for (const resource of described) configs[resource.resourceName] = Object.fromEntries(resource.configs.map((c) => [c.name, c.value]));
    }
    const groups = [...(await admin.listGroups()).keys()].sort();
    process.stdout.write(JSON.stringify({ topics, configs, groups }));
  } else if (command === "groups") {
    process.stdout.write(JSON.stringify([...(await admin.listGroups()).keys()].sort()));
  } else {
    throw new Error(`unknown command ${command}`);
  }
} finally {
  await admin.close();
}
