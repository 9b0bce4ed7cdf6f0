/** StreamsBootstrapV2 (`streams-bootstrap-v2`, abstract, deprecated): apps on the streams-bootstrap v2 charts. */
import { topicPlans } from "../../plan/topics";
import type { TopicPlan } from "../../plan/types";
import { field, t, type FieldSpec } from "../../model/field-types";
import { HelmApp, HelmRepoConfigModel } from "../base/helm-app";
import { STREAMS_BOOTSTRAP_HELM_REPO } from "../streams-bootstrap/streams-bootstrap";
import { StreamsBootstrapV2ValuesModel } from "./model";

export const STREAMS_BOOTSTRAP_V2_VERSION = "2.9.0";

export abstract class StreamsBootstrapV2 extends HelmApp {
  static override readonly isAbstract: boolean = true;
  /** The streams-bootstrap charts take secret environment variables in `secrets`. */
  static override readonly secretValues: readonly string[] = ["secrets"];
  static override readonly description: string = "Base for components with a streams-bootstrap-v2 Helm chart.";
  static override readonly mixinTypes: readonly string[] = ["kafka-app"];

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("values", t.model(() => StreamsBootstrapV2ValuesModel), { required: true, description: "streams-bootstrap-v2 Helm values" }),
      field("repo_config", t.model(() => HelmRepoConfigModel), {
        default: STREAMS_BOOTSTRAP_HELM_REPO,
        skipGenerate: true,
        description: "Configuration of the Helm chart repo to be used for deploying the component",
      }),
      field("version", t.string(), { default: STREAMS_BOOTSTRAP_V2_VERSION, nullable: true, description: "Helm chart version" }),
    ]);
  }

  /** A streams-bootstrap app is a Kafka app: it creates its `to` topics on deploy. */
  protected override planTopics(): TopicPlan[] {
    return topicPlans(this.to);
  }

  /** The `streams` section of the values. */
  get streams(): Record<string, unknown> {
    return this.values.streams as Record<string, unknown>;
  }
}
