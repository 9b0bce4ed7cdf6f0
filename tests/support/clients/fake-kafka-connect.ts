import { FakeHttpServer, FakeReply, FakeService, RecordedRequest } from "./fake-http-server";

/**
 * Test double of the Kafka Connect REST API, in memory: connectors with config and state, pause/resume/stop,
 * delete, offsets reset, and config validation by plugins whose field errors a test decides. Unit tests only.
 */

/** A connector as the fake stores it. */
export interface FakeConnector {
  config: Record<string, string>;
  state: "RUNNING" | "PAUSED" | "STOPPED" | "FAILED";
  type: "sink" | "source";
  offsetsResets: number;
}

/** Returns field errors (field → messages) for a config; empty means valid. */
export type FakePluginValidator = (config: Record<string, string>) => Record<string, string[]>;

interface FakePlugin {
  readonly type: "sink" | "source";
  readonly validate: FakePluginValidator;
}

/** Class names of the plugins every fake knows from the start (the FileStream examples shipped with Kafka). */
export const FAKE_SINK_CLASS = "org.apache.kafka.connect.file.FileStreamSinkConnector";
export const FAKE_SOURCE_CLASS = "org.apache.kafka.connect.file.FileStreamSourceConnector";

export class FakeKafkaConnect extends FakeService {
  /** Connectors by name; tests may read and change them directly. */
  readonly connectors = new Map<string, FakeConnector>();
  private readonly plugins = new Map<string, FakePlugin>();

  private constructor(http: FakeHttpServer) {
    super(http);
    this.addPlugin(FAKE_SINK_CLASS, "sink", (config): Record<string, string[]> =>
      config.topics || config["topics.regex"] ? {} : { topics: ["Must configure one of topics or topics.regex"] },
    );
    this.addPlugin(FAKE_SOURCE_CLASS, "source", () => ({}));
  }

  /** Starts the fake on 127.0.0.1, port 0. */
  static start(): Promise<FakeKafkaConnect> {
    return this.startService((http) => new FakeKafkaConnect(http));
  }

  /** Registers a plugin, reachable by full class name or simple name. */
  addPlugin(className: string, type: "sink" | "source", validate: FakePluginValidator = () => ({})): void {
    const plugin = { type, validate };
    this.plugins.set(className, plugin);
    this.plugins.set(className.split(".").pop()!, plugin);
  }

  /** Stores a connector directly, as if it had been created before the test. */
  seed(name: string, config: Record<string, string>, state: FakeConnector["state"] = "RUNNING"): FakeConnector {
    const plugin = this.plugins.get(config["connector.class"] ?? "");
    const connector: FakeConnector = { config: { ...config, name }, state, type: plugin?.type ?? "sink", offsetsResets: 0 };
    this.connectors.set(name, connector);
    return connector;
  }

