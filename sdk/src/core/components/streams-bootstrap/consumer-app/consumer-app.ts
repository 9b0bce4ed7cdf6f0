/** ConsumerApp (`consumer-app`): a plain consumer on the streams-bootstrap `consumer-app` chart; it has no `to`. */
import { cleanupManifestPlan, cleanupOperationPlan, type CleanupBehaviour } from "../../base/cleanup";
import type { ComponentKind, ManifestMode, ManifestOperation, ManifestPart, Operation, OperationPlan, PlanOptions } from "../../../plan/types";
import { buildCleaner } from "../../base/cleaner";
import { ConsumerAppCleaner, repositoryName } from "../cleaners";
import { field, t, type FieldSpec } from "../../../model/field-types";
import { StreamsBootstrap } from "../streams-bootstrap";
import { ConsumerAppValuesModel } from "./model";

/** How a ConsumerApp is reset and cleaned. */
const CLEANUP: CleanupBehaviour = { jobOnReset: true, deletesPvcs: true };

export class ConsumerApp extends StreamsBootstrap {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "ConsumerApp";
  static override readonly description: string = "ConsumerApp component that configures a streams-bootstrap consumer app.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => ConsumerAppValuesModel), { required: true, description: "streams-bootstrap Helm values" }),
      field("to", t.none(), { nullable: true, title: "To", description: "Consumer apps have no output topics" }),
    ]);
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/consumer-app`;
  }

  /** destroy uninstalls; reset and clean as ConsumerApp does in KPOps (see `cleanupOperationPlan`). */
  override operationPlan(operation: Operation, options: PlanOptions = {}): OperationPlan {
    return cleanupOperationPlan(this, operation, options, CLEANUP);
  }

  /** Manifest mode as KPOps prints it for this app (see `cleanupManifestPlan`). */
  override manifestPlan(operation: ManifestOperation, mode: ManifestMode, options: PlanOptions = {}): ManifestPart[] {
    return cleanupManifestPlan(this, operation, mode, options, CLEANUP, super.manifestPlan(operation, mode, options));
  }

  /** The cleanup-job component of this app (for reset and clean). */
  cleaner(): ConsumerAppCleaner {
    return buildCleaner(this, ConsumerAppCleaner);
  }
}
