/**
 * The managed operations (`kpops deploy|destroy|reset|clean`, `--operation-mode managed`, the default): each
 * pipeline is one stack (`<pipeline>.<environment>`) of the inline program (`./program.ts`, the Pulumi layer's
 * Project), reached by engine runs through the Automation API:
 * - deploy: `up` (`--dry-run`: `preview`), importing what exists but is not in the state (`./adoption.ts`);
 * - destroy: a `destroy` targeted at the steps' Helm releases and connectors; topics and subjects stay, in the
 *   services and in the state;
 * - reset: the connectors' offsets reset (Kafka Connect), destroy, the cleanup jobs with `deleteOutput=false`
 *   (`./cleanup-jobs.ts`), then the apps' consumer groups and internal topics deleted if still there;
 * - clean: as reset with `deleteOutput=true`, then the steps' topics and subjects dropped from the state and deleted
 *   from the services, and the PVCs of stateful apps.
 * `--steps` targets the steps' resources; the other steps stay as they are. Before any change: stale locks and
 * pending operations of killed runs are recovered (`./locks.ts`) and every service is checked (`./preflight.ts`).
 * A dry run changes nothing in any service and reports every failure together.
 */
import * as fs from "fs";
import * as path from "path";
import type * as automation from "@pulumi/pulumi/automation";
import type { PipelineComponent } from "../../core/components/base/pipeline-component";
import type { KpopsConfig } from "../../core/config/load-config";
import { KpopsError } from "../../core/errors";
import { KpopsLogger } from "../../core/log/kpops-log";
import type { Pipeline as CorePipeline } from "../../core/pipeline/pipeline";
import type { Operation, OperationPlan, PlanOptions } from "../../core/plan/types";
import type { SchemaProvider } from "../../pulumi/schema-provider";
import { findAdoptable } from "./adoption";
import { runCleanupJobs, type CleanupJob } from "./cleanup-jobs";
import { engineReason, engineSettings, openStack, type EngineSettings } from "./engine";
import { clearPendingOperations, recoverStaleLocks } from "./locks";
import { loadedPipeline, managedProgram, projectName } from "./program";
import { ProgressTracker, shortType, type OperationFailure, type ResourceChange } from "./progress";
import { checkTopicShapes, guardedTopicsOfState, unreachableServices, validateConnectors } from "./preflight";
import { cleanAppGroup, deletePvcs, deleteSubjects, deleteTopics, resetConnectorOffsets, serviceClients, type ServiceClients } from "./services";
import { cleanupStackName, stackName } from "./stack-name";
import { failureLines, summaryTable } from "./summary";
import { stackLayout, targetUrns, type StackLayout, type StepResources } from "./targets";
import type { AdoptArgs } from "../../pulumi/components/args";

/** The managed operations. */
export type ManagedOperationName = "deploy" | Operation;

/** What to do. */
export interface ManagedRequest {
  readonly operation: ManagedOperationName;
  /** The pipelines, with all their steps (enriched by the core). */
  readonly pipelines: readonly CorePipeline[];
  /**
   * The same pipelines filtered by `--steps` / `--filter-type`: only their steps are operated on.
   * @default the pipelines (every step)
   */
  readonly selection?: readonly CorePipeline[];
  /** The KPOps config the pipelines were enriched with. */
  readonly config: KpopsConfig;
  /** `--environment`; part of the stack name. @default none */
  readonly environment?: string;
  /** `--dry-run` (true) or `--execute`. @default true */
  readonly dryRun?: boolean;
  /** The folder of `config.yaml`: the default state folder is `<configDir>/.kpops/state`. */
  readonly configDir: string;
  /** The process environment (backend, passphrase, chart mirrors, engine PATH). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where progress lines go. @default a KpopsLogger on stderr */
  readonly logger?: KpopsLogger;
  /** Where the summary table and the failures go. @default stdout / stderr */
  readonly out?: { readonly summary: (text: string) => void; readonly errors: (text: string) => void };
  /** Schema provider for subjects: an object or a module path. @default env KPOPS_SCHEMA_PROVIDER, else none */
  readonly schemaProvider?: SchemaProvider | string;
}

/** What happened. */
export interface ManagedResult {
  /** 0 when everything succeeded, else 1. */
  readonly exitCode: number;
  readonly changes: readonly ResourceChange[];
  readonly failures: readonly OperationFailure[];
  /** The stacks operated on. */
  readonly stacks: readonly string[];
}

