/**
 * Component plans: what an enriched component deploys and what each KPOps operation means for it, as plain typed
 * data (no Pulumi, no I/O). Each component class builds its own plan (`PipelineComponent.plan()` and
 * `operationPlan()`); a subclass overrides only the part that differs. The Pulumi layer, manifest output and the
 * operations read these plans and never re-derive them from a component's type name or its dumped dictionary.
 *
 * Values that must stay secret are wrapped in a {@link Secret} at the leaf (see `./secret.ts`).
 */
import type { MaybeSecret } from "./secret";

/**
 * Every kind of deployable a component can be, decided by its class hierarchy (a custom class inherits its base's
 * kind): the Pulumi layer gives each kind its own component resource type (`kpops:index:<kind>`), and the package
 * schema describes one resource per entry. `PipelineComponent` is the generic kind of custom types that extend no
 * deployable built-in.
 */
export const COMPONENT_KINDS = [
  "StreamsApp",
  "ProducerApp",
  "ConsumerApp",
  "ConsumerProducerApp",
  "HelmApp",
  "KafkaSinkConnector",
  "KafkaSourceConnector",
  "PipelineComponent",
] as const;

/** One of {@link COMPONENT_KINDS}. */
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** One Kafka topic a component creates on deploy (a `to` topic). */
export interface TopicPlan {
  /** The topic name. */
  readonly name: string;
  /** `partitions_count`; undefined when the user set none (the cluster decides: `num.partitions`). */
  readonly partitions?: number;
  /** `replication_factor`; undefined when the user set none (the cluster decides: `default.replication.factor`). */
  readonly replicationFactor?: number;
  /** Topic configs, values as strings the way KPOps sends them (`-1` -> `"-1"`). */
  readonly configs: Readonly<Record<string, string>>;
  /** `key_schema`: the schema class of the key. */
  readonly keySchema?: string;
  /** `value_schema`: the schema class of the value. */
  readonly valueSchema?: string;
}

/** One Schema Registry subject a component registers on deploy (only with `schema_registry.enabled`). */
export interface SubjectPlan {
  /** `<topic>-key` or `<topic>-value`. */
  readonly subject: string;
  readonly topic: string;
  readonly role: "key" | "value";
  /** The schema class named in the pipeline, handed to the schema provider. */
  readonly schemaClass: string;
  /** The component's `to.models`, handed to the schema provider as KPOps does. */
  readonly models: Readonly<Record<string, string>>;
}

/** A Helm chart repository (`repo_config`). */
export interface ChartRepositoryPlan {
  /** The name KPOps gives it with `helm repo add` (the prefix of `<repo>/<chart>`). */
  readonly name: string;
  readonly url: string;
  /** `repo_auth_flags.username`. */
  readonly username?: string;
  /** `repo_auth_flags.password`, always a secret. */
  readonly password?: MaybeSecret<string>;
  /** `repo_auth_flags.ca_file`. */
  readonly caFile?: string;
  /** `repo_auth_flags.cert_file`. */
  readonly certFile?: string;
  /** `repo_auth_flags.insecure_skip_tls_verify`. */
  readonly insecureSkipTlsVerify: boolean;
}

/** The chart of a release. */
export interface ChartPlan {
  /** The chart as KPOps hands it to Helm: `<repository name>/<chart>`, or a local path when there is no repository. */
  readonly reference: string;
  /** The chart's name within its repository (`streams-app`), or the local path. */
  readonly name: string;
  /** Where the chart comes from; undefined for a local chart path. */
  readonly repository?: ChartRepositoryPlan;
  /** `version`; undefined means the latest. */
  readonly version?: string;
  /**
   * Where the chart is read from instead of its repository, when a chart mirror (`PlanOptions.chartMirrors`) maps
   * the repository's URL; undefined when none does.
   */
  readonly mirror?: ChartMirrorSource;
}

