/**
 * Connection settings shared by the HTTP service clients (Schema Registry, Kafka Connect).
 *
 * KPOps' `config.yaml` gives each service a `url` and a `timeout` in seconds (default 30); credentials are
 * an addition of this project (HTTP basic auth), kept as Pulumi secrets by the layers above.
 */
export interface ServiceConnection {
  /** Base URL of the service, e.g. `http://localhost:8083`. A trailing slash is allowed and ignored. */
  readonly url: string;
  /**
   * Time allowed for one HTTP exchange (request sent, answer read), in seconds.
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /** HTTP basic auth user. Sent only together with `password`. */
  readonly username?: string;
  /** HTTP basic auth password. */
  readonly password?: string;
}

/** The timeout KPOps uses for its service clients when `config.yaml` does not set one. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

/** Drops trailing slashes so that `http://h:1/` (as KPOps renders URLs) and `http://h:1` name the same service. */
export function normaliseBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/** The `Authorization` header value for basic auth, or undefined when no complete credentials are given. */
export function basicAuthHeader(connection: ServiceConnection): string | undefined {
  if (connection.username === undefined || connection.username === "" || connection.password === undefined) {
    return undefined;
  }
  const token = Buffer.from(`${connection.username}:${connection.password}`, "utf8").toString("base64");
  return `Basic ${token}`;
}

/** Timeout in milliseconds, falling back to the KPOps default; rejects nonsense values early. */
export function timeoutMillis(connection: ServiceConnection): number {
  const seconds = connection.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new RangeError(`timeoutSeconds must be a positive number of seconds, got ${String(seconds)}`);
  }
  return Math.round(seconds * 1000);
}
