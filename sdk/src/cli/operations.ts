/**
 * The seam for the operations (`deploy`, `destroy`, `reset`, `clean`): later work registers a handler per
 * operation; until then the CLI reports that the operation is not available yet.
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

const handlers = new Map<OperationName, OperationHandler>();

export function registerOperation(name: OperationName, handler: OperationHandler): void {
  handlers.set(name, handler);
}

export function operationHandler(name: OperationName): OperationHandler | undefined {
  return handlers.get(name);
}
