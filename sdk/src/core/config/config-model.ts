/** The KPOps configuration model (`config.yaml`), field by field as KPOps 11 defines it. */
import { KpopsError } from "../errors";
import { field, t, type ModelSpec } from "../model/field-types";

/** Normalises an HTTP(S) URL as pydantic's AnyHttpUrl does: `http://host:8081` -> `http://host:8081/`. */
export function normaliseHttpUrl(value: unknown): string {
  if (typeof value !== "string") throw new Error("URL should be a string");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Input should be a valid URL, got '${value}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`URL scheme should be 'http' or 'https', got '${value}'`);
  }
  return url.href;
}

const url = (name: string, defaultValue: string, description: string) =>
  field(name, t.string(), { default: defaultValue, check: normaliseHttpUrl, description });

const timeout = field("timeout", t.union(t.int(), t.number()), { default: 30, description: "Operation timeout in seconds." });

export const TopicNameConfigModel: ModelSpec = {
  name: "TopicNameConfig",
  description: "Configure the topic name variables you can use in the pipeline definition.",
  extra: "ignore",
  fields: [
    field("default_output_topic_name", t.string(), {
      default: "${pipeline.name}-${component.name}",
      description: "Configures the value for the variable ${output_topic_name}",
    }),
    field("default_error_topic_name", t.string(), {
      default: "${pipeline.name}-${component.name}-error",
      description: "Configures the value for the variable ${error_topic_name}",
    }),
  ],
};

export const SchemaRegistryConfigModel: ModelSpec = {
  name: "SchemaRegistryConfig",
  description: "Configuration for Schema Registry.",
  extra: "ignore",
  fields: [
    field("enabled", t.bool(), { default: false, description: "Whether the Schema Registry handler should be initialized." }),
    url("url", "http://localhost:8081/", "Address of the Schema Registry."),
    timeout,
  ],
};

export const KafkaRestConfigModel: ModelSpec = {
  name: "KafkaRestConfig",
  description: "Configuration for Kafka REST Proxy.",
  extra: "ignore",
  fields: [url("url", "http://localhost:8082/", "Address of the Kafka REST Proxy."), timeout],
};

export const KafkaConnectConfigModel: ModelSpec = {
  name: "KafkaConnectConfig",
  description: "Configuration for Kafka Connect.",
  extra: "ignore",
  fields: [url("url", "http://localhost:8083/", "Address of Kafka Connect."), timeout],
};

export const HelmConfigModel: ModelSpec = {
  name: "HelmConfig",
  description: "Global Helm configuration.",
  extra: "ignore",
  fields: [
    field("context", t.string(), { nullable: true, description: "Name of kubeconfig context (`--kube-context`)" }),
    field("debug", t.bool(), { default: false, description: "Run Helm in Debug mode" }),
    field("api_version", t.string(), { nullable: true, title: "API version", description: "Kubernetes API version used for `Capabilities.APIVersions`" }),
    field("timeout", t.string(), { nullable: true, title: "Helm flag --timeout", description: "Global Helm timeout; a component's own `timeout` wins" }),
    field("force_replace", t.bool(), { default: false, title: "Force Upgrade", description: "Force resource updates through a replacement strategy" }),
  ],
};

export const StrimziTopicConfigModel: ModelSpec = {
  name: "StrimziTopicConfig",
  description: "Configuration for Strimzi Kafka Topics.",
  extra: "ignore",
  fields: [
    field("label_", t.dict(t.string()), {
      key: "label",
      accepts: ["label_"],
      required: true,
      check: (value) => {
        if (Object.keys(value as object).length === 0) throw new Error("'strimzi_topic.label' must contain a single key-value pair.");
        return value;
      },
      description: "The label to identify the KafkaTopic resources managed by the Topic Operator.",
    }),
    field("namespace", t.string(), { nullable: true, description: "The namespace where the Topic Operator is running." }),
  ],
};

export const OPERATION_MODES = ["argo", "manifest", "managed"] as const;

export const KpopsConfigModel: ModelSpec = {
  name: "KpopsConfig",
  description: "Global configuration for KPOps project.",
  extra: "ignore",
  after: (data) => {
    if (data.enabled_pipelines != null && data.disabled_pipelines != null) {
      throw new KpopsError("set either enabled_pipelines or disabled_pipelines, not both", { field: "disabled_pipelines" });
    }
  },
  fields: [
    field("pipeline_base_dir", t.string(), {
      default: ".",
      description: "Base directory to the pipelines (default is current working directory)",
    }),
    field("kafka_brokers", t.string(), { required: true, description: "The comma separated Kafka brokers address." }),
    field("topic_name_config", t.model(() => TopicNameConfigModel), { default: {}, description: TopicNameConfigModel.description }),
    field("schema_registry", t.model(() => SchemaRegistryConfigModel), { default: {}, description: SchemaRegistryConfigModel.description }),
    field("kafka_rest", t.model(() => KafkaRestConfigModel), { default: {}, description: KafkaRestConfigModel.description }),
    field("kafka_connect", t.model(() => KafkaConnectConfigModel), { default: {}, description: KafkaConnectConfigModel.description }),
    field("create_namespace", t.bool(), {
      default: false,
      description: "Flag for `helm upgrade --install`. Create the release namespace if not present.",
    }),
    field("helm_config", t.model(() => HelmConfigModel), { default: {}, description: "Global flags for Helm." }),
    field("retain_clean_jobs", t.bool(), {
      default: false,
      description: "Whether to retain clean up jobs in the cluster or uninstall the, after completion.",
    }),
    field("strimzi_topic", t.model(() => StrimziTopicConfigModel), { nullable: true, description: StrimziTopicConfigModel.description }),
    field("components_module", t.string(), {
      nullable: true,
      description:
        "KPOps for Pulumi: a JavaScript or TypeScript module (path relative to the working directory, or a package name) whose exported classes are custom component types.",
    }),
    field("enabled_pipelines", t.list(t.string()), {
      nullable: true,
      description:
        "KPOps for Pulumi: only the pipelines in these folders (relative to pipeline_base_dir, e.g. `foo/pipeline-1` or `bar`) are generated and deployed; set it per environment in config_<env>.yaml. Not together with disabled_pipelines.",
    }),
    field("disabled_pipelines", t.list(t.string()), {
      nullable: true,
      description:
        "KPOps for Pulumi: the pipelines in these folders (relative to pipeline_base_dir) are skipped: nothing of them is generated or deployed; set it per environment in config_<env>.yaml.",
    }),
    field("operation_mode", t.enum(...OPERATION_MODES), {
      default: "managed",
      excluded: true,
      hiddenInSchema: true,
      description: "The operation mode of KPOps (managed, manifest, argo).",
    }),
  ],
};
