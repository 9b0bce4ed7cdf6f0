/**
 * ConsumerProducerApp (`consumer-producer-app`, KPOps 12): a plain consumer and producer on the streams-bootstrap
 * `consumerproducer-app` chart (streams-bootstrap 7 and later). Wired like a streams-app (inputs, output, error
 * and labeled topics), but its consumer group is `values.kafka.groupId`, not an application id.
 */
import { buildCleaner } from "../../base/cleaner";
import { cleanupManifestPlan, cleanupOperationPlan, type CleanupBehaviour } from "../../base/cleanup";
import type { ComponentKind, ManifestMode, ManifestOperation, ManifestPart, Operation, OperationPlan, PlanOptions } from "../../../plan/types";
import { ConsumerProducerAppCleaner, repositoryName } from "../cleaners";
import { field, t, type FieldSpec } from "../../../model/field-types";
import { StreamsBootstrap } from "../streams-bootstrap";
import { ConsumerProducerAppValuesModel } from "./model";

/** How a ConsumerProducerApp is reset and cleaned. */
const CLEANUP: CleanupBehaviour = { jobOnReset: true, deleteOutputSection: "kafka", deletesPvcs: true };

export class ConsumerProducerApp extends StreamsBootstrap {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "ConsumerProducerApp";
  static override readonly description: string =
    "ConsumerProducerApp component that configures a streams-bootstrap consumerproducer-app.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => ConsumerProducerAppValuesModel), { required: true, description: "streams-bootstrap Helm values" }),
    ]);
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/consumerproducer-app`;
  }

  /** destroy uninstalls; reset and clean as for a streams-app (KPOps 12): the job with `deleteOutput`, PVCs on clean. */
  override operationPlan(operation: Operation, options: PlanOptions = {}): OperationPlan {
    return cleanupOperationPlan(this, operation, options, CLEANUP);
  }

  /** Manifest mode as KPOps prints it for this app (see `cleanupManifestPlan`). */
  override manifestPlan(operation: ManifestOperation, mode: ManifestMode, options: PlanOptions = {}): ManifestPart[] {
    return cleanupManifestPlan(this, operation, mode, options, CLEANUP, super.manifestPlan(operation, mode, options));
  }

  /** The cleanup-job component of this app (for reset and clean). */
  cleaner(): ConsumerProducerAppCleaner {
    return buildCleaner(this, ConsumerProducerAppCleaner);
  }
}
