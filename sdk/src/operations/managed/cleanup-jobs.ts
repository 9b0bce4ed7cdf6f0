/**
 * The cleanup jobs of reset and clean (streams-bootstrap `*-cleanup-job` charts with `deleteOutput` false or
 * true), run as Helm releases of a second stack per pipeline (`<stack>.cleanup`) on the engine: any cleanup release
 * left from an earlier run is uninstalled first, then every job's release is installed and waited for (`--wait
 * --wait-for-jobs`), then uninstalled unless `retain_clean_jobs`. The release inputs are the Pulumi layer's
 * (`releaseInputs`), so a job is installed exactly as a step's release would be.
 */
import type * as automation from "@pulumi/pulumi/automation";
import type { ReleasePlan } from "../../core/plan/types";
import { openStack, type EngineSettings } from "./engine";
import type { ProgressTracker } from "./progress";

/** One cleanup job of a step. */
export interface CleanupJob {
  readonly step: string;
  readonly release: ReleasePlan;
  /** Keep the release after the job finished (`retain_clean_jobs`). */
  readonly retain: boolean;
}

/** The program that installs `jobs`. */
function cleanupProgram(jobs: readonly CleanupJob[], kubeContext?: string): automation.PulumiFn {
  return async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const k8s = require("@pulumi/kubernetes") as typeof import("@pulumi/kubernetes");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { releaseInputs } = require("../../pulumi/components/step") as typeof import("../../pulumi/components/step");
    const provider = kubeContext === undefined ? undefined : new k8s.Provider("cleanup-kubernetes", { context: kubeContext });
    for (const job of jobs) {
      new k8s.helm.v3.Release(job.release.name, { ...releaseInputs(job.release), waitForJobs: true }, { provider });
    }
    return { jobs: jobs.map((j) => j.release.name) };
  };
}

/** Runs the cleanup jobs of a pipeline (see the module comment); a dry run reports them only. */
export async function runCleanupJobs(
  settings: EngineSettings,
  stack: string,
  workDir: string,
  jobs: readonly CleanupJob[],
  tracker: ProgressTracker,
  options: { dryRun: boolean; kubeContext?: string },
): Promise<void> {
  if (jobs.length === 0) return;
  for (const job of jobs) {
    tracker.record({ step: job.step, type: "cleanup-job", name: job.release.name, op: "run", done: false });
    tracker.stepLog(job.step).with({ logger: "HelmApp" }).info(`${options.dryRun ? "would run" : "running"} cleanup job ${job.release.name} (chart ${job.release.chart.name})`);
  }
  if (options.dryRun) return;
  const engine = await openStack(settings, stack, cleanupProgram(jobs, options.kubeContext), workDir);
  // an earlier run's retained cleanup releases go first (KPOps uninstalls the old cleanup release)
  const before = await engine.exportStack();
  if (((before.deployment as { resources?: unknown[] } | undefined)?.resources ?? []).length > 0) await engine.destroy();
  await engine.up();
  for (const change of tracker.changes.filter((c) => c.type === "cleanup-job" && jobs.some((j) => j.release.name === c.name))) change.done = true;
  const retained = jobs.filter((j) => j.retain);
  if (retained.length === jobs.length) {
    for (const job of retained) tracker.stepLog(job.step).info(`keeping cleanup release ${job.release.name} (retain_clean_jobs)`);
    return;
  }
  await engine.destroy();
  for (const job of jobs) tracker.stepLog(job.step).info(`cleanup job ${job.release.name} completed; release uninstalled`);
}
