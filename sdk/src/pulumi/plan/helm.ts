import * as path from "path";
import { EnrichedComponent } from "./enriched";
import { PlanError } from "./errors";
import { ComponentFamily, StreamsBootstrapGeneration, isStreamsBootstrap, streamsBootstrapGeneration } from "./family";
import {
  ChartSettings,
  DEFAULT_CHART_VERSION,
  DEFAULT_HELM_TIMEOUT,
  DEFAULT_STREAMS_BOOTSTRAP_REPOSITORY,
  HelmSettings,
} from "./settings";

/** What a `kubernetes.helm.v3.Release` of one app gets. */
export interface ReleasePlan {
  /** Release name: the step's `helm_release_name`. */
  readonly name: string;
  readonly namespace: string;
  /** Chart name (with `repositoryUrl`) or a local chart path. */
  readonly chart: string;
  /** Repository URL, absent for local charts. */
  readonly repositoryUrl?: string;
  /** Repository basic-auth user from `repo_config.repo_auth_flags` (the password travels as a secret). */
  readonly repositoryUsername?: string;
  readonly repositoryPassword?: string;
  /** Chart version, absent for local charts. */
  readonly version?: string;
  /** Values exactly as KPOps passes them to Helm. */
  readonly values: Record<string, unknown>;
  /** `--timeout` in seconds. */
  readonly timeoutSeconds: number;
  readonly createNamespace: boolean;
  /** `--force`. */
  readonly forceUpdate: boolean;
  /** KPOps runs `helm upgrade --install --wait`: wait for the workload, but not for jobs, and no `--atomic`. */
  readonly skipAwait: false;
  readonly atomic: false;
  readonly waitForJobs: false;
}

type Json = unknown;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmptyCollection(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
}

/** Deep copy without `null`/`undefined` (pydantic `exclude_none`). */
export function withoutNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) continue;
      out[key] = withoutNulls(item);
    }
    return out;
  }
  return value;
}

/**
 * A model default: the dotted path of a values field and its default. `EMPTY` stands for "the empty list or
 * mapping", which is how the streams-bootstrap models default their collections.
 */
const EMPTY = Symbol("empty");
type DefaultRule = readonly [path: string, value: unknown];

const V3_BASE_DEFAULTS: readonly DefaultRule[] = [
  ["imagePullSecrets", EMPTY],
  ["ports", EMPTY],
  ["service.enabled", false],
  ["service.labels", EMPTY],
  ["commandLine", EMPTY],
  ["env", EMPTY],
  ["secrets", EMPTY],
  ["secretRefs", EMPTY],
  ["secretFilesRefs", EMPTY],
  ["files", EMPTY],
  ["javaOptions.others", EMPTY],
  ["podAnnotations", EMPTY],
  ["podLabels", EMPTY],
  ["livenessProbe", EMPTY],
  ["readinessProbe", EMPTY],
  ["tolerations", EMPTY],
  ["kafka.labeledOutputTopics", EMPTY],
];

const V3_CONSUMING_DEFAULTS: readonly DefaultRule[] = [
  ["kafka.inputTopics", EMPTY],
  ["kafka.labeledInputTopics", EMPTY],
  ["kafka.labeledInputPatterns", EMPTY],
  ["kafka.config", EMPTY],
  ["statefulSet", false],
  ["persistence.enabled", false],
  ["autoscaling.enabled", false],
  ["autoscaling.internalTopics", EMPTY],
  ["autoscaling.topics", EMPTY],
  ["autoscaling.additionalTriggers", EMPTY],
  ["prometheus.jmx.metricRules", EMPTY],
];

const V2_DEFAULTS: readonly DefaultRule[] = [
  ["imageTag", "latest"],
  ["streams.config", EMPTY],
  ["streams.extraOutputTopics", EMPTY],
  ["streams.inputTopics", EMPTY],
  ["streams.extraInputTopics", EMPTY],
  ["streams.extraInputPatterns", EMPTY],
  ["statefulSet", false],
  ["autoscaling.enabled", false],
  ["autoscaling.pollingInterval", 30],
  ["autoscaling.cooldownPeriod", 300],
  ["autoscaling.offsetResetPolicy", "earliest"],
  ["autoscaling.minReplicas", 0],
  ["autoscaling.maxReplicas", 1],
  ["autoscaling.topics", EMPTY],
];

/** The model defaults KPOps leaves out of the values it hands to Helm, by family and chart generation. */
export function modelDefaults(family: ComponentFamily, generation: StreamsBootstrapGeneration | undefined): readonly DefaultRule[] {
  if (!isStreamsBootstrap(family) || generation === undefined) return [];
  if (generation === "v2") return V2_DEFAULTS;
  return family === "producer-app" ? V3_BASE_DEFAULTS : [...V3_BASE_DEFAULTS, ...V3_CONSUMING_DEFAULTS];
}

