import * as pulumi from "@pulumi/pulumi";
import { ComponentFamily, FAMILY_TOKENS } from "../plan/family";
import { SchemaPlan, StepPlan } from "../plan/plan";
import { TopicPlan } from "../plan/topics";
import { dataResourceOptions } from "../resources/safety";
import { BuildContext } from "./context";

/** Args of a step component: its plan and the shared build context. Built by {@link Pipeline}, not by users. */
export interface StepArgs {
  /** What the step becomes (from `planProject`). */
  readonly plan: StepPlan;
  /** Providers, connections, registry and backend shared by the stack. */
  readonly context: BuildContext;
}

/**
 * One pipeline step: its topics (with their guards), schema subjects, and its Helm release or connector.
 * Subclasses only fix the type token. The release/connector depends on exactly the topics the step reads and
 * writes and on the subjects of its outputs, never on the previous step.
 */
export abstract class StepComponent extends pulumi.ComponentResource {
  /** The KPOps component type (`streams-app`, or a custom type such as `filter`). */
  readonly kpopsType: string;
  readonly family: ComponentFamily;
  /** The `kafka.Topic`s this step owns, by topic name. */
  readonly topics: Readonly<Record<string, pulumi.CustomResource>>;
  /** The guards of the owned topics, by topic name. */
  readonly topicGuards: Readonly<Record<string, pulumi.CustomResource>>;
  /** The schema subjects this step owns, by subject. */
  readonly schemas: Readonly<Record<string, pulumi.CustomResource>>;
  readonly release?: pulumi.CustomResource;
  readonly connector?: pulumi.CustomResource;

  protected constructor(token: string, name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super(token, name, {}, opts);
    const { plan, context } = args;
    this.kpopsType = plan.type;
    this.family = plan.family;

    const topics: Record<string, pulumi.CustomResource> = {};
    const guards: Record<string, pulumi.CustomResource> = {};
    for (const topic of plan.topics) {
      const { guard, resource } = createTopic(this, topic, context, token);
      topics[topic.name] = resource;
      guards[topic.name] = guard;
    }
    this.topics = topics;
    this.topicGuards = guards;

    const schemas: Record<string, pulumi.CustomResource> = {};
    for (const schema of plan.schemas) schemas[schema.subject] = createSubject(this, schema, context);
    this.schemas = schemas;

    const dependsOn = [
      ...plan.topicDependencies.map((t) => context.registry.topic(t)),
      ...plan.schemaDependencies.map((s) => context.registry.subject(s)),
    ];
    if (plan.release !== undefined) this.release = createRelease(this, plan, dependsOn, context);
    if (plan.connector !== undefined) this.connector = createConnector(this, plan, dependsOn, context);

    this.registerOutputs({
      kpopsType: plan.type,
      family: plan.family,
      topics: plan.topics.map((t) => t.name),
      schemas: plan.schemas.map((s) => s.subject),
      release: plan.release?.name,
      connector: plan.connector?.name,
    });
  }
}

/** The URN `urn` with the type of its last type-chain element replaced by `token`. */
export function withLastType(urn: string, token: string): string {
  const parts = urn.split("::");
  const chain = parts[2].split("$");
  chain[chain.length - 1] = token;
  parts[2] = chain.join("$");
  return parts.join("::");
}

/**
 * Aliases that keep a resource's identity when its step changes family: a URN holds the parent's type chain, so
 * a topic first declared by a producer and later by a streams app (or a custom type classified anew) would
 * otherwise get a new URN, and Pulumi would drop the old topic (retained) and try to create it again, or
 * reinstall a release.
 */
export function familyAliases(step: StepComponent, ownToken: string): pulumi.Alias[] {
  return Object.values(FAMILY_TOKENS)
    .filter((token) => token !== ownToken)
    .map((token) => ({ parent: step.urn.apply((urn) => withLastType(urn, token)) }));
}

/** A topic and its guard; the topic waits for the guard, so a refused change stops before the topic is touched. */
function createTopic(parent: StepComponent, topic: TopicPlan, context: BuildContext, token: string) {
  const safety = context.safety;
  const aliases = familyAliases(parent, token);
  const guard = context.backend.topicGuard(
    topic.name,
    {
      topic: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      allowReplacement: safety.allowTopicReplacement === true,
    },
    { parent, aliases },
  );
  const resource = context.backend.topic(
    topic.name,
    { name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor, config: { ...topic.config } },
    {
      parent,
      provider: context.kafkaProvider,
      dependsOn: [guard],
      aliases,
      ...dataResourceOptions(safety),
      ...(context.adoptTopic(topic.name) ? { import: topic.name } : {}),
    },
  );
  context.registry.provideTopic(topic.name, resource);
  return { guard, resource };
}