/**
 * The mirror a chart is read from: a local chart (an unpacked chart folder or a packaged `.tgz`), or another
 * chart repository serving the same charts (`repositoryUrl`; the chart's name, version and credentials stay).
 */
export type ChartMirrorSource = { readonly path: string; readonly repositoryUrl?: undefined } | { readonly repositoryUrl: string; readonly path?: undefined };

/** One entry of the chart-mirror setting: charts of the repository at `url` are read from `mirror`. */
export interface ChartMirror {
  /** The chart repository URL as pipelines name it (`repo_config.url`); compared without a trailing `/`. */
  readonly url: string;
  /**
   * An absolute local folder, or a repository URL (`http(s)://`, `oci://`). A folder holds the charts packaged
   * (`<chart>-<version>.tgz`, as a repository serves them) or as sources: `<version>/<chart>/`, or `<chart>/` when
   * its Chart.yaml says the requested version or the folder is named by it (`.../3.6.1/streams-app/`).
   */
  readonly mirror: string;
}

/** Helm flags from `config.yaml` (`helm_config`, `create_namespace`). */
export interface HelmFlagsPlan {
  /** `helm_config.context` (`--kube-context`). */
  readonly context?: string;
  /** `helm_config.debug` (`--debug`). */
  readonly debug: boolean;
  /** `helm_config.api_version` (`--api-versions`, `helm template` only). */
  readonly apiVersion?: string;
  /** `helm_config.force_replace` (`--force`). */
  readonly forceReplace: boolean;
  /** `create_namespace` (`--create-namespace`). */
  readonly createNamespace: boolean;
}

/** One Helm release (`helm upgrade --install`). */
export interface ReleasePlan {
  /** The release name (`helm_release_name`). */
  readonly name: string;
  readonly namespace: string;
  readonly chart: ChartPlan;
  /**
   * The values exactly as KPOps passes them to Helm: no nulls, no fields equal to their model defaults,
   * `nameOverride` / `fullnameOverride` = `helm_name_override` unless set. Secret leaves are {@link Secret}s.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /** `--timeout`: the component's `timeout`, else `helm_config.timeout`, else `5m0s` (a Helm duration). */
  readonly timeout: string;
  readonly flags: HelmFlagsPlan;
  /** KPOps runs `--wait` (workloads ready), and `--wait-for-jobs` only for cleanup jobs. */
  readonly waitForJobs: boolean;
}

/** One Kafka Connect connector. */
export interface ConnectorPlan {
  /** The connector name (`config.name`, always prefix + name). */
  readonly name: string;
  /** The config exactly as KPOps sends it: every value a string, nulls dropped; secret values are {@link Secret}s. */
  readonly config: Readonly<Record<string, MaybeSecret<string>>>;
  /** `state`: the initial state on create; pause/resume on update. */
  readonly state?: "running" | "paused";
}

/** What `deploy` does for a component, and what its deployment reads. */
export interface ComponentPlan {
  /** The component's resource kind (from its class hierarchy). */
  readonly kind: ComponentKind;
  /** The KPOps type (`streams-app`, or a custom type such as `filter`). */
  readonly type: string;
  /** The bare name (unique in its pipeline). */
  readonly name: string;
  /** prefix + name (unique in a stack: it names Helm releases and connectors). */
  readonly fullName: string;
  /** The `to` topics created on deploy (output, error and labeled alike), in declaration order. */
  readonly topics: readonly TopicPlan[];
  /** The subjects registered on deploy (empty unless `schema_registry.enabled`). */
  readonly subjects: readonly SubjectPlan[];
  /** Topics the component reads by name (patterns name no topic). */
  readonly reads: readonly string[];
  /** The Helm release, for Helm apps. */
  readonly release?: ReleasePlan;
  /** The connector, for Kafka connectors. */
  readonly connector?: ConnectorPlan;
}

/** The KPOps operations besides deploy. */
export type Operation = "destroy" | "reset" | "clean";

