/**
 * A minimal Kubernetes API client for what the operations ask of a cluster: the Helm releases of a namespace (Helm
 * keeps each release revision as a Secret labelled `owner=helm`) and PersistentVolumeClaims (clean deletes those of
 * stateful apps). Plain REST over undici with the kubeconfig's credentials.
 */
import { Agent, request } from "undici";
import { KpopsError } from "../../core/errors";
import type { KubernetesConnection } from "./kubeconfig";

/** One Helm release as its newest revision's Secret labels describe it. */
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
  items?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } }[];
}

/** Client of one API server. */
export class KubernetesClient {
  private readonly dispatcher: Agent;

  constructor(private readonly connection: KubernetesConnection) {
    this.dispatcher = new Agent({
      connect: { ca: connection.ca, cert: connection.cert, key: connection.key, rejectUnauthorized: connection.insecure !== true },
    });
  }

  /** The API server's address. */
  get server(): string {
    return this.connection.server;
  }

  private async send(method: "GET" | "DELETE", apiPath: string): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.connection.token !== undefined) headers.authorization = `Bearer ${this.connection.token}`;
    let response;
    try {
      response = await request(`${this.connection.server}${apiPath}`, { method, headers, dispatcher: this.dispatcher, headersTimeout: 15_000, bodyTimeout: 15_000 });
    } catch (error) {
      throw new KpopsError(`[Kubernetes] cannot reach the API server ${this.connection.server}: ${(error as Error).message}`);
    }
    const text = await response.body.text();
    let body: unknown = text;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // keep the text
    }
    if (response.statusCode >= 400 && response.statusCode !== 404) {
      const message = (body as { message?: string } | undefined)?.message ?? text;
      throw new KpopsError(`[Kubernetes] ${method} ${apiPath} failed: HTTP ${response.statusCode}: ${message}`);
    }
    return { status: response.statusCode, body };
  }

  /** Every revision of every Helm release of `namespace`, from Helm's release Secrets. */
  async helmReleaseRevisions(namespace: string): Promise<HelmReleaseInfo[]> {
    const { status, body } = await this.send("GET", `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets?labelSelector=${encodeURIComponent("owner=helm")}`);
    if (status === 404) return [];
    return ((body as ObjectList).items ?? []).flatMap((item) => {
      const labels = item.metadata?.labels ?? {};
      if (labels.name === undefined) return [];
      return [{ name: labels.name, namespace, status: labels.status ?? "unknown", revision: Number(labels.version ?? 0), secret: item.metadata?.name ?? "" }];
    });
  }

  /** The Helm releases of `namespace` (newest revision of each). */
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
    const { status } = await this.send("DELETE", `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`);
    return status !== 404;
  }

  /** Names of the PersistentVolumeClaims of `namespace` matching `labelSelector`. */
  async persistentVolumeClaims(namespace: string, labelSelector: string): Promise<string[]> {
    const { status, body } = await this.send("GET", `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims?labelSelector=${encodeURIComponent(labelSelector)}`);
    if (status === 404) return [];
    return ((body as ObjectList).items ?? []).map((item) => item.metadata?.name ?? "").filter((name) => name !== "");
  }

  /** Deletes a PersistentVolumeClaim; false when it did not exist. */
  async deletePersistentVolumeClaim(namespace: string, name: string): Promise<boolean> {
    const { status } = await this.send("DELETE", `/api/v1/namespaces/${encodeURIComponent(namespace)}/persistentvolumeclaims/${encodeURIComponent(name)}`);
    return status !== 404;
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
