/**
 * StreamsBootstrap (`streams-bootstrap`, abstract): a Kafka app deployed with a streams-bootstrap v3 chart.
 * In KPOps it also is a KafkaApp (`kafka-app`), whose defaults apply after this type's.
 */
import { topicPlans } from "../../plan/topics";
import type { TopicPlan } from "../../plan/types";
import { field, t, type FieldSpec } from "../../model/field-types";
import { HelmApp, HelmRepoConfigModel } from "../base/helm-app";
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

  /** The `kafka` section of the values. */
  get kafka(): Record<string, unknown> {
    return this.values.kafka as Record<string, unknown>;
  }
}
