/**
 * PipelineComponent (`pipeline-component`): the base of every component. It holds the fields common to all
 * steps (`name`, `enabled`, `prefix`, `from`, `to`), the topic wiring hooks that subclasses override, and the
 * generate output. Custom components extend this class or one of its subclasses; the type name of a class is
 * its name in kebab case, and its defaults follow its inheritance chain.
 */
import { KpopsError } from "../../errors";
import { dumpModel } from "../../model/dump";
import { extendFields, field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { validateModel } from "../../model/validate";
import { subjectPlans } from "../../plan/topics";
import type {
  ComponentKind,
  ComponentPlan,
  ConnectorPlan,
  ManifestMode,
  ManifestOperation,
  ManifestPart,
  Operation,
  OperationPlan,
  PlanOptions,
  ReleasePlan,
  SubjectPlan,
  TopicPlan,
} from "../../plan/types";
import { toKebabCase } from "../../util/naming";
import { FromSectionModel, type FromSection, type FromTopic } from "../models/from-section";
import { ToSectionModel, type ToSection, type TopicConfig } from "../models/to-section";
import type { ComponentContext } from "./component-context";

/** Component data: validated, keyed by output keys. */
export type ComponentData = Record<string, unknown>;

/** A component class (the constructor plus its static description). */
export interface ComponentClass<T extends PipelineComponent = PipelineComponent> {
  new (data: ComponentData, ctx: ComponentContext): T;
  readonly name: string;
  readonly type: string;
  readonly isAbstract: boolean;
  readonly description: string;
  readonly mixinTypes: readonly string[];
  readonly kind: ComponentKind;
  readonly replacedBy: string | null;
  fields(): readonly FieldSpec[];
  modelSpec(): ModelSpec;
  defaultsTypes(): string[];
  supportsFromSection(): boolean;
}

const modelSpecs = new WeakMap<object, ModelSpec>();
const typeNames = new WeakMap<object, string>();

export abstract class PipelineComponent {
  /** Abstract types are not valid pipeline steps in the JSON schema (they still take defaults). */
  static readonly isAbstract: boolean = true;
  /** Shown in the JSON schemas. */
  static readonly description: string = "Base class for all components.";
  /** Defaults types of mixins that KPOps has in its class hierarchy after this class (e.g. `kafka-app`). */
  static readonly mixinTypes: readonly string[] = ["base-defaults-component"];
  /** What this class deploys as (see {@link ComponentPlan.kind}); subclasses inherit it, the built-ins override it. */
  static readonly kind: ComponentKind = "PipelineComponent";
  /** For a deprecated type (removed upstream), the type to use instead; loading it earns a warning. */
  static readonly replacedBy: string | null = null;

  /** The component type: the class name in kebab case (`MyStreamsApp` -> `my-streams-app`). */
  static get type(): string {
    let type = typeNames.get(this);
    if (type === undefined) {
      type = toKebabCase(this.name);
      typeNames.set(this, type);
    }
    return type;
  }

  /** The fields of this component type, in declaration order (parents first). */
  static fields(): readonly FieldSpec[] {
    return [
      field("name", t.string(), { required: true, description: "Component name" }),
      field("enabled", t.bool(), {
        default: true,
        title: "Enabled",
        description: "Whether the component is enabled and should be included in the pipeline",
      }),
      field("prefix", t.string(), {
        default: "${pipeline.name}-",
        description:
          "Pipeline prefix that will prefix every component name. If you wish to not have any prefix you can specify an empty string.",
      }),
      field("from_", t.model(() => FromSectionModel), {
        key: "from",
        nullable: true,
        title: "From",
        description: "Topic(s) and/or components from which the component will read input",
      }),
      field("to", t.model(() => ToSectionModel), { nullable: true, description: "Topic(s) into which the component will write output" }),
    ];
  }

  /**
   * Whether this type takes a `from` section, and so is fed the previous step's outputs when it has none (KPOps 12:
   * a type whose `from` field is typed as null, such as a producer or a source connector, reads nothing).
   */
  static supportsFromSection(): boolean {
    return this.fields().find((spec) => spec.name === "from_")?.type.kind !== "none";
  }

  /** Extends the parent's fields: redefined fields keep their position. */
  protected static extendFields(parent: readonly FieldSpec[], own: readonly FieldSpec[]): FieldSpec[] {
    return extendFields(parent, own);
  }

  /** Component-level checks on validated data (before the instance exists); may throw. */
  protected static checkData(_data: ComponentData): void {}

  /** The model of this component type (cached per class). */
  static modelSpec(): ModelSpec {
    let spec = modelSpecs.get(this);
    if (!spec) {
      const cls = this;
      spec = {
        name: this.name,
        description: this.description,
        fields: this.fields(),
        extra: "allow",
        after: (data) => cls.checkData(data),
      };
      modelSpecs.set(this, spec);
    }
    return spec;
  }

  /**
   * The defaults sections that apply to this type, most specific first: the class, then each ancestor (with the
   * mixin types KPOps has in its hierarchy), e.g. `streams-app, streams-bootstrap, kafka-app, helm-app, ...`.
   */
  static defaultsTypes(): string[] {
    const types: string[] = [];
    for (let cls: unknown = this; typeof cls === "function" && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
      const componentClass = cls as ComponentClass;
      if (!("modelSpec" in componentClass)) break;
      if (!types.includes(componentClass.type)) types.push(componentClass.type);
      if (Object.prototype.hasOwnProperty.call(componentClass, "mixinTypes")) {
        for (const mixin of componentClass.mixinTypes) if (!types.includes(mixin)) types.push(mixin);
      }
    }
    return types;
  }

  /** The validated data of this component (keyed by output keys). */
  readonly data: ComponentData;
  /** The loader context this component was built in. */
  readonly ctx: ComponentContext;
  private inflated?: PipelineComponent[];

  /** Wraps already validated data; use `ctx.build` (or the pipeline loader) to create enriched components. */
  constructor(data: ComponentData, ctx: ComponentContext) {
    this.data = data;
    this.ctx = ctx;
  }

  /** Validates raw data against the model of `cls` and wraps it (no defaults, no substitution). */
  static fromData<T extends PipelineComponent>(this: ComponentClass<T>, data: ComponentData, ctx: ComponentContext): T {
    return new this(validateModel(this.modelSpec(), data), ctx);
  }

  /** The class of this instance. */
  get componentClass(): ComponentClass {
    return this.constructor as ComponentClass;
  }

  get type(): string {
    return this.componentClass.type;
  }

  get name(): string {
    return this.data.name as string;
  }

  /** Unique identifier of this component in its pipeline (the bare name). */
  get id(): string {
    return this.name;
  }

  get enabled(): boolean {
    return this.data.enabled !== false;
  }

  get prefix(): string {
    return this.data.prefix as string;
  }

  /** prefix + name: the base of Helm and connector names. */
  get fullName(): string {
    return this.prefix + this.name;
  }

  get from(): FromSection | null {
    return (this.data.from as FromSection | null) ?? null;
  }

  get to(): ToSection | null {
    return (this.data.to as ToSection | null) ?? null;
  }

  // ---- topic accessors (overridden by components that have topics) ----

  /** Input topics (graph edges topic -> component). */
  get inputTopics(): string[] {
    return [];
  }

  /** Labeled input topics. */
  get extraInputTopics(): Record<string, string[]> {
    return {};
  }

  /** The output topic (graph edge component -> topic). */
  get outputTopic(): string | null {
    return null;
  }

  /** Labeled output topics. */
  get extraOutputTopics(): Record<string, string> {
    return {};
  }

  /** Every topic this component reads (input and labeled input topics). */
  get inputs(): string[] {
    return [...this.inputTopics, ...Object.values(this.extraInputTopics).flat()];
  }

  /** Every topic this component writes for the graph (output and labeled output topics). */
  get outputs(): string[] {
    const result: string[] = [];
    const output = this.outputTopic;
    if (output) result.push(output);
    result.push(...Object.values(this.extraOutputTopics));
    return result;
  }

  addInputTopics(_topics: string[]): void {}
  addExtraInputTopics(_label: string, _topics: string[]): void {}
  setInputPattern(_name: string): void {}
  addExtraInputPattern(_label: string, _pattern: string): void {}
  setOutputTopic(_topic: string): void {}
  setErrorTopic(_topic: string): void {}
  addExtraOutputTopic(_topic: string, _label: string): void {}

  /** Applies the component's own `from.topics`. */
  setInputTopics(): void {
    const from = this.from;
    if (!from) return;
    for (const [name, topic] of Object.entries(from.topics)) this.applyFromInputs(name, topic);
  }

  /** Applies one input: labeled topic, labeled pattern, pattern, or plain input topic. */
  applyFromInputs(name: string, topic: FromTopic): void {
    if (topic.type === null && topic.label) this.addExtraInputTopics(topic.label, [name]);
    else if (topic.type === "pattern" && topic.label) this.addExtraInputPattern(topic.label, name);
    else if (topic.type === "pattern") this.setInputPattern(name);
    else this.addInputTopics([name]);
  }

  /** Applies the component's own `to.topics`. */
  setOutputTopics(): void {
    const to = this.to;
    if (!to) return;
    for (const [name, topic] of Object.entries(to.topics)) this.applyToOutputs(name, topic);
  }

  /** Applies one output: labeled topic, error topic, or the output topic (the last one wins). */
  applyToOutputs(name: string, topic: TopicConfig): void {
    if (topic.type === null && topic.label) this.addExtraOutputTopic(name, topic.label);
    else if (topic.type === "error") this.setErrorTopic(name);
    else this.setOutputTopic(name);
  }

  /**
   * Reads the unlabeled, non-error `to` topics of an upstream component (the previous step, or one named in
   * `from.components`) as inputs of the kind `fromTopic` says (plain input by default).
   */
  weaveFromTopics(to: ToSection | null, fromTopic: FromTopic = { type: "input", label: null }): void {
    if (!to) return;
    for (const [name, config] of Object.entries(to.topics)) {
      if (config.type !== "error" && !config.label) this.applyFromInputs(name, fromTopic);
    }
  }

  /**
   * Expands this component into the components that are deployed in its place, in order (default: itself).
   * Use `this.ctx.build(Class, data)` to create enriched components.
   */
  inflate(): PipelineComponent[] {
    return [this];
  }

  /** `inflate()`, computed once. */
  inflatedComponents(): PipelineComponent[] {
    this.inflated ??= this.inflate();
    return this.inflated;
  }

  /** Custom validation after enrichment; throw a KpopsError or Error to reject the component. */
  validateCustom(): void {}

  /**
   * What a deploy changes so that the cluster accepts what this component deploys (e.g. over-long label values),
   * one line each; the pipeline reports them as warnings. The enriched component (and `generate`) stays as KPOps
   * prints it. Default: nothing.
   */
  clusterAdjustments(): string[] {
    return [];
  }

  /** Computed fields shown at the end of the generate output (e.g. `helm_release_name`). */
  computedFields(): Record<string, unknown> {
    return {};
  }

  /** The dump used during enrichment and environment overrides (KPOps' `model_dump(mode="json", by_alias=True)`). */
  dump(): ComponentData {
    return { ...dumpModel(this.componentClass.modelSpec(), this.data, "python"), type: this.type, ...this.computedFields() };
  }

  /** The dump without nulls (KPOps' `model_dump(by_alias=True, exclude_none=True)`), e.g. to derive a cleaner. */
  dumpCompact(): ComponentData {
    return { ...dumpModel(this.componentClass.modelSpec(), this.data, "python-compact"), type: this.type };
  }

  /** The enriched component as `kpops generate` prints it: `type`, `name`, the fields, extras, computed fields. */
  generate(): ComponentData {
    const body = dumpModel(this.componentClass.modelSpec(), this.data, "generate");
    delete body.type;
    delete body.name;
    return { type: this.type, name: this.name, ...body, ...this.computedFields() };
  }

  // ---- plans: what this component deploys and what each operation means for it ----

  /**
   * What deploying this component means: its topics, subjects, the topics it reads, its Helm release or connector.
   * Built from the parts below, which subclasses override.
   */
  plan(options: PlanOptions = {}): ComponentPlan {
    const topics = this.planTopics();
    return {
      kind: this.componentClass.kind,
      type: this.type,
      name: this.name,
      fullName: this.fullName,
      topics,
      subjects: this.planSubjects(topics),
      reads: this.planReads(),
      release: this.planRelease(options),
      connector: this.planConnector(options),
    };
  }

  /** The topics created on deploy; none for a bare component (KafkaApp and KafkaConnector create their `to` topics). */
  protected planTopics(): TopicPlan[] {
    return [];
  }

  /** The subjects registered on deploy: the schemas of the planned topics, when the schema registry is enabled. */
  protected planSubjects(topics: readonly TopicPlan[]): SubjectPlan[] {
    if (!this.ctx.config.schema_registry?.enabled) return [];
    return subjectPlans(topics, this.to?.models ?? {});
  }

  /** The topics read by name (input and labeled input topics, without duplicates). */
  protected planReads(): string[] {
    return [...new Set(this.inputs)];
  }

  /** The Helm release; none for a component that is no Helm app. */
  protected planRelease(_options: PlanOptions): ReleasePlan | undefined {
    return undefined;
  }

  /** The connector; none for a component that is no Kafka connector. */
  protected planConnector(_options: PlanOptions): ConnectorPlan | undefined {
    return undefined;
  }

  /** What `operation` does for this component; a bare component does nothing (KPOps' default operations). */
  operationPlan(operation: Operation, _options: PlanOptions = {}): OperationPlan {
    return { operation, deletedTopics: [], deletedSubjects: [] };
  }

  /**
   * What `operation` prints in manifest mode (`--operation-mode manifest|argo`), in order: Helm charts to render
   * and Strimzi topics. A bare component prints nothing (KPOps' default `manifest_*`).
   */
  manifestPlan(_operation: ManifestOperation, _mode: ManifestMode, _options: PlanOptions = {}): ManifestPart[] {
    return [];
  }

  /** Throws a KpopsError about a field of this component. */
  protected fail(message: string, fieldPath?: string): never {
    throw new KpopsError(message, { step: this.name, field: fieldPath });
  }
}
