/** StreamsApp (`streams-app`): a Kafka Streams app on the streams-bootstrap v3 `streams-app` chart. */
import { cleanupManifestPlan, cleanupOperationPlan, type CleanupBehaviour } from "../../base/cleanup";
import type { ComponentKind, ManifestMode, ManifestOperation, ManifestPart, Operation, OperationPlan, PlanOptions } from "../../../plan/types";
import { buildCleaner } from "../../base/cleaner";
import { StreamsAppCleaner, repositoryName } from "../cleaners";
import { field, t, type FieldSpec } from "../../../model/field-types";
import { StreamsBootstrap } from "../streams-bootstrap";
import { StreamsAppValuesModel } from "./model";

/** How a StreamsApp is reset and cleaned. */
const CLEANUP: CleanupBehaviour = { jobOnReset: true, deleteOutputSection: "kafka", deletesPvcs: true };

export class StreamsApp extends StreamsBootstrap {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "StreamsApp";
  static override readonly description: string = "StreamsApp component that configures a streams-bootstrap app.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => StreamsAppValuesModel), { required: true, description: "streams-bootstrap Helm values" }),
    ]);
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/streams-app`;
  }

  /** destroy uninstalls; reset and clean as StreamsApp does in KPOps (see `cleanupOperationPlan`). */
  override operationPlan(operation: Operation, options: PlanOptions = {}): OperationPlan {
    return cleanupOperationPlan(this, operation, options, CLEANUP);
  }

  /** Manifest mode as KPOps prints it for this app (see `cleanupManifestPlan`). */
  override manifestPlan(operation: ManifestOperation, mode: ManifestMode, options: PlanOptions = {}): ManifestPart[] {
    return cleanupManifestPlan(this, operation, mode, options, CLEANUP, super.manifestPlan(operation, mode, options));
  }

  /** The cleanup-job component of this app (for reset and clean). */
  cleaner(): StreamsAppCleaner {
    return buildCleaner(this, StreamsAppCleaner);
  }
}
