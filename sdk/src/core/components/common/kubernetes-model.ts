/** Kubernetes value models shared by the streams-bootstrap charts: resources, affinity, tolerations. */
import { field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { toCamelCase } from "../../util/naming";

/** A model with camelCase output keys that also accepts the snake_case names. */
export function camelModel(name: string, fields: FieldSpec[], opts: Partial<ModelSpec> = {}): ModelSpec {
  return {
    name,
    extra: "ignore",
    ...opts,
    fields: fields.map((f) => (f.key === f.name ? { ...f, key: toCamelCase(f.name) } : f)),
  };
}

export const IMAGE_PULL_POLICIES = ["Always", "IfNotPresent", "Never"];

const memory = t.union(t.string({ pattern: /^\d+(\.\d+)?([EPTGMk]|Ei|Pi|Ti|Gi|Mi|Ki)?$/ }), t.int({ min: 1 }));

export const ResourceDefinitionModel: ModelSpec = {
  name: "ResourceDefinition",
  description: "Model representing the `limits` or `requests` section of Kubernetes resource specifications.",
  extra: "ignore",
  fields: [
    field("cpu", t.union(t.string({ pattern: /^\d+m$/ }), t.int({ min: 1 })), { nullable: true, description: "The number of CPU units" }),
    field("memory", memory, { nullable: true, description: "Size of the memory" }),
    field("ephemeral_storage", memory, { key: "ephemeral-storage", nullable: true, description: "Size of ephemeral storage" }),
  ],
};

export const ResourcesModel: ModelSpec = {
  name: "Resources",
  description: "Model representing the resource specifications for a Kubernetes container.",
  extra: "ignore",
  fields: [
    field("requests", t.model(() => ResourceDefinitionModel), { nullable: true, description: "The minimum resource requirements" }),
    field("limits", t.model(() => ResourceDefinitionModel), { nullable: true, description: "The maximum resource limits" }),
  ],
};

function requirementCheck(withGtLt: boolean) {
  return (value: Record<string, unknown>) => {
    const values = (value.values as unknown[]) ?? [];
    switch (value.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) throw new Error("If the operator is In or NotIn, the values array must be non-empty.");
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) throw new Error("If the operator is Exists or DoesNotExist, the values array must be empty.");
        break;
      default:
        if (withGtLt && values.length !== 1) {
          throw new Error("If the operator is Gt or Lt, the values array must have a single element, which will be interpreted as an integer.");
        }
    }
  };
}

export const NodeSelectorRequirementModel = camelModel(
  "NodeSelectorRequirement",
  [
    field("key", t.string(), { required: true }),
    field("operator", t.enum("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"), { required: true }),
    field("values", t.list(t.string()), { default: [] }),
  ],
  { after: requirementCheck(true) },
);

export const NodeSelectorTermModel = camelModel("NodeSelectorTerm", [
  field("match_expressions", t.list(t.model(() => NodeSelectorRequirementModel)), { default: [], emptyAsNull: true }),
  field("match_fields", t.list(t.model(() => NodeSelectorRequirementModel)), { default: [], emptyAsNull: true }),
]);

export const NodeSelectorModel = camelModel("NodeSelector", [
  field("node_selector_terms", t.list(t.model(() => NodeSelectorTermModel)), { required: true }),
]);

export const PreferredSchedulingTermModel = camelModel("PreferredSchedulingTerm", [
  field("preference", t.model(() => NodeSelectorTermModel), { required: true }),
  field("weight", t.int({ min: 1, max: 100 }), { required: true }),
]);

export const NodeAffinityModel = camelModel("NodeAffinity", [
  field("required_during_scheduling_ignored_during_execution", t.model(() => NodeSelectorModel), { nullable: true }),
  field("preferred_during_scheduling_ignored_during_execution", t.list(t.model(() => PreferredSchedulingTermModel)), {
    default: [],
    emptyAsNull: true,
  }),
]);

export const LabelSelectorRequirementModel = camelModel(
  "LabelSelectorRequirement",
  [
    field("key", t.string(), { required: true }),
    field("operator", t.enum("In", "NotIn", "Exists", "DoesNotExist"), { required: true }),
    field("values", t.list(t.string()), { default: [] }),
  ],
  { after: requirementCheck(false) },
);

export const LabelSelectorModel = camelModel("LabelSelector", [
  field("match_labels", t.dict(t.string()), { default: {}, emptyAsNull: true }),
  field("match_expressions", t.list(t.model(() => LabelSelectorRequirementModel)), { default: [], emptyAsNull: true }),
]);

export const PodAffinityTermModel = camelModel("PodAffinityTerm", [
  field("label_selector", t.model(() => LabelSelectorModel), { nullable: true }),
  field("match_label_keys", t.list(t.string()), { default: [], emptyAsNull: true }),
  field("mismatch_label_keys", t.list(t.string()), { default: [], emptyAsNull: true }),
  field("topology_key", t.string(), { required: true }),
  field("namespaces", t.list(t.string()), { default: [], emptyAsNull: true }),
  field("namespace_selector", t.model(() => LabelSelectorModel), { nullable: true }),
]);

export const WeightedPodAffinityTermModel = camelModel("WeightedPodAffinityTerm", [
  field("pod_affinity_term", t.model(() => PodAffinityTermModel), { required: true }),
  field("weight", t.int({ min: 1, max: 100 }), { required: true }),
]);

export const PodAffinityModel = camelModel("PodAffinity", [
  field("required_during_scheduling_ignored_during_execution", t.list(t.model(() => PodAffinityTermModel)), {
    default: [],
    emptyAsNull: true,
  }),
  field("preferred_during_scheduling_ignored_during_execution", t.list(t.model(() => WeightedPodAffinityTermModel)), {
    default: [],
    emptyAsNull: true,
  }),
]);

export const AffinityModel = camelModel(
  "Affinity",
  [
    field("node_affinity", t.model(() => NodeAffinityModel), { nullable: true }),
    field("pod_affinity", t.model(() => PodAffinityModel), { nullable: true }),
    field("pod_anti_affinity", t.model(() => PodAffinityModel), { nullable: true }),
  ],
  { description: "Affinity is a group of affinity scheduling rules." },
);

export const TolerationModel = camelModel(
  "Toleration",
  [
    field("key", t.string(), { required: true }),
    field("operator", t.enum("Exists", "Equal"), { required: true }),
    field("effect", t.enum("NoExecute", "NoSchedule", "PreferNoSchedule"), { required: true }),
    field("value", t.string(), { nullable: true }),
    field("toleration_seconds", t.int(), { nullable: true }),
  ],
  { description: "Represents the different Kubernetes tolerations." },
);
