/** Values of the v2 `producer-app` chart. */
import type { ModelSpec } from "../../../model/field-types";
import { KafkaStreamsConfigModel, streamsBootstrapV2ValuesFields } from "../model";

export const ProducerAppV2ValuesModel: ModelSpec = {
  name: "ProducerAppV2Values",
  description: "Settings specific to producers.",
  extra: "allow",
  fields: streamsBootstrapV2ValuesFields(() => KafkaStreamsConfigModel),
};
