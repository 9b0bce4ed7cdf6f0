/**
 * The seam for the operations (`deploy`, `destroy`, `reset`, `clean`): the request the CLI builds, and the
 * handler that will carry it out; until there is one, the CLI reports that the operation is not available yet.
 */
import type { KpopsConfig } from "../core/config/load-config";
import type { Pipeline } from "../core/pipeline/pipeline";

export const OPERATIONS = ["deploy", "destroy", "reset", "clean"] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** What the CLI passes to an operation handler. */
export interface OperationRequest {
  readonly operation: OperationName;
  readonly pipelines: readonly Pipeline[];
  readonly config: KpopsConfig;
  readonly environment?: string;
  /** `--dry-run` (default) or `--execute`. */
  readonly dryRun: boolean;
  readonly parallel: boolean;
  readonly operationMode: "argo" | "manifest" | "managed";
  readonly verbose: boolean;
}

/** An operation handler; resolves to the process exit code. */
export type OperationHandler = (request: OperationRequest) => Promise<number>;

/**
 * The handler of an operation. None exists yet (the operations layer over the Automation API is the next piece of
 * work), so the CLI reports every operation as not available.
 */
export function operationHandler(_name: OperationName): OperationHandler | undefined {
  return undefined;
}