function createSubject(parent: StepComponent, schema: SchemaPlan, context: BuildContext): pulumi.CustomResource {
  const provider = context.schemaProvider;
  if (provider === undefined) {
    throw new pulumi.ResourceError(
      `subject "${schema.subject}" needs a schema for "${schema.schemaClass}", but no schemaProvider is configured ` +
        `(args.schemaProvider or stack config kpops:schemaProvider)`,
      parent,
    );
  }
  const provided = pulumi.output(
    Promise.resolve().then(() =>
      provider.provide(schema.schemaClass, context.defaultSchemaType, {
        topic: schema.topic,
        subject: schema.subject,
        role: schema.role,
        models: schema.models,
      }),
    ),
  );
  const resource = context.backend.schemaSubject(
    schema.subject,
    {
      ...context.schemaRegistry,
      subject: schema.subject,
      schema: provided.schema,
      schemaType: provided.apply((p) => p.schemaType ?? context.defaultSchemaType),
      deleteOnDestroy: context.safety.allowTopicDeletion === true,
    },
    {
      parent,
      dependsOn: context.registry.topic(schema.topic),
      ...dataResourceOptions(context.safety),
    },
  );
  context.registry.provideSubject(schema.subject, resource);
  return resource;
}

function hasSecretValues(values: Record<string, unknown>): boolean {
  const secrets = values.secrets;
  return typeof secrets === "object" && secrets !== null && Object.keys(secrets).length > 0;
}

function createRelease(
  parent: StepComponent,
  plan: StepPlan,
  dependsOn: Promise<pulumi.Resource>[],
  context: BuildContext,
): pulumi.CustomResource {
  const release = plan.release!;
  const repositoryOpts =
    release.repositoryUrl === undefined
      ? undefined
      : {
          repo: release.repositoryUrl,
          username: release.repositoryUsername,
          password: release.repositoryPassword === undefined ? undefined : pulumi.secret(release.repositoryPassword),
        };
  return context.backend.release(
    release.name,
    {
      name: release.name,
      namespace: release.namespace,
      chart: release.chart,
      version: release.version,
      repositoryOpts,
      // Values with `secrets` (secret env vars of streams-bootstrap apps) are kept secret in the state.
      values: hasSecretValues(release.values) ? pulumi.secret(release.values) : release.values,
      timeout: release.timeoutSeconds,
      createNamespace: release.createNamespace,
      forceUpdate: release.forceUpdate,
      skipAwait: release.skipAwait,
      atomic: release.atomic,
      waitForJobs: release.waitForJobs,
    },
    { parent, provider: context.kubernetesProvider, dependsOn, aliases: familyAliases(parent, plan.token) },
  );
}

function createConnector(
  parent: StepComponent,
  plan: StepPlan,
  dependsOn: Promise<pulumi.Resource>[],
  context: BuildContext,
): pulumi.CustomResource {
  const connector = plan.connector!;
  return context.backend.connector(
    connector.name,
    { ...context.kafkaConnect, connectorName: connector.name, config: { ...connector.config }, state: connector.state },
    { parent, dependsOn, aliases: familyAliases(parent, plan.token) },
  );
}

/** A streams-bootstrap streams app (`streams-app` and custom types extending it). */
export class StreamsApp extends StepComponent {
  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:StreamsApp", name, args, opts);
  }
}

/** A streams-bootstrap producer app. */
export class ProducerApp extends StepComponent {
  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:ProducerApp", name, args, opts);
  }
}

/** A streams-bootstrap consumer app. */
export class ConsumerApp extends StepComponent {
  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:ConsumerApp", name, args, opts);
  }
}

/** A Helm app whose chart is named in `charts.byType`. */
export class HelmApp extends StepComponent {
  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:HelmApp", name, args, opts);
  }
}

/** A Kafka Connect sink connector. */
export class KafkaSinkConnector extends StepComponent {
  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:KafkaSinkConnector", name, args, opts);
  }
}

/** A Kafka Connect source connector. */
export class KafkaSourceConnector extends StepComponent {
  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:KafkaSourceConnector", name, args, opts);
  }
}

/** A bare pipeline component: nothing to deploy (KPOps' operations are no-ops for it). */
export class PipelineComponent extends StepComponent {
  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kpops:index:PipelineComponent", name, args, opts);
  }
}

/** The component class of each family. */
export const STEP_CLASSES: Readonly<
  Record<ComponentFamily, new (name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) => StepComponent>
> = {
  "streams-app": StreamsApp,
  "producer-app": ProducerApp,
  "consumer-app": ConsumerApp,
  "helm-app": HelmApp,
  "kafka-sink-connector": KafkaSinkConnector,
  "kafka-source-connector": KafkaSourceConnector,
  "pipeline-component": PipelineComponent,
};
