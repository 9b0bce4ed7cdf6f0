// What the Kafka broker holds, as JSON on stdout, read with the admin client of @platformatic/kafka in a plain Node
// process (jest's module system cannot load that ES module): node kafka-probe.cjs BOOTSTRAP
// -> {"topics": [...], "configs": {topic: {key: value}}, "groups": [...]}; internal topics of the services left out.
"use strict";
const { Admin, ConfigResourceTypes } = require("@platformatic/kafka");

async function main() {
  const admin = new Admin({ clientId: "kpops-ops-test", bootstrapBrokers: [process.argv[2]] });
  try {
    const topics = (await admin.listTopics())
      .filter((t) => !t.startsWith("_") && !t.startsWith("kafkasql") && t !== "registry-events")
      .sort();
    const configs = {};
    if (topics.length > 0) {
      const described = await admin.describeConfigs({ resources: topics.map((t) => ({ resourceType: ConfigResourceTypes.TOPIC, resourceName: t })) });
      for (const resource of described) {
        configs[resource.resourceName] = Object.fromEntries(resource.configs.map((c) => [c.name, c.value]));
      }
    }
    const groups = [...(await admin.listGroups()).keys()].sort();
    process.stdout.write(JSON.stringify({ topics, configs, groups }));
  } finally {
    await admin.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
