/**
 * Manifest mode of the operations (`kpops deploy|destroy|reset|clean --operation-mode manifest|argo`): the
 * Kubernetes manifests and Strimzi `KafkaTopic` resources an operation stands for, printed instead of applied,
 * with no cluster. Each component's `manifestPlan` says what it prints (as KPOps' `manifest_*`); Helm charts are
 * rendered by the real Helm engine of the kubernetes provider on the Pulumi engine (`./engine.ts`).
 */
import type { Pipeline } from "../../core/pipeline/pipeline";
import type { ManifestMode, ManifestOperation, PlanOptions } from "../../core/plan/types";
import { pulumiHelmRenderer, type HelmRenderer, type KubernetesObject } from "./engine";
import { planManifests } from "./plan";
import { renderManifests, toManifestStream } from "./render";

export { pulumiHelmRenderer, type HelmRenderer, type KubernetesObject, type PulumiHelmRendererOptions } from "./engine";
export { helmTemplateOptions, type HelmTemplateOptions } from "./helm-template";
export { planManifests, type StepManifestPlan } from "./plan";
export { renderManifests, sortKeys, strimziKafkaTopic, toManifestStream } from "./render";

/** What to print. */
export interface ManifestRequest {
  readonly operation: ManifestOperation;
  readonly mode: ManifestMode;
  readonly pipelines: readonly Pipeline[];
  /** Plan options (chart mirrors, secret keys). */
  readonly planOptions?: PlanOptions;
  /** The Helm renderer. @default pulumiHelmRenderer() (the Pulumi engine of the process environment) */
  readonly render?: HelmRenderer;
  /** Where relative local chart paths are taken from. @default process.cwd() */
  readonly cwd?: string;
}

/** The manifests of an operation. */
export interface ManifestResult {
  /** The objects, in output order, keys sorted. */
  readonly objects: KubernetesObject[];
  /** The YAML stream to print (`---` before each object; empty when there is none). */
  readonly yaml: string;
  /** Notes for the user (stderr), e.g. that argo mode prints no cleanup jobs for clean. */
  readonly warnings: string[];
}

/** KPOps' warning for `clean` in argo mode, which prints nothing. */
export const ARGO_CLEAN_WARNING =
  "No cleanup jobs are manifested in Argo mode. The cleanup jobs with Argo hooks are manifested with 'deploy' command. " +
  "If you wish to see the cleanup job manifest use the 'manifest' operation mode.";

/** The manifests `request.operation` stands for (see the module comment). */
export async function manifestOperation(request: ManifestRequest): Promise<ManifestResult> {
  const plans = planManifests(request.pipelines, request.operation, request.mode, request.planOptions);
  const objects = await renderManifests(plans, request.render ?? pulumiHelmRenderer(), request.cwd);
  const warnings = request.operation === "clean" && request.mode === "argo" ? [ARGO_CLEAN_WARNING] : [];
  return { objects, yaml: toManifestStream(objects), warnings };
}
