/**
 * Every config.yaml setting that reaches a resource, mapped to the resource input it sets. For each row, the same
 * project is built twice under the mock engine, once with the plain config and once with the setting added; the
 * input must hold the configured value with the setting and differ without it, so a setting the layer ignores fails.
 * The `helm_config` settings with no input in @pulumi/kubernetes' `helm.v3.Release` (`debug`, `api_version`; see
 * sdk/src/pulumi/README.md) are checked to be planned, to change no input, and to still have no input to map to.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import { BackendCall, REPO_ROOT, installMocks, recordingBackend, registered, settle, valueOf, writeProject } from "./harness";

let layer: typeof pulumiLayer;

beforeAll(async () => {
  await installMocks();
  layer = await import("../../../sdk/src/pulumi");
});

// let the mock engine finish registering (dynamic resources serialise their provider late)
afterEach(() => settle());

const BASE_CONFIG = "kafka_brokers: broker:9092\npipeline_base_dir: pipelines\n";
const DEFAULTS = `
kubernetes-app: {namespace: ns}
streams-bootstrap: {values: {image: img}}
`;
const PIPELINE = `
- {type: producer-app, name: p, to: {topics: {t: {value_schema: com.example.V}}}}
- {type: kafka-sink-connector, name: k, config: {connector.class: a.B}}
`;

interface Row {
  readonly setting: string;
  /** YAML added to config.yaml. */
  readonly yaml: string;
  readonly kind: BackendCall["kind"] | "kafkaProvider";
  /** Reads the input from a recorded call. */
  readonly input: (call: BackendCall) => unknown;
  readonly expected: unknown;
}

const ROWS: Row[] = [
  { setting: "helm_config.timeout", yaml: "helm_config: {timeout: 7m}", kind: "release", input: (c) => c.inputs.timeout, expected: 420 },
  { setting: "helm_config.force_replace", yaml: "helm_config: {force_replace: true}", kind: "release", input: (c) => c.inputs.forceUpdate, expected: true },
  { setting: "create_namespace", yaml: "create_namespace: true", kind: "release", input: (c) => c.inputs.createNamespace, expected: true },
  { setting: "schema_registry.enabled", yaml: "schema_registry: {enabled: true}", kind: "schemaSubject", input: (c) => c.inputs.subject, expected: "t-value" },
  {
    setting: "schema_registry.url",
    yaml: "schema_registry: {enabled: true, url: 'http://registry.example:8081'}",
    kind: "schemaSubject",
    input: (c) => c.inputs.url,
    expected: "http://registry.example:8081/",
  },
  { setting: "schema_registry.timeout", yaml: "schema_registry: {enabled: true, timeout: 12}", kind: "schemaSubject", input: (c) => c.inputs.timeoutSeconds, expected: 12 },
  { setting: "kafka_connect.url", yaml: "kafka_connect: {url: 'http://connect.example:8083'}", kind: "connector", input: (c) => c.inputs.url, expected: "http://connect.example:8083/" },
  { setting: "kafka_connect.timeout", yaml: "kafka_connect: {timeout: 9}", kind: "connector", input: (c) => c.inputs.timeoutSeconds, expected: 9 },
  { setting: "kafka_brokers", yaml: "kafka_brokers: other:9093", kind: "kafkaProvider", input: (c) => c.inputs.bootstrapServers, expected: ["other:9093"] },
];

/** The recorded calls of the project with `extra` config (later keys of a YAML mapping win). */
async function build(name: string, extra: string, defaults = DEFAULTS): Promise<BackendCall[]> {
  const root = writeProject({
    "config.yaml": `${BASE_CONFIG}${extra}\n`,
    "pipelines/defaults.yaml": defaults,
    "pipelines/p/pipeline.yaml": PIPELINE,
  });
  const recorder = recordingBackend(layer.defaultBackend as any);
  const schemaProvider = { provide: () => ({ schema: "{}" }) };
  await new layer.Project(name, { projectDir: root, pipelinePaths: ["pipelines"], backend: recorder.backend, schemaProvider }).ready;
  return recorder.calls;
}

