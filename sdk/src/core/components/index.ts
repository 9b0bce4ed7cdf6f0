/** The built-in component types and the base classes custom components extend. */
export { PipelineComponent, type ComponentClass, type ComponentData } from "./base/pipeline-component";
export type { ComponentContext } from "./base/component-context";
export { KubernetesApp } from "./base/kubernetes-app";
export { HelmApp } from "./base/helm-app";
export { KafkaApp } from "./base/kafka-app";
export { buildCleaner, CLEANER_SUFFIX } from "./base/cleaner";
export { StreamsBootstrapCleaner, StreamsAppCleaner, ProducerAppCleaner, ConsumerAppCleaner } from "./streams-bootstrap/cleaners";
export { StreamsBootstrapV2Cleaner, StreamsAppV2Cleaner, ProducerAppV2Cleaner } from "./streams-bootstrap-v2/cleaners";
export { KafkaConnector, KafkaSinkConnector, KafkaSourceConnector } from "./base/kafka-connector";
export { StreamsBootstrap } from "./streams-bootstrap/streams-bootstrap";
export { StreamsApp } from "./streams-bootstrap/streams-app/streams-app";
export { ProducerApp } from "./streams-bootstrap/producer-app/producer-app";
export { ConsumerApp } from "./streams-bootstrap/consumer-app/consumer-app";
export { StreamsBootstrapV2 } from "./streams-bootstrap-v2/streams-bootstrap-v2";
export { StreamsAppV2 } from "./streams-bootstrap-v2/streams-app-v2/streams-app-v2";
export { ProducerAppV2 } from "./streams-bootstrap-v2/producer-app-v2/producer-app-v2";
export type { FromSection, FromTopic } from "./models/from-section";
export type { ToSection, TopicConfig } from "./models/to-section";
