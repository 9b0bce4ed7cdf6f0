import { RequestDescription, ServiceResponseError } from "../http/errors";
import { ConnectorConfigFieldError } from "./model";

/** Service name used in Kafka Connect error messages. */
export const KAFKA_CONNECT = "Kafka Connect";

/** Kafka Connect answered with an error status for a request about a connector. */
export class KafkaConnectError extends ServiceResponseError {
  /** Connector concerned, when the request was about one. */
  readonly connector?: string;

  constructor(
    request: RequestDescription,
    status: number,
    details: { errorCode?: number; serviceMessage?: string; connector?: string; action?: string },
  ) {
    const context = [details.action, details.connector !== undefined ? `connector "${details.connector}"` : undefined]
      .filter((part) => part !== undefined)
      .join(" ");
    super(request, status, { ...details, context: context || undefined });
    this.connector = details.connector;
  }
}

/** The connector does not exist (HTTP 404) where it must. */
export class ConnectorNotFoundError extends KafkaConnectError {}

/** Kafka Connect kept answering 409 (rebalance in progress) after every allowed retry. */
export class RebalanceRetriesExhaustedError extends KafkaConnectError {
  readonly attempts: number;

  constructor(request: RequestDescription, attempts: number, details: { connector?: string; action?: string; serviceMessage?: string }, status = 409) {
    super(request, status, {
      ...details,
      serviceMessage: `rebalance still in progress after ${attempts} attempts${details.serviceMessage ? ` (${details.serviceMessage})` : ""}`,
    });
    this.attempts = attempts;
  }
}

/** The connector plugin rejected a connector configuration. */
export class ConnectorConfigInvalidError extends Error {
  readonly connector: string;
  readonly errors: readonly ConnectorConfigFieldError[];

  constructor(connector: string, errors: readonly ConnectorConfigFieldError[]) {
    const list = errors.map((error) => `${error.field}: ${error.message}`).join("; ");
    super(`[Kafka Connect] config of connector "${connector}" is invalid: ${list}`);
    this.name = new.target.name;
    this.connector = connector;
    this.errors = errors;
  }
}
