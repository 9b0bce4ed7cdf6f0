import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { STREAMS_BOOTSTRAP_HELM_REPO } from "../../core/components/streams-bootstrap/streams-bootstrap";
import { COMPONENT_KINDS, type ComponentKind, type ReleasePlan } from "../../core/plan/types";
import type { StackSubject, StackTopic, StepPlan } from "../plan/stack";
import { CLUSTER_DEFAULT } from "../resources/backend";
import { parseHelmDuration, toInput, toInputs } from "../resources/plan-values";
import { dataResourceOptions } from "../resources/safety";
import { BuildContext } from "./context";

/** The Pulumi type token of a component kind. */
export function kindToken(kind: ComponentKind): string {
  return `kpops:index:${kind}`;
}

/** Args of a step component: its plan and the shared build context. Built by {@link Pipeline}, not by users. */
export interface StepArgs {
  /** What the step becomes (from `planStack`). */
  readonly plan: StepPlan;
  /** Providers, connections, registry and backend shared by the stack. */
  readonly context: BuildContext;
}

/**
 * Aliases of a step component: its logical name before names were scoped (the full name alone), and the type
 * tokens of the other kinds (a step whose class is re-based on another built-in keeps its resources). Children
 * inherit these through their parent.
 */
export function stepAliases(oldName: string, ownKind: ComponentKind): pulumi.Alias[] {
  const otherTypes = COMPONENT_KINDS.filter((kind) => kind !== ownKind).map(kindToken);
  return [{ name: oldName }, ...otherTypes.map((type) => ({ type })), ...otherTypes.map((type) => ({ name: oldName, type }))];
}

/**
 * One pipeline step: its topics (with their guards), schema subjects, and its Helm release or connector, all
 * taken from the step's component plan. The release/connector depends on exactly the topics the step reads and
 * writes and on the subjects of its outputs, never on the previous step. Children are named `<scope><name>`
 * (the root component's name, then the topic, subject, release or connector name).
 */
export class StepComponent extends pulumi.ComponentResource {
  /** The KPOps component type (`streams-app`, or a custom type such as `filter`). */
  readonly kpopsType: string;
  /** The component kind (from the component's class hierarchy). */
  readonly kind: ComponentKind;
  /**
   * The `kafka.Topic`s this step owns, by topic name, and their guards. They are registered once the stack knows
   * which planned topics exist already (those are imported), hence a promise.
   */
  readonly topics: Promise<Readonly<Record<string, { readonly topic: pulumi.CustomResource; readonly guard: pulumi.CustomResource }>>>;
  /** The schema subjects this step owns, by subject (registered, like the topics, after the existence check). */
  readonly schemas: Promise<Readonly<Record<string, pulumi.CustomResource>>>;
  readonly release?: pulumi.CustomResource;
  /** The release's live workloads compared with its manifest (`kpops:index:ReleaseWorkloads`), after the release. */
  readonly workloads?: pulumi.CustomResource;
  readonly connector?: pulumi.CustomResource;
  /** Resolves once every resource of the step is registered (rejects with the error that stopped one). */
  readonly ready: Promise<void>;