function dropDefault(values: Record<string, unknown>, dotted: string, defaultValue: unknown): void {
  const keys = dotted.split(".");
  let node: unknown = values;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(node)) return;
    node = node[key];
  }
  if (!isRecord(node)) return;
  const last = keys[keys.length - 1];
  if (!(last in node)) return;
  const current = node[last];
  if (defaultValue === EMPTY ? isEmptyCollection(current) : current === defaultValue) delete node[last];
}

/**
 * The values KPOps passes to `helm upgrade --install` for an app (`HelmApp.to_helm_values`): the step's
 * `values` without nulls and without fields equal to their model defaults (pydantic `exclude_defaults`; extra
 * keys are always kept), with `nameOverride` and `fullnameOverride` set to `helm_name_override` unless the
 * user set them.
 *
 * Deviation: the generate output does not say which keys are model fields, so the defaults come from a table
 * of the streams-bootstrap models ({@link modelDefaults}); an extra key that shares a model field's name and
 * default is dropped too.
 */
export function helmValues(step: EnrichedComponent, family: ComponentFamily): Record<string, unknown> {
  const values = withoutNulls(step.values ?? {}) as Record<string, unknown>;
  for (const [dotted, defaultValue] of modelDefaults(family, streamsBootstrapGeneration(step))) {
    dropDefault(values, dotted, defaultValue);
  }
  const override = step.helm_name_override ?? step.helm_release_name ?? `${step.prefix ?? ""}${step.name}`;
  if (values.nameOverride === undefined) values.nameOverride = override;
  if (values.fullnameOverride === undefined) values.fullnameOverride = override;
  return values;
}

/** Parses a Helm / Go duration (`5m0s`, `300s`, `1h`, `90`) into whole seconds, rounding up. */
export function parseHelmDuration(duration: string | number): number {
  if (typeof duration === "number") return Math.ceil(duration);
  const text = duration.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  const unitSeconds: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
  const part = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = part.exec(text); match !== null; match = part.exec(text)) {
    total += Number(match[1]) * unitSeconds[match[2]];
    consumed = part.lastIndex;
  }
  if (consumed !== text.length || text.length === 0) throw new PlanError(`invalid Helm duration "${duration}"`);
  return Math.ceil(total);
}

const STREAMS_BOOTSTRAP_CHARTS: Partial<Record<ComponentFamily, string>> = {
  "streams-app": "streams-app",
  "producer-app": "producer-app",
  "consumer-app": "consumer-app",
};

/** Resolves chart, repository and version of an app step. */
export function resolveChart(
  step: EnrichedComponent,
  family: ComponentFamily,
  charts: ChartSettings = {},
): Pick<ReleasePlan, "chart" | "repositoryUrl" | "version" | "repositoryUsername" | "repositoryPassword"> {
  const byType = charts.byType?.[step.type];
  const auth = step.repo_config?.repo_auth_flags;
  const credentials = {
    repositoryUsername: auth?.username ?? undefined,
    repositoryPassword: auth?.password ?? undefined,
  };
  if (byType?.path !== undefined) return { chart: byType.path };
  if (byType?.chart !== undefined) {
    const repository = byType.repository ?? (step.repo_config ? { url: step.repo_config.url } : undefined);
    return {
      chart: byType.chart,
      repositoryUrl: repository?.url,
      version: byType.version ?? step.version ?? undefined,
      ...(repository ? credentials : {}),
    };
  }
  const chartName = STREAMS_BOOTSTRAP_CHARTS[family];
  if (chartName === undefined || streamsBootstrapGeneration(step) === undefined) {
    throw new PlanError(
      `step "${step.name}" (type ${step.type}) is a Helm app without a known chart: KPOps takes it from the ` +
        `component class (helm_chart); name it in charts.byType["${step.type}"]`,
    );
  }
  if (charts.localChartsDir !== undefined) return { chart: path.join(charts.localChartsDir, chartName) };
  const repositoryUrl =
    step.repo_config?.url ?? charts.streamsBootstrapRepository?.url ?? DEFAULT_STREAMS_BOOTSTRAP_REPOSITORY.url;
  const generation = streamsBootstrapGeneration(step) ?? "v3";
  return { chart: chartName, repositoryUrl, version: step.version ?? DEFAULT_CHART_VERSION[generation], ...credentials };
}

/** The release of an app step. */
export function planRelease(
  step: EnrichedComponent,
  family: ComponentFamily,
  charts: ChartSettings = {},
  helm: HelmSettings = {},
): ReleasePlan {
  if (step.namespace === undefined || step.namespace === "") {
    throw new PlanError(`step "${step.name}" (type ${step.type}) has no namespace`);
  }
  return {
    name: step.helm_release_name ?? `${step.prefix ?? ""}${step.name}`,
    namespace: step.namespace,
    ...resolveChart(step, family, charts),
    values: helmValues(step, family),
    timeoutSeconds: parseHelmDuration(step.timeout ?? helm.timeout ?? DEFAULT_HELM_TIMEOUT),
    createNamespace: helm.createNamespace ?? false,
    forceUpdate: helm.forceReplace ?? false,
    skipAwait: false,
    atomic: false,
    waitForJobs: false,
  };
}
