import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { KpopsConfigView } from "../enriched-pipeline";
import { PlanSettings, SafetySettings } from "../plan/settings";
import { ProjectPlan } from "../plan/plan";
import { ResourceBackend, backendWith } from "../resources/backend";
import { SchemaProvider, SchemaType, resolveSchemaProvider } from "../schema-provider";
import { ServiceConnectionArgs } from "../services";
import { DeploymentArgs, KafkaConnectionArgs } from "./args";

/** The plan settings from the args, with the KPOps config filling what the args leave open. */
export function planSettings(args: DeploymentArgs, config: KpopsConfigView = {}): PlanSettings {
  const baseDir = args.baseDir ?? process.cwd();
  const localChartsDir = args.localChartsDir ?? args.charts?.localChartsDir;
  return {
    topicDefaults: args.topicDefaults,
    schemaRegistryEnabled: args.schemaRegistryEnabled ?? config.schema_registry?.enabled ?? false,
    charts: {
      ...args.charts,
      localChartsDir: localChartsDir === undefined ? undefined : path.resolve(baseDir, localChartsDir),
    },
    helm: {
      createNamespace: args.helm?.createNamespace ?? config.create_namespace ?? false,
      timeout: args.helm?.timeout ?? config.helm_config?.timeout ?? undefined,
      forceReplace: args.helm?.forceReplace ?? config.helm_config?.force_replace ?? false,
    },
    safety: {
      allowTopicDeletion: args.allowTopicDeletion ?? false,
      allowTopicReplacement: args.allowTopicReplacement ?? false,
      protectTopics: args.protectTopics ?? false,
    },
  };
}

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

  constructor(plan: ProjectPlan) {
    for (const topic of plan.topics) this.topics.set(topic.name, new Deferred());
    for (const schema of plan.schemas) this.subjects.set(schema.subject, new Deferred());
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
  readonly kafkaProvider?: pulumi.ProviderResource;
  readonly kubernetesProvider?: pulumi.ProviderResource;
  readonly schemaRegistry: ServiceConnectionArgs;
  readonly kafkaConnect: ServiceConnectionArgs;
  readonly schemaProvider?: SchemaProvider;
  readonly defaultSchemaType: SchemaType;
  /** Whether a topic is adopted (imported) rather than created. */
  readonly adoptTopic: (topic: string) => boolean;
}

/**
 * Builds the context: connections (KPOps config as fallback), providers (created as children of `owner` when
 * connection settings instead of providers are given) and the registry.
 */
export function buildContext(
  owner: pulumi.ComponentResource,
  ownerName: string,
  args: DeploymentArgs,
  plan: ProjectPlan,
  settings: PlanSettings,
  config: KpopsConfigView = {},
): BuildContext {
  let kafkaProvider: pulumi.ProviderResource | undefined = args.kafkaProvider;
  // Brokers for topic management: the `kafka` args, else the KPOps config's `kafka_brokers` (as for the
  // Schema Registry and Kafka Connect URLs below), else the stack's default kafka provider.
  const kafkaArgs = args.kafka ?? brokersFromConfig(config.kafka_brokers);
  if (kafkaProvider === undefined && kafkaArgs !== undefined) {
    const { saslPassword, tlsEnabled, ...rest } = kafkaArgs;
    kafkaProvider = new kafka.Provider(
      `${ownerName}-kafka`,
      {
        ...rest,
        tlsEnabled: tlsEnabled ?? false,
        saslPassword: saslPassword === undefined ? undefined : pulumi.secret(saslPassword),
      },
      { parent: owner },
    );
  }
  let kubernetesProvider: pulumi.ProviderResource | undefined = args.kubernetesProvider;
  const kubeContext = config.helm_config?.context;
  if (kubernetesProvider === undefined && typeof kubeContext === "string" && kubeContext !== "") {
    kubernetesProvider = new k8s.Provider(`${ownerName}-kubernetes`, { context: kubeContext }, { parent: owner });
  }
  return {
    backend: backendWith(args.backend),
    registry: new ResourceRegistry(plan),
    safety: settings.safety ?? {},
    kafkaProvider,
    kubernetesProvider,
    schemaRegistry: args.schemaRegistry ?? {
      url: config.schema_registry?.url ?? "http://localhost:8081",
      timeoutSeconds: config.schema_registry?.timeout,
    },
    kafkaConnect: args.kafkaConnect ?? {
      url: config.kafka_connect?.url ?? "http://localhost:8083",
      timeoutSeconds: config.kafka_connect?.timeout,
    },
    schemaProvider: resolveSchemaProvider(args.schemaProvider, args.baseDir),
    defaultSchemaType: args.defaultSchemaType ?? "AVRO",
    adoptTopic: (topic) =>
      args.adoptExistingTopics === true || (Array.isArray(args.adoptExistingTopics) && args.adoptExistingTopics.includes(topic)),
  };
}
