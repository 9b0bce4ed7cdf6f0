import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartSettings, HelmSettings, TopicDefaults } from "../plan/settings";
import { ResourceBackend } from "../resources/backend";
import { SchemaProvider, SchemaType } from "../schema-provider";
import { ServiceConnectionArgs } from "../services";

/** How to reach the Kafka brokers for topic management (the `kafka.Provider` the components create). */
export interface KafkaConnectionArgs {
  /** Broker addresses, `host:port`. */
  readonly bootstrapServers: pulumi.Input<pulumi.Input<string>[]>;
  /** Use TLS. @default false (unlike @pulumi/kafka's own default, to fit a plain local broker) */
  readonly tlsEnabled?: pulumi.Input<boolean>;
  /** Skip TLS certificate verification. @default false */
  readonly skipTlsVerify?: pulumi.Input<boolean>;
  /** `plain` | `scram-sha256` | `scram-sha512` | ... @default undefined (no SASL) */
  readonly saslMechanism?: pulumi.Input<string>;
  /** SASL user. @default undefined */
  readonly saslUsername?: pulumi.Input<string>;
  /** SASL password; always a secret. @default undefined */
  readonly saslPassword?: pulumi.Input<string>;
  /** Kafka protocol version the client speaks. @default the provider's default */
  readonly kafkaVersion?: pulumi.Input<string>;
}

/**
 * Everything but the pipelines themselves: how to deploy, where to, and how carefully. Shared by
 * {@link PipelineArgs} and {@link ProjectArgs}.
 */
export interface DeploymentArgs {
  /**
   * Partitions / replication of topics that set none. KPOps asks the broker; @pulumi/kafka needs numbers.
   * @default { partitions: 1, replicationFactor: 1 } (Kafka's broker defaults)
   */
  readonly topicDefaults?: TopicDefaults;
  /** Create schema subjects (`schema_registry.enabled`). @default the KPOps config's value, else false */
  readonly schemaRegistryEnabled?: boolean;
  /** Turns schema classes into schemas: an object or a module path (resolved against `baseDir`). @default undefined */
  readonly schemaProvider?: SchemaProvider | string;
  /** The schema type asked of the schema provider. @default "AVRO" */
  readonly defaultSchemaType?: SchemaType;
  /** Charts of the apps. @default streams-bootstrap charts from the bakdata repository */
  readonly charts?: ChartSettings;
  /**
   * Shortcut for `charts.localChartsDir`: install streams-bootstrap apps from local chart folders (e.g. this
   * project's `charts/`). @default undefined
   */
  readonly localChartsDir?: string;
  /** Helm settings; missing fields come from the KPOps config (`create_namespace`, `helm_config`). @default {} */
  readonly helm?: HelmSettings;
  /** Allow Pulumi to delete topics and subjects (KPOps `clean`). @default false (they are retained on delete) */
  readonly allowTopicDeletion?: boolean;
  /** Allow changes that replace a topic (fewer partitions, other replication factor). @default false */
  readonly allowTopicReplacement?: boolean;
  /** Also `protect` topics, so that even removing a step fails until unprotected. @default false */
  readonly protectTopics?: boolean;
  /**
   * Adopt topics that already exist in Kafka instead of creating them (Pulumi `import`): `true` for every topic
   * of the stack, or a list of topic names. For moving an existing KPOps deployment to Pulumi, or re-adding a step
   * whose retained topics still exist. Import fails for a topic that does not exist, or whose partitions,
   * replication or configs differ from the pipeline's; once in the state, the option changes nothing.
   * @default false
   */
  readonly adoptExistingTopics?: boolean | string[];
  /** Brokers for topic management; creates a `kafka.Provider`. @default the KPOps config's `kafka_brokers` (no TLS), else the default kafka provider */
  readonly kafka?: KafkaConnectionArgs;
  /** Schema Registry. @default the KPOps config's `schema_registry.url`, else http://localhost:8081 */
  readonly schemaRegistry?: ServiceConnectionArgs;
  /** Kafka Connect. @default the KPOps config's `kafka_connect.url`, else http://localhost:8083 */
  readonly kafkaConnect?: ServiceConnectionArgs;
  /** Provider for the Helm releases. @default a provider for `helm_config.context` if set, else the default provider */
  readonly kubernetesProvider?: k8s.Provider;
  /** Provider for the topics; wins over `kafka`. @default undefined */
  readonly kafkaProvider?: kafka.Provider;
  /** Directory for relative paths (schema provider module, local charts). @default process.cwd() */
  readonly baseDir?: string;
  /** Replaces resource factories (another topic backend, recording in tests). @default the real resources */
  readonly backend?: Partial<ResourceBackend>;
}

/** The options of `kpops generate`, for components that load KPOps files themselves. */
export interface GenerateArgs {
  /** KPOps' working directory (relative paths and `pipeline_base_dir` resolve against it). @default process.cwd() */
  readonly projectDir?: string;
  /** Folder of `config.yaml`. @default "." */
  readonly configDir?: string;
  /** KPOps environment (`--environment`). @default undefined */
  readonly environment?: string;
  /** `.env` files (`--dotenv`). @default [] */
  readonly dotenvFiles?: string[];
  /** Step names to keep or drop (`--steps`). @default all */
  readonly steps?: string[];
  /** `--filter-type`. @default "include" */
  readonly filterType?: "include" | "exclude";
}
