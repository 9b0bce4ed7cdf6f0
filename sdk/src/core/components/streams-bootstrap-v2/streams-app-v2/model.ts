/** Values of the v2 `streams-app` chart. */
import { field, t, type FieldSpec, type ModelSpec } from "../../../model/field-types";
import { camelModel } from "../../common/kubernetes-model";
import { kafkaStreamsConfigFields, omitDefaults, streamsBootstrapV2ValuesFields } from "../model";

export const StreamsConfigV2Model: ModelSpec = {
  name: "StreamsConfig",
  description: "streams-bootstrap streams section.",
  extra: "allow",
  fields: [
    ...kafkaStreamsConfigFields(),
    ...(camelModel("fields", [
      field("input_topics", t.list(t.string()), { default: [], description: "Input topics" }),
      field("input_pattern", t.string(), { nullable: true, description: "Input pattern" }),
      field("extra_input_topics", t.dict(t.list(t.string())), { default: {}, description: "Extra input topics" }),
      field("extra_input_patterns", t.dict(t.string()), { default: {}, description: "Extra input patterns" }),
      field("error_topic", t.string(), { nullable: true, description: "Error topic" }),
      field("config", t.dict(), { default: {}, description: "Configuration" }),
      field("delete_output", t.bool(), { nullable: true, description: "Whether the output topics with their associated schemas and the consumer group should be deleted during the cleanup" }),
    ]).fields as FieldSpec[]),
  ],
  serialize: omitDefaults(() => StreamsConfigV2Model),
};

export const StreamsAppV2AutoScalingModel = camelModel(
  "StreamsAppAutoScaling",
  [
    field("enabled", t.bool(), { default: false }),
    field("consumer_group", t.string(), { nullable: true }),
    field("lag_threshold", t.int(), { nullable: true }),
    field("polling_interval", t.int(), { default: 30 }),
    field("cooldown_period", t.int(), { default: 300 }),
    field("offset_reset_policy", t.string(), { default: "earliest" }),
    field("min_replicas", t.int(), { default: 0, title: "Min replica count" }),
    field("max_replicas", t.int(), { default: 1, title: "Max replica count" }),
    field("idle_replicas", t.int(), { nullable: true, title: "Idle replica count" }),
    field("topics", t.list(t.string()), { default: [] }),
  ],
  {
    extra: "allow",
    description: "Kubernetes Event-driven Autoscaling config.",
    after: (value) => {
      if (value.enabled && (value.consumerGroup === null || value.lagThreshold === null)) {
        throw new Error(
          "If app.autoscaling.enabled is set to true, the fields app.autoscaling.consumer_group and app.autoscaling.lag_threshold should be set.",
        );
      }
    },
  },
);

export const PersistenceConfigV2Model = camelModel(
  "PersistenceConfig",
  [
    field("enabled", t.bool(), { default: false }),
    field("size", t.string(), { nullable: true }),
    field("storage_class", t.string(), { nullable: true }),
  ],
  {
    after: (value) => {
      if (value.enabled && value.size === null) {
        throw new Error("If app.persistence.enabled is set to true, the field app.persistence.size needs to be set.");
      }
    },
  },
);

export const StreamsAppV2ValuesModel: ModelSpec = {
  name: "StreamsAppV2Values",
  description: "streams-bootstrap-v2 app configurations.",
  extra: "allow",
  fields: [
    ...streamsBootstrapV2ValuesFields(() => StreamsConfigV2Model),
    ...(camelModel("fields", [
      field("autoscaling", t.model(() => StreamsAppV2AutoScalingModel), { nullable: true, description: "Kubernetes event-driven autoscaling config" }),
      field("stateful_set", t.bool(), { default: false }),
      field("persistence", t.model(() => PersistenceConfigV2Model), { default: {} }),
    ]).fields as FieldSpec[]),
  ],
};
