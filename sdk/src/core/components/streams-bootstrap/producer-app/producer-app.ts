/**
 * ProducerApp (`producer-app`): a producer on the streams-bootstrap v3 `producer-app` chart. It takes no `from`
 * and no error topic; as a CronJob (a `schedule` without `deployment`) its name override is at most 52 long.
 */
import { cleanupManifestPlan, cleanupOperationPlan, type CleanupBehaviour } from "../../base/cleanup";
import type { ComponentKind, ManifestMode, ManifestOperation, ManifestPart, Operation, OperationPlan, PlanOptions } from "../../../plan/types";
import { buildCleaner } from "../../base/cleaner";
import { ProducerAppCleaner, repositoryName } from "../cleaners";
import { KpopsError } from "../../../errors";
import { field, t, type FieldSpec } from "../../../model/field-types";
import { CRON_JOB_NAME_MAX_LENGTH, trimName } from "../../../util/naming";
import type { TopicConfig } from "../../models/to-section";
import { StreamsBootstrap } from "../streams-bootstrap";
import { ProducerAppValuesModel } from "./model";

/** How a ProducerApp is reset and cleaned. */
const CLEANUP: CleanupBehaviour = { jobOnReset: false, deletesPvcs: false };

export class ProducerApp extends StreamsBootstrap {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "ProducerApp";
  static override readonly description: string =
    "Producer component. This producer holds configuration to use as values for the streams-bootstrap producer Helm chart. Note that the producer does not support error topics.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => ProducerAppValuesModel), { required: true, description: "streams-bootstrap Helm values" }),
      field("from_", t.none(), { key: "from", nullable: true, title: "From", description: "Producer doesn't support FromSection" }),
    ]);
  }

  /** A CronJob when it has a schedule and is not a Deployment. */
  get isCronJob(): boolean {
    return !this.values.deployment && Boolean(this.values.schedule);
  }

  override get helmNameOverride(): string {
    return this.isCronJob ? trimName(CRON_JOB_NAME_MAX_LENGTH, this.fullName) : super.helmNameOverride;
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/producer-app`;
  }

  /** destroy uninstalls; reset and clean as ProducerApp does in KPOps (see `cleanupOperationPlan`). */
  override operationPlan(operation: Operation, options: PlanOptions = {}): OperationPlan {
    return cleanupOperationPlan(this, operation, options, CLEANUP);
  }

  /** Manifest mode as KPOps prints it for this app (see `cleanupManifestPlan`). */
  override manifestPlan(operation: ManifestOperation, mode: ManifestMode, options: PlanOptions = {}): ManifestPart[] {
    return cleanupManifestPlan(this, operation, mode, options, CLEANUP, super.manifestPlan(operation, mode, options));
  }

  /** The cleanup-job component of this app (for reset and clean). */
  cleaner(): ProducerAppCleaner {
    return buildCleaner(this, ProducerAppCleaner);
  }

  override applyToOutputs(name: string, topic: TopicConfig): void {
    if (topic.type === "error") throw new KpopsError("Producer apps do not support error topics", { step: this.name, field: `to.topics.${name}` });
    super.applyToOutputs(name, topic);
  }
}
