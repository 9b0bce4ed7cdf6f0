import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import type { KpopsConfig } from "../../core/config/load-config";
import type { StackPlan } from "../plan/stack";
import type { BrokerDefaults } from "../../clients/kafka-admin";
import { CLUSTER_DEFAULT, ResourceBackend, backendWith } from "../resources/backend";
import { ExistingObjects, existingAmong, knownValue } from "../resources/existing";
import { SafetySettings } from "../resources/safety";
import { SchemaProvider, SchemaType, resolveSchemaProvider } from "../schema-provider";
import { ServiceConnectionArgs } from "../services";
import { DeploymentArgs, KafkaConnectionArgs } from "./args";

class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T) => void;
  settled = false;
  constructor() {
    this.promise = new Promise<T>((resolve) => {
      this.resolve = (value) => {
        this.settled = true;
        resolve(value);
      };
    });
  }
}

/**
 * Topic and subject resources by name, for the whole stack. Every name is known from the plan before any
 * resource exists, so a step can depend on a topic that a later step or pipeline creates.
 */
export class ResourceRegistry {
  private readonly topics = new Map<string, Deferred<pulumi.Resource>>();
  private readonly subjects = new Map<string, Deferred<pulumi.Resource>>();

  constructor(plan: StackPlan) {
    for (const topic of plan.topics) this.topics.set(topic.name, new Deferred());
    for (const subject of plan.subjects) this.subjects.set(subject.subject, new Deferred());
  }

  provideTopic(name: string, resource: pulumi.Resource): void {
    this.entry(this.topics, name, "topic").resolve(resource);
  }

  provideSubject(subject: string, resource: pulumi.Resource): void {
    this.entry(this.subjects, subject, "subject").resolve(resource);
  }

  topic(name: string): Promise<pulumi.Resource> {
    return this.entry(this.topics, name, "topic").promise;
  }

  subject(subject: string): Promise<pulumi.Resource> {
    return this.entry(this.subjects, subject, "subject").promise;
  }

  /** Names planned but never created; must be empty once all components are built. */
  unresolved(): string[] {
    return [...this.topics.entries(), ...this.subjects.entries()].filter(([, d]) => !d.settled).map(([n]) => n);
  }

  private entry(map: Map<string, Deferred<pulumi.Resource>>, name: string, kind: string): Deferred<pulumi.Resource> {
    const entry = map.get(name);
    if (entry === undefined) throw new Error(`kpops: ${kind} "${name}" is not part of the plan`);
    return entry;
  }
}

/** `kafka_brokers` of the KPOps config (comma-separated) as connection settings, if set. */
function brokersFromConfig(brokers: string | undefined): KafkaConnectionArgs | undefined {
  const list = (brokers ?? "").split(",").map((b) => b.trim()).filter((b) => b !== "");
  return list.length === 0 ? undefined : { bootstrapServers: list };
}

