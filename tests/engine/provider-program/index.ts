/**
 * A subject, a connector and a topic guard, made with the SDK sources named by stack config `sdk` (default: this
 * checkout's, whose resources the kpops plugin serves; an older checkout's made them as dynamic resources).
 * Config `check:*`: `registry`, `connect`, `prefix` (names), `sinkFile`, and `imported` to also declare the
 * connector `<prefix>-imported-sink` and the subject `<prefix>-imported-value` exactly as `pulumi import` reads them.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config("check");
const sdk = new pulumi.Config().get("sdk") ?? path.resolve(__dirname, "../../../sdk/src");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KafkaConnector, SchemaSubject } = require(path.join(sdk, "pulumi/providers"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TopicGuard } = require(path.join(sdk, "pulumi/resources"));

const prefix = config.require("prefix");
const registry = { url: config.require("registry") };
const connect = { url: config.require("connect") };
/** The schema every subject of the check registers. */
export const SCHEMA = '{"type":"record","name":"Word","namespace":"kpops.check","fields":[{"name":"word","type":"string"}]}';
const sinkConfig = (topic: string) => ({
  "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
  "tasks.max": "1",
  topics: topic,
  file: config.require("sinkFile"),
});

new SchemaSubject("words-value", { subject: `${prefix}-value`, schema: SCHEMA, connection: registry });
new KafkaConnector("words-sink", {
  connectorName: `${prefix}-sink`,
  config: sinkConfig(prefix),
  connection: connect,
  credentials: { username: "check", password: config.requireSecret("connectPassword") },
});
new TopicGuard("words-guard", { topic: prefix, partitions: 3, replicationFactor: 1 });

if (config.getBoolean("imported")) {
  const name = `${prefix}-imported-sink`;
  new KafkaConnector("imported-sink", { connectorName: name, config: { ...sinkConfig(`${prefix}-imported`), name }, connection: connect });
  new SchemaSubject("imported-value", { subject: `${prefix}-imported-value`, schema: SCHEMA, connection: registry });
}
