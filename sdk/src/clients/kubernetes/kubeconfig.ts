/**
 * How to reach a Kubernetes API server, resolved from a kubeconfig the way kubectl and the Pulumi kubernetes
 * provider resolve it: an explicit kubeconfig (its text or a path), else `KUBECONFIG` (a list of files joined with
 * `:`, merged, the first file to name a thing wins), else `~/.kube/config`; the context given, else the
 * `current-context`. Supported credentials: bearer token (`token`, `tokenFile`), client certificate and key
 * (inline `-data` or files), basic auth; CA inline or as a file, or `insecure-skip-tls-verify`. An `exec` or
 * `auth-provider` user is an error that says so (no plugin is run).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";

/** Everything needed to send a request to the API server. Holds credentials: never log or store it. */
export interface ClusterConnection {
  /** API server URL, e.g. `https://127.0.0.1:6443`, without a trailing slash. */
  readonly server: string;
  /** The context it came from (for messages). */
  readonly context: string;
  /** PEM of the CA to trust, if the kubeconfig names one. */
  readonly ca?: string;
  readonly insecureSkipTlsVerify?: boolean;
  /** PEM client certificate and key. */
  readonly cert?: string;
  readonly key?: string;
  readonly token?: string;
  readonly username?: string;
  readonly password?: string;
}

/** Where the kubeconfig comes from. */
export interface KubeconfigSource {
  /** Kubeconfig text (YAML or JSON) or the path of a kubeconfig file. @default KUBECONFIG, else ~/.kube/config */
  readonly kubeconfig?: string;
  /** Context to use. @default the kubeconfig's current-context */
  readonly context?: string;
  /** Environment to read `KUBECONFIG` and `HOME` from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** A kubeconfig that cannot be used: the message says what is missing and where it was looked for. */
export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KubeconfigError";
  }
}

interface Named<T> {
  readonly name: string;
  readonly value: T;
}

interface LoadedConfig {
  readonly currentContext?: string;
  readonly clusters: Named<Record<string, unknown>>[];
  readonly users: Named<Record<string, unknown>>[];
  readonly contexts: Named<Record<string, unknown>>[];
  /** Where relative file paths in each entry are resolved from, by entry. */
  readonly baseDirs: Map<object, string>;
  /** What was read, for messages (paths only, never content). */
  readonly origin: string;
}

