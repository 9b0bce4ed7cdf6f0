/**
 * HelmApp (`helm-app`): a Kubernetes app managed through Helm. `repo_config` and `diff_config` are not shown in
 * the generate output; `helm_release_name` (53 characters at most) and `helm_name_override` (63) are computed
 * from prefix+name and shown. There is no YAML field for the chart: a subclass provides `helmChart`.
 */
import { field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { fitLabelValues } from "./kubernetes-labels";
import { helmNameOverride, helmReleaseName, KUBERNETES_LABEL_MAX_LENGTH } from "../../util/naming";
import { KubernetesApp } from "./kubernetes-app";

export const RepoAuthFlagsModel: ModelSpec = {
  name: "RepoAuthFlags",
  description: "Authorisation-related flags for `helm repo`.",
  extra: "ignore",
  fields: [
    field("username", t.string(), { nullable: true, description: "Username" }),
    field("password", t.string(), { nullable: true, description: "Password" }),
    field("ca_file", t.string(), { nullable: true, description: "Path to CA bundle file to verify certificates of HTTPS-enabled servers" }),
    field("cert_file", t.string(), { nullable: true, description: "Path to SSL certificate file to identify HTTPS client" }),
    field("insecure_skip_tls_verify", t.bool(), { default: false, description: "If true, Kubernetes API server's certificate will not be checked for validity" }),
  ],
};

export const HelmRepoConfigModel: ModelSpec = {
  name: "HelmRepoConfig",
  description: "Helm repository configuration.",
  extra: "ignore",
  fields: [
    field("repository_name", t.string(), { required: true, description: "Name of the Helm repository" }),
    field("url", t.string(), { required: true, description: "URL to the Helm repository" }),
    field("repo_auth_flags", t.model(() => RepoAuthFlagsModel), { default: {}, description: "Authorisation-related flags" }),
  ],
};

export const HelmDiffConfigModel: ModelSpec = {
  name: "HelmDiffConfig",
  extra: "ignore",
  fields: [
    field("ignore", t.list(t.list(t.string())), {
      default: [],
      emptyAsNull: true,
      title: "Helm diff ignore",
      description: "List of keypaths that should be ignored by the Helm diff, e.g. `[metadata, labels]`",
    }),
  ],
};

export const HelmAppValuesModel: ModelSpec = {
  name: "HelmAppValues",
  description: "Helm app values.",
  extra: "allow",
  fields: helmAppValuesFields(),
};

/** `nameOverride` and `fullnameOverride`, the first fields of every Helm values model. */
export function helmAppValuesFields(): FieldSpec[] {
  return [
    field("name_override", t.string({ maxLength: KUBERNETES_LABEL_MAX_LENGTH }), {
      key: "nameOverride",
      nullable: true,
      title: "NameOverride",
      description: "Helm chart name override, assigned automatically",
    }),
    field("fullname_override", t.string({ maxLength: KUBERNETES_LABEL_MAX_LENGTH }), {
      key: "fullnameOverride",
      nullable: true,
      title: "FullnameOverride",
      description: "Helm chart fullname override, assigned automatically",
    }),
  ];
}

export class HelmApp extends KubernetesApp {
  static override readonly isAbstract: boolean = false;
  static override readonly description: string = "Kubernetes app managed through Helm with an associated Helm chart.";

  static override fields(): readonly FieldSpec[] {
    return this.extendFields(super.fields(), [
      field("repo_config", t.model(() => HelmRepoConfigModel), {
        nullable: true,
        skipGenerate: true,
        description:
          'Configuration of the Helm chart repo to be used for deploying the component, defaults to None this means that the command "helm repo add" is not called and Helm expects a path to local Helm chart.',
      }),
      field("diff_config", t.model(() => HelmDiffConfigModel), { default: {}, skipGenerate: true, description: "Helm diff config" }),
      field("version", t.string(), { nullable: true, description: "Helm chart version" }),
      field("timeout", t.string(), { nullable: true, description: "Timeout for Helm operations to finish" }),
      field("values", t.model(() => HelmAppValuesModel), { required: true, description: "Helm app values" }),
    ]);
  }

  /** The Helm release name: prefix+name trimmed to 53 characters. */
  get helmReleaseName(): string {
    return helmReleaseName(this.fullName);
  }

  /** The Helm name override: prefix+name trimmed to 63 characters. */
  get helmNameOverride(): string {
    return helmNameOverride(this.fullName);
  }

  /** The chart to deploy (`<repo>/<chart>`); a plain helm-app has none and must be subclassed. */
  get helmChart(): string {
    throw new Error(`Please implement the helmChart property of ${this.componentClass.name}.`);
  }

  get version(): string | null {
    return (this.data.version as string | null) ?? null;
  }

  override computedFields(): Record<string, unknown> {
    return { helm_release_name: this.helmReleaseName, helm_name_override: this.helmNameOverride };
  }

  /**
   * The Helm values a deploy passes: the enriched values, except that label values longer than Kubernetes allows
   * are shortened with a stable hash suffix (`changes` says which).
   */
  deployedValues(): { values: Record<string, unknown>; changes: string[] } {
    const values = structuredClone(this.values);
    return { values, changes: fitLabelValues(values) };
  }

  override clusterAdjustments(): string[] {
    return [...super.clusterAdjustments(), ...this.deployedValues().changes];
  }
}
