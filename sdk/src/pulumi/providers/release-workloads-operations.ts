/**
 * What the kpops plugin does for a `ReleaseWorkloads` (`provider/src/custom-resources.ts`): the live state of the
 * workloads of one Helm release, compared with the manifest Helm stored for it, and repaired.
 *
 * - The manifest is read from Helm's own storage in the cluster: the Secrets labelled `owner=helm,name=<release>`
 *   in the release's namespace, the one of the highest revision whose status is `deployed` (else the highest
 *   revision); its `release` field is base64 of gzip of the release JSON, whose `manifest` is the YAML Helm applied.
 * - Workloads: its Deployments, StatefulSets and CronJobs. Jobs are left out: a finished Job may be removed by its
 *   TTL, and re-creating it would run it again, which is not a repair.
 * - Fields compared (all cheap, all set by the chart): existence; `spec.replicas` of Deployments and StatefulSets
 *   when the manifest sets it (a manifest without it has no opinion, as for Helm's three-way merge) and no
 *   autoscaler owns it; the image of each container and init container the manifest names; `spec.schedule` and
 *   `spec.suspend` of CronJobs.
 * - Autoscaling: a workload that is the `scaleTargetRef` of a KEDA `ScaledObject` or a `HorizontalPodAutoscaler`,
 *   in the manifest or live in the namespace (KEDA's own HPA included), has no replicas compared or repaired, so
 *   the autoscaler is never fought; `autoscaledBy` names it.
 * - Repair (update): a strategic-merge patch of exactly the drifted fields; a missing workload is created again
 *   from the manifest, with Helm's ownership labels and annotations so the next `helm upgrade` adopts it. Create
 *   only observes: a workload that drifted before the resource existed shows in the next preview instead of being
 *   changed unannounced.
 *
 * Inputs and state: `check` puts the manifest's values (the desired state) into the `workloads` input; create,
 * update and read put the live values, in the same shape, into the `workloads` output; read (refresh) also returns
 * them as the inputs. So after a refresh the engine's diff of old and new inputs is exactly the drift, shown
 * field by field in `preview --refresh --diff`, and `diff` asks for an update whenever live and manifest differ.
 */
import { gunzipSync } from "zlib";
import { parseAllDocuments } from "yaml";
import { isConnectivityError } from "../../clients/http/errors";
import { KubernetesClient } from "../../clients/kubernetes/client";
import { ClusterConnection, KubeconfigError, resolveClusterConnection } from "../../clients/kubernetes/kubeconfig";
import { CheckFailure, CheckResult, ProviderLogger, containsUnknowns, describeError, sameValue, stderrLogger } from "./provider-support";

/** The workload kinds compared, and where their API lives. */
export const WORKLOAD_KINDS = {
  Deployment: { apiVersion: "apps/v1", plural: "deployments" },
  StatefulSet: { apiVersion: "apps/v1", plural: "statefulsets" },
  CronJob: { apiVersion: "batch/v1", plural: "cronjobs" },
} as const;

export type WorkloadKind = keyof typeof WORKLOAD_KINDS;

/** The compared fields of one workload: the manifest's (desired) or the cluster's (observed), in the same shape. */
export interface WorkloadState {
  /** `Deployment`, `StatefulSet` or `CronJob`. */
  readonly kind: WorkloadKind;
  /** The object's name. */
  readonly name: string;
  /** The object's namespace. */
  readonly namespace: string;
  /** Whether the object exists (always true in the desired state). */
  readonly exists: boolean;
  /** `spec.replicas`; absent when the manifest does not set it or an autoscaler owns it. */
  readonly replicas?: number;
  /** The autoscaler that owns the replicas: `ScaledObject/<name>` or `HorizontalPodAutoscaler/<name>`. */
  readonly autoscaledBy?: string;
  /** Image of each container, by container name (those the manifest names). */
  readonly images?: Record<string, string>;
  /** Image of each init container, by name. */
  readonly initImages?: Record<string, string>;
  /** CronJob `spec.schedule`. */
  readonly schedule?: string;
  /** CronJob `spec.suspend` (false when unset). */
  readonly suspend?: boolean;
}

/** Workloads by key: `<Kind>/<name>`, or `<Kind>/<namespace>/<name>` outside the release's namespace. */
export type WorkloadStates = Record<string, WorkloadState>;

