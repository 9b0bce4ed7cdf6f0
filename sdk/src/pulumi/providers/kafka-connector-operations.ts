/**
 * What the kpops plugin does for a `KafkaConnector` (`provider/src/custom-resources.ts`), as plain exported
 * functions over plain objects. Stacks made before the plugin hold serialised dynamic providers that `require`
 * this module from the installed package too, so it keeps its path and exports.
 *
 * Semantics follow KPOps' connector handler: create, or adopt an existing connector of the same name by
 * updating its config; `state` pauses, resumes or stops; delete tolerates a missing connector; preview
 * validates the config against the connector plugin.
 */
import { ConnectorNotFoundError } from "../../clients/kafka-connect/errors";
import { KafkaConnectClient, KafkaConnectConnection, RebalanceRetryPolicy } from "../../clients/kafka-connect/client";
import { CONNECTOR_TARGET_STATES, ConnectorConfig, ConnectorTargetState, targetStateOf } from "../../clients/kafka-connect/model";
import {
  BasicAuthCredentials,
  CheckFailure,
  CheckResult,
  ProviderLogger,
  UNKNOWN_VALUE,
  normaliseConnectionInput,
  normaliseUrlInput,
  sameValue,
  stderrLogger,
  withPreflightCheck,
} from "./provider-support";

/** Connection inputs of a connector resource. Credentials travel separately, as a secret. */
export interface KafkaConnectConnectionInputs {
  readonly url: string;
  /** @default 30 */
  readonly timeoutSeconds?: number;
  readonly rebalanceRetry?: RebalanceRetryPolicy;
}

/** Inputs of the connector resource after `check` (config values are strings, `config.name` equals `connectorName`). */
export interface KafkaConnectorInputs {
  readonly connectorName: string;
  readonly config: ConnectorConfig;
  readonly state?: ConnectorTargetState;
  readonly connection: KafkaConnectConnectionInputs;
  readonly credentials?: BasicAuthCredentials;
  /** @default true */
  readonly preflightChecks?: boolean;
}

/** State of the connector resource: the inputs plus what Kafka Connect reports. */
export interface KafkaConnectorOutputs extends KafkaConnectorInputs {
  /** `sink` or `source`, as Kafka Connect reports it. */
  readonly connectorType?: string;
  /** Live connector state at the last create, update or refresh (RUNNING, PAUSED, STOPPED, FAILED, …). */
  readonly liveState?: string;
}

/** Builds the client for a connection; tests pass their own. */
export type KafkaConnectClientFactory = (connection: KafkaConnectConnection) => KafkaConnectClient;

/** The factory used by the provider: a real client over undici. */
export const defaultKafkaConnectClientFactory: KafkaConnectClientFactory = (connection) => new KafkaConnectClient(connection);

/** Result of {@link validateConnectorForPreview}. */
export interface ConnectorPreviewReport {
  /** Whether the connector exists already (it will be adopted or updated rather than created). */
  readonly exists: boolean;
  /** Field errors found by the plugin, formatted like KPOps: `field: message`. */
  readonly errors: readonly string[];
}

function clientFor(inputs: Pick<KafkaConnectorInputs, "connection" | "credentials">, factory: KafkaConnectClientFactory): KafkaConnectClient {
  return factory({
    url: inputs.connection.url,
    timeoutSeconds: inputs.connection.timeoutSeconds,
    rebalanceRetry: inputs.connection.rebalanceRetry,
    username: inputs.credentials?.username,
    password: inputs.credentials?.password,
  });
}

/** Normalises connector config values the way KPOps serialises them: strings as they are, others JSON-encoded, nulls dropped. */
export function normaliseConnectorConfig(config: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null || value === undefined) {
      continue;
    }
    out[key] = typeof value === "string" ? value : Array.isArray(value) ? value.map(String).join(",") : JSON.stringify(value);
  }
  return out;
}

/**
 * Offline validation and normalisation of connector inputs (no service call). Returns the normalised inputs
 * and failures that name the connector.
 */