/** PersistentVolumeClaims an operation deletes. */
export interface PvcDeletionPlan {
  readonly namespace: string;
  /** Label selector of the claims (`app.kubernetes.io/name=<name override>`). */
  readonly labelSelector: string;
}

/** What one operation does for a component, in order. */
export interface OperationPlan {
  readonly operation: Operation;
  /** Uninstall the component's release. */
  readonly uninstallRelease?: string;
  /** Reset the connector's offsets through the Kafka Connect API (stop, delete offsets). */
  readonly resetConnectorOffsets?: string;
  /** Delete the connector. */
  readonly deleteConnector?: string;
  /** Run a cleanup job: install this release with `--wait --wait-for-jobs`, uninstall it unless `retain_clean_jobs`. */
  readonly cleanupJob?: ReleasePlan;
  /** Keep the cleanup job's release after it finished (`retain_clean_jobs`). */
  readonly retainCleanupJob?: boolean;
  /**
   * The app's consumer group, when its values name one (`kafka.applicationId` of a streams app, `kafka.groupId` of a
   * consumer app; `streams.applicationId` in v2): the cleanup job deletes it, and the operations check it is gone.
   */
  readonly consumerGroup?: string;
  /** Whether `consumerGroup` is a Kafka Streams application id (its internal topics start with `<id>-`). */
  readonly streamsApplication?: boolean;
  /** Delete PVCs of the app (clean of a stateful app with persistence). */
  readonly deletePvcs?: PvcDeletionPlan;
  /** Topics deleted (by the cleanup job, or directly for connectors). */
  readonly deletedTopics: readonly string[];
  /** Schema subjects deleted (by the cleanup job, or directly for connectors). */
  readonly deletedSubjects: readonly string[];
}

/** Options of planning that are deployment choices rather than pipeline facts. */
export interface PlanOptions {
  /**
   * Connector config keys and Helm values paths (dotted, e.g. `connection.user`, `env.API_TOKEN`) that are secret,
   * in addition to the built-in ones (connector keys ending in `password`, `sasl.jaas.config`; the
   * streams-bootstrap charts' `secrets`). @default []
   */
  readonly secretKeys?: readonly string[];
  /**
   * Chart mirrors: a release whose chart comes from one of these repository URLs reads it from the mirror instead
   * (see `./chart-mirror.ts`; the CLI and the program take them from `KPOPS_CHART_MIRRORS`). @default []
   */
  readonly chartMirrors?: readonly ChartMirror[];
}

/** The operations that can be printed as manifests (`--operation-mode manifest|argo`). */
export type ManifestOperation = "deploy" | Operation;

/** `--operation-mode manifest` (plain manifests) or `argo` (with Argo CD sync-wave and hook annotations). */
export type ManifestMode = "manifest" | "argo";

/**
 * One source of Kubernetes manifests in the output of a manifest-mode operation, in output order: a Helm chart
 * rendered (`helm template`) with the release's values plus `annotations` merged into the values' `annotations`
 * (the streams-bootstrap charts put those on their workloads), or one Strimzi `KafkaTopic` resource.
 */
export type ManifestPart =
  | { readonly kind: "helm-template"; readonly release: ReleasePlan; readonly annotations: Readonly<Record<string, string>> }
  | { readonly kind: "kafka-topic"; readonly topic: StrimziTopicPlan };

/** A Strimzi `KafkaTopic` resource (`kafka.strimzi.io/v1beta2`). */
export interface StrimziTopicPlan {
  readonly name: string;
  /** `metadata.namespace` (`strimzi_topic.namespace`), if any. */
  readonly namespace?: string;
  /** `metadata.labels`: the first entry of `strimzi_topic.label`. */
  readonly labels: Readonly<Record<string, string>>;
  /** `partitions_count`, else 1. */
  readonly partitions: number;
  /** `replication_factor`, else 1. */
  readonly replicas: number;
  /** The topic configs as KPOps holds them (values are strings: `-1` is `"-1"`). */
  readonly config: Readonly<Record<string, unknown>>;
}