  constructor(name: string, args: StepArgs, opts?: pulumi.ComponentResourceOptions) {
    const { plan, context } = args;
    const component = plan.component;
    super(kindToken(component.kind), name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), ...stepAliases(plan.ref.fullName, component.kind)] });
    this.kpopsType = component.type;
    this.kind = component.kind;

    const existing = context.existing();
    this.topics = existing.then((found) =>
      Object.fromEntries(plan.topics.map((topic) => [topic.name, createTopic(this, topic, context, found.topics.has(topic.name))])),
    );
    this.schemas = existing.then(() => Object.fromEntries(plan.subjects.map((subject) => [subject.subject, createSubject(this, subject, context)])));

    this.ready = Promise.all([this.topics, this.schemas]).then(() => undefined);

    const dependsOn = [
      ...plan.topicDependencies.map((t) => context.registry.topic(t)),
      ...plan.subjectDependencies.map((s) => context.registry.subject(s)),
    ];
    if (component.release !== undefined) {
      this.release = createRelease(this, component.release, dependsOn, context);
      this.workloads = createReleaseWorkloads(this, component.release, this.release, context);
    }
    if (component.connector !== undefined) {
      const connector = component.connector;
      this.connector = context.backend.connector(
        context.scope + connector.name,
        { ...context.kafkaConnect, connectorName: connector.name, config: toInputs({ ...connector.config }) as pulumi.Input<Record<string, pulumi.Input<string>>>, state: connector.state },
        {
          parent: this,
          dependsOn,
          aliases: [{ name: connector.name }],
          ...(context.adopt.connectors.has(connector.name) ? { import: restAddress(context.kafkaConnect.url, "connectors", connector.name) } : {}),
        },
      );
    }

    this.registerOutputs({
      kpopsType: component.type,
      kind: component.kind,
      topics: plan.topics.map((t) => t.name),
      schemas: plan.subjects.map((s) => s.subject),
      release: component.release?.name,
      connector: component.connector?.name,
    });
  }
}

/**
 * A topic and its guard; the topic waits for the guard, so a refused change stops before the topic is touched.
 * A topic that `exists` in the cluster is imported (the preview shows it as an import, followed by the update to
 * what the pipeline declares, if any); one already in the state is not imported again (same id).
 * Partitions / replication the pipeline leaves unset are the cluster's defaults, read from the brokers as KPOps
 * does, and are then ignored in diffs: the cluster's choice is never replaced by a guess, and an existing topic
 * never changes because a default did. The guard only compares what the pipeline sets.
 */
function createTopic(parent: StepComponent, topic: StackTopic, context: BuildContext, exists: boolean) {
  const safety = context.safety;
  const partitions = topic.partitions ?? context.clusterDefaults().partitions;
  const replicationFactor = topic.replicationFactor ?? context.clusterDefaults().replicationFactor;
  const guard = context.backend.topicGuard(
    context.scope + topic.name,
    {
      topic: topic.name,
      partitions: topic.partitions ?? CLUSTER_DEFAULT,
      replicationFactor: topic.replicationFactor ?? CLUSTER_DEFAULT,
      allowReplacement: safety.allowTopicReplacement === true,
    },
    { parent, aliases: [{ name: topic.name }] },
  );
  const ignoreChanges = [
    ...(topic.partitions === undefined ? ["partitions"] : []),
    ...(topic.replicationFactor === undefined ? ["replicationFactor"] : []),
  ];
  const resource = context.backend.topic(
    context.scope + topic.name,
    { name: topic.name, partitions, replicationFactor, config: { ...topic.configs } },
    {
      parent,
      provider: context.kafkaProvider,
      dependsOn: [guard],
      aliases: [{ name: topic.name }],
      ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
      ...dataResourceOptions(safety),
      ...(exists ? { import: topic.name } : {}),
    },
  );
  context.registry.provideTopic(topic.name, resource);
  return { guard, topic: resource };
}

/**
 * A subject. One that exists in the registry already is taken over by the resource's create (the same schema is
 * adopted as it is, another is registered as a new version after the compatibility check), as KPOps does.
 */
function createSubject(parent: StepComponent, subject: StackSubject, context: BuildContext): pulumi.CustomResource {
  const provider = context.schemaProvider;
  if (provider === undefined) {
    throw new pulumi.ResourceError(
      `subject "${subject.subject}" needs a schema for "${subject.schemaClass}", but no schemaProvider is configured ` +
        `(args.schemaProvider or stack config kpops:schemaProvider)`,
      parent,
      true,
    );
  }
  const provided = pulumi.output(
    Promise.resolve().then(() =>
      provider.provide(subject.schemaClass, context.defaultSchemaType, {
        topic: subject.topic,
        subject: subject.subject,
        role: subject.role,
        models: subject.models,
      }),
    ),
  );
  const resource = context.backend.schemaSubject(
    context.scope + subject.subject,
    {
      ...context.schemaRegistry,
      subject: subject.subject,
      schema: provided.schema,
      schemaType: provided.apply((p) => p.schemaType ?? context.defaultSchemaType),
      deleteOnDestroy: context.safety.allowTopicDeletion === true,
    },
    {
      parent,
      dependsOn: context.registry.topic(subject.topic),
      aliases: [{ name: subject.subject }],
      ...dataResourceOptions(context.safety),
      ...(context.adopt.subjects.has(subject.subject) ? { import: restAddress(context.schemaRegistry.url, "subjects", subject.subject) } : {}),
    },
  );
  context.registry.provideSubject(subject.subject, resource);
  return resource;
}

