/**
 * Engine events of a managed run -> progress lines per step (KPOps 12 log format, `core/log/kpops-log.ts`) and the
 * list of changes the summary table and the dry-run report show. A line is printed when the engine starts
 * something on a resource (create, update, delete, import, ...) and when it is done; failures are kept with the
 * step, the resource and the reason.
 */
import type * as automation from "@pulumi/pulumi/automation";
import type { KpopsLogger } from "../../core/log/kpops-log";
import { COMPONENT_KINDS } from "../../core/plan/types";
import { nameOfUrn, stepOfUrn, typeOfUrn, type StackLayout } from "./targets";

/** One change of a resource, planned (dry run) or made. */
export interface ResourceChange {
  readonly pipeline: string;
  /** The step, or undefined for the Project/Pipeline/provider resources. */
  readonly step?: string;
  /** The resource's type token. */
  readonly type: string;
  /** Its logical name. */
  readonly name: string;
  /** create, update, delete, replace, import, cleanup-job, offset-reset, ... */
  readonly op: string;
  /** The changed fields of an update (property paths). */
  readonly fields?: readonly string[];
  /** Whether the engine (or the operation) finished it. */
  done: boolean;
}

/** One failure: the step, the resource and the reason. */
export interface OperationFailure {
  readonly pipeline: string;
  readonly step?: string;
  readonly resource?: string;
  readonly reason: string;
}

/** The component resources (they hold the step's resources and change nothing themselves). */
const COMPONENT_TYPES = new Set(["kpops:index:Project", "kpops:index:Pipeline", ...COMPONENT_KINDS.map((kind) => `kpops:index:${kind}`)]);

/** Ops that change nothing. */
const QUIET_OPS = new Set(["same", "read", "refresh", "discard", "remove-pending-replace"]);

/** Engine op -> the verb of a progress line. */
const VERBS: Record<string, string> = {
  create: "creating",
  update: "updating",
  delete: "deleting",
  replace: "replacing",
  "create-replacement": "creating replacement",
  "delete-replaced": "deleting replaced",
  import: "importing",
  "import-replacement": "importing replacement",
};

/** Short type names for lines. */
export function shortType(type: string): string {
  const known: Record<string, string> = {
    "kafka:index/topic:Topic": "KafkaTopic",
    "kpops:index:TopicGuard": "TopicGuard",
    "kpops:index:SchemaSubject": "SchemaSubject",
    "kpops:index:KafkaConnector": "KafkaConnector",
    "kubernetes:helm.sh/v3:Release": "HelmRelease",
    "kpops:index:ReleaseWorkloads": "ReleaseWorkloads",
  };
  return known[type] ?? type;
}

/** Collects the changes and failures of one or more engine runs of a stack, printing progress as they come. */
export class ProgressTracker {
  readonly changes: ResourceChange[] = [];
  readonly failures: OperationFailure[] = [];
  private readonly byUrn = new Map<string, ResourceChange>();

  constructor(
    private readonly layout: StackLayout,
    private readonly pipeline: string,
    private readonly log: KpopsLogger,
    /** Print a line per resource as the engine works (not in a preview, which prints the plan per step instead). */
    private readonly live: boolean,
  ) {}

  /** The `onEvent` callback of an engine run. */
  readonly onEvent = (event: automation.EngineEvent): void => {
    if (event.resourcePreEvent) this.pre(event.resourcePreEvent.metadata);
    else if (event.resOutputsEvent) this.done(event.resOutputsEvent.metadata);
    else if (event.resOpFailedEvent) this.failed(event.resOpFailedEvent.metadata);
    else if (event.diagnosticEvent) this.diagnostic(event.diagnosticEvent);
  };

  /** The logger of a step of this pipeline. */
  stepLog(step?: string): KpopsLogger {
    return this.log.with({ pipeline: this.pipeline, ...(step !== undefined ? { component: step } : {}) });
  }

  /** Adds a change that is not an engine resource (cleanup job, offsets reset, group deletion, ...). */
  record(change: Omit<ResourceChange, "pipeline">): void {
    this.changes.push({ pipeline: this.pipeline, ...change });
  }

  /** Adds a failure found outside the engine (a check, a service call). */
  fail(failure: Omit<OperationFailure, "pipeline">): void {
    this.failures.push({ pipeline: this.pipeline, ...failure });
  }

  private pre(metadata: automation.StepEventMetadata): void {
    if (QUIET_OPS.has(metadata.op)) return;
    const step = stepOfUrn(this.layout, metadata.urn)?.step;
    const type = metadata.type || typeOfUrn(metadata.urn);
    if (type.startsWith("pulumi:providers:") || type === "pulumi:pulumi:Stack" || COMPONENT_TYPES.has(type)) return;
    const fields = metadata.op === "update" || metadata.op === "replace" ? Object.keys(metadata.detailedDiff ?? {}).concat(metadata.detailedDiff ? [] : metadata.diffs ?? []) : undefined;
    const change: ResourceChange = { pipeline: this.pipeline, step, type, name: nameOfUrn(metadata.urn), op: metadata.op, fields, done: false };
    this.byUrn.set(metadata.urn, change);
    this.changes.push(change);
    if (this.live) this.stepLog(step).info(`${VERBS[metadata.op] ?? metadata.op} ${shortType(type)} ${change.name}`, fields && fields.length > 0 ? { fields: fields.join(",") } : {});
  }

  private done(metadata: automation.StepEventMetadata): void {
    const change = this.byUrn.get(metadata.urn);
    if (change === undefined) return;
    change.done = true;
    if (this.live) this.stepLog(change.step).info(`done: ${metadata.op} ${shortType(change.type)} ${change.name}`);
  }

  private failed(metadata: automation.StepEventMetadata): void {
    const change = this.byUrn.get(metadata.urn);
    const step = change?.step ?? stepOfUrn(this.layout, metadata.urn)?.step;
    if (!this.failures.some((f) => f.resource === nameOfUrn(metadata.urn))) {
      this.failures.push({ pipeline: this.pipeline, step, resource: nameOfUrn(metadata.urn), reason: `${metadata.op} failed` });
    }
  }

  private diagnostic(event: automation.DiagnosticEvent): void {
    const message = event.message.replace(/\s+$/, "");
    if (event.severity === "error") {
      const urn = event.urn ?? "";
      const resource = urn === "" ? undefined : nameOfUrn(urn);
      const step = urn === "" ? undefined : stepOfUrn(this.layout, urn)?.step;
      // one failure per resource: the engine's diagnostic carries the reason, a later op-failed event only the op
      const known = this.failures.find((f) => f.resource !== undefined && f.resource === resource);
      const reason = message.replace(/^error:\s*/, "");
      if (known !== undefined) Object.assign(known, { reason });
      else if (!/^update failed$|^preview failed$/.test(reason)) this.failures.push({ pipeline: this.pipeline, step, resource, reason });
      this.stepLog(step).error(reason, resource ? { resource } : {});
    } else if (event.severity === "warning") {
      const urn = event.urn ?? "";
      this.stepLog(urn === "" ? undefined : stepOfUrn(this.layout, urn)?.step).warning(message.replace(/^warning:\s*/, ""));
    }
  }
}
