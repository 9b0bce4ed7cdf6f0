/** Values shared by the v3 streams-app and consumer-app: autoscaling, persistence, Prometheus JMX, JMX. */
import { field, t, type FieldSpec } from "../../model/field-types";
import { camelModel, IMAGE_PULL_POLICIES, ResourcesModel } from "../common/kubernetes-model";

export const JmxRuleModel = camelModel("JMXRule", [
  field("pattern", t.string(), { nullable: true }),
  field("name", t.string(), { nullable: true }),
  field("value", t.union(t.string(), t.bool(), t.int(), t.number()), { nullable: true }),
  field("value_factor", t.number(), { nullable: true }),
  field("help", t.string(), { nullable: true }),
  field("attr_name_snake_case", t.bool(), { nullable: true }),
  field("cache", t.bool(), { nullable: true }),
  field("type", t.enum("GAUGE", "COUNTER", "UNTYPED"), { nullable: true }),
  field("labels", t.dict(t.string()), { default: {}, emptyAsNull: true }),
]);

export const PrometheusJmxExporterModel = camelModel("PrometheusJMXExporterConfig", [
  field("enabled", t.bool(), { nullable: true }),
  field("image", t.string(), { nullable: true }),
  field("image_tag", t.string(), { nullable: true }),
  field("image_pull_policy", t.enum(...IMAGE_PULL_POLICIES), { nullable: true }),
  field("port", t.int(), { nullable: true }),
  field("resources", t.model(() => ResourcesModel), { nullable: true }),
  field("metric_rules", t.list(t.model(() => JmxRuleModel)), { default: [], emptyAsNull: true }),
]);

export const PrometheusExporterModel = camelModel("PrometheusExporterConfig", [
  field("jmx", t.model(() => PrometheusJmxExporterModel), { nullable: true, description: "The prometheus JMX exporter configuration." }),
]);

export const JmxConfigModel = camelModel("JMXConfig", [
  field("enabled", t.bool(), { nullable: true }),
  field("host", t.string(), { nullable: true }),
  field("port", t.int(), { nullable: true }),
]);

export const StreamsAppAutoScalingModel = camelModel(
  "StreamsAppAutoScaling",
  [
    field("enabled", t.bool(), { default: false, description: "Whether to enable auto-scaling using KEDA." }),
    field("lag_threshold", t.int(), { nullable: true, description: "Average target value to trigger scaling actions." }),
    field("polling_interval", t.int(), { nullable: true, description: "This is the interval to check each trigger on." }),
    field("cooldown_period", t.int(), { nullable: true, description: "The period to wait after the last trigger reported active before scaling the resource back to 0." }),
    field("offset_reset_policy", t.string(), { nullable: true, description: "The offset reset policy for the consumer if the consumer group is not yet subscribed to a partition." }),
    field("min_replicas", t.int(), { nullable: true, title: "Min replica count" }),
    field("max_replicas", t.int(), { nullable: true, title: "Max replica count" }),
    field("idle_replicas", t.int(), { nullable: true, title: "Idle replica count" }),
    field("internal_topics", t.list(t.string()), { default: [], emptyAsNull: true }),
    field("topics", t.list(t.string()), { default: [], emptyAsNull: true }),
    field("triggers", t.list(t.dict()), { default: [], emptyAsNull: true }),
    field("additional_triggers", t.list(t.dict()), { default: [], emptyAsNull: true }),
    field("scaling_modifiers", t.dict(), { nullable: true }),
  ],
  { extra: "allow", description: "Kubernetes Event-driven Autoscaling config." },
);

export const PersistenceConfigModel = camelModel(
  "PersistenceConfig",
  [
    field("enabled", t.bool(), { default: false, description: "Whether to use a persistent volume to store the state of the streams app." }),
    field("size", t.string(), { nullable: true, description: "The size of the PersistentVolume to allocate to each streams pod in the StatefulSet." }),
    field("storage_class", t.string(), { nullable: true, description: "Storage class to use for the persistent volume." }),
    field("volume_attributes_class_name", t.string(), { nullable: true, description: "VolumeAttributesClass to use for the persistent volume." }),
  ],
  {
    after: (value) => {
      if (value.enabled && value.size === null) {
        throw new Error("If app.persistence.enabled is set to true, the field app.persistence.size needs to be set.");
      }
    },
  },
);

/** Values fields a long-running consumer (streams-app, consumer-app) adds after `kafka`. */
export function consumerLikeValuesFields(): FieldSpec[] {
  return camelModel("fields", [
    field("autoscaling", t.model(() => StreamsAppAutoScalingModel), { nullable: true, description: "Kubernetes event-driven autoscaling config" }),
    field("stateful_set", t.bool(), { default: false, description: "Whether to use a StatefulSet instead of a Deployment to deploy the app." }),
    field("persistence", t.model(() => PersistenceConfigModel), { nullable: true, description: "Configuration for persistent volume to store the state of the app." }),
    field("prometheus", t.model(() => PrometheusExporterModel), { nullable: true, description: "Configuration for Prometheus JMX Exporter." }),
    field("jmx", t.model(() => JmxConfigModel), { nullable: true, description: "Configuration for JMX Exporter." }),
    field("termination_grace_period_seconds", t.int(), { nullable: true, description: "Delay for graceful application shutdown in seconds" }),
  ]).fields as FieldSpec[];
}

/** Input fields of a consumer's kafka section (streams-app, consumer-app). */
export function inputTopicFields(): FieldSpec[] {
  return camelModel("fields", [
    field("input_topics", t.list(t.string()), { default: [], emptyAsNull: true, description: "Input topics" }),
    field("input_pattern", t.string(), { nullable: true, description: "Input pattern" }),
    field("labeled_input_topics", t.dict(t.list(t.string())), { default: {}, emptyAsNull: true, description: "Extra input topics" }),
    field("labeled_input_patterns", t.dict(t.string()), { default: {}, emptyAsNull: true, description: "Extra input patterns" }),
  ]).fields as FieldSpec[];
}