/**
 * The chart inputs of a release: the plan's chart, read from its mirror when the plan has one (the chart-mirror
 * setting), else from `localChartsDir` for the streams-bootstrap repository.
 */
export function chartInputs(release: ReleasePlan, localChartsDir?: string): Pick<k8s.helm.v3.ReleaseArgs, "chart" | "version" | "repositoryOpts"> {
  const { chart } = release;
  const repository = chart.repository;
  if (chart.mirror?.path !== undefined) return { chart: chart.mirror.path };
  if (chart.mirror === undefined && localChartsDir !== undefined && repository?.url === STREAMS_BOOTSTRAP_HELM_REPO.url) {
    return { chart: path.join(localChartsDir, chart.name) };
  }
  if (repository === undefined) return { chart: chart.reference, version: chart.version };
  return {
    chart: chart.name,
    version: chart.version,
    repositoryOpts: {
      repo: chart.mirror?.repositoryUrl ?? repository.url,
      username: repository.username,
      password: toInput(repository.password),
      caFile: repository.caFile,
      certFile: repository.certFile,
    },
  };
}

/** The inputs of a release from its plan: KPOps runs `helm upgrade --install --wait` (no `--atomic`). */
export function releaseInputs(release: ReleasePlan, localChartsDir?: string): k8s.helm.v3.ReleaseArgs {
  return {
    name: release.name,
    namespace: release.namespace,
    ...chartInputs(release, localChartsDir),
    values: toInputs({ ...release.values }) as pulumi.Input<Record<string, unknown>>,
    timeout: parseHelmDuration(release.timeout),
    createNamespace: release.flags.createNamespace,
    forceUpdate: release.flags.forceReplace,
    skipAwait: false,
    atomic: false,
    waitForJobs: release.waitForJobs,
  };
}

/**
 * The import id of a connector or subject: its REST address (`<url>/connectors/<name>`). Adoption needs the URL as
 * plain text; a URL that is an output of another resource cannot be imported from.
 */
function restAddress(url: pulumi.Input<string>, collection: string, name: string): string {
  if (typeof url !== "string") throw new Error(`kpops: cannot adopt ${collection} "${name}": the service URL is not known before the deployment`);
  return `${url.replace(/\/+$/, "")}/${collection}/${encodeURIComponent(name)}`;
}

function createRelease(
  parent: StepComponent,
  release: ReleasePlan,
  dependsOn: Promise<pulumi.Resource>[],
  context: BuildContext,
): pulumi.CustomResource {
  return context.backend.release(context.scope + release.name, releaseInputs(release, context.localChartsDir), {
    parent,
    provider: context.kubernetesProvider,
    dependsOn,
    aliases: [{ name: release.name }],
    ...(context.adopt.releases.has(`${release.namespace}/${release.name}`) ? { import: `${release.namespace}/${release.name}` } : {}),
  });
}

/**
 * The release's workloads (`kpops:index:ReleaseWorkloads`): release name and namespace from the same plan as the
 * release; it waits for the release, so it always compares the manifest the release just applied.
 */
function createReleaseWorkloads(parent: StepComponent, release: ReleasePlan, helmRelease: pulumi.CustomResource, context: BuildContext): pulumi.CustomResource | undefined {
  return context.backend.releaseWorkloads(
    context.scope + release.name,
    { releaseName: release.name, namespace: release.namespace, ...context.kubernetesConnection },
    { parent, dependsOn: [helmRelease], aliases: [{ name: release.name }] },
  );
}
