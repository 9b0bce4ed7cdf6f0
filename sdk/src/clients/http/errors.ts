/**
 * Errors common to all HTTP service clients. Each service adds its own subclasses (see
 * `schema-registry/errors.ts`, `kafka-connect/errors.ts`) that name the subject or connector concerned.
 */

/** Which request failed: enough to reproduce it by hand, never any credential. */
export interface RequestDescription {
  /** Human name of the service, e.g. "Kafka Connect". */
  readonly service: string;
  readonly method: string;
  /** Full URL without credentials. */
  readonly url: string;
}

/** Base class of every error a service client throws. */
export class ServiceError extends Error {
  readonly service: string;
  readonly method: string;
  readonly url: string;

  constructor(request: RequestDescription, message: string, options?: { cause?: unknown }) {
    super(`[${request.service}] ${message} (${request.method} ${request.url})`, options);
    this.name = new.target.name;
    this.service = request.service;
    this.method = request.method;
    this.url = request.url;
  }
}

/** The service could not be reached at all: connection refused, DNS failure, reset socket. */
export class ServiceUnreachableError extends ServiceError {
  constructor(request: RequestDescription, cause: unknown) {
    super(request, `cannot reach the service: ${describeCause(cause)}`, { cause });
  }
}

/** The service did not answer within the configured timeout. */
export class ServiceTimeoutError extends ServiceError {
  readonly timeoutSeconds: number;

  constructor(request: RequestDescription, timeoutSeconds: number, cause?: unknown) {
    super(request, `no answer within ${timeoutSeconds} s`, { cause });
    this.timeoutSeconds = timeoutSeconds;
  }
}

/** The service answered with an unexpected HTTP status. */
export class ServiceResponseError extends ServiceError {
  /** HTTP status code of the answer. */
  readonly status: number;
  /** The service's own error code (`error_code` in both Confluent-style APIs), when it sent one. */
  readonly errorCode?: number;
  /** The service's own error message, or the raw body when it was not JSON. */
  readonly serviceMessage?: string;

  constructor(
    request: RequestDescription,
    status: number,
    details: { errorCode?: number; serviceMessage?: string; context?: string },
  ) {
    const what = details.context ? `${details.context}: ` : "";
    const said = details.serviceMessage ? `: ${details.serviceMessage}` : "";
    const code = details.errorCode !== undefined ? ` error_code ${details.errorCode}` : "";
    super(request, `${what}HTTP ${status}${code}${said}`);
    this.status = status;
    this.errorCode = details.errorCode;
    this.serviceMessage = details.serviceMessage;
  }

  /** True for 401 and 403: the credentials are missing or wrong. */
  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** True for failures that mean "the service is not there" rather than "the service said no". */
export function isConnectivityError(error: unknown): error is ServiceUnreachableError | ServiceTimeoutError {
  if (error instanceof ServiceUnreachableError || error instanceof ServiceTimeoutError) {
    return true;
  }
  // Also recognise copies loaded from another path of the same package (e.g. a dynamic provider's require).
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === "ServiceUnreachableError" || name === "ServiceTimeoutError";
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? `${code} ${cause.message}`.trim() : cause.message;
  }
  return String(cause);
}
