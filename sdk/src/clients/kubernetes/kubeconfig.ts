/**
 * The connection settings of a kubeconfig file (`KUBECONFIG`, else `~/.kube/config`): the API server of a context
 * and its credentials (bearer token, or a client certificate), as `kubectl` and Helm read them. Only what the
 * operations need: no exec plugins, no auth providers.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { KpopsError } from "../../core/errors";

/** How to reach one Kubernetes API server. */
export interface KubernetesConnection {
  /** `https://host:port`, no trailing slash. */
  readonly server: string;
  /** PEM of the cluster's certificate authority. @default the system CAs */
  readonly ca?: string;
  /** Bearer token. @default none */
  readonly token?: string;
  /** PEM client certificate and key. @default none */
  readonly cert?: string;
  readonly key?: string;
  /** Skip TLS verification (`insecure-skip-tls-verify`). @default false */
  readonly insecure?: boolean;
  /** The context's namespace. @default "default" */
  readonly namespace: string;
}

type Named<T> = { name: string } & T;
interface KubeconfigFile {
  "current-context"?: string;
  contexts?: Named<{ context: { cluster: string; user: string; namespace?: string } }>[];
  clusters?: Named<{ cluster: { server: string; "certificate-authority-data"?: string; "certificate-authority"?: string; "insecure-skip-tls-verify"?: boolean } }>[];
  users?: Named<{ user: { token?: string; "client-certificate-data"?: string; "client-key-data"?: string; "client-certificate"?: string; "client-key"?: string } }>[];
}

/** The kubeconfig file in effect: the first file of `KUBECONFIG`, else `~/.kube/config`. */
export function kubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const first = (env.KUBECONFIG ?? "").split(path.delimiter).find((p) => p !== "");
  return first ?? path.join(os.homedir(), ".kube", "config");
}

function fileOrData(data: string | undefined, file: string | undefined, base: string): string | undefined {
  if (data !== undefined) return Buffer.from(data, "base64").toString("utf8");
  if (file !== undefined) return fs.readFileSync(path.resolve(base, file), "utf8");
  return undefined;
}

/**
 * The connection of `context` (default: the current context) in the kubeconfig file; a KpopsError naming the file
 * when it is missing or has no such context.
 */
export function loadKubeconfig(options: { context?: string; env?: NodeJS.ProcessEnv } = {}): KubernetesConnection {
  const file = kubeconfigPath(options.env);
  if (!fs.existsSync(file)) throw new KpopsError(`no kubeconfig at ${file} (set KUBECONFIG)`);
  const config = (parseYaml(fs.readFileSync(file, "utf8")) ?? {}) as KubeconfigFile;
  const name = options.context ?? config["current-context"];
  const context = config.contexts?.find((c) => c.name === name)?.context;
  if (context === undefined) throw new KpopsError(`kubeconfig ${file} has no context '${name ?? ""}'`);
  const cluster = config.clusters?.find((c) => c.name === context.cluster)?.cluster;
  if (cluster === undefined) throw new KpopsError(`kubeconfig ${file}: context '${name}' names the unknown cluster '${context.cluster}'`);
  const user = config.users?.find((u) => u.name === context.user)?.user ?? {};
  const base = path.dirname(file);
  return {
    server: cluster.server.replace(/\/+$/, ""),
    ca: fileOrData(cluster["certificate-authority-data"], cluster["certificate-authority"], base),
    insecure: cluster["insecure-skip-tls-verify"] === true,
    token: user.token,
    cert: fileOrData(user["client-certificate-data"], user["client-certificate"], base),
    key: fileOrData(user["client-key-data"], user["client-key"], base),
    namespace: context.namespace ?? "default",
  };
}
