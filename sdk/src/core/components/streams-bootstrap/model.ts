/** Helm values of the streams-bootstrap v3 charts, shared by streams-app, producer-app and consumer-app. */
import { field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { helmAppValuesFields } from "../base/helm-app";
import { AffinityModel, camelModel, IMAGE_PULL_POLICIES, ResourcesModel, TolerationModel } from "../common/kubernetes-model";

export const IMAGE_TAG_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

const optionalDict = (name: string, values: ReturnType<typeof t.any>, description: string) =>
  field(name, t.dict(values), { default: {}, emptyAsNull: true, description });
const optionalList = (name: string, items: ReturnType<typeof t.any>, description: string) =>
  field(name, t.list(items), { default: [], emptyAsNull: true, description });

export const PortConfigModel = camelModel(
  "PortConfig",
  [
    field("container_port", t.int(), { required: true, description: "Number of the port to expose." }),
    field("name", t.string(), { nullable: true, description: "Services can reference port by name (optional)." }),
    field("schema_", t.enum("TCP", "UDP", "SCTP"), { key: "schema", default: "TCP", description: "Protocol for port. Must be UDP, TCP, or SCTP." }),
    field("service_port", t.int(), { nullable: true, description: "Number of the port of the service (optional)" }),
  ],
  { description: "Base class for the port configuration of the Kafka Streams application." },
);

export const ServiceConfigModel = camelModel(
  "ServiceConfig",
  [
    field("enabled", t.bool(), { default: false, description: "Whether to create a service." }),
    field("labels", t.dict(t.string()), { default: {}, description: "Additional service labels." }),
    field("type", t.enum("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"), { nullable: true, description: "Service type." }),
  ],
  { description: "Base model for configuring a service for the Kafka Streams application." },
);

export const JavaOptionsModel = camelModel(
  "JavaOptions",
  [
    field("max_RAM_percentage", t.int(), { nullable: true, description: "Sets the maximum amount of memory that the JVM may use for the Java heap." }),
    field("others", t.list(t.string()), { default: [], description: "List of Java VM options passed to the streams app." }),
  ],
  { description: "JVM configuration options." },
);

/** Fields of KafkaConfig (the `kafka` section every streams-bootstrap v3 app has). */
export function kafkaConfigFields(): FieldSpec[] {
  return [
    field("bootstrap_servers", t.string(), { key: "bootstrapServers", default: "${config.kafka_brokers}", description: "Brokers" }),
    field("schema_registry_url", t.string(), {
      key: "schemaRegistryUrl",
      nullable: true,
      title: "Schema Registry URL",
      description: "URL of the Schema Registry",
    }),
    field("labeled_output_topics", t.dict(t.string()), {
      key: "labeledOutputTopics",
      default: {},
      emptyAsNull: true,
      description: "Extra output topics",
    }),
    field("output_topic", t.string(), { key: "outputTopic", nullable: true, description: "Output topic" }),
  ];
}

export const KafkaConfigModel: ModelSpec = { name: "KafkaConfig", description: "Kafka Streams config.", extra: "allow", fields: kafkaConfigFields() };

/** Fields of StreamsBootstrapValues, the values every streams-bootstrap v3 chart takes. */
export function streamsBootstrapValuesFields(kafkaModel: () => ModelSpec, kafkaOptions: { default?: unknown } = {}): FieldSpec[] {
  const fields: FieldSpec[] = [
    ...helmAppValuesFields(),
    field("image", t.string(), { required: true, description: "Docker image of the Kafka producer app." }),
    field("image_tag", t.string({ pattern: IMAGE_TAG_PATTERN }), { key: "imageTag", nullable: true, description: "Docker image tag of the streams-bootstrap app." }),
    field("image_pull_policy", t.enum(...IMAGE_PULL_POLICIES), { key: "imagePullPolicy", nullable: true, description: "Docker image pull policy." }),
    optionalList("image_pull_secrets", t.dict(t.string()), "Secrets to be used for private registries."),
    field("kafka", t.model(kafkaModel), {
      required: kafkaOptions.default === undefined,
      default: kafkaOptions.default,
      description: "Kafka configuration for the streams-bootstrap app.",
    }),
    field("resources", t.model(() => ResourcesModel), { nullable: true, description: "See https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/" }),
    optionalList("ports", t.model(() => PortConfigModel), "Ports"),
    field("service", t.model(() => ServiceConfigModel), { nullable: true, description: "Service" }),
    field("configuration_env_prefix", t.string(), {
      nullable: true,
      description: "Prefix for environment variables to use that should be parsed as command line arguments.",
    }),
    optionalDict("command_line", t.union(t.string(), t.bool(), t.int(), t.number()), "Map of command line arguments passed to the streams app."),
    optionalDict("env", t.string(), "Custom environment variables."),
    optionalDict("secrets", t.string(), "Custom secret environment variables."),
    optionalDict("secret_refs", t.any(), "Inject existing secrets as environment variables."),
    optionalList("secret_files_refs", t.dict(), "Mount existing secrets as volumes"),
    optionalDict("files", t.any(), "Map of files to mount for the app."),
    field("java_options", t.model(() => JavaOptionsModel), { nullable: true, description: "JVM configuration options." }),
    optionalDict("pod_annotations", t.string(), "Map of custom annotations to attach to the pod spec."),
    optionalDict("pod_labels", t.string(), "Map of custom labels to attach to the pod spec."),
    optionalDict("liveness_probe", t.any(), "See https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.25/#probe-v1-core"),
    optionalDict("readiness_probe", t.any(), "See https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.25/#probe-v1-core"),
    field("affinity", t.model(() => AffinityModel), { nullable: true, description: "Map to configure pod affinities." }),
    optionalList("tolerations", t.model(() => TolerationModel), "Array containing taint references."),
  ];
  return [...camelModel("fields", fields).fields];
}

/** KPOps 11 rejects the v2 `streams` section in v3 values. */
export function rejectStreamsSection(input: Record<string, unknown>): void {
  if ("streams" in input) throw new Error("streams-bootstrap v3 no longer supports 'streams' attribute.");
}

export const StreamsBootstrapValuesModel: ModelSpec = {
  name: "StreamsBootstrapValues",
  description: "Base value class for all streams bootstrap related components.",
  extra: "allow",
  before: rejectStreamsSection,
  fields: streamsBootstrapValuesFields(() => KafkaConfigModel),
};
