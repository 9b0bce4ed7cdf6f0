/** Values of the streams-bootstrap `consumerproducer-app` chart (KPOps 12): consumer-app's plus an error topic. */
import { field, t, type ModelSpec } from "../../../model/field-types";
import { camelModel } from "../../common/kubernetes-model";
import { ConsumerAppValuesModel, ConsumerConfigModel } from "../consumer-app/model";

export const ConsumerProducerConfigModel: ModelSpec = {
  name: "ConsumerProducerConfig",
  description: "consumerproducer-app kafka section.",
  extra: "allow",
  fields: [
    ...ConsumerConfigModel.fields,
    ...camelModel("fields", [
      field("error_topic", t.string(), { nullable: true, description: "Error topic" }),
      field("delete_output", t.bool(), {
        nullable: true,
        description: "Whether the output topics with their associated schemas and the consumer group should be deleted during the cleanup",
      }),
    ]).fields,
  ],
};

export const ConsumerProducerAppValuesModel: ModelSpec = {
  ...ConsumerAppValuesModel,
  name: "ConsumerProducerAppValues",
  description: "consumerproducer-app configurations.",
  fields: ConsumerAppValuesModel.fields.map((spec) =>
    spec.name === "kafka" ? { ...spec, type: t.model(() => ConsumerProducerConfigModel) } : spec,
  ),
};