/** One drifted field. */
export interface WorkloadDrift {
  /** The workload's key. */
  readonly workload: string;
  /** `exists`, `replicas`, `images.<container>`, `initImages.<container>`, `schedule`, `suspend`. */
  readonly field: string;
  readonly desired: unknown;
  readonly observed: unknown;
}

/** Inputs of the resource after `check`. */
export interface ReleaseWorkloadsInputs {
  readonly releaseName: string;
  readonly namespace: string;
  /** Kubeconfig text or path (secret); absent: KUBECONFIG, else ~/.kube/config, as the kubernetes provider. */
  readonly kubeconfig?: string;
  /** Kubeconfig context; absent: the current context. */
  readonly context?: string;
  /** The manifest's values (set by `check` for an existing resource; see the module comment). */
  readonly workloads?: WorkloadStates;
}

/** State of the resource. */
export interface ReleaseWorkloadsOutputs extends ReleaseWorkloadsInputs {
  /** The Helm revision whose manifest was compared. */
  readonly revision: number;
  /** Its status in Helm's storage (`deployed`, `failed`, ...). */
  readonly releaseStatus: string;
  /** What was observed in the cluster, by workload. */
  readonly workloads: WorkloadStates;
  /** Each drifted field, as a sentence: `Deployment/x: replicas is 3, the manifest says 1`. Empty when in sync. */
  readonly drift: string[];
  /** True when the workloads match the manifest. */
  readonly inSync: boolean;
}

/** The release as read from Helm's storage. */
export interface StoredRelease {
  readonly revision: number;
  readonly status: string;
  readonly manifest: string;
}

/** Where operations reach the cluster; tests may pass their own. */
export type KubernetesClientFactory = (inputs: Pick<ReleaseWorkloadsInputs, "kubeconfig" | "context">) => { client: KubernetesClient; connection: ClusterConnection };

/** The factory the provider uses: the kubeconfig input, else KUBECONFIG / ~/.kube/config. */
export const defaultKubernetesClientFactory: KubernetesClientFactory = (inputs) => {
  const connection = resolveClusterConnection({ kubeconfig: inputs.kubeconfig, context: inputs.context });
  return { client: new KubernetesClient(connection), connection };
};

/** Options of the operations (tests). */
export interface ReleaseWorkloadsOptions {
  readonly clientFactory?: KubernetesClientFactory;
  readonly log?: ProviderLogger;
}

const ok = KubernetesClient.expectOk;

/** The release JSON from a Helm storage Secret's `release` field (base64 of [gzip of] JSON, itself base64 in `data`). */
export function decodeHelmRelease(secretData: string): { manifest?: string; version?: number; info?: { status?: string } } {
  const helmEncoded = Buffer.from(secretData, "base64").toString("utf8");
  let bytes = Buffer.from(helmEncoded, "base64");
  if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) {
    bytes = gunzipSync(bytes);
  }
  return JSON.parse(bytes.toString("utf8"));
}

