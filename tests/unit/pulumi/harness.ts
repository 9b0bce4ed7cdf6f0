/**
 * Test harness for the Pulumi layer: a mock engine that records every registered resource, a recording
 * backend that records the options (parent, dependsOn, provider, retainOnDelete, ...) each factory received,
 * and helpers to read outputs. Call `installMocks()` in `beforeAll` and import the modules under test after it.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";

export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly provider?: string;
  readonly custom?: boolean;
}

export const registered: RegisteredResource[] = [];

export async function installMocks(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, custom: args.custom });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    "kpops-test",
    "unit",
    false,
  );
}

/** Resolves an output's value (mocks run with preview=false, so values are known). */
export function valueOf<T>(output: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

/** True when the output is marked secret. */
export function isSecretOutput(output: unknown): Promise<boolean> {
  return pulumi.isSecret(pulumi.output(output as pulumi.Input<unknown>) as pulumi.Output<unknown>);
}

/** Waits until all resources registered so far have reached the mock monitor. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** The URN's last component: the logical name. */
export async function nameOf(resource: pulumi.Resource): Promise<string> {
  const urn = await valueOf(resource.urn);
  return urn.split("::").pop()!;
}

/** The type chain of a URN (`parent$child`). */
export async function typeChainOf(resource: pulumi.Resource): Promise<string> {
  const urn = await valueOf(resource.urn);
  return urn.split("::")[2];
}

/** Options one factory call received. */
export interface BackendCall {
  readonly kind: "topic" | "topicGuard" | "schemaSubject" | "connector" | "release" | "releaseWorkloads";
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly opts: pulumi.CustomResourceOptions;
  readonly resource: pulumi.CustomResource;
}

/** What the recording backend's brokers report as their topic defaults (deliberately not Kafka's 1 and 1). */
export const BROKER_DEFAULTS = { partitions: 5, replicationFactor: 2 };

/**
 * A recording backend: wraps the default factories and records each call; its brokers report {@link BROKER_DEFAULTS}
 * and have the topics `existingTopics` (none by default).
 */
export function recordingBackend(defaultBackend: Record<string, (...a: any[]) => any>, existingTopics: readonly string[] = []) {
  const calls: BackendCall[] = [];
  const wrap = (kind: BackendCall["kind"]) => (name: string, inputs: any, opts: pulumi.CustomResourceOptions) => {
    const resource = defaultBackend[kind](name, inputs, opts);
    calls.push({ kind, name, inputs, opts, resource });
    return resource;
  };
  const backend = {
    topic: wrap("topic"),
    topicGuard: wrap("topicGuard"),
    schemaSubject: wrap("schemaSubject"),
    connector: wrap("connector"),
    release: wrap("release"),
    releaseWorkloads: wrap("releaseWorkloads"),
    brokerDefaults: async () => BROKER_DEFAULTS,
    topicNames: async () => new Set(existingTopics),
  };
  return { backend, calls };
}

/** Resolves a `dependsOn` option into the logical names of the resources it points at. */
export async function dependencyNames(opts: pulumi.CustomResourceOptions): Promise<string[]> {
  const raw = await Promise.resolve(opts.dependsOn as any);
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const resources: pulumi.Resource[] = await Promise.all(list.map((d: any) => Promise.resolve(d)));
  return Promise.all(resources.map(nameOf));
}

export const CONFORMANCE = path.resolve(__dirname, "../../../../shared/conformance");
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The upstream word-count example's expected enriched steps (KPOps' own output, the independent oracle). */
export function wordCountExpected(): any[] {
  return YAML.parse(fs.readFileSync(path.join(CONFORMANCE, "expected/examples/word-count.yaml"), "utf8"));
}

/** Writes a throw-away KPOps project (`files`: relative path -> text) and returns its directory. */
export function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(require("os").tmpdir(), "kpops-pulumi-test-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Splits a concatenated generate output into pipelines by the steps' default prefix (`<pipeline>-`). */
export function splitByPrefix(steps: any[]): Array<{ name: string; steps: any[] }> {
  const groups = new Map<string, any[]>();
  for (const step of steps) {
    const name = String(step.prefix ?? "pipeline-").replace(/-$/, "");
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(step);
  }
  return [...groups.entries()].map(([name, list]) => ({ name, steps: list }));
}