/** One pipeline of a request, ready to operate on. */
interface PipelineWork {
  readonly name: string;
  readonly loaded: ReturnType<typeof loadedPipeline>;
  readonly components: readonly PipelineComponent[];
  readonly layout: StackLayout;
  readonly selected: readonly StepResources[];
  readonly partial: boolean;
}

/** Plan options of the request (chart mirrors of the environment). */
function requestPlanOptions(request: ManagedRequest): PlanOptions {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chartMirrorsFromEnv } = require("../../core/plan/chart-mirror") as typeof import("../../core/plan/chart-mirror");
  return { chartMirrors: chartMirrorsFromEnv(request.env ?? process.env, request.configDir) };
}

/** The pipelines of the request with their layouts and selected steps; disabled pipelines are skipped. */
function prepare(request: ManagedRequest, options: PlanOptions): PipelineWork[] {
  return request.pipelines
    .filter((pipeline) => pipeline.disabledBy === undefined)
    .map((pipeline) => {
      const loaded = loadedPipeline(pipeline);
      const layout = stackLayout(stackName(loaded.name, request.environment), projectName(loaded), loaded, options);
      const filtered = request.selection?.find((p) => p.file === pipeline.file && p.name === pipeline.name);
      const names = new Set((filtered ?? pipeline).components.map((c) => c.name));
      const selected = layout.steps.filter((s) => names.has(s.step));
      return { name: loaded.name, loaded, components: pipeline.components, layout, selected, partial: selected.length !== layout.steps.length };
    });
}

/** Runs a managed operation (see the module comment). */
export async function managedOperation(request: ManagedRequest): Promise<ManagedResult> {
  const env = request.env ?? process.env;
  const dryRun = request.dryRun ?? true;
  const log = request.logger ?? new KpopsLogger();
  const out = request.out ?? { summary: (t: string) => process.stdout.write(t), errors: (t: string) => process.stderr.write(t) };
  const options = requestPlanOptions(request);
  const work = prepare(request, options);
  const settings = engineSettings({ configDir: request.configDir, env });
  const workDir = path.join(path.resolve(request.configDir), ".kpops", "workspace");
  fs.mkdirSync(workDir, { recursive: true });
  const clients = serviceClients(request.config);
  const changes: ResourceChange[] = [];
  const failures: OperationFailure[] = [];
  try {
    const unreachable = await unreachableServices(clients, work.map((w) => w.layout));
    if (unreachable.length > 0) {
      throw new KpopsError(`${unreachable.join("; ")}; nothing was changed`);
    }
    log.info(`${request.operation}${dryRun ? " (dry run)" : ""}: ${work.map((w) => `${w.name} -> stack ${w.layout.stack}`).join(", ") || "no pipeline"}; state: ${settings.backendUrl}`);
    for (const pipeline of work) {
      const tracker = new ProgressTracker(pipeline.layout, pipeline.name, log, !dryRun);
      try {
        await operatePipeline(request, pipeline, { settings, workDir, clients, tracker, dryRun, env, options });
      } catch (error) {
        if (tracker.failures.length === 0) tracker.fail({ reason: error instanceof KpopsError ? error.message : engineReason(error) });
      }
      changes.push(...tracker.changes);
      failures.push(...tracker.failures);
      if (tracker.failures.length > 0 && !dryRun) break;
    }
  } finally {
    await clients.close();
  }
  out.summary(summaryTable(inStepOrder(changes, work), dryRun));
  if (failures.length > 0) out.errors(failureLines(failures));
  return { exitCode: failures.length > 0 ? 1 : 0, changes, failures, stacks: work.map((w) => w.layout.stack) };
}

/** Changes ordered by pipeline, then step (data-flow order), keeping the order within a step. */
function inStepOrder(changes: readonly ResourceChange[], work: readonly PipelineWork[]): ResourceChange[] {
  const rank = (c: ResourceChange) => {
    const p = work.findIndex((w) => w.name === c.pipeline);
    const s = p < 0 ? -1 : work[p].layout.steps.findIndex((step) => step.step === c.step);
    return p * 10_000 + s;
  };
  return changes.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
}

/** What one pipeline's run needs. */
interface RunContext {
  readonly settings: EngineSettings;
  readonly workDir: string;
  readonly clients: ServiceClients;
  readonly tracker: ProgressTracker;
  readonly dryRun: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly options: PlanOptions;
}

