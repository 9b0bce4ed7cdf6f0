/**
 * Shapes of the Kafka Connect REST API as this client exposes them. Wire names are mapped in `client.ts` only.
 */

/** Media type of the Kafka Connect API. */
export const KAFKA_CONNECT_MEDIA_TYPE = "application/json";

/** Connector configuration: string keys and string values, as Kafka Connect stores it. */
export type ConnectorConfig = Record<string, string>;

/** Target state a connector can be put into (KPOps `state`, plus `stopped` from KIP-875). */
export type ConnectorTargetState = "running" | "paused" | "stopped";

/** All target states, for validation of user input. */
export const CONNECTOR_TARGET_STATES: readonly ConnectorTargetState[] = ["running", "paused", "stopped"];

/** Live connector state as `GET /connectors/{name}/status` reports it. */
export type ConnectorLiveState = "RUNNING" | "PAUSED" | "STOPPED" | "FAILED" | "UNASSIGNED" | "RESTARTING";

/** Connector type as Kafka Connect reports it. */
export type ConnectorType = "sink" | "source" | "unknown";

/** `GET /connectors/{name}`. */
export interface ConnectorInfo {
  readonly name: string;
  readonly config: ConnectorConfig;
  readonly tasks: readonly { readonly connector: string; readonly task: number }[];
  readonly type?: ConnectorType;
}

/** `GET /connectors/{name}/status`. */
export interface ConnectorStatus {
  readonly name: string;
  readonly connector: { readonly state: ConnectorLiveState | string; readonly workerId?: string; readonly trace?: string };
  readonly tasks: readonly { readonly id: number; readonly state: string; readonly workerId?: string; readonly trace?: string }[];
  readonly type?: ConnectorType;
}

/** One field error found by `PUT /connector-plugins/{class}/config/validate`. */
export interface ConnectorConfigFieldError {
  /** Config key the error is about. */
  readonly field: string;
  /** The plugin's message. */
  readonly message: string;
}

/** Maps a live state onto the target state it corresponds to, if any (FAILED, UNASSIGNED… have none). */
export function targetStateOf(live: string | undefined): ConnectorTargetState | undefined {
  switch (live) {
    case "RUNNING":
      return "running";
    case "PAUSED":
      return "paused";
    case "STOPPED":
      return "stopped";
    default:
      return undefined;
  }
}

/**
 * The plugin name used in the validate endpoint: the simple class name after the last `.`, as KPOps sends it
 * (Kafka Connect accepts the simple name, an alias or the full class name).
 */
export function pluginNameOf(connectorClass: string): string {
  const parts = connectorClass.split(".");
  return parts[parts.length - 1] ?? connectorClass;
}
