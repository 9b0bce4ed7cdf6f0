import { request } from "undici";
import { basicAuthHeader, normaliseBaseUrl, ServiceConnection, timeoutMillis } from "./connection";
import { RequestDescription, ServiceTimeoutError, ServiceUnreachableError } from "./errors";

/** One HTTP exchange as the service clients describe it. */
export interface JsonRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, already percent-encoded, starting with `/`. */
  readonly path: string;
  /** Query parameters, appended in insertion order. */
  readonly query?: Readonly<Record<string, string>>;
  /** JSON body; omitted when undefined. */
  readonly body?: unknown;
}

/** The answer: status and body (parsed JSON when it parses, else the text; undefined when empty). */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
  /** Describes the exchange for error messages. */
  readonly request: RequestDescription;
}

/** Options of a transport that the service decides, not the user. */
export interface JsonTransportOptions {
  /** Service name used in error messages, e.g. "Schema Registry". */
  readonly service: string;
  /** Media type sent as `Content-Type` and `Accept`. */
  readonly mediaType: string;
}

/**
 * Sends JSON requests to one service over undici: base URL, basic auth, media type and timeout in one place.
 * It never interprets statuses; the clients do. Transport failures become {@link ServiceUnreachableError} or
 * {@link ServiceTimeoutError}.
 */
export class JsonTransport {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly authorization?: string;

  constructor(
    connection: ServiceConnection,
    private readonly options: JsonTransportOptions,
  ) {
    if (!connection.url) {
      throw new TypeError(`${options.service}: a URL is required`);
    }
    this.baseUrl = normaliseBaseUrl(connection.url);
    this.timeoutMs = timeoutMillis(connection);
    this.authorization = basicAuthHeader(connection);
  }

  /** Sends one request and reads the whole answer. */
  async send(exchange: JsonRequest): Promise<JsonResponse> {
    const url = this.urlFor(exchange);
    const description: RequestDescription = { service: this.options.service, method: exchange.method, url };
    const headers: Record<string, string> = { accept: this.options.mediaType };
    if (this.authorization) {
      headers.authorization = this.authorization;
    }
    let payload: string | undefined;
    if (exchange.body !== undefined) {
      payload = JSON.stringify(exchange.body);
      headers["content-type"] = this.options.mediaType;
    }
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const answer = await request(url, { method: exchange.method, headers, body: payload, signal });
      const text = await answer.body.text();
      return { status: answer.statusCode, body: parseBody(text), request: description };
    } catch (error) {
      if (signal.aborted) {
        throw new ServiceTimeoutError(description, this.timeoutMs / 1000, error);
      }
      throw new ServiceUnreachableError(description, error);
    }
  }

  private urlFor(exchange: JsonRequest): string {
    const query = exchange.query ? new URLSearchParams(exchange.query).toString() : "";
    return `${this.baseUrl}${exchange.path}${query ? `?${query}` : ""}`;
  }
}

/** Percent-encodes one path segment (subject and connector names may contain `/`, spaces, etc.). */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}

function parseBody(text: string): unknown {
  if (text === "") {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads `error_code` and `message` from a Confluent-style error body (both services use that shape). */
export function errorDetails(body: unknown): { errorCode?: number; serviceMessage?: string } {
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    const errorCode = typeof record.error_code === "number" ? record.error_code : undefined;
    const serviceMessage = typeof record.message === "string" ? record.message : undefined;
    return { errorCode, serviceMessage };
  }
  if (typeof body === "string" && body.trim() !== "") {
    return { serviceMessage: body.trim().slice(0, 500) };
  }
  return {};
}
