export * from "./http";
export * as schemaRegistry from "./schema-registry";
export * as kafkaConnect from "./kafka-connect";
export { SchemaRegistryClient } from "./schema-registry";
export { KafkaConnectClient } from "./kafka-connect";
export * as kafkaAdmin from "./kafka-admin";
export * as kubernetes from "./kubernetes";
export { KubernetesClient } from "./kubernetes";
