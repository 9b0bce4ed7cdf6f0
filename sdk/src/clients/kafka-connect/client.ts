import { ServiceConnection } from "../http/connection";
import { JsonRequest, JsonResponse, JsonTransport, errorDetails, pathSegment } from "../http/transport";
import { ConnectorNotFoundError, KAFKA_CONNECT, KafkaConnectError, RebalanceRetriesExhaustedError } from "./errors";
import {
  ConnectorConfig,
  ConnectorConfigFieldError,
  ConnectorInfo,
  ConnectorStatus,
  ConnectorTargetState,
  ConnectorType,
  KAFKA_CONNECT_MEDIA_TYPE,
  pluginNameOf,
} from "./model";

/**
 * How rebalance answers are retried: HTTP 409 ("rebalance in progress") and HTTP 500 "Request cannot be completed
 * because a rebalance is expected" (what a distributed worker answers while connectors are created at the same
 * time). KPOps waits 1 s and retries 409 without bound; this client backs off exponentially and gives up after
 * `maxRetries`.
 */
export interface RebalanceRetryPolicy {
  /** Retries after the first attempt. @default 6 */
  readonly maxRetries?: number;
  /** Wait before the first retry, in milliseconds. @default 1000 */
  readonly initialDelayMs?: number;
  /** Upper bound of one wait, in milliseconds. @default 8000 */
  readonly maxDelayMs?: number;
}

/** Connection settings of a Kafka Connect cluster (`kafka_connect.url` and `.timeout` in KPOps' config). */
export interface KafkaConnectConnection extends ServiceConnection {
  /** @default {maxRetries: 6, initialDelayMs: 1000, maxDelayMs: 8000} */
  readonly rebalanceRetry?: RebalanceRetryPolicy;
}

const DEFAULT_RETRY: Required<RebalanceRetryPolicy> = { maxRetries: 6, initialDelayMs: 1000, maxDelayMs: 8000 };

/**
 * Client of the Kafka Connect REST API with the requests KPOps' connector handler makes: get, create, update
 * config, status, pause/resume/stop, delete, offsets reset and plugin config validation.
 *
 * Every request is retried when Kafka Connect answers that a rebalance is in progress or expected (409, or 500
 * naming a rebalance; bounded, with backoff). Errors: {@link ConnectorNotFoundError}, {@link KafkaConnectError} (status, `error_code`, message),
 * {@link RebalanceRetriesExhaustedError}, and the transport errors of `../http/errors`.
 */
export class KafkaConnectClient {
  private readonly transport: JsonTransport;
  private readonly retry: Required<RebalanceRetryPolicy>;

  constructor(connection: KafkaConnectConnection) {
    this.transport = new JsonTransport(connection, { service: KAFKA_CONNECT, mediaType: KAFKA_CONNECT_MEDIA_TYPE });
    this.retry = { ...DEFAULT_RETRY, ...definedOnly(connection.rebalanceRetry ?? {}) };
  }

  /** Base URL without a trailing slash. */
  get url(): string {
    return this.transport.baseUrl;
  }

  /** Names of all connectors. */
  async listConnectors(): Promise<string[]> {
    const response = await this.send({ method: "GET", path: "/connectors" }, { action: "listing connectors" });
    this.expectOk(response, { action: "listing connectors" });
    return Array.isArray(response.body) ? response.body.map(String) : [];
  }

  /** A connector's name, config and tasks, or undefined when it does not exist. */
  async getConnector(name: string): Promise<ConnectorInfo | undefined> {
    const context = { connector: name, action: "reading" };
    const response = await this.send({ method: "GET", path: connectorPath(name) }, context);
    if (response.status === 404) {
      return undefined;
    }
    this.expectOk(response, context);
    return toConnectorInfo(name, response.body);
  }

