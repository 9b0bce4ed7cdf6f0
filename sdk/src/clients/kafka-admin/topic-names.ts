/**
 * The names of the topics a Kafka cluster has, read with the Admin client of `@platformatic/kafka` (cluster
 * metadata). The Pulumi layer asks once per stack so that a topic a pipeline declares and the cluster already has
 * (kept by `destroy`, or made by upstream KPOps) is taken over rather than created a second time.
 */
import { BrokerConnection, createKafkaAdmin, describeKafkaError } from "./broker-defaults";

/** Every topic name of the cluster, internal topics included; rejects when no bootstrap server answers. */
export async function listTopicNames(connection: BrokerConnection): Promise<Set<string>> {
  const errors: string[] = [];
  for (const server of connection.bootstrapServers) {
    const admin = createKafkaAdmin(connection, [server]);
    try {
      return new Set(await admin.listTopics({ includeInternals: true }));
    } catch (error) {
      errors.push(`${server}: ${describeKafkaError(error)}`);
    } finally {
      await admin.close().catch(() => undefined);
    }
  }
  throw new Error(`cannot list the topics of the Kafka cluster (${errors.join("; ") || "no bootstrap servers"})`);
}
