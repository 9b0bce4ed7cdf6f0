/**
 * The enriched pipeline as the Pulumi layer reads it: the plain component dicts that `kpops generate`
 * prints (kpops-spec.md §6 "Generate output shape"). Only the fields this layer uses are typed; everything
 * else is carried along untouched.
 */

/** One `to.topics` entry. */
export interface EnrichedTopicConfig {
  readonly type?: "output" | "error" | null;
  readonly key_schema?: string | null;
  readonly value_schema?: string | null;
  readonly partitions_count?: number | null;
  readonly replication_factor?: number | null;
  readonly configs?: Record<string, string | number | boolean>;
  readonly label?: string | null;
  /** Older KPOps dumps say `role:` for what is now `label:`. */
  readonly role?: string | null;
}

/** One `from.topics` / `from.components` entry. */
export interface EnrichedFromTopic {
  readonly type?: "input" | "pattern" | null;
  readonly label?: string | null;
}

/** The Helm repository of an app, when the core keeps it in the dump (upstream omits it from generate). */
export interface EnrichedRepoConfig {
  readonly repository_name: string;
  readonly url: string;
  readonly repo_auth_flags?: {
    readonly username?: string | null;
    readonly password?: string | null;
    readonly ca_file?: string | null;
    readonly cert_file?: string | null;
    readonly insecure_skip_tls_verify?: boolean;
  };
}

/** One step of an enriched pipeline. */
export interface EnrichedComponent {
  readonly type: string;
  readonly name: string;
  readonly enabled?: boolean;
  readonly prefix?: string;
  readonly from?: {
    readonly topics?: Record<string, EnrichedFromTopic | null>;
    readonly components?: Record<string, EnrichedFromTopic | null>;
  } | null;
  readonly to?: {
    readonly topics?: Record<string, EnrichedTopicConfig | null>;
    readonly models?: Record<string, string>;
  } | null;
  readonly namespace?: string;
  readonly values?: Record<string, unknown>;
  readonly version?: string | null;
  readonly timeout?: string | null;
  readonly repo_config?: EnrichedRepoConfig | null;
  readonly helm_release_name?: string;
  readonly helm_name_override?: string;
  /** Connector config (dotted keys, values already strings in generate output). */
  readonly config?: Record<string, unknown>;
  readonly state?: "running" | "paused" | "stopped" | null;
  readonly [extra: string]: unknown;
}

/** An enriched pipeline with the name KPOps derives from its path (`${pipeline.name}`). */
export interface EnrichedPipeline {
  /** The pipeline name, e.g. `word-count` or `data-v1-dev`. */
  readonly name: string;
  /** The steps in pipeline order. */
  readonly steps: readonly EnrichedComponent[];
  /** The file it came from, if any (absolute path). */
  readonly path?: string;
}

/** KPOps' `full_name`: prefix + name. */
export function fullName(step: EnrichedComponent): string {
  return `${step.prefix ?? ""}${step.name}`;
}
