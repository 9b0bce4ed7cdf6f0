/**
 * The broker's topic defaults (`num.partitions`, `default.replication.factor`), read with the Admin client of
 * `@platformatic/kafka`: cluster metadata names a broker, and DescribeConfigs asks that broker for the two settings.
 * KPOps asks the cluster the same way (through the REST proxy) for topics that set neither. Plain TCP or TLS,
 * optionally with SASL (PLAIN, SCRAM-SHA-256/512). {@link createKafkaAdmin} gives the same client for other admin
 * operations (consumer groups, deleting topics).
 */
import type * as PlatformaticKafka from "@platformatic/kafka";
import type { Admin, AdminOptions } from "@platformatic/kafka";

/**
 * The library, loaded on first use: it is an ES module, which Node 20 loads through `require` but jest's module
 * system does not, and only code that talks to the brokers needs it.
 */
function library(): typeof PlatformaticKafka {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@platformatic/kafka") as typeof PlatformaticKafka;
}

/** The topic defaults of a cluster. */
export interface BrokerDefaults {
  /** `num.partitions`. */
  readonly partitions: number;
  /** `default.replication.factor`. */
  readonly replicationFactor: number;
}

/** SASL credentials for the brokers. */
export interface BrokerSasl {
  readonly mechanism: "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512";
  readonly username: string;
  readonly password: string;
}

/** How to reach the brokers. */
export interface BrokerConnection {
  /** `host:port` of one or more brokers; the first that answers is asked. */
  readonly bootstrapServers: readonly string[];
  /** Use TLS. @default false */
  readonly tls?: boolean;
  /** SASL authentication. @default none */
  readonly sasl?: BrokerSasl;
  /** Per-broker time limit in milliseconds (connecting, and each request). @default 10000 */
  readonly timeoutMs?: number;
}

const CLIENT_ID = "kpops-pulumi";
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * An Admin client of `@platformatic/kafka` for the brokers of `connection` (all of them, or `servers`), without
 * retries: a broker that does not answer within the time limit fails the call. The caller closes it.
 */
export function createKafkaAdmin(connection: BrokerConnection, servers: readonly string[] = connection.bootstrapServers): Admin {
  const timeout = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const options: AdminOptions = {
    clientId: CLIENT_ID,
    bootstrapBrokers: servers.map((server) => server.trim()),
    connectTimeout: timeout,
    requestTimeout: timeout,
    timeout,
    retries: 0,
    ...(connection.tls === true ? { tls: {}, tlsServerName: true } : {}),
    ...(connection.sasl ? { sasl: { ...connection.sasl } } : {}),
  };
  return new (library().Admin)(options);
}

/** The message of an error and of the errors it wraps (the library reports a failed connection as nested errors). */
export function describeKafkaError(error: unknown): string {
  const { message, errors, cause } = error as { message?: string; errors?: unknown[]; cause?: unknown };
  const inner = [...(Array.isArray(errors) ? errors : []), ...(cause ? [cause] : [])].map(describeKafkaError).filter((text) => text && text !== message);
  return [message ?? String(error), ...new Set(inner)].map((text) => text.replace(/\.$/, "")).join(": ");
}

/** Asks one broker: a broker id from the cluster metadata, then that broker's two settings from DescribeConfigs. */
async function askBroker(server: string, connection: BrokerConnection): Promise<BrokerDefaults> {
  const admin = createKafkaAdmin(connection, [server]);
  try {
    const metadata = await admin.metadata({ topics: [] });
    const nodeId = [...metadata.brokers.keys()][0];
    if (nodeId === undefined) throw new Error(`${server} lists no brokers`);
    const keys = ["num.partitions", "default.replication.factor"];
    const described = await admin.describeConfigs({
      resources: [{ resourceType: library().ConfigResourceTypes.BROKER, resourceName: String(nodeId), configurationKeys: keys }],
    });
    const values = new Map<string, string | null | undefined>();
    for (const resource of described) for (const config of resource.configs) values.set(config.name, config.value);
    const number = (key: string) => {
      const value = Number(values.get(key));
      if (!Number.isInteger(value) || value < 1) throw new Error(`broker ${nodeId} reports no usable ${key} (${String(values.get(key))})`);
      return value;
    };
    return { partitions: number("num.partitions"), replicationFactor: number("default.replication.factor") };
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** The cluster's topic defaults, from the first bootstrap server that answers; rejects when none does. */
export async function describeBrokerDefaults(connection: BrokerConnection): Promise<BrokerDefaults> {
  const errors: string[] = [];
  for (const server of connection.bootstrapServers) {
    try {
      return await askBroker(server.trim(), connection);
    } catch (error) {
      errors.push(`${server}: ${describeKafkaError(error)}`);
    }
  }
  throw new Error(`cannot read the topic defaults of the Kafka cluster (${errors.join("; ") || "no bootstrap servers"})`);
}
