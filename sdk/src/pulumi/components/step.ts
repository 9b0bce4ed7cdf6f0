import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { STREAMS_BOOTSTRAP_HELM_REPO } from "../../core/components/streams-bootstrap/streams-bootstrap";
import { COMPONENT_KINDS, type ComponentKind, type ReleasePlan } from "../../core/plan/types";
import type { StackSubject, StackTopic, StepPlan } from "../plan/stack";
import type { LoadedProject } from "../source";
import { CLUSTER_DEFAULT } from "../resources/backend";
import { parseHelmDuration, toInput, toInputs } from "../resources/plan-values";
import { dataResourceOptions } from "../resources/safety";
import type { DeploymentArgs, GenerateArgs } from "./args";
import { BuildContext, buildContext } from "./context";
import { asResourceError, assertComplete, loadSource, planOrThrow, reportWarnings } from "./loading";

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
 * Args of a step component built on its own (`kpops:index:StreamsApp`, ... from YAML, Python or TypeScript): one
 * step of a pipeline file, enriched by the KPOps core with the whole pipeline (so its `from` topics and
 * `${component.*}` references resolve), and deployed alone, as `kpops deploy --steps <step>` does: its own topics,
 * subjects and release or connector, waiting only for its own topics.
 */
export interface StepComponentArgs extends DeploymentArgs, Omit<GenerateArgs, "steps" | "filterType"> {
  /** The `pipeline.yaml` that declares the step (relative to `projectDir`). */
  readonly path: string;
  /** The step's name in that pipeline (its KPOps `name`, before any prefix). */
  readonly step: string;
  /**
   * The step's KPOps component type (`streams-app`, ...); the step in the file must have it.
   * @default any type of the component kind
   */
  readonly type?: string;
}

/** @internal The kind a caller expects (the plugin's type token): the step must deploy as it. */
export const EXPECTED_KIND = Symbol("kpops.expectedKind");

/** @internal {@link StepComponentArgs} with the kind the caller's type token names. */
export interface InternalStepComponentArgs extends StepComponentArgs {
  readonly [EXPECTED_KIND]?: ComponentKind;
}

/** A step found in its pipeline file, or why not (reported once the component exists). */
interface StandaloneSource {
  readonly source?: LoadedProject;
  readonly kind?: ComponentKind;
  readonly error?: unknown;
}