async function inputOf(calls: BackendCall[], row: Row): Promise<unknown> {
  if (row.kind === "kafkaProvider") {
    const topic = calls.find((c) => c.kind === "topic");
    const provider = topic?.opts.provider as any;
    return provider === undefined ? undefined : providerInputs(provider);
  }
  const call = calls.find((c) => c.kind === row.kind);
  return call === undefined ? undefined : valueOf(row.input(call) as any);
}

/** The bootstrap servers a kafka provider was registered with (from the mock engine's record). */
async function providerInputs(provider: any): Promise<unknown> {
  await settle();
  const urn: string = await valueOf(provider.urn);
  const name = urn.split("::").pop();
  const raw = registered.filter((r) => r.type === "pulumi:providers:kafka" && r.name === name).at(-1)?.inputs.bootstrapServers;
  return raw === undefined ? undefined : JSON.parse(raw);
}

describe.each(ROWS)("config.yaml $setting", (row) => {
  it("sets its resource input, which differs without it", async () => {
    const id = row.setting.replace(/[^a-z]/gi, "-");
    const without = await inputOf(await build(`without-${id}`, ""), row);
    const withSetting = await inputOf(await build(`with-${id}`, row.yaml), row);
    expect(withSetting).toEqual(row.expected);
    expect(without).not.toEqual(row.expected);
  });
});

it("repo_config.url of a component sets the release's repository", async () => {
  const defaults = `${DEFAULTS}producer-app: {repo_config: {repository_name: mirror, url: 'https://mirror.example/charts'}}\n`;
  const release = (await build("repository-url", "", defaults)).find((c) => c.kind === "release")!;
  expect(release.inputs.repositoryOpts.repo).toBe("https://mirror.example/charts");
  const plain = (await build("repository-url-default", "")).find((c) => c.kind === "release")!;
  expect(plain.inputs.repositoryOpts.repo).not.toBe("https://mirror.example/charts");
});

/** config.yaml settings KPOps passes to the Helm CLI that `helm.v3.Release` has no input for. */
const UNMAPPED = [
  {
    setting: "helm_config.debug",
    yaml: "helm_config: {debug: true}",
    planned: { debug: true },
    // names an input for Helm's --debug would have
    candidates: ["debug", "verbose", "logLevel"],
  },
  {
    setting: "helm_config.api_version",
    yaml: "helm_config: {api_version: 'example.com/v1'}",
    planned: { apiVersion: "example.com/v1" },
    // names an input for Helm's --api-versions (Capabilities.APIVersions) would have
    candidates: ["apiVersion", "apiVersions", "kubeVersion", "capabilities"],
  },
];

/** The input names of `ReleaseArgs` in the installed @pulumi/kubernetes. */
function releaseArgNames(): string[] {
  const declaration = fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/kubernetes/helm/v3/release.d.ts"), "utf8");
  const body = /export interface ReleaseArgs \{([\s\S]*?)\n\}/.exec(declaration)?.[1] ?? "";
  return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
}

describe.each(UNMAPPED)("config.yaml $setting (no helm.v3.Release input)", (row) => {
  it("is in the release's plan", () => {
    const root = writeProject({
      "config.yaml": `${BASE_CONFIG}${row.yaml}\n`,
      "pipelines/defaults.yaml": DEFAULTS,
      "pipelines/p/pipeline.yaml": PIPELINE,
    });
    const [pipeline] = layer.loadProject({ projectDir: root, pipelinePaths: ["pipelines"] }).pipelines;
    const release = pipeline.components.map((c) => c.plan().release).find((r) => r !== undefined);
    expect(release?.flags).toMatchObject(row.planned);
  });

  it("changes no input of the release", async () => {
    const id = row.setting.replace(/[^a-z]/gi, "-");
    const inputs = async (calls: BackendCall[]) => valueOf(calls.find((c) => c.kind === "release")!.inputs);
    const without = await inputs(await build(`unmapped-without-${id}`, ""));
    const withSetting = await inputs(await build(`unmapped-with-${id}`, row.yaml));
    expect(withSetting).toEqual(without);
  });

  it("has no input in @pulumi/kubernetes helm.v3.Release to map to (map it when one appears)", () => {
    const names = releaseArgNames();
    expect(names).toEqual(expect.arrayContaining(["chart", "timeout", "forceUpdate", "createNamespace", "repositoryOpts"]));
    expect(names.filter((n) => row.candidates.some((c) => c.toLowerCase() === n.toLowerCase()))).toEqual([]);
  });
});
