/**
 * The broker's topic defaults (`num.partitions`, `default.replication.factor`), read over Kafka's wire protocol:
 * a Metadata request (v4, the oldest a Kafka 4 broker accepts, not yet "flexible") names a broker, and a
 * DescribeConfigs request (v1) asks that broker for the two settings. KPOps asks the cluster the same way (through
 * the REST proxy) for topics that set neither. Plain TCP or TLS; SASL is not spoken here.
 */
import * as net from "net";
import * as tls from "tls";

/** The topic defaults of a cluster. */
export interface BrokerDefaults {
  /** `num.partitions`. */
  readonly partitions: number;
  /** `default.replication.factor`. */
  readonly replicationFactor: number;
}

/** How to reach the brokers. */
export interface BrokerConnection {
  /** `host:port` of one or more brokers; the first that answers is asked. */
  readonly bootstrapServers: readonly string[];
  /** Use TLS. @default false */
  readonly tls?: boolean;
  /** Per-broker time limit in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
}

const METADATA = 3;
const DESCRIBE_CONFIGS = 32;
const BROKER_RESOURCE = 4;
const CLIENT_ID = "kpops-pulumi";

/** A request frame: size, header v1 (api key, version, correlation id, client id), body. */
function frame(apiKey: number, apiVersion: number, correlationId: number, body: Buffer): Buffer {
  const clientId = Buffer.from(CLIENT_ID, "utf8");
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  const payload = Buffer.concat([header, clientId, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);
  return Buffer.concat([size, payload]);
}

function kafkaString(text: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  const length = Buffer.alloc(2);
  length.writeInt16BE(bytes.length, 0);
  return Buffer.concat([length, bytes]);
}

/** Reads Kafka's big-endian primitives from a response. */
class Reader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}
  int8(): number {
    return this.data.readInt8((this.offset += 1) - 1);
  }
  int16(): number {
    return this.data.readInt16BE((this.offset += 2) - 2);
  }
  int32(): number {
    return this.data.readInt32BE((this.offset += 4) - 4);
  }
  string(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const text = this.data.toString("utf8", this.offset, this.offset + length);
    this.offset += length;
    return text;
  }
}

/** One connection that sends requests in turn and returns each response body (after the correlation id). */
class BrokerSocket {
  private buffer = Buffer.alloc(0);
  private waiting?: { resolve: (body: Buffer) => void; reject: (error: Error) => void };
  private failure?: Error;

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.deliver();
    });
    socket.on("error", (error) => this.fail(error));
    socket.on("close", () => this.fail(new Error("connection closed by the broker")));
  }

  static connect(server: string, useTls: boolean, timeoutMs: number): Promise<BrokerSocket> {
    const separator = server.lastIndexOf(":");
    const host = server.slice(0, separator).replace(/^\[|\]$/g, "");
    const port = Number(server.slice(separator + 1));
    return new Promise((resolve, reject) => {
      const socket = useTls ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${server} within ${timeoutMs} ms`)));
      socket.once(useTls ? "secureConnect" : "connect", () => resolve(new BrokerSocket(socket)));
      socket.once("error", reject);
    });
  }

  request(request: Buffer, correlationId: number): Promise<Reader> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    }).then((body) => {
      const reader = new Reader(body);
      const answered = reader.int32();
      if (answered !== correlationId) throw new Error(`unexpected correlation id ${answered}`);
      return reader;
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(): void {
    if (!this.waiting || this.buffer.length < 4) return;
    const size = this.buffer.readInt32BE(0);
    if (this.buffer.length < 4 + size) return;
    const body = this.buffer.subarray(4, 4 + size);
    this.buffer = this.buffer.subarray(4 + size);
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve(body);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}

/** Asks one broker: the id of a broker from Metadata, then that broker's two settings from DescribeConfigs. */
async function askBroker(server: string, useTls: boolean, timeoutMs: number): Promise<BrokerDefaults> {
  const socket = await BrokerSocket.connect(server, useTls, timeoutMs);
  try {
    // Metadata v4: topics = [] (none), allow_auto_topic_creation = false
    const metadata = await socket.request(frame(METADATA, 4, 1, Buffer.from([0, 0, 0, 0, 0])), 1);
    metadata.int32(); // throttle_time_ms
    const brokers = metadata.int32();
    if (brokers < 1) throw new Error(`${server} lists no brokers`);
    const nodeId = metadata.int32();

    // DescribeConfigs v1: one BROKER resource, two keys, include_synonyms = false
    const keys = ["num.partitions", "default.replication.factor"];
    const count = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n, 0);
      return b;
    };
    const body = Buffer.concat([
      count(1),
      Buffer.from([BROKER_RESOURCE]),
      kafkaString(String(nodeId)),
      count(keys.length),
      ...keys.map(kafkaString),
      Buffer.from([0]),
    ]);
    const described = await socket.request(frame(DESCRIBE_CONFIGS, 1, 2, body), 2);
    described.int32(); // throttle_time_ms
    const results = described.int32();
    const values = new Map<string, string | null>();
    for (let r = 0; r < results; r++) {
      const errorCode = described.int16();
      const errorMessage = described.string();
      if (errorCode !== 0) throw new Error(`DescribeConfigs of broker ${nodeId} failed with error ${errorCode}${errorMessage ? `: ${errorMessage}` : ""}`);
      described.int8(); // resource_type
      described.string(); // resource_name
      const configs = described.int32();
      for (let c = 0; c < configs; c++) {
        const name = described.string() ?? "";
        values.set(name, described.string());
        described.int8(); // read_only
        described.int8(); // config_source
        described.int8(); // is_sensitive
        const synonyms = described.int32();
        for (let s = 0; s < Math.max(synonyms, 0); s++) {
          described.string();
          described.string();
          described.int8();
        }
      }
    }
    const number = (key: string) => {
      const value = Number(values.get(key));
      if (!Number.isInteger(value) || value < 1) throw new Error(`broker ${nodeId} reports no usable ${key} (${String(values.get(key))})`);
      return value;
    };
    return { partitions: number("num.partitions"), replicationFactor: number("default.replication.factor") };
  } finally {
    socket.close();
  }
}

/** The cluster's topic defaults, from the first bootstrap server that answers; rejects when none does. */
export async function describeBrokerDefaults(connection: BrokerConnection): Promise<BrokerDefaults> {
  const errors: string[] = [];
  for (const server of connection.bootstrapServers) {
    try {
      return await askBroker(server.trim(), connection.tls === true, connection.timeoutMs ?? 10_000);
    } catch (error) {
      errors.push(`${server}: ${(error as Error).message}`);
    }
  }
  throw new Error(`cannot read the topic defaults of the Kafka cluster (${errors.join("; ") || "no bootstrap servers"})`);
}
