/** ProducerAppV2 (`producer-app-v2`, deprecated): a producer on the streams-bootstrap v2 chart. */
import { cleanupOperationPlan } from "../../base/cleanup";
import type { ComponentKind, Operation, OperationPlan, PlanOptions } from "../../../plan/types";
import { KpopsError } from "../../../errors";
import { field, t, type FieldSpec } from "../../../model/field-types";
import type { TopicConfig } from "../../models/to-section";
import { buildCleaner } from "../../base/cleaner";
import { repositoryName } from "../../streams-bootstrap/cleaners";
import { ProducerAppV2Cleaner } from "../cleaners";
import { ProducerAppV2ValuesModel } from "./model";
import { StreamsBootstrapV2 } from "../streams-bootstrap-v2";

export class ProducerAppV2 extends StreamsBootstrapV2 {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "ProducerApp";
  static override readonly replacedBy: string | null = "producer-app";
  static override readonly description: string =
    "Producer component. This producer holds configuration to use as values for the streams-bootstrap-v2 producer Helm chart.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => ProducerAppV2ValuesModel), { required: true, description: "streams-bootstrap-v2 Helm values" }),
      field("from_", t.none(), { key: "from", nullable: true, title: "From", description: "Producer doesn't support FromSection" }),
    ]);
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/producer-app`;
  }

  /** destroy uninstalls; reset and clean as ProducerAppV2 does in KPOps (see `cleanupOperationPlan`). */
  override operationPlan(operation: Operation, options: PlanOptions = {}): OperationPlan {
    return cleanupOperationPlan(this, operation, options, { jobOnReset: false, deletesPvcs: false });
  }

  /** The cleanup-job component of this app (for reset and clean). */
  cleaner(): ProducerAppV2Cleaner {
    return buildCleaner(this, ProducerAppV2Cleaner);
  }

  override applyToOutputs(name: string, topic: TopicConfig): void {
    if (topic.type === "error") throw new KpopsError("Producer apps do not support error topics", { step: this.name, field: `to.topics.${name}` });
    super.applyToOutputs(name, topic);
  }

  override get outputTopic(): string | null {
    return (this.streams.outputTopic as string | null) ?? null;
  }

  override get extraOutputTopics(): Record<string, string> {
    return (this.streams.extraOutputTopics as Record<string, string> | null) ?? {};
  }

  override setOutputTopic(topic: string): void {
    this.streams.outputTopic = topic;
  }

  override addExtraOutputTopic(topic: string, label: string): void {
    this.streams.extraOutputTopics = { ...this.extraOutputTopics, [label]: topic };
  }
}
