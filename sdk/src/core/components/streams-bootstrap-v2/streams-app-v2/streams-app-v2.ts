/** StreamsAppV2 (`streams-app-v2`, deprecated): a Kafka Streams app on the streams-bootstrap v2 chart. */
import { cleanupOperationPlan } from "../../base/cleanup";
import type { ComponentKind, Operation, OperationPlan, PlanOptions } from "../../../plan/types";
import { buildCleaner } from "../../base/cleaner";
import { repositoryName } from "../../streams-bootstrap/cleaners";
import { StreamsAppV2Cleaner } from "../cleaners";
import { field, t, type FieldSpec } from "../../../model/field-types";
import { dedupe } from "../../base/kafka-connector";
import { StreamsBootstrapV2 } from "../streams-bootstrap-v2";
import { StreamsAppV2ValuesModel } from "./model";

export class StreamsAppV2 extends StreamsBootstrapV2 {
  static override readonly isAbstract: boolean = false;
  static override readonly kind: ComponentKind = "StreamsApp";
  static override readonly description: string = "StreamsAppV2 component that configures a streams-bootstrap-v2 app.";
  static override readonly replacedBy: string | null = "streams-app";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => StreamsAppV2ValuesModel), { required: true, description: "streams-bootstrap-v2 Helm values" }),
    ]);
  }

  override get helmChart(): string {
    return `${repositoryName(this.data)}/streams-app`;
  }

  /** destroy uninstalls; reset and clean as StreamsAppV2 does in KPOps (see `cleanupOperationPlan`). */
  override operationPlan(operation: Operation, options: PlanOptions = {}): OperationPlan {
    return cleanupOperationPlan(this, operation, options, { jobOnReset: true, deleteOutputSection: "streams", deletesPvcs: true });
  }

  /** The cleanup-job component of this app (for reset and clean). */
  cleaner(): StreamsAppV2Cleaner {
    return buildCleaner(this, StreamsAppV2Cleaner);
  }

  override get inputTopics(): string[] {
    return (this.streams.inputTopics as string[] | null) ?? [];
  }

  override get extraInputTopics(): Record<string, string[]> {
    return (this.streams.extraInputTopics as Record<string, string[]> | null) ?? {};
  }

  override get outputTopic(): string | null {
    return (this.streams.outputTopic as string | null) ?? null;
  }

  override get extraOutputTopics(): Record<string, string> {
    return (this.streams.extraOutputTopics as Record<string, string> | null) ?? {};
  }

  override addInputTopics(topics: string[]): void {
    this.streams.inputTopics = dedupe([...this.inputTopics, ...topics]);
  }

  override addExtraInputTopics(label: string, topics: string[]): void {
    const extra = { ...this.extraInputTopics };
    extra[label] = dedupe([...(extra[label] ?? []), ...topics]);
    this.streams.extraInputTopics = extra;
  }

  override setInputPattern(name: string): void {
    this.streams.inputPattern = name;
  }

  override addExtraInputPattern(label: string, pattern: string): void {
    this.streams.extraInputPatterns = { ...((this.streams.extraInputPatterns as Record<string, string> | null) ?? {}), [label]: pattern };
  }

  override setOutputTopic(topic: string): void {
    this.streams.outputTopic = topic;
  }

  override setErrorTopic(topic: string): void {
    this.streams.errorTopic = topic;
  }

  override addExtraOutputTopic(topic: string, label: string): void {
    this.streams.extraOutputTopics = { ...this.extraOutputTopics, [label]: topic };
  }
}
