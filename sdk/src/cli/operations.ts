/**
 * The seam for the operations (`deploy`, `destroy`, `reset`, `clean`): the request the CLI builds, and the
 * handler that carries it out: the manifest operations (`--operation-mode manifest|argo`,
 * `../operations/manifest`) and the managed operations (the default: `../operations/managed`, Pulumi stacks through
 * the Automation API).
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
  /**
   * The pipelines with every step, when `--steps` filtered `pipelines` (managed mode deploys the whole pipeline as
   * one stack and operates on the selected steps only). @default pipelines
   */
  readonly fullPipelines?: readonly Pipeline[];
  /** The folder of `config.yaml` (`--config`); managed mode keeps its state in `<configDir>/.kpops/state`. @default "." */
  readonly configDir?: string;
  /** The process environment (chart mirrors: `KPOPS_CHART_MIRRORS`). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The `--operation-mode` values. */
export const OPERATION_MODES = ["argo", "manifest", "managed"] as const;
export type OperationMode = (typeof OPERATION_MODES)[number];

/** An operation handler; resolves to the process exit code. */
export type OperationHandler = (request: OperationRequest) => Promise<number>;

/** The handler of an operation in an operation mode: manifest and argo print manifests; managed mode applies them. */
export function operationHandler(_name: OperationName, mode: OperationMode = "managed"): OperationHandler | undefined {
  if (mode === "manifest" || mode === "argo") return printManifests;
  if (mode === "managed") return runManaged;
  return undefined;
}

/** Runs the request on the engine (managed mode); resolves to the exit code. */
async function runManaged(request: OperationRequest): Promise<number> {
  // loaded on use: only managed mode needs the Pulumi engine
  const { managedOperation } = await import("../operations/managed");
  const { KpopsLogger } = await import("../core/log/kpops-log");
  const result = await managedOperation({
    operation: request.operation,
    pipelines: request.fullPipelines ?? request.pipelines,
    selection: request.pipelines,
    config: request.config,
    environment: request.environment,
    dryRun: request.dryRun,
    configDir: request.configDir ?? ".",
    env: request.env,
    logger: new KpopsLogger({ level: request.verbose ? "debug" : "info" }),
  });
  return result.exitCode;
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
