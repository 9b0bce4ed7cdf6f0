/**
 * KafkaApp (`kafka-app`, abstract): a component that writes to Kafka topics. KPOps mixes it into the
 * streams-bootstrap classes; TypeScript has single inheritance, so those declare `kafka-app` as a mixin type (its
 * defaults apply to them at the same place). As a step of its own it only has the common fields.
 */
import { topicPlans } from "../../plan/topics";
import type { TopicPlan } from "../../plan/types";
import { PipelineComponent } from "./pipeline-component";

export abstract class KafkaApp extends PipelineComponent {
  static override readonly isAbstract: boolean = true;
  static override readonly description: string = "Base component for Kafka-based components.";

  /** A Kafka app creates its `to` topics on deploy. */
  protected override planTopics(): TopicPlan[] {
    return topicPlans(this.to);
  }
}
