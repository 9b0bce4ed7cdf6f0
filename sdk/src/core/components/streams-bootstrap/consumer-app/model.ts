/** Values of the streams-bootstrap `consumer-app` chart (charts exist from streams-bootstrap 6.0.0). */
import { field, t, type ModelSpec } from "../../../model/field-types";
import { camelModel } from "../../common/kubernetes-model";
import { consumerLikeValuesFields, inputTopicFields } from "../common-model";
import { kafkaConfigFields, rejectStreamsSection, streamsBootstrapValuesFields } from "../model";

export const ConsumerConfigModel: ModelSpec = {
  name: "ConsumerConfig",
  description: "Kafka consumer config.",
  extra: "allow",
  fields: [
    ...kafkaConfigFields(),
    ...camelModel("fields", [
      field("group_id", t.string(), { nullable: true, title: "Unique consumer group ID", description: "Unique consumer group ID for Kafka Streams. Required for auto-scaling." }),
    ]).fields,
    ...inputTopicFields(),
    ...camelModel("fields", [field("config", t.dict(), { default: {}, emptyAsNull: true, description: "Configuration" })]).fields,
  ],
};

export const ConsumerAppValuesModel: ModelSpec = {
  name: "ConsumerAppValues",
  description: "consumer-app configurations.",
  extra: "allow",
  before: rejectStreamsSection,
  fields: [...streamsBootstrapValuesFields(() => ConsumerConfigModel, { default: {} }), ...consumerLikeValuesFields()],
};
