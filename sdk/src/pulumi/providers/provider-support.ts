/**
 * Helpers shared by the dynamic-provider operations (`*-operations.ts`). Plain functions without Pulumi imports:
 * this code runs inside the dynamic-provider process, loaded from the installed package.
 */

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

/** A short description of an error for warnings and failures. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
