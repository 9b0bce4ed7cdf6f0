export * from "./kafka-connector";
export * from "./schema-subject";
export * from "./release-workloads";
export { validateConnectorForPreview } from "./kafka-connector-operations";
export type { ConnectorPreviewReport, KafkaConnectClientFactory, KafkaConnectorInputs, KafkaConnectorOutputs } from "./kafka-connector-operations";
export { validateSubjectForPreview } from "./schema-subject-operations";
export type { SchemaRegistryClientFactory, SchemaSubjectInputs, SchemaSubjectOutputs, SubjectPreviewReport } from "./schema-subject-operations";
export type { ReleaseWorkloadsInputs, ReleaseWorkloadsOutputs, WorkloadDrift, WorkloadState, WorkloadStates } from "./release-workloads-operations";
