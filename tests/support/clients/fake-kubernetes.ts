/**
 * A small fake Kubernetes API server (node:http, plain HTTP on loopback) for unit tests of the workload drift
 * operations: namespaced objects of the kinds they use, Helm storage Secrets, list with a `labelSelector` of
 * `key=value` terms, GET, POST (409 when the object exists), strategic-merge PATCH (maps merged, lists of named
 * entries merged by `name`, `$patch` not supported) and DELETE; every request is recorded.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import { gzipSync } from "zlib";

/** One request the server answered. */
export interface KubernetesRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body?: any;
  readonly authorization?: string;
}

/** Plural resource names served, by kind. */
const PLURALS: Record<string, string> = {
  Deployment: "deployments",
  StatefulSet: "statefulsets",
  CronJob: "cronjobs",
  Job: "jobs",
  Secret: "secrets",
  HorizontalPodAutoscaler: "horizontalpodautoscalers",
};

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Strategic merge, as far as the operations need it. */
export function strategicMerge(target: any, patch: any): any {
  if (Array.isArray(patch) && Array.isArray(target) && patch.every((p) => isRecord(p) && typeof p.name === "string")) {
    const out = target.map((item) => ({ ...item }));
    for (const entry of patch) {
      const index = out.findIndex((item) => item?.name === entry.name);
      if (index >= 0) out[index] = strategicMerge(out[index], entry);
      else out.push(entry);
    }
    return out;
  }
  if (isRecord(patch) && isRecord(target)) {
    const out: Record<string, any> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete out[key];
      else out[key] = key in target ? strategicMerge(target[key], value) : value;
    }
    return out;
  }
  return patch;
}

/** Helm's storage Secret of one revision (as Helm 3 writes it: labels, and base64 of gzip of the release JSON). */
export function helmStorageSecret(release: string, namespace: string, revision: number, status: string, manifest: string): Record<string, any> {
  const json = JSON.stringify({ name: release, namespace, version: revision, info: { status }, manifest });
  const helmValue = gzipSync(Buffer.from(json)).toString("base64");
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "helm.sh/release.v1",
    metadata: {
      name: `sh.helm.release.v1.${release}.v${revision}`,
      namespace,
      labels: { owner: "helm", name: release, status, version: String(revision) },
    },
    data: { release: Buffer.from(helmValue).toString("base64") },
  };
}

/** See the module comment. */
export class FakeKubernetes {
  readonly requests: KubernetesRequest[] = [];
  /** Objects by `<plural>/<namespace>/<name>`. */
  readonly objects = new Map<string, Record<string, any>>();
  /** Plurals answered 404 for whole collections (an API group the server does not serve). */
  readonly unserved = new Set<string>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeKubernetes> {
    let fake: FakeKubernetes | undefined;
    const server = http.createServer((req, res) => fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake = new FakeKubernetes(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A kubeconfig (text) for this server with a token. */
  kubeconfig(token = "fake-token"): string {
    return [
      "apiVersion: v1",
      "kind: Config",
      "current-context: fake",
      "clusters: [{name: fake, cluster: {server: '" + this.url + "'}}]",
      "users: [{name: admin, user: {token: " + token + "}}]",
      "contexts: [{name: fake, context: {cluster: fake, user: admin}}]",
      "",
    ].join("\n");
  }

  /** Stores an object (its kind and metadata decide where). */
  put(obj: Record<string, any>): void {
    this.objects.set(`${PLURALS[obj.kind]}/${obj.metadata.namespace}/${obj.metadata.name}`, JSON.parse(JSON.stringify(obj)));
  }

  get(kind: string, namespace: string, name: string): Record<string, any> | undefined {
    return this.objects.get(`${PLURALS[kind]}/${namespace}/${name}`);
  }

  delete(kind: string, namespace: string, name: string): void {
    this.objects.delete(`${PLURALS[kind]}/${namespace}/${name}`);
  }

  /** The requests that changed something (PATCH, POST, PUT, DELETE). */
  writes(): KubernetesRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", this.url);
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text === "" ? undefined : JSON.parse(text);
      this.requests.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body, authorization: req.headers.authorization });
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      };
      const notFound = () => reply(404, { kind: "Status", status: "Failure", reason: "NotFound", message: `${url.pathname} not found`, code: 404 });
      // /api/v1/namespaces/NS/PLURAL[/NAME] or /apis/GROUP/VERSION/namespaces/NS/PLURAL[/NAME]
      const match = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
      if (!match) return notFound();
      const [, namespace, plural, name] = match.map((part) => (part === undefined ? part : decodeURIComponent(part)));
      if (this.unserved.has(plural)) return notFound();
      const key = `${plural}/${namespace}/${name}`;
      if (name === undefined && req.method === "GET") {
        const terms = (url.searchParams.get("labelSelector") ?? "").split(",").filter(Boolean).map((t) => t.split("="));
        const items = [...this.objects.entries()]
          .filter(([k]) => k.startsWith(`${plural}/${namespace}/`))
          .map(([, obj]) => obj)
          .filter((obj) => terms.every(([k, v]) => obj.metadata?.labels?.[k] === v));
        return reply(200, { kind: "List", items });
      }
      if (name === undefined && req.method === "POST") {
        const created = `${plural}/${namespace}/${body.metadata.name}`;
        if (this.objects.has(created)) return reply(409, { kind: "Status", reason: "AlreadyExists", message: "already exists", code: 409 });
        this.objects.set(created, { ...body, metadata: { ...body.metadata, uid: `uid-${this.requests.length}` } });
        return reply(201, this.objects.get(created));
      }
      const existing = this.objects.get(key);
      if (existing === undefined) return notFound();
      if (req.method === "GET") return reply(200, existing);
      if (req.method === "PATCH") {
        if (req.headers["content-type"] !== "application/strategic-merge-patch+json") return reply(415, { message: "unsupported patch type" });
        this.objects.set(key, strategicMerge(existing, body));
        return reply(200, this.objects.get(key));
      }
      if (req.method === "DELETE") {
        this.objects.delete(key);
        return reply(200, { kind: "Status", status: "Success" });
      }
      return reply(405, { message: "method not allowed" });
    });
  }
}
