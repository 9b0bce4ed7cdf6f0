/*
 * Synthetic KPOps projects for the benchmarks (bench-generate.mjs, bench-preview.mjs): blocks of ten steps (a
 * producer-app, six streams-apps chained through their topics, a sink connector reading the last streams-app, a
 * source connector and a streams-app reading the source's topic), one defaults.yaml for all.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DEFAULTS = `kubernetes-app:
  namespace: bench
streams-bootstrap:
  version: "3.6.1"
  values:
    image: registry.example.com/app
    imageTag: "1.0.0"
    kafka:
      schemaRegistryUrl: \${config.schema_registry.url}
    resources:
      requests:
        memory: 512Mi
producer-app:
  to:
    topics:
      \${output_topic_name}:
        type: output
        partitions_count: 3
streams-app:
  values:
    kafka:
      applicationId: \${pipeline.name}-\${component.name}
      config:
        processing.guarantee: exactly_once_v2
  to:
    topics:
      \${error_topic_name}:
        type: error
        partitions_count: 1
      \${output_topic_name}:
        type: output
        partitions_count: 3
        configs:
          cleanup.policy: compact
kafka-sink-connector:
  config:
    connector.class: io.confluent.connect.jdbc.JdbcSinkConnector
    tasks.max: 1
kafka-source-connector:
  config:
    connector.class: io.debezium.connector.postgresql.PostgresConnector
`;

/**
 * Defaults for a project that really runs on the local services (bench-up.mjs): the connectors are Kafka's own
 * FileStream connectors, which a plain Kafka Connect has, instead of JDBC and Debezium.
 */
const RUNNABLE_DEFAULTS = DEFAULTS.replace("io.confluent.connect.jdbc.JdbcSinkConnector", "org.apache.kafka.connect.file.FileStreamSinkConnector")
  .replace("io.debezium.connector.postgresql.PostgresConnector", "org.apache.kafka.connect.file.FileStreamSourceConnector");

function block(b, runnable) {
  const steps = [];
  steps.push(`- type: producer-app\n  name: producer-${b}\n  values:\n    commandLine:\n      BLOCK: ${b}\n`);
  for (let s = 0; s < 6; s++) {
    steps.push(`- type: streams-app\n  name: streams-${b}-${s}\n  values:\n    replicaCount: ${1 + (s % 3)}\n`);
  }
  const sinkConfig = runnable ? `    file: /tmp/kpops-bench-sink-${b}.txt\n` : `    batch.size: 100\n`;
  steps.push(`- type: kafka-sink-connector\n  name: sink-${b}\n  config:\n${sinkConfig}`);
  const sourceConfig = runnable ? `  config:\n    file: /tmp/kpops-bench-source-${b}.txt\n    topic: cdc-${b}\n` : "";
  steps.push(
    `- type: kafka-source-connector\n  name: source-${b}\n${sourceConfig}  to:\n    topics:\n      cdc-${b}:\n        type: output\n`,
  );
  steps.push(
    `- type: streams-app\n  name: cdc-reader-${b}\n  from:\n    topics:\n      cdc-${b}:\n        type: input\n`,
  );
  return steps;
}

/**
 * Writes a project of `size` steps into `root/steps-<size>` and returns its folder and the generate arguments.
 * @param {string} root
 * @param {number} size
 * @param {string} [configExtra] more lines for config.yaml
 * @param {{runnable?: boolean}} [options] runnable: FileStream connectors that a plain Kafka Connect can run
 */
export function writeProject(root, size, configExtra = "", options = {}) {
  const dir = join(root, `steps-${size}`);
  mkdirSync(join(dir, "pipelines", "bench"), { recursive: true });
  writeFileSync(join(dir, "config.yaml"), `kafka_brokers: broker-0:9092,broker-1:9092\npipeline_base_dir: pipelines\n${configExtra}`);
  writeFileSync(join(dir, "pipelines", "defaults.yaml"), options.runnable ? RUNNABLE_DEFAULTS : DEFAULTS);
  const steps = [];
  for (let b = 0; steps.length < size; b++) steps.push(...block(b, options.runnable === true));
  writeFileSync(join(dir, "pipelines", "bench", "pipeline.yaml"), steps.slice(0, size).join(""));
  return { dir, args: ["generate", "pipelines/bench/pipeline.yaml"] };
}

