/**
 * What reset and clean mean for an app with a streams-bootstrap cleanup job (KPOps' StreamsBootstrap apps): the
 * release is uninstalled, then the cleaner (`cleaner()`, a Helm app of the `*-cleanup-job` chart) runs with
 * `deleteOutput` false (reset) or true (clean), and clean deletes the PVCs of a stateful app with persistence.
 * Each app class says which of these apply to it.
 */
import type { Operation, OperationPlan, PlanOptions } from "../../plan/types";
import type { HelmApp } from "./helm-app";

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
  const values = app.values as { statefulSet?: boolean; persistence?: { enabled?: boolean } | null };
  const stateful = values.statefulSet === true && values.persistence?.enabled === true;
  return {
    ...uninstall,
    cleanupJob: cleaner.releasePlan(options),
    retainCleanupJob: app.ctx.config.retain_clean_jobs === true,
    deletePvcs:
      clean && behaviour.deletesPvcs && stateful
        ? { namespace: app.namespace, labelSelector: `app.kubernetes.io/name=${app.helmNameOverride}` }
        : undefined,
    deletedTopics: clean ? deployed.topics.map((t) => t.name) : [],
    deletedSubjects: clean ? deployed.subjects.map((s) => s.subject) : [],
  };
}