/** What every step component needs to create its resources. */
export interface BuildContext {
  readonly backend: ResourceBackend;
  readonly registry: ResourceRegistry;
  readonly safety: SafetySettings;
  /** The prefix of every child's logical name (`<root component name>/`), so that roots can share a stack. */
  readonly scope: string;
  /** An explicit kafka provider for topics; undefined means inherit (opts.providers) or the default provider. */
  readonly kafkaProvider?: pulumi.ProviderResource;
  readonly kubernetesProvider?: pulumi.ProviderResource;
  /**
   * Where the releases' workloads are read for drift (`ReleaseWorkloads`): stack config `kubernetes:kubeconfig`
   * (a secret) and `kubernetes:context`, or `helm_config.context`, as the default kubernetes provider reads them;
   * unset, the plugin uses KUBECONFIG / ~/.kube/config. The settings of an explicit kubernetes provider cannot be
   * read by a program: a cluster it reaches otherwise needs these stack config keys too.
   */
  readonly kubernetesConnection: { readonly kubeconfig?: pulumi.Input<string>; readonly context?: string };
  readonly schemaRegistry: ServiceConnectionArgs;
  readonly kafkaConnect: ServiceConnectionArgs;
  readonly schemaProvider?: SchemaProvider;
  readonly defaultSchemaType: SchemaType;
  /**
   * The guard of every planned topic (one per root component; none without topics): every topic depends on it,
   * so a replacing change is refused before any topic is touched.
   */
  readonly topicGuard?: pulumi.CustomResource;
  /** Absolute local chart mirror (see `DeploymentArgs.localChartsDir`). */
  readonly localChartsDir?: string;
  /** Objects to import rather than create (see `DeploymentArgs.adopt`), by import key. */
  readonly adopt: { readonly releases: ReadonlySet<string>; readonly connectors: ReadonlySet<string>; readonly subjects: ReadonlySet<string> };
  /**
   * The planned topics that exist in the cluster already, asked once per stack: those are imported (taken over
   * and brought to what the pipeline declares) instead of created.
   */
  readonly existing: () => Promise<ExistingObjects>;
  /**
   * The cluster's topic defaults (`num.partitions`, `default.replication.factor`), read from the brokers once per
   * stack when a topic leaves them unset. Unknown in a preview that cannot reach the brokers; an error in an update.
   */
  readonly clusterDefaults: () => pulumi.Output<BrokerDefaults>;
}

/**
 * The brokers whose defaults count: `args.kafka`, else the KPOps config's `kafka_brokers` (also when the topics go
 * through a provider of `opts.providers`, whose settings a program cannot read).
 */
function defaultsOf(
  args: DeploymentArgs,
  config: Partial<KpopsConfig>,
  backend: ResourceBackend,
): () => pulumi.Output<BrokerDefaults> {
  let cached: pulumi.Output<BrokerDefaults> | undefined;
  return () => {
    cached ??= topicBrokers(args, config)
      .apply(async ([servers, useTls]) => {
        try {
          return await backend.brokerDefaults({ bootstrapServers: servers as string[], tls: useTls === true });
        } catch (error) {
          if (pulumi.runtime.isDryRun()) {
            pulumi.log.warn(`kpops: ${(error as Error).message}; topics without partitions_count / replication_factor show them as unknown`);
            return pulumi.unknown as unknown as BrokerDefaults;
          }
          throw error;
        }
      });
    return cached;
  };
}

/** The brokers topics are managed on: `args.kafka`, else the KPOps config's `kafka_brokers`. */
function topicBrokers(args: DeploymentArgs, config: Partial<KpopsConfig>) {
  return pulumi.all([args.kafka?.bootstrapServers ?? brokersFromConfig(config.kafka_brokers)?.bootstrapServers ?? [], args.kafka?.tlsEnabled ?? false]);
}

/** Which planned topics exist, asked of the brokers once (see {@link BuildContext.existing}). */
function existingOf(plan: StackPlan, backend: ResourceBackend, brokers: pulumi.Output<[string[], boolean]>): () => Promise<ExistingObjects> {
  let cached: Promise<ExistingObjects> | undefined;
  return () => {
    cached ??= existingAmong("topics", plan.topics.map((t) => t.name), async () => {
      const known = await knownValue(brokers);
      if (known === undefined || known[0].length === 0) return undefined;
      return backend.topicNames({ bootstrapServers: known[0], tls: known[1] === true });
    }).then((topics) => ({ topics }));
    return cached;
  };
}

/**
 * Builds the context: connections (KPOps config as fallback) and providers. Precedence for the topics' kafka
 * provider: `args.kafkaProvider`, then a kafka provider the owner got through `opts.providers` (or its parent),
 * then `args.kafka`, then the config's `kafka_brokers`; the kubernetes provider likewise with `helm_config.context`.
 */