export function normaliseConnectorInputs(news: Record<string, unknown>): CheckResult {
  const failures: CheckFailure[] = [];
  const name = news.connectorName;
  const label = typeof name === "string" ? `connector "${name}"` : "connector";
  if (name !== UNKNOWN_VALUE && (typeof name !== "string" || name.trim() === "")) {
    failures.push({ property: "connectorName", reason: "connectorName must be a non-empty string" });
  }
  let config = news.config;
  if (config !== UNKNOWN_VALUE) {
    if (!config || typeof config !== "object" || Array.isArray(config)) {
      failures.push({ property: "config", reason: `${label}: config must be a map of strings` });
      config = {};
    } else {
      const normalised = normaliseConnectorConfig(config as Record<string, unknown>);
      const connectorClass = normalised["connector.class"];
      if (connectorClass === undefined) {
        failures.push({ property: "config", reason: `${label}: config must set "connector.class"` });
      } else if (connectorClass !== UNKNOWN_VALUE && !connectorClass.includes(".")) {
        failures.push({ property: "config", reason: `${label}: "connector.class" must be a fully qualified class name, got "${connectorClass}"` });
      }
      if (normalised.name !== undefined && normalised.name !== UNKNOWN_VALUE && name !== UNKNOWN_VALUE && normalised.name !== name) {
        failures.push({ property: "config", reason: `Connector name "${normalised.name}" in config should be the same as the connector name "${String(name)}"` });
      }
      if (typeof name === "string") {
        normalised.name = name;
      }
      config = normalised;
    }
  }
  const state = news.state;
  if (state !== undefined && state !== UNKNOWN_VALUE && !CONNECTOR_TARGET_STATES.includes(state as ConnectorTargetState)) {
    failures.push({ property: "state", reason: `${label}: state must be one of ${CONNECTOR_TARGET_STATES.join(", ")}, got "${String(state)}"` });
  }
  const connection = normaliseConnectionInput(news.connection, `${label}: connection.url (the Kafka Connect URL) is required`, failures);
  return { inputs: { ...news, config, connection }, failures };
}

/**
 * The checks KPOps makes in a dry run, against the live service: does the connector exist, and does the
 * plugin accept the config (`PUT /connector-plugins/{class}/config/validate`)? Throws when the service cannot
 * be reached; callers decide whether that is fatal.
 */
export async function validateConnectorForPreview(
  inputs: KafkaConnectorInputs,
  clientFactory: KafkaConnectClientFactory = defaultKafkaConnectClientFactory,
): Promise<ConnectorPreviewReport> {
  const client = clientFor(inputs, clientFactory);
  const existing = await client.getConnector(inputs.connectorName);
  const fieldErrors = await client.validateConfig({ ...inputs.config, name: inputs.connectorName });
  return { exists: existing !== undefined, errors: fieldErrors.map((e) => `${e.field}: ${e.message}`) };
}

/**
 * `check`: normalise, validate offline, then (unless `preflightChecks` is false or inputs are still unknown)
 * validate the config against the plugin. If Kafka Connect cannot be reached, warn and go on: preview must work
 * without the service.
 */
export async function checkConnector(
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
  clientFactory: KafkaConnectClientFactory = defaultKafkaConnectClientFactory,
  log: ProviderLogger = stderrLogger,
): Promise<CheckResult> {
  return withPreflightCheck<KafkaConnectorInputs>(
    normaliseConnectorInputs(news),
    async (typed) => {
      const report = await validateConnectorForPreview(typed, clientFactory);
      if (report.errors.length === 0) {
        return [];
      }
      return [{ property: "config", reason: `validating the config of connector "${typed.connectorName}" found errors: ${report.errors.join("; ")}` }];
    },
    (typed, reason) => `Kafka Connect not reachable, config of connector "${typed.connectorName}" not validated: ${reason}`,
    log,
  );
}

/**
 * `diff`, offline and input-based. A new connector name replaces the connector (create the new one, then delete
 * the old one). A new Kafka Connect URL replaces it too, deleting first, so that a URL that names the same
 * cluster differently does not delete the adopted connector. Config, state, credentials and timeouts update in
 * place.
 */
export async function diffConnector(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }> {
  const replaces: string[] = [];
  if (!sameValue(olds.connectorName, news.connectorName) && news.connectorName !== UNKNOWN_VALUE) {
    replaces.push("connectorName");
  }
  const oldUrl = (olds.connection as Record<string, unknown> | undefined)?.url;
  const newUrl = news.connection === UNKNOWN_VALUE ? UNKNOWN_VALUE : (news.connection as Record<string, unknown> | undefined)?.url;
  const urlChanged = newUrl !== UNKNOWN_VALUE && !sameValue(normaliseUrlInput(oldUrl), normaliseUrlInput(newUrl));
  if (urlChanged) {
    replaces.push("connection");
  }
  const keys = ["connectorName", "config", "state", "connection", "credentials", "preflightChecks"];
  const changes = keys.some((key) => !sameValue(olds[key], news[key]));
  return { changes, replaces, deleteBeforeReplace: urlChanged };
}

