/**
 * What reset and clean mean for an app with a streams-bootstrap cleanup job (KPOps' StreamsBootstrap apps): the
 * release is uninstalled, then the cleaner (`cleaner()`, a Helm app of the `*-cleanup-job` chart) runs with
 * `deleteOutput` false (reset) or true (clean), and clean deletes the PVCs of a stateful app with persistence.
 * Each app class says which of these apply to it.
 */
import type { ManifestMode, ManifestOperation, ManifestPart, Operation, OperationPlan, PlanOptions } from "../../plan/types";
import { ARGO_HOOK, type HelmApp } from "./helm-app";

/** How an app is reset and cleaned. */
export interface CleanupBehaviour {
  /** Whether reset runs the cleanup job (a producer's reset only uninstalls). */
  readonly jobOnReset: boolean;
  /** The values section that holds `deleteOutput` (`kafka` in v3, `streams` in v2); none for a producer. */
  readonly deleteOutputSection?: "kafka" | "streams";
  /** Whether clean deletes PVCs (when the app is stateful with persistence). */
  readonly deletesPvcs: boolean;
}

/** An app with a cleaner. */
export interface CleanableApp extends HelmApp {
  cleaner(): HelmApp;
}

/** An app with a cleaner that also prints its topics as Strimzi `KafkaTopic`s in manifest mode. */
export interface ManifestCleanableApp extends CleanableApp {
  /** The app's Strimzi `KafkaTopic` parts (one per `to` topic). */
  strimziTopics(): ManifestPart[];
}

/** The operation plan of a streams-bootstrap app. */
export function cleanupOperationPlan(app: CleanableApp, operation: Operation, options: PlanOptions, behaviour: CleanupBehaviour): OperationPlan {
  const uninstall = { operation, uninstallRelease: app.helmReleaseName };
  const runsJob = operation === "clean" || (operation === "reset" && behaviour.jobOnReset);
  if (!runsJob) return { ...uninstall, deletedTopics: [], deletedSubjects: [] };
  const clean = operation === "clean";
  const cleaner = app.cleaner();
  if (behaviour.deleteOutputSection !== undefined) {
    const section = (cleaner.values[behaviour.deleteOutputSection] ??= {}) as Record<string, unknown>;
    section.deleteOutput = clean;
  }
  const deployed = app.plan(options);
  const values = app.values as {
    statefulSet?: boolean;
    persistence?: { enabled?: boolean } | null;
    kafka?: { applicationId?: unknown; groupId?: unknown } | null;
    streams?: { applicationId?: unknown } | null;
  };
  const applicationId = values.kafka?.applicationId ?? values.streams?.applicationId;
  const groupId = values.kafka?.groupId;
  const consumerGroup = typeof applicationId === "string" ? applicationId : typeof groupId === "string" ? groupId : undefined;
  const stateful = values.statefulSet === true && values.persistence?.enabled === true;
  return {
    ...uninstall,
    cleanupJob: cleaner.releasePlan(options),
    retainCleanupJob: app.ctx.config.retain_clean_jobs === true,
    consumerGroup,
    streamsApplication: consumerGroup !== undefined && typeof applicationId === "string",
    deletePvcs:
      clean && behaviour.deletesPvcs && stateful
        ? { namespace: app.namespace, labelSelector: `app.kubernetes.io/name=${app.helmNameOverride}` }
        : undefined,
    deletedTopics: clean ? deployed.topics.map((t) => t.name) : [],
    deletedSubjects: clean ? deployed.subjects.map((s) => s.subject) : [],
  };
}

/**
 * What a streams-bootstrap app prints in manifest mode (KPOps' `manifest_*` of the apps and their cleaners);
 * `base` is what the app prints without its cleaner (deploy: its chart and topics; destroy: its topics).
 * - deploy: `base`; in argo mode also the cleaner's chart with its values as configured and the Argo CD hook
 *   `PostDelete`, so that Argo runs the cleanup job when the application is deleted;
 * - destroy: `base`;
 * - reset: the cleanup job of the reset plan (`deleteOutput` false) when reset runs one, then the topics;
 * - clean: in manifest mode the cleaner's chart with its values as configured, in argo mode nothing. As in KPOps,
 *   `deleteOutput` is not set to true here (a streams app's job runs `reset`; see docs/deviations.md).
 */
export function cleanupManifestPlan(
  app: ManifestCleanableApp,
  operation: ManifestOperation,
  mode: ManifestMode,
  options: PlanOptions,
  behaviour: CleanupBehaviour,
  base: ManifestPart[],
): ManifestPart[] {
  const cleanerAsConfigured = (annotations: Record<string, string>): ManifestPart => ({ kind: "helm-template", release: app.cleaner().releasePlan(options), annotations });
  switch (operation) {
    case "deploy":
      return mode === "argo" ? [...base, cleanerAsConfigured({ [ARGO_HOOK]: "PostDelete" })] : base;
    case "destroy":
      return base;
    case "reset": {
      const job = behaviour.jobOnReset ? cleanupOperationPlan(app, "reset", options, behaviour).cleanupJob : undefined;
      return [...(job ? [{ kind: "helm-template", release: job, annotations: {} } as const] : []), ...app.strimziTopics()];
    }
    case "clean":
      return mode === "manifest" ? [cleanerAsConfigured({})] : [];
  }
}
