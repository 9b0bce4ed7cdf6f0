/**
 * The seam for the operations (`deploy`, `destroy`, `reset`, `clean`): the request the CLI builds, and the
 * handler that carries it out: the manifest operations (`--operation-mode manifest|argo`,
 * `../operations/manifest`); for managed mode none exists yet, and the CLI reports it as not available.
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
  /** The process environment (chart mirrors: `KPOPS_CHART_MIRRORS`). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The `--operation-mode` values. */
export const OPERATION_MODES = ["argo", "manifest", "managed"] as const;
export type OperationMode = (typeof OPERATION_MODES)[number];

/** An operation handler; resolves to the process exit code. */
export type OperationHandler = (request: OperationRequest) => Promise<number>;

/**
 * The handler of an operation in an operation mode: manifest and argo print manifests; managed mode has none yet
 * (the CLI reports it as not available).
 */
export function operationHandler(_name: OperationName, mode: OperationMode = "managed"): OperationHandler | undefined {
  if (mode === "manifest" || mode === "argo") return printManifests;
  return undefined;
}

/** Prints the manifests of the request's operation (stdout) and its notes (stderr); `--dry-run` plays no part. */
async function printManifests(request: OperationRequest): Promise<number> {
  // loaded on use: only manifest mode needs the Pulumi engine
  const { manifestOperation } = await import("../operations/manifest");
  const { chartMirrorsFromEnv } = await import("../core/plan/chart-mirror");
  const env = request.env ?? process.env;
  const result = await manifestOperation({
    operation: request.operation,
    mode: request.operationMode === "argo" ? "argo" : "manifest",
    pipelines: request.pipelines,
    planOptions: { chartMirrors: chartMirrorsFromEnv(env) },
  });
  for (const warning of result.warnings) process.stderr.write(`Warning: ${warning}\n`);
  process.stdout.write(result.yaml);
  return 0;
}
