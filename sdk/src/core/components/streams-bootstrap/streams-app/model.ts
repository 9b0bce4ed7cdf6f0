/** Values of the streams-bootstrap v3 `streams-app` chart. */
import { field, t, type ModelSpec } from "../../../model/field-types";
import { camelModel } from "../../common/kubernetes-model";
import { consumerLikeValuesFields, inputTopicFields } from "../common-model";
import { kafkaConfigFields, rejectStreamsSection, streamsBootstrapValuesFields } from "../model";

export const StreamsConfigModel: ModelSpec = {
  name: "StreamsConfig",
  description: "Kafka Streams config.",
  extra: "allow",
  fields: [
    ...kafkaConfigFields(),
    ...camelModel("fields", [
      field("application_id", t.string(), { nullable: true, title: "Unique application ID", description: "Unique application ID for Kafka Streams. Required for auto-scaling" }),
    ]).fields,
    ...inputTopicFields(),
    ...camelModel("fields", [
      field("error_topic", t.string(), { nullable: true, description: "Error topic" }),
      field("config", t.dict(), { default: {}, emptyAsNull: true, description: "Configuration" }),
      field("delete_output", t.bool(), {
        nullable: true,
        description: "Whether the output topics with their associated schemas and the consumer group should be deleted during the cleanup",
      }),
    ]).fields,
  ],
};

export const StreamsAppValuesModel: ModelSpec = {
  name: "StreamsAppValues",
  description: "streams-bootstrap app configurations.",
  extra: "allow",
  before: rejectStreamsSection,
  fields: [...streamsBootstrapValuesFields(() => StreamsConfigModel, { default: {} }), ...consumerLikeValuesFields()],
};
