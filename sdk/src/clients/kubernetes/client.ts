/**
 * A small client of the Kubernetes API over undici: GET, list with a label selector, strategic-merge PATCH, POST and
 * DELETE, with the kubeconfig's CA, client certificate, token or basic auth ({@link ClusterConnection}). Transport
 * failures become the HTTP clients' {@link ServiceUnreachableError} / {@link ServiceTimeoutError}; answers are
 * returned with their status and never interpreted here, except by {@link KubernetesClient.expectOk} and the few
 * reads the operations need (Helm's release records, PersistentVolumeClaims), which treat 404 as "none".
 */
import { Agent, request } from "undici";
import { RequestDescription, ServiceResponseError, ServiceTimeoutError, ServiceUnreachableError } from "../http/errors";
import type { ClusterConnection } from "./kubeconfig";

/** Service name in error messages. */
export const KUBERNETES_SERVICE = "Kubernetes API";

/** An API answer. */
export interface KubernetesResponse {
  readonly status: number;
  readonly body: any;
  readonly request: RequestDescription;
}

/** One Helm release revision as the labels of its Secret describe it (Helm 3 keeps each revision as a Secret). */
export interface HelmReleaseInfo {
  readonly name: string;
  readonly namespace: string;
  /** `deployed`, `failed`, `pending-install`, ... */
  readonly status: string;
  readonly revision: number;
  /** The Secret that holds this revision (`sh.helm.release.v1.<name>.v<revision>`). */
  readonly secret: string;
}

interface ObjectList {
  items?: { metadata?: { name?: string; labels?: Record<string, string> } }[];
}

/** Options of a {@link KubernetesClient}. */
export interface KubernetesClientOptions {
  /** Seconds allowed for each request. @default 30 */
  readonly timeoutSeconds?: number;
}

/** See the module comment. */
export class KubernetesClient {
  readonly server: string;
  private readonly dispatcher: Agent;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;

  constructor(connection: ClusterConnection, options: KubernetesClientOptions = {}) {
    this.server = connection.server;
    this.timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
    this.dispatcher = new Agent({
      connect: {
        ca: connection.ca,
        cert: connection.cert,
        key: connection.key,
        rejectUnauthorized: connection.insecureSkipTlsVerify !== true,
      },
    });
    this.headers = { accept: "application/json" };
    if (connection.token !== undefined) {
      this.headers.authorization = `Bearer ${connection.token}`;
    } else if (connection.username !== undefined && connection.password !== undefined) {
      this.headers.authorization = `Basic ${Buffer.from(`${connection.username}:${connection.password}`).toString("base64")}`;
    }
  }

  /** GET `apiPath` (with `query`). */
  get(apiPath: string, query?: Record<string, string>): Promise<KubernetesResponse> {
    return this.send("GET", apiPath, query);
  }

  /** Strategic-merge PATCH of `apiPath` with `patch`. */
  patch(apiPath: string, patch: unknown): Promise<KubernetesResponse> {
    return this.send("PATCH", apiPath, undefined, patch, "application/strategic-merge-patch+json");
  }

  /** POST `body` to the collection `apiPath`. */
  post(apiPath: string, body: unknown): Promise<KubernetesResponse> {
    return this.send("POST", apiPath, undefined, body, "application/json");
  }

  /** DELETE `apiPath`. */
  delete(apiPath: string): Promise<KubernetesResponse> {
    return this.send("DELETE", apiPath);
  }

  /** Every revision of every Helm release of `namespace`, from Helm's release Secrets (`owner=helm`). */
  async helmReleaseRevisions(namespace: string): Promise<HelmReleaseInfo[]> {
    const response = await this.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`, { labelSelector: "owner=helm" });
    if (response.status === 404) return [];
    const list = KubernetesClient.expectOk(response, `listing the Helm releases of namespace ${namespace}`) as ObjectList;
    return (list.items ?? []).flatMap((item) => {
      const labels = item.metadata?.labels ?? {};
      if (labels.name === undefined) return [];
      return [{ name: labels.name, namespace, status: labels.status ?? "unknown", revision: Number(labels.version ?? 0), secret: item.metadata?.name ?? "" }];
    });
  }

  /** The Helm releases of `namespace` (the newest revision of each). */
  async helmReleases(namespace: string): Promise<HelmReleaseInfo[]> {
    const newest = new Map<string, HelmReleaseInfo>();
    for (const info of await this.helmReleaseRevisions(namespace)) {
      const known = newest.get(info.name);
      if (known === undefined || known.revision < info.revision) newest.set(info.name, info);
    }
    return [...newest.values()];
  }

  /** Deletes a Secret (e.g. the record of a Helm release revision); false when it did not exist. */
  async deleteSecret(namespace: string, name: string): Promise<boolean> {
    const response = await this.delete(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`);
    if (response.status === 404) return false;
    KubernetesClient.expectOk(response, `deleting Secret ${namespace}/${name}`);
    return true;
  }

  /** Names of the PersistentVolumeClaims of `namespace` matching `labelSelector`. */
  async persistentVolumeClaims(namespace: string, labelSelector: string): Promise<string[]> {
    const response = await this.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims`, { labelSelector });
    if (response.status === 404) return [];
    const list = KubernetesClient.expectOk(response, `listing the PersistentVolumeClaims of namespace ${namespace}`) as ObjectList;
    return (list.items ?? []).map((item) => item.metadata?.name ?? "").filter((name) => name !== "");
  }

  /** Deletes a PersistentVolumeClaim; false when it did not exist. */
  async deletePersistentVolumeClaim(namespace: string, name: string): Promise<boolean> {
    const response = await this.delete(`/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims/${encodeURIComponent(name)}`);
    if (response.status === 404) return false;
    KubernetesClient.expectOk(response, `deleting PersistentVolumeClaim ${namespace}/${name}`);
    return true;
  }

  /** Throws a {@link ServiceResponseError} unless the answer is 2xx; returns its body. */
  static expectOk(response: KubernetesResponse, context: string): any {
    if (response.status >= 200 && response.status < 300) return response.body;
    const message = response.body && typeof response.body === "object" && typeof response.body.message === "string" ? response.body.message : undefined;
    throw new ServiceResponseError(response.request, response.status, { context, serviceMessage: message });
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async send(method: string, apiPath: string, query?: Record<string, string>, body?: unknown, contentType?: string): Promise<KubernetesResponse> {
    const search = query ? new URLSearchParams(query).toString() : "";
    const url = `${this.server}${apiPath}${search ? `?${search}` : ""}`;
    const description: RequestDescription = { service: KUBERNETES_SERVICE, method, url };
    const headers = { ...this.headers, ...(contentType ? { "content-type": contentType } : {}) };
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const answer = await request(url, {
        method: method as "GET",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        dispatcher: this.dispatcher,
      });
      const text = await answer.body.text();
      let parsed: unknown = undefined;
      if (text !== "") {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
      return { status: answer.statusCode, body: parsed, request: description };
    } catch (error) {
      if (signal.aborted) throw new ServiceTimeoutError(description, this.timeoutMs / 1000, error);
      throw new ServiceUnreachableError(description, error);
    }
  }
}