/** `create`: create the connector, or adopt one of the same name by updating its config; then apply `state`. */
export async function createConnector(
  inputs: KafkaConnectorInputs,
  clientFactory: KafkaConnectClientFactory = defaultKafkaConnectClientFactory,
): Promise<{ id: string; outs: KafkaConnectorOutputs }> {
  const client = clientFor(inputs, clientFactory);
  const name = inputs.connectorName;
  const config = { ...inputs.config, name };
  const existing = await client.getConnector(name);
  let info;
  if (existing) {
    info = sameValue(existing.config, config) ? existing : await client.updateConfig(name, config);
  } else {
    info = await client.createConnector(name, config, inputs.state);
  }
  const liveState = await applyTargetState(client, name, inputs.state);
  return { id: name, outs: dropUndefined({ ...inputs, config, connectorType: info.type, liveState }) };
}

/** `read` (refresh): config and state from Kafka Connect; an empty id when the connector is gone. */
export async function readConnector(
  id: string,
  props: KafkaConnectorOutputs,
  clientFactory: KafkaConnectClientFactory = defaultKafkaConnectClientFactory,
): Promise<{ id: string; props?: KafkaConnectorOutputs; inputs?: KafkaConnectorInputs }> {
  const client = clientFor(props, clientFactory);
  const name = props.connectorName ?? id;
  const info = await client.getConnector(name);
  if (!info) {
    return { id: "" };
  }
  const status = await client.getStatus(name);
  const liveState = status?.connector.state;
  const state = props.state === undefined ? undefined : (targetStateOf(liveState) ?? props.state);
  const inputs: KafkaConnectorInputs = dropUndefined({
    connectorName: name,
    config: info.config,
    state,
    connection: props.connection,
    credentials: props.credentials,
    preflightChecks: props.preflightChecks,
  });
  return { id, props: dropUndefined({ ...inputs, connectorType: info.type ?? props.connectorType, liveState }), inputs };
}

/** `update`: PUT the config when it changed, then pause/resume/stop as `state` asks. */
export async function updateConnector(
  _id: string,
  olds: KafkaConnectorOutputs,
  news: KafkaConnectorInputs,
  clientFactory: KafkaConnectClientFactory = defaultKafkaConnectClientFactory,
): Promise<{ outs: KafkaConnectorOutputs }> {
  const client = clientFor(news, clientFactory);
  const name = news.connectorName;
  const config = { ...news.config, name };
  let connectorType = olds.connectorType;
  if (!sameValue(olds.config, config)) {
    connectorType = (await client.updateConfig(name, config)).type ?? connectorType;
  }
  const liveState = await applyTargetState(client, name, news.state);
  return { outs: dropUndefined({ ...news, config, connectorType, liveState }) };
}

/** `delete`: delete the connector; one that is already gone only earns a warning (as in KPOps' destroy). */
export async function deleteConnector(
  id: string,
  props: KafkaConnectorOutputs,
  clientFactory: KafkaConnectClientFactory = defaultKafkaConnectClientFactory,
  log: ProviderLogger = stderrLogger,
): Promise<void> {
  const name = props.connectorName ?? id;
  const deleted = await clientFor(props, clientFactory).deleteConnector(name);
  if (!deleted) {
    log(`connector "${name}" does not exist in Kafka Connect; nothing to delete`);
  }
}

/**
 * Brings the live state to the target: `paused` pauses, `running` resumes, `stopped` stops; no target leaves it
 * alone. A connector in FAILED or UNASSIGNED state is not resumed (a resume does not restart a failed connector).
 * Returns the live state afterwards as Kafka Connect reports it.
 */
async function applyTargetState(client: KafkaConnectClient, name: string, target: ConnectorTargetState | undefined): Promise<string | undefined> {
  const status = await client.getStatus(name);
  const live = status?.connector.state;
  if (target === undefined || targetStateOf(live) === target) {
    return live;
  }
  if (target === "running" && targetStateOf(live) === undefined) {
    return live;
  }
  try {
    if (target === "paused") {
      await client.pause(name);
    } else if (target === "stopped") {
      await client.stop(name);
    } else {
      await client.resume(name);
    }
  } catch (error) {
    if (error instanceof ConnectorNotFoundError) {
      throw new Error(`connector "${name}" disappeared while setting its state to ${target}: ${error.message}`);
    }
    throw error;
  }
  return (await client.getStatus(name))?.connector.state ?? live;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
