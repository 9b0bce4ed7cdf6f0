/**
 * HelmApp (`helm-app`): a Kubernetes app managed through Helm. `repo_config` and `diff_config` are not shown in
 * the generate output; `helm_release_name` (53 characters at most) and `helm_name_override` (63) are computed
 * from prefix+name and shown. There is no YAML field for the chart: a subclass provides `helmChart`.
 */
import { KpopsError } from "../../errors";
import { dumpModel } from "../../model/dump";
import { field, t, type FieldSpec, type ModelSpec } from "../../model/field-types";
import { applyChartMirror } from "../../plan/chart-mirror";
import { markSecret, secret } from "../../plan/secret";
import type {
  ChartPlan,
  ChartRepositoryPlan,
  ComponentKind,
  HelmFlagsPlan,
  ManifestMode,
  ManifestOperation,
  ManifestPart,
  Operation,
  OperationPlan,
  PlanOptions,
  ReleasePlan,
} from "../../plan/types";
import { fitLabelValues } from "./kubernetes-labels";
import { helmNameOverride, helmReleaseName, KUBERNETES_LABEL_MAX_LENGTH } from "../../util/naming";
import { KubernetesApp } from "./kubernetes-app";

/** KPOps' Helm timeout when neither the component nor `helm_config.timeout` sets one. */
export const DEFAULT_HELM_TIMEOUT = "5m0s";

/** The Argo CD annotation of a resource's sync wave. */
export const ARGO_SYNC_WAVE = "argocd.argoproj.io/sync-wave";
/** The Argo CD annotation that makes a resource a hook (`PostDelete`: runs after the application is deleted). */
export const ARGO_HOOK = "argocd.argoproj.io/hook";

/** A validated `repo_config`. */
export interface HelmRepoConfig {
  repository_name: string;
  url: string;
  repo_auth_flags: {
    username: string | null;
    password: string | null;
    ca_file: string | null;
    cert_file: string | null;
    insecure_skip_tls_verify: boolean;
  };
}

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
  static override readonly kind: ComponentKind = "HelmApp";
  /** Paths of Helm values that are always secret for this class (e.g. the streams-bootstrap charts' `secrets`). */
  static readonly secretValues: readonly string[] = [];
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

  /** `repo_config`, if any. */
  get repoConfig(): HelmRepoConfig | null {
    return (this.data.repo_config as HelmRepoConfig | null) ?? null;
  }

  /** Whether Helm waits for the chart's jobs to complete (`--wait-for-jobs`): only for cleanup jobs. */
  get waitsForJobs(): boolean {
    return false;
  }

  /**
   * The values KPOps passes to Helm (`to_helm_values`): the values without nulls and without fields equal to their
   * model defaults, with `nameOverride` / `fullnameOverride` = `helm_name_override` unless set, and label values
   * that fit Kubernetes (see `deployedValues`). Plain (no secrets).
   */
  helmValues(): Record<string, unknown> {
    const valuesField = this.componentClass.modelSpec().fields.find((f) => f.key === "values");
    const spec = valuesField?.type.kind === "model" ? valuesField.type.model() : undefined;
    const values = spec ? dumpModel(spec, this.values, "helm") : (JSON.parse(JSON.stringify(this.values)) as Record<string, unknown>);
    values.nameOverride ??= this.helmNameOverride;
    values.fullnameOverride ??= this.helmNameOverride;
    // as deployedValues(): label values too long for Kubernetes are shortened (reported by clusterAdjustments())
    fitLabelValues(values);
    return values;
  }

  /** The chart: `helmChart` (`<repo>/<chart>`), with the repository of `repo_config` and `version`. */
  protected planChart(): ChartPlan {
    let reference: string;
    try {
      reference = this.helmChart;
    } catch (error) {
      throw new KpopsError(
        `unknown chart: ${(error as Error).message} A ${this.type} needs a component class that sets its Helm chart.`,
        { step: this.name, field: "type" },
      );
    }
    const repo = this.repoConfig;
    const version = this.version ?? undefined;
    if (!repo) return { reference, name: reference, version };
    const auth = repo.repo_auth_flags ?? {};
    const repository: ChartRepositoryPlan = {
      name: repo.repository_name,
      url: repo.url,
      username: auth.username ?? undefined,
      password: auth.password === null || auth.password === undefined ? undefined : secret(auth.password),
      caFile: auth.ca_file ?? undefined,
      certFile: auth.cert_file ?? undefined,
      insecureSkipTlsVerify: auth.insecure_skip_tls_verify === true,
    };
    const prefix = `${repo.repository_name}/`;
    return { reference, name: reference.startsWith(prefix) ? reference.slice(prefix.length) : reference, repository, version };
  }

  /** Helm flags from `config.yaml`. */
  protected planHelmFlags(): HelmFlagsPlan {
    const helm = this.ctx.config.helm_config ?? ({} as Partial<typeof this.ctx.config.helm_config>);
    return {
      context: helm.context ?? undefined,
      debug: helm.debug === true,
      apiVersion: helm.api_version ?? undefined,
      forceReplace: helm.force_replace === true,
      createNamespace: this.ctx.config.create_namespace === true,
    };
  }

  protected override planRelease(options: PlanOptions): ReleasePlan {
    const values = this.helmValues();
    const secretPaths = [...(this.constructor as typeof HelmApp).secretValues, ...(options.secretKeys ?? [])];
    for (const path of secretPaths) markSecret(values, path);
    const planned = this.planChart();
    let chart: ChartPlan;
    try {
      chart = applyChartMirror(planned, options.chartMirrors);
    } catch (error) {
      if (error instanceof KpopsError) this.fail(error.message, "repo_config.url");
      throw error;
    }
    return {
      name: this.helmReleaseName,
      namespace: this.namespace,
      chart,
      values,
      timeout: (this.data.timeout as string | null) ?? this.ctx.config.helm_config?.timeout ?? DEFAULT_HELM_TIMEOUT,
      flags: this.planHelmFlags(),
      waitForJobs: this.waitsForJobs,
    };
  }

  /** The release as a plan of its own (also for cleaners, which are no pipeline steps). */
  releasePlan(options: PlanOptions = {}): ReleasePlan {
    return this.planRelease(options);
  }

  /** destroy, reset and clean uninstall the release (KPOps' HelmApp). */
  override operationPlan(operation: Operation, _options: PlanOptions = {}): OperationPlan {
    return { operation, uninstallRelease: this.helmReleaseName, deletedTopics: [], deletedSubjects: [] };
  }

  /**
   * Manifest mode (KPOps' HelmApp): deploy renders the release's chart, in argo mode with the Argo CD sync wave
   * `1` among its values' annotations; the other operations print nothing.
   */
  override manifestPlan(operation: ManifestOperation, mode: ManifestMode, options: PlanOptions = {}): ManifestPart[] {
    if (operation !== "deploy") return [];
    return [{ kind: "helm-template", release: this.releasePlan(options), annotations: mode === "argo" ? { [ARGO_SYNC_WAVE]: "1" } : {} }];
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