/** Loads the pipeline of a step built on its own, keeping only that step. */
function loadStandalone(args: StepComponentArgs): StandaloneSource {
  try {
    const source = loadSource({ ...args, paths: [args.path], steps: [args.step], filterType: "include" });
    const components = source.pipelines.flatMap((p) => p.components);
    if (source.pipelines.length !== 1 || components.length !== 1) {
      const names = source.pipelines.length === 1 ? "" : `; the path names ${source.pipelines.length} pipelines, give one pipeline file`;
      throw new Error(`${args.path}: no step named '${args.step}'${names}`);
    }
    const component = components[0];
    if (args.type !== undefined && component.type !== args.type) {
      throw new Error(`${args.path}: step '${args.step}' is a ${component.type}, not a ${args.type}`);
    }
    return { source, kind: component.componentClass.kind };
  } catch (error) {
    return { error };
  }
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
 * One pipeline step (`kpops:index:<kind>`): its topics, schema subjects, and its Helm release or
 * connector, all taken from the step's component plan. A {@link Pipeline} makes one per step; built on its own
 * ({@link StepComponentArgs}), it deploys one step of a pipeline file. The release/connector depends on exactly the topics the step reads and
 * writes and on the subjects of its outputs, never on the previous step. Children are named `<scope><name>`
 * (the root component's name, then the topic, subject, release or connector name).
 */
export class StepComponent extends pulumi.ComponentResource {
  /** The KPOps component type (`streams-app`, or a custom type such as `filter`). */
  readonly kpopsType: string;
  /** The component kind (from the component's class hierarchy). */
  readonly kind: ComponentKind;
  /**
   * The `kafka.Topic`s this step owns, by topic name, and the guard they depend on (the root component's, shared by
   * all its topics). They are registered once the stack knows which planned topics exist already (those are
   * imported), hence a promise.
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
  /** The step's plan. */
  private readonly stepPlan: StepPlan;

  /**
   * Made by {@link Pipeline} from the pipeline's plan, or on its own from {@link StepComponentArgs} (one step of a
   * pipeline file; the type token is the step's kind).
   */
  constructor(name: string, args: StepArgs | StepComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    const standalone = "plan" in args ? undefined : loadStandalone(args);
    const expected = (args as InternalStepComponentArgs)[EXPECTED_KIND];
    const kind = "plan" in args ? args.plan.component.kind : (expected ?? standalone?.kind ?? "PipelineComponent");
    const aliases = "plan" in args ? stepAliases(args.plan.ref.fullName, kind) : [];
    super(kindToken(kind), name, {}, { ...opts, aliases: [...(opts?.aliases ?? []), ...aliases] });
    const { plan, context } = "plan" in args ? args : this.prepare(name, args as StepComponentArgs, standalone!, kind);
    const component = plan.component;
    this.stepPlan = plan;
    this.kpopsType = component.type;
    this.kind = component.kind;

    const existing = context.existing();
    this.topics = existing.then((found) =>
      Object.fromEntries(plan.topics.map((topic) => [topic.name, createTopic(this, topic, context, found.topics.has(topic.name))])),
    );
    this.schemas = existing.then(() => Object.fromEntries(plan.subjects.map((subject) => [subject.subject, createSubject(this, subject, context)])));

    const registered = Promise.all([this.topics, this.schemas]).then(() => undefined);
    this.ready = "plan" in args ? registered : assertComplete(this, context, [{ ready: registered }]);

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

  /** Loads, checks and plans a step built on its own; its context is its own (providers are its children). */
  private prepare(name: string, args: StepComponentArgs, standalone: StandaloneSource, kind: ComponentKind): StepArgs {
    if (standalone.error !== undefined) asResourceError(this, () => { throw standalone.error; });
    const source = standalone.source!;
    reportWarnings(this, source);
    if (standalone.kind !== kind) {
      throw new pulumi.ResourceError(
        `kpops: ${args.path}: step '${args.step}' deploys as ${standalone.kind} (type ${source.pipelines[0].components[0].type}), ` +
          `not as ${kind}; use ${kindToken(standalone.kind!)}`,
        this,
        true,
      );
    }
    const plan = planOrThrow(this, source.pipelines, args);
    const context = asResourceError(this, () => buildContext(this, name, args, plan, source.config));
    const step = plan.pipelines[0]?.steps[0];
    if (step === undefined) throw new pulumi.ResourceError(`kpops: ${args.path}: step '${args.step}' is disabled, so it deploys nothing`, this, true);
    return { plan: step, context };
  }

  // The outputs other languages read (the plugin returns them from `construct`): getters, so that the steps a
  // Pipeline builds make no Output objects nobody reads.

  /** The step's name: its KPOps `name` with the prefix the config gives it. */
  get stepName(): pulumi.Output<string> {
    return pulumi.output(this.stepPlan.ref.fullName);
  }

  /** The step's KPOps component type (`streams-app`, or a custom type such as `filter`). */
  get stepType(): pulumi.Output<string> {
    return pulumi.output(this.kpopsType);
  }

  /** Names of the Kafka topics this step owns (its `to` topics that no earlier step declares). */
  get topicNames(): pulumi.Output<string[]> {
    return pulumi.output(this.stepPlan.topics.map((t) => t.name));
  }

  /** The Schema Registry subjects this step registers (`<topic>-key` / `<topic>-value`). */
  get subjectNames(): pulumi.Output<string[]> {
    return pulumi.output(this.stepPlan.subjects.map((s) => s.subject));
  }

  /** The Helm release's name, for an app. */
  get releaseName(): pulumi.Output<string | undefined> {
    return pulumi.output(this.stepPlan.component.release?.name);
  }

  /** The Kafka Connect connector's name, for a connector. */
  get connectorName(): pulumi.Output<string | undefined> {
    return pulumi.output(this.stepPlan.component.connector?.name);
  }
}

/**
 * A topic; it waits for the root's topic guard, so a refused change stops before the topic is touched.
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
  const guard = context.topicGuard!;
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
