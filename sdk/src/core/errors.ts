/**
 * The one error type of the KPOps core.
 *
 * Every problem with user input (a file, a pipeline step, a field) is reported as a `KpopsError` that
 * knows where it happened, so the CLI can print a single line such as
 * `Error: pipeline.yaml: step 'app1': field 'values.image': Field required`.
 */
export interface KpopsErrorLocation {
  /** The file the problem is in (as the user named it, or absolute). */
  readonly file?: string;
  /** The pipeline step (component name, or `#<index>` when the step has no name yet). */
  readonly step?: string;
  /** Dotted path of the field inside the step or file. */
  readonly field?: string;
}

/** Marker so that errors thrown by another copy of this module (src vs dist) are still recognised. */
const KPOPS_ERROR_MARKER = "__kpopsError";

export class KpopsError extends Error implements KpopsErrorLocation {
  readonly [KPOPS_ERROR_MARKER] = true;
  readonly file?: string;
  readonly step?: string;
  readonly field?: string;
  /** The bare message, without location. */
  readonly detail: string;

  constructor(detail: string, location: KpopsErrorLocation = {}) {
    super(formatLocated(detail, location));
    this.name = "KpopsError";
    this.detail = detail;
    this.file = location.file;
    this.step = location.step;
    this.field = location.field;
  }

  /** A copy of this error with missing location parts filled from `location` (existing parts win). */
  within(location: KpopsErrorLocation): KpopsError {
    return new KpopsError(this.detail, {
      file: this.file ?? location.file,
      step: this.step ?? location.step,
      field: this.field ?? location.field,
    });
  }

  /** A copy whose field path is prefixed by `prefix` (e.g. `values` + `image` -> `values.image`). */
  underField(prefix: string): KpopsError {
    const field = this.field ? `${prefix}.${this.field}` : prefix;
    return new KpopsError(this.detail, { file: this.file, step: this.step, field });
  }
}

/** True for any KpopsError, also one created by another loaded copy of this module. */
export function isKpopsError(value: unknown): value is KpopsError {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[KPOPS_ERROR_MARKER] === true;
}

/** Wraps any thrown value into a KpopsError at `location` (KpopsErrors keep their own, more precise parts). */
export function asKpopsError(error: unknown, location: KpopsErrorLocation = {}): KpopsError {
  if (isKpopsError(error)) return error.within(location);
  const message = error instanceof Error ? error.message : String(error);
  return new KpopsError(message, location);
}

function formatLocated(detail: string, location: KpopsErrorLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.step) parts.push(`step '${location.step}'`);
  if (location.field) parts.push(`field '${location.field}'`);
  parts.push(detail);
  return parts.join(": ");
}
