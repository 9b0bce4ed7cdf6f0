/** The cleanup-job components of the streams-bootstrap v3 apps (types `streams-app-cleaner`, ...). */
import { field, t, type FieldSpec } from "../../model/field-types";
import { CLEANER_SUFFIX, cleanerFields, cleanerHelmNames } from "../base/cleaner";
import { ConsumerAppValuesModel } from "./consumer-app/model";
import { ConsumerProducerAppValuesModel } from "./consumer-producer-app/model";
import { ProducerAppValuesModel } from "./producer-app/model";
import { StreamsAppValuesModel } from "./streams-app/model";
import { StreamsBootstrap } from "./streams-bootstrap";

/** The repository part of a streams-bootstrap chart name. */
export function repositoryName(data: Record<string, unknown>): string {
  return (data.repo_config as { repository_name?: string } | null)?.repository_name ?? "bakdata-streams-bootstrap";
}

/** StreamsBootstrapCleaner (`streams-bootstrap-cleaner`, then `cleaner` in the defaults chain). */
export abstract class StreamsBootstrapCleaner extends StreamsBootstrap {
  static override readonly isAbstract: boolean = true;
  static override readonly description: string = "Helm app for resetting and cleaning a streams-bootstrap app.";
  static override readonly mixinTypes: readonly string[] = ["cleaner"];

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

export class StreamsAppCleaner extends StreamsBootstrapCleaner {
  static override readonly isAbstract: boolean = false;

  static override fields(): readonly FieldSpec[] {
    return cleanerFields(super.fields(), field("values", t.model(() => StreamsAppValuesModel), { required: true }));
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/streams-app-cleanup-job`;
  }
}

export class ProducerAppCleaner extends StreamsBootstrapCleaner {
  static override readonly isAbstract: boolean = false;

  static override fields(): readonly FieldSpec[] {
    return cleanerFields(super.fields(), field("values", t.model(() => ProducerAppValuesModel), { required: true }));
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/producer-app-cleanup-job`;
  }
}

export class ConsumerAppCleaner extends StreamsBootstrapCleaner {
  static override readonly isAbstract: boolean = false;

  static override fields(): readonly FieldSpec[] {
    return cleanerFields(super.fields(), field("values", t.model(() => ConsumerAppValuesModel), { required: true }));
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/consumer-app-cleanup-job`;
  }
}

export class ConsumerProducerAppCleaner extends StreamsBootstrapCleaner {
  static override readonly isAbstract: boolean = false;

  static override fields(): readonly FieldSpec[] {
    return cleanerFields(super.fields(), field("values", t.model(() => ConsumerProducerAppValuesModel), { required: true }));
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/consumerproducer-app-cleanup-job`;
  }
}
