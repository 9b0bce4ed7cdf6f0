/**
 * Real local services for the engine tests: start them with scripts/services/start.sh in a private folder,
 * read them over their own APIs, stop them with scripts/services/stop.sh.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Agent, fetch as undiciFetch } from "undici";
import { parse as parseYaml } from "yaml";
import { repositoryRoot } from "../support/offline-engine";

/** The addresses start.sh prints (empty for services not started). */
export interface LocalServices {
  readonly dir: string;
  readonly KAFKA_BOOTSTRAP: string;
  readonly KAFKA_CONNECT_URL: string;
  readonly SCHEMA_REGISTRY_URL: string;
  /** The local cluster's kubeconfig (service `kubernetes`). */
  readonly KUBECONFIG: string;
  /** The local cluster's API server, https://127.0.0.1:PORT (service `kubernetes`). */
  readonly KUBERNETES_SERVER: string;
  /** The Helm chart repository of streams-bootstrap charts, http://127.0.0.1:PORT (service `charts`). */
  readonly KPOPS_CHART_REPO_URL: string;
}

/** The Kafka-side services, which most engine tests need; `kubernetes` and `charts` are asked for by name. */
export const KAFKA_SERVICES = ["kafka", "connect", "schema-registry"];

/**
 * Starts `which` (default: Kafka, Connect and the registry) on loopback in a new temporary folder; the registry
 * keeps schemas in memory. Other names: `kubernetes`, `charts`. `env` adds settings of start.sh, e.g.
 * `KAFKA_BROKER_PROPERTIES`.
 */
export function startServices(which: string[] = KAFKA_SERVICES, env: Record<string, string> = {}): LocalServices {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-engine-services-"));
  const out = execFileSync(path.join(repositoryRoot, "scripts/services/start.sh"), which, {
    env: { ...process.env, KPOPS_SERVICES_DIR: dir, SCHEMA_REGISTRY_STORAGE: "memory", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const value = (name: string) => new RegExp(`^${name}=(.*)$`, "m").exec(out)?.[1]?.trim() ?? "";
  return {
    dir,
    KAFKA_BOOTSTRAP: value("KAFKA_BOOTSTRAP"),
    KAFKA_CONNECT_URL: value("KAFKA_CONNECT_URL"),
    SCHEMA_REGISTRY_URL: value("SCHEMA_REGISTRY_URL"),
    KUBECONFIG: value("KUBECONFIG"),
    KUBERNETES_SERVER: value("KUBERNETES_SERVER"),
    KPOPS_CHART_REPO_URL: value("KPOPS_CHART_REPO_URL"),
  };
}

/** The pids start.sh recorded for the services in `services.dir` (read before stopping them, to check they are gone). */
export function servicePids(services: LocalServices): Map<string, number> {
  const run = path.join(services.dir, "run");
  const pids = new Map<string, number>();
  if (!fs.existsSync(run)) return pids;
  for (const file of fs.readdirSync(run).filter((f) => f.endsWith(".pid"))) {
    pids.set(file.replace(/\.pid$/, ""), Number(fs.readFileSync(path.join(run, file), "utf8").trim()));
  }
  return pids;
}

/** Whether a process runs: it exists (signal 0) and is not a zombie waiting for init to reap it. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s*Z/m.test(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Stops what {@link startServices} started and removes its data (logs are kept in its folder). */
export function stopServices(services: LocalServices | undefined): void {
  if (!services) return;
  execFileSync(path.join(repositoryRoot, "scripts/services/stop.sh"), [], {
    env: { ...process.env, KPOPS_SERVICES_DIR: services.dir },
    stdio: "inherit",
  });
}

/** GET a JSON document: status and parsed body. */
export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The topic as the broker describes it (Kafka's own TopicCommand); throws when the topic does not exist. */
export function describeTopic(services: LocalServices, topic: string): string {
  const tool = path.join(repositoryRoot, "scripts/services/kafka-tool.sh");
  const args = ["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", services.KAFKA_BOOTSTRAP, "--describe", "--topic", topic];
  return execFileSync(tool, args, {
    env: { ...process.env, KPOPS_SERVICES_DIR: services.dir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The folder of the Kubernetes binaries and Helm that tools/kubernetes/setup.sh builds. */
export const kubernetesToolsBin = path.join(process.env.KPOPS_KUBERNETES_CACHE ?? path.join(os.homedir(), ".cache", "kpops-kubernetes"), "bin");

/**
 * Runs the cached Helm CLI against the local cluster of `services`, with Helm's config, cache and data in a folder
 * of the services, so the user's own Helm set-up is neither read nor changed. Throws with Helm's output on failure.
 */
export function helm(services: LocalServices, args: string[]): string {
  const home = path.join(services.dir, "helm-client");
  try {
    return execFileSync(path.join(kubernetesToolsBin, "helm"), args, {
      env: {
        ...process.env,
        KUBECONFIG: services.KUBECONFIG,
        HELM_CONFIG_HOME: path.join(home, "config"),
        HELM_CACHE_HOME: path.join(home, "cache"),
        HELM_DATA_HOME: path.join(home, "data"),
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e: any) {
    throw new Error(`helm ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}

/** A client of the local cluster's API server, with the kubeconfig's CA and token. */
export interface KubernetesApi {
  get(apiPath: string): Promise<{ status: number; body: any }>;
  /** A strategic-merge PATCH (e.g. `{spec: {replicas: 3}}`, what `kubectl scale` changes). */
  patch(apiPath: string, patch: unknown): Promise<{ status: number; body: any }>;
  /** DELETE, as `kubectl delete` (background propagation). */
  delete(apiPath: string): Promise<{ status: number; body: any }>;
}

/** Reads the kubeconfig start.sh wrote (server, CA, token) and returns a client of that API server. */
export function kubernetesApi(services: LocalServices): KubernetesApi {
  const config = parseYaml(fs.readFileSync(services.KUBECONFIG, "utf8"));
  const cluster = config.clusters[0].cluster;
  const token: string = config.users[0].user.token;
  const ca = Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8");
  // a connection per request: a kept-alive one may be closed by the server while a test waits for pulumi
  const send = async (method: string, apiPath: string, body?: unknown, contentType?: string) => {
    const dispatcher = new Agent({ connect: { ca } });
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(contentType ? { "content-type": contentType } : {}) };
      const res = await undiciFetch(`${cluster.server}${apiPath}`, { method, dispatcher, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    } finally {
      await dispatcher.close();
    }
  };
  return {
    get: (apiPath: string) => send("GET", apiPath),
    patch: (apiPath: string, patch: unknown) => send("PATCH", apiPath, patch, "application/strategic-merge-patch+json"),
    delete: (apiPath: string) => send("DELETE", apiPath, { propagationPolicy: "Background" }, "application/json"),
  };
}

/**
 * Polls `probe` until it returns a value other than undefined, and returns that value. Gives up after `limitMs`
 * with `what` and the last thing the probe saw; a bound on waiting, not a timed assertion.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 120_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
