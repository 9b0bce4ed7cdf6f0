/**
 * A small client of the Kubernetes API over undici: GET, list with a label selector, strategic-merge PATCH and
 * POST, with the kubeconfig's CA, client certificate, token or basic auth ({@link ClusterConnection}). Transport
 * failures become the HTTP clients' {@link ServiceUnreachableError} / {@link ServiceTimeoutError}; answers are
 * returned with their status and never interpreted here, except by {@link KubernetesClient.expectOk}.
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