function looksLikeConfigText(value: string): boolean {
  return /\n/.test(value) || /^\s*[{]/.test(value) || /(^|\s)(apiVersion|clusters|contexts|users)\s*:/.test(value);
}

function namedList(raw: unknown, field: string, baseDir: string, baseDirs: Map<object, string>): Named<Record<string, unknown>>[] {
  if (!Array.isArray(raw)) return [];
  const out: Named<Record<string, unknown>>[] = [];
  for (const entry of raw) {
    if (entry && typeof entry === "object" && typeof (entry as Record<string, unknown>).name === "string") {
      const value = ((entry as Record<string, unknown>)[field] ?? {}) as Record<string, unknown>;
      baseDirs.set(value, baseDir);
      out.push({ name: (entry as Record<string, unknown>).name as string, value });
    }
  }
  return out;
}

function parseConfig(text: string, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new KubeconfigError(`the kubeconfig ${where} is not valid YAML: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new KubeconfigError(`the kubeconfig ${where} is not a mapping`);
  return parsed as Record<string, unknown>;
}

function loadConfig(source: KubeconfigSource): LoadedConfig {
  const env = source.env ?? process.env;
  const documents: { config: Record<string, unknown>; baseDir: string }[] = [];
  let origin: string;
  if (source.kubeconfig !== undefined && source.kubeconfig.trim() !== "") {
    if (looksLikeConfigText(source.kubeconfig)) {
      origin = "given as text";
      documents.push({ config: parseConfig(source.kubeconfig, origin), baseDir: process.cwd() });
    } else {
      const file = source.kubeconfig.trim().replace(/^~(?=\/)/, os.homedir());
      origin = file;
      if (!fs.existsSync(file)) throw new KubeconfigError(`the kubeconfig file ${file} does not exist`);
      documents.push({ config: parseConfig(fs.readFileSync(file, "utf8"), file), baseDir: path.dirname(path.resolve(file)) });
    }
  } else {
    const list = (env.KUBECONFIG ?? "").split(path.delimiter).filter((f) => f.trim() !== "");
    const files = list.length > 0 ? list : [path.join(env.HOME ?? os.homedir(), ".kube", "config")];
    origin = list.length > 0 ? `KUBECONFIG=${list.join(path.delimiter)}` : files[0];
    for (const file of files) {
      if (fs.existsSync(file)) {
        documents.push({ config: parseConfig(fs.readFileSync(file, "utf8"), file), baseDir: path.dirname(path.resolve(file)) });
      }
    }
  }
  const baseDirs = new Map<object, string>();
  const merge = (field: "clusters" | "users" | "contexts", inner: string) => {
    const seen = new Set<string>();
    const out: Named<Record<string, unknown>>[] = [];
    for (const { config, baseDir } of documents) {
      for (const entry of namedList(config[field], inner, baseDir, baseDirs)) {
        if (!seen.has(entry.name)) {
          seen.add(entry.name);
          out.push(entry);
        }
      }
    }
    return out;
  };
  const currentContext = documents.map((d) => d.config["current-context"]).find((c): c is string => typeof c === "string" && c !== "");
  return { currentContext, clusters: merge("clusters", "cluster"), users: merge("users", "user"), contexts: merge("contexts", "context"), baseDirs, origin };
}

function readFileField(entry: Record<string, unknown>, dataKey: string, fileKey: string, baseDirs: Map<object, string>): string | undefined {
  const data = entry[dataKey];
  if (typeof data === "string" && data !== "") return Buffer.from(data, "base64").toString("utf8");
  const file = entry[fileKey];
  if (typeof file === "string" && file !== "") {
    const resolved = path.resolve(baseDirs.get(entry) ?? process.cwd(), file);
    try {
      return fs.readFileSync(resolved, "utf8");
    } catch (error) {
      throw new KubeconfigError(`cannot read ${fileKey} ${resolved}: ${(error as Error).message}`);
    }
  }
  return undefined;
}

/** Resolves the connection of `source` (see the module comment). Throws {@link KubeconfigError}. */
export function resolveClusterConnection(source: KubeconfigSource = {}): ClusterConnection {
  const config = loadConfig(source);
  const contextName = source.context !== undefined && source.context !== "" ? source.context : config.currentContext;
  if (contextName === undefined) {
    if (config.contexts.length === 0) {
      throw new KubeconfigError(`no Kubernetes cluster is configured (kubeconfig: ${config.origin}; set KUBECONFIG or stack config kubernetes:kubeconfig)`);
    }
    throw new KubeconfigError(`the kubeconfig (${config.origin}) has no current-context and none was given`);
  }
  const context = config.contexts.find((c) => c.name === contextName)?.value;
  if (context === undefined) throw new KubeconfigError(`the kubeconfig (${config.origin}) has no context "${contextName}"`);
  const cluster = config.clusters.find((c) => c.name === context.cluster)?.value;
  if (cluster === undefined || typeof cluster.server !== "string" || cluster.server === "") {
    throw new KubeconfigError(`the kubeconfig (${config.origin}) has no server for cluster "${String(context.cluster)}" of context "${contextName}"`);
  }
  const user = (typeof context.user === "string" ? config.users.find((u) => u.name === context.user)?.value : undefined) ?? {};
  if (user.exec !== undefined || user["auth-provider"] !== undefined) {
    throw new KubeconfigError(
      `user "${String(context.user)}" of context "${contextName}" authenticates through an ${user.exec !== undefined ? "exec" : "auth-provider"} plugin, ` +
        `which the kpops plugin does not run; use a kubeconfig with a token or a client certificate`,
    );
  }
  let token = typeof user.token === "string" && user.token !== "" ? user.token : undefined;
  if (token === undefined && typeof user.tokenFile === "string" && user.tokenFile !== "") {
    const file = path.resolve(config.baseDirs.get(user) ?? process.cwd(), user.tokenFile);
    try {
      token = fs.readFileSync(file, "utf8").trim();
    } catch (error) {
      throw new KubeconfigError(`cannot read tokenFile ${file}: ${(error as Error).message}`);
    }
  }
  return {
    server: cluster.server.replace(/\/+$/, ""),
    context: contextName,
    ca: readFileField(cluster, "certificate-authority-data", "certificate-authority", config.baseDirs),
    insecureSkipTlsVerify: cluster["insecure-skip-tls-verify"] === true,
    cert: readFileField(user, "client-certificate-data", "client-certificate", config.baseDirs),
    key: readFileField(user, "client-key-data", "client-key", config.baseDirs),
    token,
    username: typeof user.username === "string" ? user.username : undefined,
    password: typeof user.password === "string" ? user.password : undefined,
  };
}