export function buildContext(
  owner: pulumi.ComponentResource,
  ownerName: string,
  args: DeploymentArgs,
  plan: StackPlan,
  config: Partial<KpopsConfig>,
): BuildContext {
  let kafkaProvider: pulumi.ProviderResource | undefined = args.kafkaProvider;
  const inheritedKafka = owner.getProvider("kafka:index/topic:Topic");
  if (kafkaProvider === undefined && inheritedKafka === undefined) {
    const kafkaArgs = args.kafka ?? brokersFromConfig(config.kafka_brokers);
    if (kafkaArgs !== undefined) {
      const { saslPassword, tlsEnabled, ...rest } = kafkaArgs;
      kafkaProvider = new kafka.Provider(
        `${ownerName}-kafka`,
        { ...rest, tlsEnabled: tlsEnabled ?? false, saslPassword: saslPassword === undefined ? undefined : pulumi.secret(saslPassword) },
        { parent: owner },
      );
    }
  }
  let kubernetesProvider: pulumi.ProviderResource | undefined = args.kubernetesProvider;
  const inheritedKubernetes = owner.getProvider("kubernetes:helm.sh/v3:Release");
  const kubeContext = config.helm_config?.context;
  if (kubernetesProvider === undefined && inheritedKubernetes === undefined && typeof kubeContext === "string" && kubeContext !== "") {
    kubernetesProvider = new k8s.Provider(`${ownerName}-kubernetes`, { context: kubeContext }, { parent: owner });
  }
  const kubernetesConfig = new pulumi.Config("kubernetes");
  const configuredKubeconfig = kubernetesConfig.getSecret("kubeconfig");
  const kubernetesConnection = {
    ...(configuredKubeconfig !== undefined ? { kubeconfig: configuredKubeconfig } : {}),
    ...(typeof kubeContext === "string" && kubeContext !== "" ? { context: kubeContext } : kubernetesConfig.get("context") !== undefined ? { context: kubernetesConfig.get("context") } : {}),
  };
  const baseDir = args.baseDir ?? process.cwd();
  const backend = backendWith(args.backend);
  const schemaRegistry: ServiceConnectionArgs = args.schemaRegistry ?? {
    url: config.schema_registry?.url ?? "http://localhost:8081",
    timeoutSeconds: config.schema_registry?.timeout,
  };
  // Only what the pipeline sets is compared: partitions / replication left to the cluster are CLUSTER_DEFAULT.
  const topicGuard =
    plan.topics.length === 0
      ? undefined
      : backend.topicGuard(
          `${ownerName}-topic-guard`,
          {
            topics: Object.fromEntries(
              plan.topics.map((t) => [t.name, { partitions: t.partitions ?? CLUSTER_DEFAULT, replicationFactor: t.replicationFactor ?? CLUSTER_DEFAULT }]),
            ),
            allowReplacement: args.allowTopicReplacement === true,
          },
          { parent: owner },
        );
  return {
    backend,
    topicGuard,
    clusterDefaults: defaultsOf(args, config, backend),
    registry: new ResourceRegistry(plan),
    safety: {
      allowTopicDeletion: args.allowTopicDeletion ?? false,
      allowTopicReplacement: args.allowTopicReplacement ?? false,
      protectTopics: args.protectTopics ?? false,
    },
    scope: `${ownerName}/`,
    kafkaProvider,
    kubernetesProvider,
    kubernetesConnection,
    schemaRegistry,
    kafkaConnect: args.kafkaConnect ?? {
      url: config.kafka_connect?.url ?? "http://localhost:8083",
      timeoutSeconds: config.kafka_connect?.timeout,
    },
    schemaProvider: resolveSchemaProvider(args.schemaProvider, args.baseDir),
    defaultSchemaType: args.defaultSchemaType ?? "AVRO",
    localChartsDir: args.localChartsDir === undefined ? undefined : path.resolve(baseDir, args.localChartsDir),
    existing: existingOf(plan, backend, topicBrokers(args, config)),
    adopt: {
      releases: new Set(args.adopt?.releases ?? []),
      connectors: new Set(args.adopt?.connectors ?? []),
      subjects: new Set(args.adopt?.subjects ?? []),
    },
  };
}
