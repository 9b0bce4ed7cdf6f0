import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ComponentClass } from "../../core/components/base/pipeline-component";
import type { ExternalSteps } from "../../core/pipeline/step-outputs";
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
 * {@link PipelineArgs} and {@link ProjectArgs}. What a step deploys (topics, charts, values, Helm flags, whether
 * schemas are registered) comes from its component and the KPOps config, never from here.
 */
export interface DeploymentArgs {
  /** Turns schema classes into schemas: an object or a module path (resolved against `baseDir`). @default undefined */
  readonly schemaProvider?: SchemaProvider | string;
  /** The schema type asked of the schema provider. @default "AVRO" */
  readonly defaultSchemaType?: SchemaType;
  /**
   * A local mirror of the streams-bootstrap charts: a release whose chart comes from the bakdata streams-bootstrap
   * repository (KPOps' default `repo_config`) installs `<localChartsDir>/<chart>` instead (no network, no version),
   * e.g. this project's `charts/`. Charts of other repositories are untouched. @default undefined
   */
  readonly localChartsDir?: string;
  /**
   * Chart mirrors: charts of a repository URL are read from a local folder or another repository, without editing
   * the pipeline (`sdk/src/core/plan/chart-mirror.ts`): the setting's text (`URL=MIRROR` entries separated by
   * commas or new lines, or a JSON object), or an object URL -> mirror; relative folders from `baseDir`. A mirror
   * wins over `localChartsDir`. @default the environment variable KPOPS_CHART_MIRRORS, else none
   */
  readonly chartMirrors?: string | Readonly<Record<string, string>>;
  /**
   * Connector config keys and Helm values paths (dotted) to keep secret, besides the built-in ones (connector keys
   * ending in `password`, `sasl.jaas.config`, the streams-bootstrap charts' `secrets`). @default []
   */
  readonly secretKeys?: string[];
  /** Allow Pulumi to delete topics and subjects (KPOps `clean`). @default false (they are retained on delete) */
  readonly allowTopicDeletion?: boolean;
  /** Allow changes that replace a topic (fewer partitions, other replication factor). @default false */
  readonly allowTopicReplacement?: boolean;
  /** Also `protect` topics, so that even removing a step fails until unprotected. @default false */
  readonly protectTopics?: boolean;
  /**
   * Brokers for topic management; creates a `kafka.Provider`.
   * @default a kafka provider of `opts.providers` (or inherited from a parent) if any, else the KPOps config's
   * `kafka_brokers` (no TLS), else the stack's default kafka provider
   */
  readonly kafka?: KafkaConnectionArgs;
  /** Schema Registry. @default the KPOps config's `schema_registry.url` and `timeout` */
  readonly schemaRegistry?: ServiceConnectionArgs;
  /** Kafka Connect. @default the KPOps config's `kafka_connect.url` and `timeout` */
  readonly kafkaConnect?: ServiceConnectionArgs;
  /**
   * Provider for the Helm releases.
   * @default a kubernetes provider of `opts.providers` if any, else one for `helm_config.context` if set, else the default provider
   */
  readonly kubernetesProvider?: k8s.Provider;
  /** Provider for the topics; wins over everything else. @default undefined */
  readonly kafkaProvider?: kafka.Provider;
  /** Directory for relative paths (schema provider module, local charts). @default process.cwd() */
  readonly baseDir?: string;
  /**
   * Objects that exist in the services but not in the stack's state, to be imported (taken over) instead of created:
   * Helm releases (`namespace/name`), connectors and subjects by name. The managed operations (`kpops deploy`) fill
   * it from what the cluster and the services have (adoption of a pipeline upstream KPOps deployed). Topics need no
   * entry: the stack finds existing ones itself. @default nothing
   */
  readonly adopt?: AdoptArgs;
  /** Replaces resource factories (another topic backend, recording in tests). @default the real resources */
  readonly backend?: Partial<ResourceBackend>;
}

/** What {@link DeploymentArgs.adopt} imports. */
export interface AdoptArgs {
  /** Helm releases as `namespace/name` (the import id of `kubernetes:helm.sh/v3:Release`). @default [] */
  readonly releases?: readonly string[];
  /** Connector names (imported by their Kafka Connect REST address). @default [] */
  readonly connectors?: readonly string[];
  /** Subject names (imported by their Schema Registry REST address). @default [] */
  readonly subjects?: readonly string[];
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
  /** Custom component classes of an embedding TypeScript program (besides `components_module`). @default [] */
  readonly componentClasses?: ComponentClass[];
  /**
   * Steps published by other stacks, by reference name, as `readStackReferences` reads them: a `from.components`
   * key `<reference>/<pipeline folder>/<step>` reads that step's output topics. @default {}
   */
  readonly externalSteps?: ExternalSteps;
}