  protected override answer(request: RecordedRequest): FakeReply {
    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent);
    const { method } = request;
    if (parts[0] === "connector-plugins" && parts[2] === "config" && parts[3] === "validate" && method === "PUT") {
      return this.validate(parts[1]!, request.body as Record<string, string>);
    }
    if (parts[0] !== "connectors") {
      return { status: 404, body: { error_code: 404, message: "HTTP 404 Not Found" } };
    }
    if (parts.length === 1 && method === "GET") {
      return ok([...this.connectors.keys()]);
    }
    if (parts.length === 1 && method === "POST") {
      return this.create(request.body as { name?: string; config?: Record<string, string>; initial_state?: string });
    }
    const name = parts[1]!;
    const connector = this.connectors.get(name);
    const action = parts[2];
    if (action === "config" && method === "PUT") {
      return this.putConfig(name, request.body as Record<string, string>);
    }
    if (!connector) {
      return { status: 404, body: { error_code: 404, message: `Connector ${name} not found` } };
    }
    if (action === undefined && method === "GET") {
      return ok(this.info(name, connector));
    }
    if (action === undefined && method === "DELETE") {
      this.connectors.delete(name);
      return { status: 204 };
    }
    if (action === "status" && method === "GET") {
      return ok({
        name,
        connector: { state: connector.state, worker_id: "127.0.0.1:8083" },
        tasks: connector.state === "STOPPED" ? [] : [{ id: 0, state: connector.state, worker_id: "127.0.0.1:8083" }],
        type: connector.type,
      });
    }
    if (action === "pause" && method === "PUT") {
      connector.state = "PAUSED";
      return { status: 202 };
    }
    if (action === "resume" && method === "PUT") {
      connector.state = "RUNNING";
      return { status: 202 };
    }
    if (action === "stop" && method === "PUT") {
      connector.state = "STOPPED";
      return { status: 204 };
    }
    if (action === "offsets" && method === "DELETE") {
      if (connector.state !== "STOPPED") {
        return { status: 400, body: { error_code: 400, message: "Connectors must be in the STOPPED state before their offsets can be modified" } };
      }
      connector.offsetsResets += 1;
      return ok({ message: "The offsets for this connector have been reset successfully" });
    }
    return { status: 405, body: { error_code: 405, message: "HTTP 405 Method Not Allowed" } };
  }

  private create(body: { name?: string; config?: Record<string, string>; initial_state?: string }): FakeReply {
    const name = body.name ?? body.config?.name;
    if (!name || !body.config) {
      return { status: 400, body: { error_code: 400, message: "Connector name and config are required" } };
    }
    if (this.connectors.has(name)) {
      return { status: 409, body: { error_code: 409, message: `Connector ${name} already exists` } };
    }
    const invalid = this.invalidConfig(body.config);
    if (invalid) {
      return invalid;
    }
    const state = (body.initial_state ?? "RUNNING") as FakeConnector["state"];
    const connector = this.seed(name, body.config, state);
    return { status: 201, body: this.info(name, connector) };
  }

  private putConfig(name: string, config: Record<string, string>): FakeReply {
    const invalid = this.invalidConfig(config);
    if (invalid) {
      return invalid;
    }
    const existing = this.connectors.get(name);
    if (existing) {
      existing.config = { ...config, name };
      return ok(this.info(name, existing));
    }
    return { status: 201, body: this.info(name, this.seed(name, config)) };
  }

  private invalidConfig(config: Record<string, string>): FakeReply | undefined {
    const plugin = this.plugins.get(config["connector.class"] ?? "");
    if (!plugin) {
      return {
        status: 500,
        body: { error_code: 500, message: `Failed to find any class that implements Connector and which name matches ${config["connector.class"]}` },
      };
    }
    const errors = Object.entries(plugin.validate(config)).flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
    if (errors.length > 0) {
      return {
        status: 400,
        body: { error_code: 400, message: `Connector configuration is invalid and contains the following ${errors.length} error(s):\n${errors.join("\n")}` },
      };
    }
    return undefined;
  }

  private validate(pluginName: string, config: Record<string, string>): FakeReply {
    const plugin = this.plugins.get(pluginName);
    if (!plugin) {
      return { status: 500, body: { error_code: 500, message: `Failed to find any class that implements Connector and which name matches ${pluginName}` } };
    }
    const fieldErrors = plugin.validate(config ?? {});
    const fields = new Set([...Object.keys(config ?? {}), ...Object.keys(fieldErrors)]);
    const configs = [...fields].map((field) => ({
      definition: { name: field, type: "STRING", required: false },
      value: { name: field, value: config?.[field] ?? null, recommended_values: [], errors: fieldErrors[field] ?? [], visible: true },
    }));
    const errorCount = Object.values(fieldErrors).reduce((sum, messages) => sum + messages.length, 0);
    return ok({ name: pluginName, error_count: errorCount, groups: ["Common"], configs });
  }

  private info(name: string, connector: FakeConnector): unknown {
    return {
      name,
      config: connector.config,
      tasks: connector.state === "STOPPED" ? [] : [{ connector: name, task: 0 }],
      type: connector.type,
    };
  }
}

function ok(body: unknown): FakeReply {
  return { status: 200, body };
}
