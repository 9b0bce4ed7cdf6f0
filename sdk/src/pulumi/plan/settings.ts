/**
 * Settings that shape the plan: the parts of KPOps' `config.yaml` the Pulumi layer needs, plus the choices
 * that KPOps leaves to the live cluster (topic defaults) or that are new here (data safety, local charts).
 * All plain data, so the planner stays a pure function.
 */

/** A Helm chart reference for an app step. */
export interface ChartRef {
  /** Chart name in the repository, e.g. `streams-app`. Ignored when `path` is set. */
  readonly chart?: string;
  /** A local chart directory (or `.tgz`); wins over `chart`/`repository`/`version`. @default undefined */
  readonly path?: string;
  /** Chart repository. @default the bakdata streams-bootstrap repository for streams-bootstrap apps */
  readonly repository?: HelmRepository;
  /** Chart version. @default the step's `version` */
  readonly version?: string;
}

/** A Helm chart repository, as KPOps' `repo_config`. */
export interface HelmRepository {
  /** The name KPOps gives it with `helm repo add`; informative only. @default "bakdata-streams-bootstrap" */
  readonly name?: string;
  /** Repository URL. */
  readonly url: string;
}

/** Where the charts of the apps come from. */
export interface ChartSettings {
  /**
   * A directory holding local charts named like the streams-bootstrap charts (`streams-app`, `producer-app`,
   * `consumer-app`). When set, streams-bootstrap apps install `<localChartsDir>/<chart>` instead of the repository
   * chart (no network, no version), e.g. this project's `charts/`. Unset it to use the real repository.
   * @default undefined (use the repository)
   */
  readonly localChartsDir?: string;
  /**
   * The repository of streams-bootstrap charts when a step has no `repo_config`.
   * @default { name: "bakdata-streams-bootstrap", url: "https://bakdata.github.io/streams-bootstrap/" }
   */
  readonly streamsBootstrapRepository?: HelmRepository;
  /**
   * Charts by component type, consulted first for every app step. KPOps takes a plain `helm-app`'s chart from
   * its Python subclass (`helm_chart`); here a custom helm-app type names its chart in this table.
   * @default {}
   */
  readonly byType?: Readonly<Record<string, ChartRef>>;
}

/** Topic settings KPOps would read from the broker (`num.partitions`, `default.replication.factor`). */
export interface TopicDefaults {
  /** Partitions of a topic whose `partitions_count` is unset. @default 1 (Kafka's `num.partitions` default) */
  readonly partitions?: number;
  /** Replication of a topic whose `replication_factor` is unset. @default 1 (Kafka's `default.replication.factor` default) */
  readonly replicationFactor?: number;
}

/** Data-safety switches. Everything defaults to the safe side. */
export interface SafetySettings {
  /**
   * Let Pulumi delete topics and schema subjects from Kafka / the Schema Registry when they leave the program
   * (KPOps `clean`). Off: they get `retainOnDelete` and only leave the Pulumi state.
   * @default false
   */
  readonly allowTopicDeletion?: boolean;
  /**
   * Let a change that replaces a topic (fewer partitions, another replication factor) go through. Kafka cannot
   * shrink a topic, so a replacement deletes the topic and its data first.
   * @default false
   */
  readonly allowTopicReplacement?: boolean;
  /**
   * Also mark topics `protect: true`: then even removing a step fails until the topics are unprotected.
   * Ignored when `allowTopicDeletion` is set.
   * @default false
   */
  readonly protectTopics?: boolean;
}

/** Helm settings from KPOps' `config.yaml` (`create_namespace`, `helm_config`). */
export interface HelmSettings {
  /** `create_namespace`. @default false */
  readonly createNamespace?: boolean;
  /** `helm_config.timeout` as a Helm duration (`5m0s`); a step's `timeout` wins. @default "5m0s" */
  readonly timeout?: string;
  /** `helm_config.force_replace` (`--force`). @default false */
  readonly forceReplace?: boolean;
}

/** Everything the planner needs besides the enriched pipelines. */
export interface PlanSettings {
  /** @default { partitions: 1, replicationFactor: 1 } */
  readonly topicDefaults?: TopicDefaults;
  /** `schema_registry.enabled`: create schema subjects for `key_schema` / `value_schema`. @default false */
  readonly schemaRegistryEnabled?: boolean;
  /** @default {} (streams-bootstrap charts from the bakdata repository) */
  readonly charts?: ChartSettings;
  /** @default {} */
  readonly helm?: HelmSettings;
  /** @default {} (all safe) */
  readonly safety?: SafetySettings;
}

export const DEFAULT_STREAMS_BOOTSTRAP_REPOSITORY: HelmRepository = {
  name: "bakdata-streams-bootstrap",
  url: "https://bakdata.github.io/streams-bootstrap/",
};

/** KPOps' default streams-bootstrap chart versions (v3 and the deprecated v2 components). */
export const DEFAULT_CHART_VERSION = { v3: "3.6.1", v2: "2.9.0" } as const;

/** KPOps' fallback Helm timeout. */
export const DEFAULT_HELM_TIMEOUT = "5m0s";

/** Kafka's own broker defaults, used when no `topicDefaults` are given. */
export const DEFAULT_TOPIC_DEFAULTS: Required<TopicDefaults> = { partitions: 1, replicationFactor: 1 };
