/**
 * StreamsBootstrap (`streams-bootstrap`, abstract): a Kafka app deployed with a streams-bootstrap v3 chart.
 * In KPOps it also is a KafkaApp (`kafka-app`), whose defaults apply after this type's.
 */
import { topicPlans } from "../../plan/topics";
import { strimziTopicParts } from "../../plan/strimzi-topics";
import type { ManifestMode, ManifestOperation, ManifestPart, PlanOptions, TopicPlan } from "../../plan/types";
import { field, t, type FieldSpec } from "../../model/field-types";
import { HelmApp, HelmRepoConfigModel } from "../base/helm-app";
import { dedupe } from "../base/kafka-connector";
import { StreamsBootstrapValuesModel } from "./model";

export const STREAMS_BOOTSTRAP_HELM_REPO = {
  repository_name: "bakdata-streams-bootstrap",
  url: "https://bakdata.github.io/streams-bootstrap/",
};
export const STREAMS_BOOTSTRAP_VERSION = "3.6.1";
const VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+)(-[a-zA-Z]+(\.[a-zA-Z]+)?)?$/;

/** The chart version must look like `X.Y.Z[-suffix]` with major >= 3. */
export function checkStreamsBootstrapVersion(value: unknown): unknown {
  const match = VERSION_PATTERN.exec(String(value));
  if (!match) throw new Error(`Invalid version format: ${String(value)}`);
  if (Number(match[1]) < 3) {
    throw new Error(`When using the streams-bootstrap component your version ('${String(value)}') must be at least 3.0.1.`);
  }
  return value;
}

export abstract class StreamsBootstrap extends HelmApp {
  static override readonly isAbstract: boolean = true;
  /** The streams-bootstrap charts take secret environment variables in `secrets`. */
  static override readonly secretValues: readonly string[] = ["secrets"];
  static override readonly description: string = "Base for components with a streams-bootstrap Helm chart.";
  static override readonly mixinTypes: readonly string[] = ["kafka-app"];

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => StreamsBootstrapValuesModel), { required: true, description: "streams-bootstrap Helm values" }),
      field("repo_config", t.model(() => HelmRepoConfigModel), {
        default: STREAMS_BOOTSTRAP_HELM_REPO,
        skipGenerate: true,
        description: "Configuration of the Helm chart repo to be used for deploying the component",
      }),
      field("version", t.string(), { default: STREAMS_BOOTSTRAP_VERSION, check: checkStreamsBootstrapVersion, description: "Helm chart version" }),
    ]);
  }

  /** A streams-bootstrap app is a Kafka app: it creates its `to` topics on deploy. */
  protected override planTopics(): TopicPlan[] {
    return topicPlans(this.to);
  }

  /**
   * Manifest mode (KPOps' StreamsBootstrap): deploy renders the chart and prints a Strimzi `KafkaTopic` per `to`
   * topic; destroy prints those topics only.
   */
  override manifestPlan(operation: ManifestOperation, mode: ManifestMode, options: PlanOptions = {}): ManifestPart[] {
    if (operation === "deploy") return [...super.manifestPlan(operation, mode, options), ...this.strimziTopics()];
    if (operation === "destroy") return this.strimziTopics();
    return super.manifestPlan(operation, mode, options);
  }

  /** A Strimzi `KafkaTopic` part per `to` topic. */
  strimziTopics(): ManifestPart[] {
    return strimziTopicParts(this.to, this.ctx.config.strimzi_topic, this.name);
  }

  /** The `kafka` section of the values. */
  get kafka(): Record<string, unknown> {
    return this.values.kafka as Record<string, unknown>;
  }

  // Topic wiring on the chart's `kafka` keys, the same in every streams-bootstrap chart. A type without a `from`
  // (producer) or a `to` (consumer) never has the matching setters called, and its getters stay empty.

  override get inputTopics(): string[] {
    return (this.kafka.inputTopics as string[] | null) ?? [];
  }

  override get extraInputTopics(): Record<string, string[]> {
    return (this.kafka.labeledInputTopics as Record<string, string[]> | null) ?? {};
  }

  override get outputTopic(): string | null {
    return (this.kafka.outputTopic as string | null) ?? null;
  }

  override get extraOutputTopics(): Record<string, string> {
    return (this.kafka.labeledOutputTopics as Record<string, string> | null) ?? {};
  }

  override addInputTopics(topics: string[]): void {
    this.kafka.inputTopics = dedupe([...this.inputTopics, ...topics]);
  }

  override addExtraInputTopics(label: string, topics: string[]): void {
    const labeled = { ...this.extraInputTopics };
    labeled[label] = dedupe([...(labeled[label] ?? []), ...topics]);
    this.kafka.labeledInputTopics = labeled;
  }

  override setInputPattern(name: string): void {
    this.kafka.inputPattern = name;
  }

  override addExtraInputPattern(label: string, pattern: string): void {
    this.kafka.labeledInputPatterns = { ...((this.kafka.labeledInputPatterns as Record<string, string> | null) ?? {}), [label]: pattern };
  }

  override setOutputTopic(topic: string): void {
    this.kafka.outputTopic = topic;
  }

  override setErrorTopic(topic: string): void {
    this.kafka.errorTopic = topic;
  }

  override addExtraOutputTopic(topic: string, label: string): void {
    this.kafka.labeledOutputTopics = { ...this.extraOutputTopics, [label]: topic };
  }
}