/** The stack of a pipeline, with stale locks and pending operations of killed runs recovered, and the URNs in its state. */
async function pipelineStack(
  request: ManagedRequest,
  pipeline: PipelineWork,
  run: RunContext,
  adopt: () => AdoptArgs | undefined,
): Promise<{ stack: automation.Stack; inState: Set<string>; resources: StateResource[] }> {
  const report = (line: string) => run.tracker.stepLog().warning(line);
  if (run.settings.stateDir !== undefined) await recoverStaleLocks(run.settings.stateDir, pipeline.layout.stack, { report });
  const schemaProvider = request.schemaProvider ?? run.env.KPOPS_SCHEMA_PROVIDER;
  const program: automation.PulumiFn = async () =>
    managedProgram({ pipeline: pipeline.loaded, adopt: adopt(), schemaProvider: schemaProvider === "" ? undefined : schemaProvider, baseDir: request.configDir })();
  const stack = await openStack(run.settings, pipeline.layout.stack, program, run.workDir);
  // one export serves both the check for pending operations and the URNs, unless clearing them changed the state
  let exported = await stack.exportStack();
  if (!run.dryRun && (await clearPendingOperations(stack, report, exported))) exported = await stack.exportStack();
  const resources = stateResources(exported);
  return { stack, inState: new Set(resources.map((r) => r.urn)), resources };
}

/** What the operations read of a resource in an exported state. */
interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly outputs?: Record<string, unknown>;
}

/** The resources of an exported state. */
function stateResources(exported: automation.Deployment): StateResource[] {
  return (exported.deployment as { resources?: StateResource[] } | undefined)?.resources ?? [];
}

async function operatePipeline(request: ManagedRequest, pipeline: PipelineWork, run: RunContext): Promise<void> {
  let adopt: AdoptArgs | undefined;
  const { stack, inState, resources } = await pipelineStack(request, pipeline, run, () => adopt);
  const { tracker, dryRun } = run;
  const onEvent = tracker.onEvent;
  const target = pipeline.partial ? { target: targetUrns(pipeline.layout, pipeline.selected) } : {};
  if (request.operation === "deploy") {
    adopt = await findAdoptable(run.clients, pipeline.selected, inState, (line) => tracker.stepLog().warning(line), dryRun);
    if (dryRun) {
      await validateConnectors(run.clients, { ...pipeline.layout, steps: pipeline.selected }, tracker);
      checkTopicShapes({ ...pipeline.layout, steps: pipeline.selected }, guardedTopicsOfState(resources), tracker);
      try {
        await stack.preview({ onEvent, diff: true, ...target });
      } catch (error) {
        if (tracker.failures.length === 0) tracker.fail({ reason: engineReason(error) });
      }
      reportPlan(pipeline, tracker);
    } else {
      await stack.up({ onEvent, ...target });
    }
    return;
  }
  const operation = request.operation;
  const reversed = [...pipeline.selected].reverse();
  const plans = new Map(reversed.map((step) => [step.step, componentOf(pipeline, step).operationPlan(operation, run.options)]));
  // 1. connector offsets (reset, clean): before the connector goes
  for (const step of reversed) {
    const plan = plans.get(step.step) as OperationPlan;
    if (plan.resetConnectorOffsets !== undefined && step.plan.component.connector !== undefined) {
      await resetConnectorOffsets(run.clients, step.plan.component.connector, step.step, tracker, dryRun);
    }
  }
  // 2. the apps and connectors go (all operations)
  await destroyTargets(stack, pipeline, inState, ["workloads", "release", "connector"], run);
  await removeOutsideState(pipeline, inState, run);
  if (operation === "destroy") return;
  // 3. cleanup jobs
  const jobs: CleanupJob[] = reversed.flatMap((step) => {
    const plan = plans.get(step.step) as OperationPlan;
    return plan.cleanupJob ? [{ step: step.step, release: plan.cleanupJob, retain: plan.retainCleanupJob === true }] : [];
  });
  const kubeContext = request.config.helm_config?.context;
  await runCleanupJobs(run.settings, cleanupStackName(pipeline.layout.stack), run.workDir, jobs, tracker, {
    dryRun,
    kubeContext: typeof kubeContext === "string" && kubeContext !== "" ? kubeContext : undefined,
  });
  // 4. what the jobs should have removed, checked and removed through the Kafka admin client
  for (const step of reversed) {
    const plan = plans.get(step.step) as OperationPlan;
    if (plan.consumerGroup !== undefined) await cleanAppGroup(run.clients, { id: plan.consumerGroup, streams: plan.streamsApplication === true }, step.step, tracker, dryRun);
  }
  if (operation === "reset") return;
  // 5. clean: topics and subjects leave the state (retained on delete), then the services; PVCs
  const before = tracker.changes.length;
  await destroyTargets(stack, pipeline, inState, ["subject", "topic"], run);
  // retained on delete: the engine only forgets them; the services are cleaned below
  for (const change of tracker.changes.slice(before)) if (change.op === "delete") (change as { op: string }).op = "forget";
  for (const step of reversed) {
    const plan = plans.get(step.step) as OperationPlan;
    await deleteSubjects(run.clients, plan.deletedSubjects, step.step, tracker, dryRun);
    await deleteTopics(run.clients, plan.deletedTopics, step.step, tracker, dryRun);
    if (plan.deletePvcs !== undefined) await deletePvcs(run.clients, plan.deletePvcs, step.step, tracker, dryRun);
  }
}