  /** A connector's live state and its tasks' states, or undefined when it does not exist. */
  async getStatus(name: string): Promise<ConnectorStatus | undefined> {
    const context = { connector: name, action: "reading the status of" };
    const response = await this.send({ method: "GET", path: `${connectorPath(name)}/status` }, context);
    if (response.status === 404) {
      return undefined;
    }
    this.expectOk(response, context);
    return toConnectorStatus(name, response.body);
  }

  /**
   * Creates a connector (`POST /connectors`). `initialState` maps onto Kafka Connect's `initial_state`
   * (RUNNING, PAUSED, STOPPED; Kafka Connect 3.5+); omitted, the connector starts running.
   */
  async createConnector(name: string, config: ConnectorConfig, initialState?: ConnectorTargetState): Promise<ConnectorInfo> {
    const context = { connector: name, action: "creating" };
    const body: Record<string, unknown> = { name, config: { ...config, name } };
    if (initialState) {
      body.initial_state = initialState.toUpperCase();
    }
    const response = await this.send({ method: "POST", path: "/connectors", body }, context);
    this.expectOk(response, context);
    return toConnectorInfo(name, response.body);
  }

  /** Replaces a connector's config (`PUT /connectors/{name}/config`); creates the connector if it is missing. */
  async updateConfig(name: string, config: ConnectorConfig): Promise<ConnectorInfo> {
    const context = { connector: name, action: "updating the config of" };
    const response = await this.send({ method: "PUT", path: `${connectorPath(name)}/config`, body: { ...config, name } }, context);
    this.expectOk(response, context);
    return toConnectorInfo(name, response.body);
  }

  /** Pauses a connector and its tasks. */
  async pause(name: string): Promise<void> {
    await this.transition(name, "pause");
  }

  /** Resumes a paused or stopped connector. */
  async resume(name: string): Promise<void> {
    await this.transition(name, "resume");
  }

  /** Stops a connector: tasks shut down, config kept (needed before an offsets reset). */
  async stop(name: string): Promise<void> {
    await this.transition(name, "stop");
  }

  /** Deletes a connector. Returns false when it did not exist (KPOps logs a warning and goes on). */
  async deleteConnector(name: string): Promise<boolean> {
    const context = { connector: name, action: "deleting" };
    const response = await this.send({ method: "DELETE", path: connectorPath(name) }, context);
    if (response.status === 404) {
      return false;
    }
    this.expectOk(response, context);
    return true;
  }

  /** Resets a stopped connector's offsets (`DELETE /connectors/{name}/offsets`, Kafka Connect 3.6+). */
  async resetOffsets(name: string): Promise<void> {
    const context = { connector: name, action: "resetting the offsets of" };
    const response = await this.send({ method: "DELETE", path: `${connectorPath(name)}/offsets` }, context);
    if (response.status === 404) {
      throw new ConnectorNotFoundError(response.request, 404, { ...errorDetails(response.body), ...context });
    }
    this.expectOk(response, context);
  }

  /**
   * Validates a connector config against its plugin
   * (`PUT /connector-plugins/{class}/config/validate`) and returns the field errors; empty when valid.
   */
  async validateConfig(config: ConnectorConfig): Promise<ConnectorConfigFieldError[]> {
    const connectorClass = config["connector.class"];
    const connector = config.name;
    const context = { connector, action: "validating the config of" };
    if (!connectorClass) {
      return [{ field: "connector.class", message: "missing" }];
    }
    const path = `/connector-plugins/${pathSegment(pluginNameOf(connectorClass))}/config/validate`;
    const response = await this.send({ method: "PUT", path, body: config }, context);
    this.expectOk(response, context);
    return fieldErrorsOf(response.body);
  }

  private async transition(name: string, verb: "pause" | "resume" | "stop"): Promise<void> {
    const context = { connector: name, action: `${verb === "stop" ? "stopping" : verb === "pause" ? "pausing" : "resuming"}` };
    const response = await this.send({ method: "PUT", path: `${connectorPath(name)}/${verb}` }, context);
    if (response.status === 404) {
      throw new ConnectorNotFoundError(response.request, 404, { ...errorDetails(response.body), ...context });
    }
    this.expectOk(response, context);
  }