/** The release's latest deployed revision (else its latest) from Helm's storage; undefined when Helm has no record. */
export async function readStoredRelease(client: KubernetesClient, releaseName: string, namespace: string): Promise<StoredRelease | undefined> {
  const list = async (selector: string) =>
    ((ok(
      await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`, { labelSelector: selector }),
      `listing the Helm storage Secrets of release "${releaseName}"`,
    )?.items ?? []) as any[])
      .filter((secret) => secret?.type === "helm.sh/release.v1" || secret?.metadata?.labels?.owner === "helm")
      .map((secret) => ({ secret, revision: Number(secret.metadata?.labels?.version ?? 0), status: String(secret.metadata?.labels?.status ?? "") }))
      .sort((a, b) => b.revision - a.revision);
  // Usually one Secret is deployed; every revision (each holding a whole release) is read only when none is.
  const selector = `owner=helm,name=${releaseName}`;
  const chosen = (await list(`${selector},status=deployed`))[0] ?? (await list(selector))[0];
  if (chosen === undefined) return undefined;
  const data = chosen.secret?.data?.release;
  if (typeof data !== "string") throw new Error(`the Helm storage Secret ${chosen.secret?.metadata?.name} has no release data`);
  const decoded = decodeHelmRelease(data);
  return { revision: decoded.version ?? chosen.revision, status: decoded.info?.status ?? chosen.status, manifest: decoded.manifest ?? "" };
}

/** The objects of a manifest (a YAML stream), empty documents left out. */
export function manifestObjects(manifest: string): Record<string, any>[] {
  return parseAllDocuments(manifest)
    .map((doc) => doc.toJS())
    .filter((obj): obj is Record<string, any> => obj !== null && typeof obj === "object" && typeof obj.kind === "string");
}

/** The key of a workload in {@link WorkloadStates}. */
export function workloadKey(kind: string, name: string, namespace: string, releaseNamespace: string): string {
  return namespace === releaseNamespace ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

function podSpecOf(kind: WorkloadKind, obj: any): any {
  return kind === "CronJob" ? obj?.spec?.jobTemplate?.spec?.template?.spec : obj?.spec?.template?.spec;
}

function imagesOf(containers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const container of Array.isArray(containers) ? containers : []) {
    if (container && typeof container.name === "string") out[container.name] = String(container.image ?? "");
  }
  return out;
}

/** Autoscaler targets: `<Kind>/<namespace>/<name>` -> `ScaledObject/x` or `HorizontalPodAutoscaler/y`. */
export function autoscalerTargets(objects: readonly any[], defaultNamespace: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const obj of objects) {
    const ref = obj?.spec?.scaleTargetRef;
    if (!ref || typeof ref.name !== "string") continue;
    const isScaledObject = obj.kind === "ScaledObject" && String(obj.apiVersion ?? "").startsWith("keda.sh/");
    const isHpa = obj.kind === "HorizontalPodAutoscaler";
    if (!isScaledObject && !isHpa) continue;
    const kind = typeof ref.kind === "string" && ref.kind !== "" ? ref.kind : "Deployment";
    const namespace = obj.metadata?.namespace ?? defaultNamespace;
    targets.set(`${kind}/${namespace}/${ref.name}`, `${obj.kind}/${obj.metadata?.name}`);
  }
  return targets;
}

/**
 * The desired state of the manifest's workloads. `liveAutoscalers` adds autoscalers found in the cluster
 * (`<Kind>/<namespace>/<name>` -> autoscaler), e.g. the HPA KEDA makes for a ScaledObject.
 */
export function desiredWorkloads(
  objects: readonly Record<string, any>[],
  releaseNamespace: string,
  liveAutoscalers: ReadonlyMap<string, string> = new Map(),
): WorkloadStates {
  const autoscalers = new Map([...liveAutoscalers, ...autoscalerTargets(objects, releaseNamespace)]);
  const out: WorkloadStates = {};
  for (const obj of objects) {
    if (!(obj.kind in WORKLOAD_KINDS) || typeof obj.metadata?.name !== "string") continue;
    const kind = obj.kind as WorkloadKind;
    const name: string = obj.metadata.name;
    const namespace: string = obj.metadata.namespace ?? releaseNamespace;
    const podSpec = podSpecOf(kind, obj);
    const initImages = imagesOf(podSpec?.initContainers);
    const autoscaledBy = autoscalers.get(`${kind}/${namespace}/${name}`);
    const state: WorkloadState = {
      kind,
      name,
      namespace,
      exists: true,
      ...(kind !== "CronJob" && autoscaledBy === undefined && typeof obj.spec?.replicas === "number" ? { replicas: obj.spec.replicas } : {}),
      ...(autoscaledBy !== undefined ? { autoscaledBy } : {}),
      images: imagesOf(podSpec?.containers),
      ...(Object.keys(initImages).length > 0 ? { initImages } : {}),
      ...(kind === "CronJob" ? { schedule: String(obj.spec?.schedule ?? ""), suspend: obj.spec?.suspend === true } : {}),
    };
    out[workloadKey(kind, name, namespace, releaseNamespace)] = state;
  }
  return out;
}

/** A live object projected onto the fields its desired state names (undefined object: it does not exist). */
export function observedWorkload(desired: WorkloadState, live: any | undefined): WorkloadState {
  const base = { kind: desired.kind, name: desired.name, namespace: desired.namespace };
  if (live === undefined) return { ...base, exists: false };
  const podSpec = podSpecOf(desired.kind, live);
  const pick = (wanted: Record<string, string> | undefined, actual: Record<string, string>) =>
    Object.fromEntries(Object.keys(wanted ?? {}).map((name) => [name, actual[name] ?? "<missing>"]));
  return {
    ...base,
    exists: true,
    ...(desired.replicas !== undefined ? { replicas: typeof live.spec?.replicas === "number" ? live.spec.replicas : 1 } : {}),
    ...(desired.autoscaledBy !== undefined ? { autoscaledBy: desired.autoscaledBy } : {}),
    images: pick(desired.images, imagesOf(podSpec?.containers)),
    ...(desired.initImages !== undefined ? { initImages: pick(desired.initImages, imagesOf(podSpec?.initContainers)) } : {}),
    ...(desired.kind === "CronJob" ? { schedule: String(live.spec?.schedule ?? ""), suspend: live.spec?.suspend === true } : {}),
  };
}

/** Every field where `observed` differs from `desired` (a workload missing from `observed` counts as not existing). */
export function workloadDrift(desired: WorkloadStates, observed: WorkloadStates): WorkloadDrift[] {
  const drift: WorkloadDrift[] = [];
  for (const [key, want] of Object.entries(desired)) {
    const have = observed[key];
    if (have === undefined || !have.exists) {
      drift.push({ workload: key, field: "exists", desired: true, observed: false });
      continue;
    }
    if (want.replicas !== undefined && have.replicas !== want.replicas) {
      drift.push({ workload: key, field: "replicas", desired: want.replicas, observed: have.replicas });
    }
    for (const [list, wanted] of [["images", want.images], ["initImages", want.initImages]] as const) {
      for (const [container, image] of Object.entries(wanted ?? {})) {
        const actual = (have[list] ?? {})[container];
        if (actual !== image) drift.push({ workload: key, field: `${list}.${container}`, desired: image, observed: actual ?? "<missing>" });
      }
    }
    if (want.schedule !== undefined && have.schedule !== want.schedule) {
      drift.push({ workload: key, field: "schedule", desired: want.schedule, observed: have.schedule });
    }
    if (want.suspend !== undefined && (have.suspend ?? false) !== want.suspend) {
      drift.push({ workload: key, field: "suspend", desired: want.suspend, observed: have.suspend ?? false });
    }
  }
  return drift;
}

/** A drifted field as a sentence. */
export function describeDrift(d: WorkloadDrift): string {
  if (d.field === "exists") return `${d.workload}: missing from the cluster, the manifest has it`;
  return `${d.workload}: ${d.field} is ${JSON.stringify(d.observed)}, the manifest says ${JSON.stringify(d.desired)}`;
}

function objectPath(kind: WorkloadKind, namespace: string, name?: string): string {
  const { apiVersion, plural } = WORKLOAD_KINDS[kind];
  const prefix = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}${name === undefined ? "" : `/${encodeURIComponent(name)}`}`;
}

/** The live object, or undefined when it does not exist. */
async function getLive(client: KubernetesClient, state: WorkloadState): Promise<any | undefined> {
  const answer = await client.get(objectPath(state.kind, state.namespace, state.name));
  if (answer.status === 404) return undefined;
  return ok(answer, `reading ${state.kind} ${state.namespace}/${state.name}`);
}

/** The HPAs live in `namespace` as autoscaler targets (none when the API is not served). */
async function liveAutoscalers(client: KubernetesClient, namespace: string): Promise<Map<string, string>> {
  const answer = await client.get(`/apis/autoscaling/v2/namespaces/${encodeURIComponent(namespace)}/horizontalpodautoscalers`);
  if (answer.status === 404) return new Map();
  const list = ok(answer, `listing the HorizontalPodAutoscalers of namespace "${namespace}"`);
  return autoscalerTargets(
    ((list?.items ?? []) as any[]).map((item) => ({ ...item, kind: "HorizontalPodAutoscaler", metadata: { ...item.metadata, namespace } })),
    namespace,
  );
}

/** What the manifest says and what the cluster has. */
interface Comparison {
  readonly release: StoredRelease;
  readonly objects: Record<string, any>[];
  readonly desired: WorkloadStates;
  readonly observed: WorkloadStates;
  readonly live: Record<string, any | undefined>;
}

async function desiredOf(client: KubernetesClient, releaseName: string, namespace: string): Promise<Omit<Comparison, "observed" | "live"> | undefined> {
  const release = await readStoredRelease(client, releaseName, namespace);
  if (release === undefined) return undefined;
  const objects = manifestObjects(release.manifest);
  const namespaces = new Set([namespace]);
  for (const obj of objects) if (obj.kind in WORKLOAD_KINDS && typeof obj.metadata?.namespace === "string") namespaces.add(obj.metadata.namespace);
  const autoscalers = new Map<string, string>();
  for (const ns of namespaces) for (const [k, v] of await liveAutoscalers(client, ns)) autoscalers.set(k, v);
  return { release, objects, desired: desiredWorkloads(objects, namespace, autoscalers) };
}

async function observe(client: KubernetesClient, desired: WorkloadStates): Promise<{ observed: WorkloadStates; live: Record<string, any | undefined> }> {
  const observed: WorkloadStates = {};
  const live: Record<string, any | undefined> = {};
  for (const [key, state] of Object.entries(desired)) {
    live[key] = await getLive(client, state);
    observed[key] = observedWorkload(state, live[key]);
  }
  return { observed, live };
}

/** The patch that brings the drifted fields of one workload back to the manifest (undefined: nothing to patch). */
export function repairPatch(state: WorkloadState, manifestObject: any, drift: readonly WorkloadDrift[]): Record<string, unknown> | undefined {
  const spec: Record<string, unknown> = {};
  const containers: Record<string, unknown>[] = [];
  const initContainers: Record<string, unknown>[] = [];
  const manifestPod = podSpecOf(state.kind, manifestObject) ?? {};
  const containerOf = (list: unknown, name: string) => (Array.isArray(list) ? list.find((c: any) => c?.name === name) : undefined);
  for (const d of drift) {
    if (d.field === "replicas") spec.replicas = d.desired;
    else if (d.field === "schedule") spec.schedule = d.desired;
    else if (d.field === "suspend") spec.suspend = d.desired;
    else if (d.field.startsWith("images.") || d.field.startsWith("initImages.")) {
      const init = d.field.startsWith("initImages.");
      const name = d.field.slice(init ? "initImages.".length : "images.".length);
      // A container that is gone gets its whole definition back; otherwise only the image changes.
      const entry = d.observed === "<missing>" ? { ...containerOf(init ? manifestPod.initContainers : manifestPod.containers, name) } : { name, image: d.desired };
      (init ? initContainers : containers).push(entry);
    }
  }
  if (containers.length > 0 || initContainers.length > 0) {
    const podSpec = { ...(containers.length > 0 ? { containers } : {}), ...(initContainers.length > 0 ? { initContainers } : {}) };
    const template = { spec: podSpec };
    if (state.kind === "CronJob") spec.jobTemplate = { spec: { template } };
    else spec.template = template;
  }
  return Object.keys(spec).length > 0 ? { spec } : undefined;
}

/** The manifest object of a workload, ready to be created again: namespace set, Helm's ownership metadata added. */
export function recreatedObject(state: WorkloadState, manifestObject: any, releaseName: string, releaseNamespace: string): any {
  const metadata = manifestObject.metadata ?? {};
  return {
    ...manifestObject,
    apiVersion: WORKLOAD_KINDS[state.kind].apiVersion,
    metadata: {
      ...metadata,
      namespace: state.namespace,
      labels: { ...(metadata.labels ?? {}), "app.kubernetes.io/managed-by": "Helm" },
      annotations: { ...(metadata.annotations ?? {}), "meta.helm.sh/release-name": releaseName, "meta.helm.sh/release-namespace": releaseNamespace },
    },
  };
}

function manifestObjectOf(objects: readonly Record<string, any>[], state: WorkloadState, releaseNamespace: string): any {
  return objects.find((o) => o.kind === state.kind && o.metadata?.name === state.name && (o.metadata?.namespace ?? releaseNamespace) === state.namespace);
}

/** Brings every drifted workload back to the manifest; returns what was done, one line per workload (for tests and logs). */
async function repair(client: KubernetesClient, inputs: ReleaseWorkloadsInputs, comparison: Comparison, drift: readonly WorkloadDrift[]): Promise<string[]> {
  const done: string[] = [];
  for (const [key, state] of Object.entries(comparison.desired)) {
    const mine = drift.filter((d) => d.workload === key);
    if (mine.length === 0) continue;
    const manifestObject = manifestObjectOf(comparison.objects, state, inputs.namespace);
    if (mine.some((d) => d.field === "exists")) {
      const body = recreatedObject(state, manifestObject, inputs.releaseName, inputs.namespace);
      const answer = await client.post(objectPath(state.kind, state.namespace), body);
      if (answer.status !== 409) ok(answer, `creating ${state.kind} ${state.namespace}/${state.name} again from the manifest`);
      done.push(`${key}: created again from the manifest`);
      continue;
    }
    const patch = repairPatch(state, manifestObject, mine);
    if (patch === undefined) continue;
    ok(await client.patch(objectPath(state.kind, state.namespace, state.name), patch), `patching ${state.kind} ${state.namespace}/${state.name}`);
    done.push(`${key}: ${mine.map((d) => d.field).join(", ")} set back to the manifest`);
  }
  return done;
}

/** The innermost message of an error's causes, e.g. `connect ECONNREFUSED 127.0.0.1:6443` or `no answer within 30 s`. */
function rootCause(error: unknown): string {
  if (error instanceof Error && error.name === "ServiceTimeoutError") return error.message.replace(/^\[[^\]]*\] /, "").replace(/ \((GET|PATCH|POST) [^)]*\)$/, "");
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return describeError(current).replace(/^(Error|TypeError): /, "");
}

/** One clear error naming the release (and the cluster), whatever went wrong underneath. */
export class ReleaseWorkloadsError extends Error {
  constructor(inputs: Pick<ReleaseWorkloadsInputs, "releaseName" | "namespace">, what: string, cause: unknown, server?: string) {
    const where = server === undefined ? "" : ` at ${server}`;
    const reason = isConnectivityError(cause)
      ? `the Kubernetes API${where} cannot be reached (${rootCause(cause)})`
      : cause instanceof KubeconfigError
        ? describeError(cause)
        : describeError(cause).replace(/^\[Kubernetes API\] /, "");
    super(`kpops: cannot ${what} the workloads of Helm release "${inputs.releaseName}" in namespace "${inputs.namespace}": ${reason}`);
    this.name = "ReleaseWorkloadsError";
  }
}

async function withCluster<T>(
  inputs: ReleaseWorkloadsInputs,
  what: string,
  options: ReleaseWorkloadsOptions,
  run: (client: KubernetesClient) => Promise<T>,
): Promise<T> {
  let opened: { client: KubernetesClient; connection: ClusterConnection } | undefined;
  try {
    opened = (options.clientFactory ?? defaultKubernetesClientFactory)(inputs);
    return await run(opened.client);
  } catch (error) {
    if (error instanceof ReleaseWorkloadsError) throw error;
    throw new ReleaseWorkloadsError(inputs, what, error, opened?.connection.server);
  } finally {
    await opened?.client.close();
  }
}

function connectionInputs(props: Record<string, unknown>): Pick<ReleaseWorkloadsInputs, "kubeconfig" | "context"> {
  return {
    ...(typeof props.kubeconfig === "string" && props.kubeconfig !== "" ? { kubeconfig: props.kubeconfig } : {}),
    ...(typeof props.context === "string" && props.context !== "" ? { context: props.context } : {}),
  };
}

function baseInputs(props: Record<string, unknown>): ReleaseWorkloadsInputs {
  return { releaseName: props.releaseName as string, namespace: props.namespace as string, ...connectionInputs(props) };
}

function outputsOf(inputs: ReleaseWorkloadsInputs, comparison: Omit<Comparison, "live">): ReleaseWorkloadsOutputs {
  const drift = workloadDrift(comparison.desired, comparison.observed).map(describeDrift);
  return {
    ...baseInputs(inputs as unknown as Record<string, unknown>),
    revision: comparison.release.revision,
    releaseStatus: comparison.release.status,
    workloads: comparison.observed,
    drift,
    inSync: drift.length === 0,
  };
}

/** The resource id: `<namespace>/<release>`. */
export function releaseWorkloadsId(inputs: Pick<ReleaseWorkloadsInputs, "releaseName" | "namespace">): string {
  return `${inputs.namespace}/${inputs.releaseName}`;
}

/**
 * Validates the inputs and, for an existing resource, puts the manifest's values into `workloads` (see the module
 * comment). A cluster that cannot be asked leaves `workloads` out (no diff) with a warning: preview works without
 * the cluster.
 */
export async function checkReleaseWorkloads(olds: Record<string, unknown>, news: Record<string, unknown>, options: ReleaseWorkloadsOptions = {}): Promise<CheckResult> {
  const failures: CheckFailure[] = [];
  for (const field of ["releaseName", "namespace"] as const) {
    if (typeof news[field] !== "string" || news[field] === "") failures.push({ property: field, reason: `${field} must be a non-empty string` });
  }
  const inputs = baseInputs(news);
  const existing = typeof olds.releaseName === "string";
  const sameRelease = olds.releaseName === news.releaseName && olds.namespace === news.namespace;
  if (failures.length > 0 || !existing || !sameRelease || containsUnknowns(news)) {
    return { inputs: { ...inputs }, failures };
  }
  try {
    const desired = await withCluster(inputs, "compare", options, async (client) => (await desiredOf(client, inputs.releaseName, inputs.namespace))?.desired);
    return { inputs: desired === undefined ? { ...inputs } : { ...inputs, workloads: desired }, failures };
  } catch (error) {
    (options.log ?? stderrLogger)(`${describeError(error)}; workload drift is not compared in this run`);
    return { inputs: { ...inputs }, failures };
  }
}

/** Replace on another release or namespace; update when the live workloads (state) differ from the manifest (inputs). */
export async function diffReleaseWorkloads(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<{ changes: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }> {
  const replaces = (["releaseName", "namespace"] as const).filter((field) => !sameValue(olds[field], news[field]));
  if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: true };
  const connectionChanged = !sameValue(connectionInputs(olds), connectionInputs(news));
  const desired = news.workloads as WorkloadStates | undefined;
  if (desired === undefined || containsUnknowns(desired)) return { changes: connectionChanged };
  const observed = (olds.workloads ?? {}) as WorkloadStates;
  const keysDiffer = !sameValue(Object.keys(desired).sort(), Object.keys(observed).sort());
  return { changes: connectionChanged || keysDiffer || workloadDrift(desired, observed).length > 0 };
}

/** Observes the release's workloads (no repair: a drift found now shows in the next preview). */
export async function createReleaseWorkloads(news: Record<string, unknown>, options: ReleaseWorkloadsOptions = {}): Promise<{ id: string; outs: ReleaseWorkloadsOutputs }> {
  const inputs = baseInputs(news);
  const outs = await withCluster(inputs, "read", options, async (client) => {
    const desired = await desiredOf(client, inputs.releaseName, inputs.namespace);
    if (desired === undefined) throw new Error("Helm has no record of the release (no Secret labelled owner=helm)");
    return outputsOf(inputs, { ...desired, ...(await observe(client, desired.desired)) });
  });
  return { id: releaseWorkloadsId(inputs), outs };
}

/** Refresh: the live workloads against the manifest, as state and as inputs; a release Helm no longer knows is gone. */
export async function readReleaseWorkloads(
  id: string,
  props: Record<string, unknown>,
  options: ReleaseWorkloadsOptions = {},
): Promise<{ id: string; props?: ReleaseWorkloadsOutputs; inputs?: ReleaseWorkloadsInputs }> {
  if (typeof props.releaseName !== "string") {
    throw new Error(`kpops: ReleaseWorkloads cannot be imported (${id}); it is created with its Helm release`);
  }
  const inputs = baseInputs(props);
  return withCluster(inputs, "read", options, async (client) => {
    const desired = await desiredOf(client, inputs.releaseName, inputs.namespace);
    if (desired === undefined) return { id: "" };
    const outs = outputsOf(inputs, { ...desired, ...(await observe(client, desired.desired)) });
    return { id, props: outs, inputs: { ...inputs, workloads: outs.workloads } };
  });
}

/** Brings the drifted fields back to the manifest (read again now), then observes. */
export async function updateReleaseWorkloads(
  _id: string,
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
  options: ReleaseWorkloadsOptions = {},
): Promise<{ outs: ReleaseWorkloadsOutputs }> {
  const inputs = baseInputs(news);
  const outs = await withCluster(inputs, "repair", options, async (client) => {
    const desired = await desiredOf(client, inputs.releaseName, inputs.namespace);
    if (desired === undefined) throw new Error("Helm has no record of the release (no Secret labelled owner=helm)");
    const before = { ...desired, ...(await observe(client, desired.desired)) };
    await repair(client, inputs, before, workloadDrift(before.desired, before.observed));
    const after = await observe(client, desired.desired);
    return outputsOf(inputs, { ...desired, observed: after.observed });
  });
  return { outs };
}

/** Nothing to do: the Helm release's uninstall removes the workloads. */
export async function deleteReleaseWorkloads(): Promise<void> {
  return undefined;
}