/** The core component of a step. */
function componentOf(pipeline: PipelineWork, step: StepResources): PipelineComponent {
  const component = pipeline.components.find((c) => c.name === step.step);
  if (component === undefined) throw new KpopsError(`step '${step.step}' is not in pipeline '${pipeline.name}'`);
  return component;
}

/** A destroy (or its preview) targeted at the selected steps' resources of `kinds` that are in the state. */
async function destroyTargets(stack: automation.Stack, pipeline: PipelineWork, inState: ReadonlySet<string>, kinds: readonly string[], run: RunContext): Promise<void> {
  const urns = pipeline.selected.flatMap((s) => s.resources.filter((r) => kinds.includes(r.kind) && inState.has(r.urn)).map((r) => r.urn));
  if (urns.length === 0) return;
  const options = { target: urns, onEvent: run.tracker.onEvent };
  if (run.dryRun) {
    await stack.previewDestroy(options);
    reportPlan(pipeline, run.tracker);
  } else {
    await stack.destroy(options);
  }
}

/**
 * Connectors and releases of the selected steps that exist but are not in the state (deployed by upstream KPOps, or
 * the state was lost): connectors are deleted through Kafka Connect, as KPOps deletes them; a Helm release is
 * reported, since only Helm (or a deploy that adopts it first) uninstalls a release.
 */
async function removeOutsideState(pipeline: PipelineWork, inState: ReadonlySet<string>, run: RunContext): Promise<void> {
  for (const step of pipeline.selected) {
    for (const resource of step.resources.filter((r) => !inState.has(r.urn))) {
      if (resource.kind === "connector" && (await run.clients.connect.getConnector(resource.name)) !== undefined) {
        run.tracker.record({ step: step.step, type: "kpops:index:KafkaConnector", name: resource.name, op: "delete", done: !run.dryRun });
        run.tracker.stepLog(step.step).with({ logger: "Kafka Connect" }).info(`${run.dryRun ? "would delete" : "deleting"} connector ${resource.name} (not in the state)`);
        if (!run.dryRun) await run.clients.connect.deleteConnector(resource.name);
      }
      const release = step.plan.component.release;
      if (resource.kind === "release" && release !== undefined) {
        const found = (await run.clients.kubernetes().helmReleases(release.namespace)).some((r) => r.name === release.name);
        if (found) {
          run.tracker.stepLog(step.step).warning(`Helm release ${release.namespace}/${release.name} exists but is not in stack ${pipeline.layout.stack}: run 'kpops deploy --execute' to adopt it, then this operation again`);
        }
      }
    }
  }
}

/** Changes already printed by {@link reportPlan}. */
const REPORTED = new WeakSet<ResourceChange>();

/** In a dry run: the planned engine changes per step, in data-flow (pipeline) order, with the changed fields. */
function reportPlan(pipeline: PipelineWork, tracker: ProgressTracker): void {
  const pending = tracker.changes.filter((c) => !REPORTED.has(c) && ["create", "update", "delete", "replace", "import", "create-replacement", "delete-replaced", "import-replacement"].includes(c.op));
  for (const step of pipeline.layout.steps) {
    for (const change of pending.filter((c) => c.step === step.step)) {
      tracker.stepLog(step.step).info(`would ${change.op} ${shortType(change.type)} ${change.name}`, change.fields && change.fields.length > 0 ? { fields: change.fields.join(",") } : {});
      REPORTED.add(change);
    }
  }
}
