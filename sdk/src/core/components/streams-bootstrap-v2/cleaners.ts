/** The cleanup-job components of the deprecated streams-bootstrap v2 apps (same type names as v3's cleaners). */
import { field, t, type FieldSpec } from "../../model/field-types";
import { CLEANER_SUFFIX, cleanerFields, cleanerHelmNames } from "../base/cleaner";
import { repositoryName } from "../streams-bootstrap/cleaners";
import { ProducerAppV2ValuesModel } from "./producer-app-v2/model";
import { StreamsAppV2ValuesModel } from "./streams-app-v2/model";
import { StreamsBootstrapV2 } from "./streams-bootstrap-v2";

/** KPOps' StreamsBootstrapCleaner over a v2 app: type `streams-bootstrap-cleaner`, then `cleaner`. */
export abstract class StreamsBootstrapV2Cleaner extends StreamsBootstrapV2 {
  static override readonly isAbstract: boolean = true;
  static override readonly description: string = "Helm app for resetting and cleaning a streams-bootstrap-v2 app.";
  static override readonly mixinTypes: readonly string[] = ["cleaner"];

  static override get type(): string {
    return "streams-bootstrap-cleaner";
  }

  override get fullName(): string {
    return super.fullName + CLEANER_SUFFIX;
  }

  /** A cleanup job: Helm waits for it to complete. */
  override get waitsForJobs(): boolean {
    return true;
  }

  override get helmReleaseName(): string {
    return cleanerHelmNames(this.fullName).helmReleaseName;
  }

  override get helmNameOverride(): string {
    return cleanerHelmNames(this.fullName).helmNameOverride;
  }
}

export class StreamsAppV2Cleaner extends StreamsBootstrapV2Cleaner {
  static override readonly isAbstract: boolean = false;

  /** KPOps names this class StreamsAppCleaner too. */
  static override get type(): string {
    return "streams-app-cleaner";
  }

  static override fields(): readonly FieldSpec[] {
    return cleanerFields(super.fields(), field("values", t.model(() => StreamsAppV2ValuesModel), { required: true }));
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/streams-app-cleanup-job`;
  }
}

export class ProducerAppV2Cleaner extends StreamsBootstrapV2Cleaner {
  static override readonly isAbstract: boolean = false;

  /** KPOps names this class ProducerAppCleaner too. */
  static override get type(): string {
    return "producer-app-cleaner";
  }

  static override fields(): readonly FieldSpec[] {
    return cleanerFields(super.fields(), field("values", t.model(() => ProducerAppV2ValuesModel), { required: true }));
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/producer-app-cleanup-job`;
  }
}
