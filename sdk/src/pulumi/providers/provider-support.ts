/**
 * Helpers shared by the resource operations (`*-operations.ts`). Plain functions without Pulumi imports: this code
 * runs inside the kpops plugin (and in the dynamic-provider process of stacks made before it).
 */
import { isConnectivityError } from "../../clients/http/errors";

/** The value the engine puts into inputs that are not known yet (preview of a computed value). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Where a provider reports warnings; the default writes to stderr, which the engine shows as diagnostics. */
export type ProviderLogger = (message: string) => void;

/** Default {@link ProviderLogger}. */
export const stderrLogger: ProviderLogger = (message) => {
  console.warn(`warning: ${message}`);
};

/** Basic-auth credentials as they travel through resource inputs and state (always as a Pulumi secret). */
export interface BasicAuthCredentials {
  readonly username: string;
  readonly password: string;
}

/** A check failure as the engine expects it. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** What `check` returns: the normalised inputs and the failures found. */
export interface CheckResult {
  readonly inputs: Record<string, unknown>;
  readonly failures: CheckFailure[];
}

/** True if the value is, or contains, an input the engine does not know yet. */
export function containsUnknowns(value: unknown): boolean {
  if (value === UNKNOWN_VALUE) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(containsUnknowns);
  }
  if (value && typeof value === "object") {
    return Object.values(value).some(containsUnknowns);
  }
  return false;
}

/** Structural equality of JSON-like values; unknown inputs never equal anything (they may change). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === UNKNOWN_VALUE || b === UNKNOWN_VALUE) {
    return false;
  }
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return (
      keysA.length === keysB.length &&
      keysA.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** Drops trailing slashes from a URL input, leaving unknowns alone. */
export function normaliseUrlInput(url: unknown): unknown {
  return typeof url === "string" && url !== UNKNOWN_VALUE ? url.trim().replace(/\/+$/, "") : url;
}

/** Validates a `timeoutSeconds` input, if set. */
export function timeoutFailure(property: string, timeoutSeconds: unknown): CheckFailure | undefined {
  if (timeoutSeconds === undefined || timeoutSeconds === UNKNOWN_VALUE) {
    return undefined;
  }
  if (typeof timeoutSeconds !== "number" || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    return { property, reason: `timeoutSeconds must be a positive number of seconds, got ${String(timeoutSeconds)}` };
  }
  return undefined;
}

/**
 * Validates a `connection` input (the URL is required, a timeout must be positive), pushing failures onto
 * `failures`, and drops trailing slashes from its URL. An unknown connection is returned as it is.
 */
export function normaliseConnectionInput(connection: unknown, missingUrlReason: string, failures: CheckFailure[]): unknown {
  if (connection === UNKNOWN_VALUE) {
    return connection;
  }
  const record = (connection ?? {}) as Record<string, unknown>;
  if (!record.url) {
    failures.push({ property: "connection", reason: missingUrlReason });
  }
  const timeout = timeoutFailure("connection", record.timeoutSeconds);
  if (timeout) {
    failures.push(timeout);
  }
  return { ...record, url: normaliseUrlInput(record.url) };
}

/**
 * The live part of `check`, after the offline validation in `checked`: unless that found failures,
 * `preflightChecks` is false or inputs are still unknown, runs `preflight` and adds the failures it returns. When
 * the service cannot be reached, logs `unreachableWarning` (given the error's description) and goes on: preview
 * must work without the service. Other errors are thrown.
 */
export async function withPreflightCheck<T>(
  checked: CheckResult,
  preflight: (inputs: T) => Promise<CheckFailure[]>,
  unreachableWarning: (inputs: T, reason: string) => string,
  log: ProviderLogger,
): Promise<CheckResult> {
  const { inputs, failures } = checked;
  if (failures.length > 0 || inputs.preflightChecks === false || containsUnknowns(inputs)) {
    return { inputs, failures };
  }
  const typed = inputs as unknown as T;
  try {
    failures.push(...(await preflight(typed)));
  } catch (error) {
    if (!isConnectivityError(error)) {
      throw error;
    }
    log(unreachableWarning(typed, describeError(error)));
  }
  return { inputs, failures };
}

/** A short description of an error for warnings and failures. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