  /** Sends one request, retrying while Kafka Connect answers that a rebalance is in progress or expected. */
  private async send(exchange: JsonRequest, context: { connector?: string; action: string }): Promise<JsonResponse> {
    let delay = this.retry.initialDelayMs;
    for (let attempt = 1; ; attempt++) {
      const response = await this.transport.send(exchange);
      if (!isRebalanceAnswer(response)) {
        return response;
      }
      if (attempt > this.retry.maxRetries) {
        throw new RebalanceRetriesExhaustedError(response.request, attempt, {
          ...context,
          serviceMessage: errorDetails(response.body).serviceMessage,
        }, response.status);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, this.retry.maxDelayMs);
    }
  }

  private expectOk(response: JsonResponse, context: { connector?: string; action: string }): void {
    if (response.status >= 200 && response.status < 300) {
      return;
    }
    throw new KafkaConnectError(response.request, response.status, { ...errorDetails(response.body), ...context });
  }
}

function connectorPath(name: string): string {
  return `/connectors/${pathSegment(name)}`;
}

/**
 * Whether Kafka Connect asks to come back after a rebalance: a 409 (except the one saying that a created connector
 * already exists), or a 500 whose message names a rebalance ("... because a rebalance is expected").
 */
function isRebalanceAnswer(response: JsonResponse): boolean {
  const message = errorDetails(response.body).serviceMessage ?? "";
  if (response.status === 409) return !/already exists/i.test(message);
  return response.status === 500 && /rebalance/i.test(message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toConnectorInfo(name: string, body: unknown): ConnectorInfo {
  const record = (body ?? {}) as Record<string, unknown>;
  const config = (record.config ?? {}) as Record<string, unknown>;
  return {
    name: typeof record.name === "string" ? record.name : name,
    config: Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)])),
    tasks: Array.isArray(record.tasks)
      ? record.tasks.map((task: { connector?: unknown; task?: unknown }) => ({
          connector: String(task.connector ?? name),
          task: Number(task.task),
        }))
      : [],
    type: toConnectorType(record.type),
  };
}

function toConnectorStatus(name: string, body: unknown): ConnectorStatus {
  const record = (body ?? {}) as Record<string, unknown>;
  const connector = (record.connector ?? {}) as Record<string, unknown>;
  const tasks = Array.isArray(record.tasks) ? (record.tasks as Record<string, unknown>[]) : [];
  return {
    name: typeof record.name === "string" ? record.name : name,
    connector: {
      state: String(connector.state ?? "UNASSIGNED"),
      workerId: typeof connector.worker_id === "string" ? connector.worker_id : undefined,
      trace: typeof connector.trace === "string" ? connector.trace : undefined,
    },
    tasks: tasks.map((task) => ({
      id: Number(task.id),
      state: String(task.state),
      workerId: typeof task.worker_id === "string" ? task.worker_id : undefined,
      trace: typeof task.trace === "string" ? task.trace : undefined,
    })),
    type: toConnectorType(record.type),
  };
}

function toConnectorType(value: unknown): ConnectorType | undefined {
  return value === "sink" || value === "source" ? value : value === undefined ? undefined : "unknown";
}

/** Collects `configs[].value.errors[]` from a validate answer. */
function fieldErrorsOf(body: unknown): ConnectorConfigFieldError[] {
  const record = (body ?? {}) as { error_count?: unknown; configs?: unknown };
  if (typeof record.error_count === "number" && record.error_count === 0) {
    return [];
  }
  const errors: ConnectorConfigFieldError[] = [];
  for (const entry of Array.isArray(record.configs) ? record.configs : []) {
    const value = (entry as { value?: { name?: unknown; errors?: unknown } }).value;
    if (!value || !Array.isArray(value.errors)) {
      continue;
    }
    for (const message of value.errors) {
      errors.push({ field: String(value.name), message: String(message) });
    }
  }
  return errors;
}
