/** Helm values of the deprecated streams-bootstrap v2 charts. */
import { field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { helmAppValuesFields } from "../base/helm-app";
import { AffinityModel, camelModel, TolerationModel } from "../common/kubernetes-model";
import { IMAGE_TAG_PATTERN } from "../streams-bootstrap/model";

/** The v2 `streams` section omits nulls and values equal to their field's default when dumped. */
export function omitDefaults(spec: () => ModelSpec) {
  return (dumped: Record<string, unknown>): Record<string, unknown> => {
    const defaults = new Map(spec().fields.map((f) => [f.key, f]));
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(dumped)) {
      if (value === null || value === undefined) continue;
      const fieldSpec = defaults.get(key);
      if (fieldSpec && !fieldSpec.required && JSON.stringify(fieldSpec.default ?? null) === JSON.stringify(value)) continue;
      result[key] = value;
    }
    return result;
  };
}

export function kafkaStreamsConfigFields(): FieldSpec[] {
  return camelModel("fields", [
    field("brokers", t.string(), { required: true, description: "Brokers" }),
    field("schema_registry_url", t.string(), { nullable: true, title: "Schema Registry URL", description: "URL of the Schema Registry" }),
    field("extra_output_topics", t.dict(t.string()), { default: {}, description: "Extra output topics" }),
    field("output_topic", t.string(), { nullable: true, description: "Output topic" }),
  ]).fields as FieldSpec[];
}

export const KafkaStreamsConfigModel: ModelSpec = {
  name: "KafkaStreamsConfig",
  description: "Kafka Streams config.",
  extra: "allow",
  fields: kafkaStreamsConfigFields(),
  serialize: omitDefaults(() => KafkaStreamsConfigModel),
};

export function streamsBootstrapV2ValuesFields(streamsModel: () => ModelSpec): FieldSpec[] {
  return camelModel("fields", [
    ...helmAppValuesFields(),
    field("image_tag", t.string({ pattern: IMAGE_TAG_PATTERN }), { default: "latest", description: "Docker image tag of the streams-bootstrap-v2 app." }),
    field("streams", t.model(streamsModel), { required: true, description: "Kafka Streams settings" }),
    field("affinity", t.model(() => AffinityModel), { nullable: true, description: "Map to configure pod affinities." }),
    field("tolerations", t.list(t.model(() => TolerationModel)), { default: [], emptyAsNull: true, description: "Array containing taint references." }),
  ]).fields as FieldSpec[];
}

export const StreamsBootstrapV2ValuesModel: ModelSpec = {
  name: "StreamsBootstrapV2Values",
  description: "Base value class for all streams bootstrap v2 related components.",
  extra: "allow",
  fields: streamsBootstrapV2ValuesFields(() => KafkaStreamsConfigModel),
};
