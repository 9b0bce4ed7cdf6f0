/**
 * Every conformance case whose expected output upstream KPOps printed (shared/conformance/cases.yaml, `expect:` a
 * file) is loaded by our core from the case's own inputs and built as a Project under the mock engine, with the
 * schema registry switched on; the resource graph is checked against invariants derived independently from the
 * expected YAML:
 * - every `to` topic becomes exactly one kafka.Topic with that name, its partitions and replication (else the
 *   broker's default, -1) and its configs as strings, parented to the first step that declares it;
 * - every app gets exactly one Release named helm_release_name in its namespace, whose values are the step's
 *   values (minus model defaults) plus the name overrides;
 * - every connector gets one connector with the step's config and state;
 * - every release/connector depends on exactly the stack's topics it reads or writes and the subjects of its
 *   outputs; never on another step's workload.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import { BROKER_DEFAULTS, BackendCall, CONFORMANCE, dependencyNames, installMocks, nameOf, recordingBackend, valueOf } from "./harness";

let layer: typeof pulumiLayer;
let componentClasses: any[];

beforeAll(async () => {
  await installMocks();
  layer = await import("../../../sdk/src/pulumi");
  const sdk = await import("../../../sdk/src");
  componentClasses = Object.values(await import("../../conformance/components")).filter((c) => sdk.isComponentClass(c));
  delete process.env.NAMESPACE;
  delete process.env.DOCKER_REGISTRY;
});

interface Case {
  id: string;
  cwd: string;
  args: string[];
  expect?: string;
  env?: Record<string, string>;
  since?: string;
  until?: string;
}

/** The cases with a published expected output, and options of `generate` from their arguments. */
function generateCases(): Array<[string, Case, any[]]> {
  const cases: Case[] = YAML.parse(fs.readFileSync(path.join(CONFORMANCE, "cases.yaml"), "utf8")).cases;
  return cases
    .filter((c) => c.args[0] === "generate" && typeof c.expect === "string" && c.expect.endsWith(".yaml") && c.env === undefined && c.until === undefined)
    .map((c) => [c.id, c, YAML.parse(fs.readFileSync(path.join(CONFORMANCE, c.expect!), "utf8"))]);
}

function optionsOf(testCase: Case) {
  const paths: string[] = [];
  let environment: string | undefined;
  let configDir: string | undefined;
  for (let i = 1; i < testCase.args.length; i++) {
    const arg = testCase.args[i];
    if (arg === "--environment") environment = testCase.args[++i];
    else if (arg === "--config") configDir = testCase.args[++i];
    else paths.push(arg);
  }
  return { projectDir: path.join(CONFORMANCE, testCase.cwd), pipelinePaths: paths, environment, configDir };
}

const cases = generateCases();

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Leaves of a nested mapping as dotted paths (lists are leaves). */
function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) for (const [p, l] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, l);
  } else out.set(prefix, value);
  return out;
}

/** Values KPOps leaves out because they equal the model default: `false` flags and empty collections. */
function isDroppableDefault(path: string, value: unknown): boolean {
  const emptyCollection = (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
  return emptyCollection || (value === false && /(^statefulSet|\.enabled)$/.test(path) && !path.startsWith("prometheus"));
}

function stepReads(step: any): string[] {
  const reads = new Set<string>();
  for (const [t, c] of Object.entries<any>(step.from?.topics ?? {})) if (c?.type !== "pattern") reads.add(t);
  const kafka = step.values?.kafka ?? step.values?.streams ?? {};
  for (const t of kafka.inputTopics ?? []) reads.add(t);
  for (const list of Object.values<any>(kafka.labeledInputTopics ?? {})) for (const t of list) reads.add(t);
  if (typeof step.config?.topics === "string") for (const t of step.config.topics.split(",")) reads.add(t);
  return [...reads];
}

describe.each(cases)("conformance %s", (id, testCase, steps) => {
  const declared = new Map<string, any>(); // topic -> [first step, config]
  for (const step of steps) for (const [t, c] of Object.entries<any>(step.to?.topics ?? {})) if (!declared.has(t)) declared.set(t, { step, config: c ?? {} });
  const schemaClasses = (t: string) => {
    const c = declared.get(t)?.config ?? {};
    return [c.key_schema ? `${t}-key` : undefined, c.value_schema ? `${t}-value` : undefined].filter(Boolean) as string[];
  };

  let calls: BackendCall[];
  let project: pulumiLayer.Project;
  let pipelineSizes: number[];
  const name = `conformance-${id}`;
  beforeAll(async () => {
    const recorder = recordingBackend(layer.defaultBackend as any);
    const loaded = layer.loadProject({ ...optionsOf(testCase), componentClasses });
    (loaded.config as any).schema_registry.enabled = true;
    pipelineSizes = loaded.pipelines.map((p) => p.components.length);
    project = new layer.Project(name, {
      pipelines: [...loaded.pipelines],
      schemaProvider: { provide: (schemaClass) => ({ schema: JSON.stringify({ type: "record", name: schemaClass }) }) },
      backend: recorder.backend,
    });
    await project.ready;
    calls = recorder.calls;
  });
  const unscoped = (scopedName: string) => scopedName.slice(name.length + 1);
  const of = (kind: BackendCall["kind"]) => calls.filter((c) => c.kind === kind);

  it("has one Pipeline per pipeline and one step component per step, named by full name", async () => {
    expect(project.pipelines.map((p) => p.steps.length)).toEqual(pipelineSizes);
    const components = project.pipelines.flatMap((p) => p.steps);
    expect((await Promise.all(components.map(nameOf))).map(unscoped)).toEqual(steps.map((s: any) => `${s.prefix}${s.name}`));
    expect(components.map((c) => c.kpopsType)).toEqual(steps.map((s: any) => s.type));
  });

  it("creates exactly one kafka.Topic per `to` topic, parented to its first declaring step", async () => {
    const topics = of("topic");
    expect(topics.map((c) => c.inputs.name).sort()).toEqual([...declared.keys()].sort());
    const components = project.pipelines.flatMap((p) => p.steps);
    for (const call of topics) {
      const { step, config } = declared.get(call.inputs.name);
      expect(unscoped(call.name)).toBe(call.inputs.name);
      // unset partitions / replication are the brokers' defaults (the recording backend's brokers report them)
      expect(await valueOf(call.inputs.partitions)).toBe(config.partitions_count ?? BROKER_DEFAULTS.partitions);
      expect(await valueOf(call.inputs.replicationFactor)).toBe(config.replication_factor ?? BROKER_DEFAULTS.replicationFactor);
      expect(call.inputs.config).toEqual(Object.fromEntries(Object.entries(config.configs ?? {}).map(([k, v]) => [k, String(v)])));
      expect(call.opts.parent).toBe(components[steps.indexOf(step)]);
      expect(call.opts.retainOnDelete).toBe(true);
    }
  });

  it("creates one subject per key/value schema", () => {
    const expected = [...declared.keys()].flatMap(schemaClasses);
    expect(of("schemaSubject").map((c) => c.inputs.subject).sort()).toEqual(expected.sort());
  });

  it("installs exactly one Release per app with its values", () => {
    const apps = steps.filter((s: any) => s.helm_release_name !== undefined);
    const releases = of("release");
    expect(releases.map((r) => r.inputs.name)).toEqual(apps.map((s: any) => s.helm_release_name));
    releases.forEach((release, i) => {
      const step = apps[i];
      expect(release.inputs.name).toBe(step.helm_release_name);
      expect(release.inputs.namespace).toBe(step.namespace);
      const values = release.inputs.values;
      expect(values.nameOverride).toBe(step.values.nameOverride ?? step.helm_name_override);
      expect(values.fullnameOverride).toBe(step.values.fullnameOverride ?? step.helm_name_override);
      const given = leaves(step.values);
      const passed = leaves(values);
      for (const [p, v] of passed) {
        if (/^(full)?nameOverride$/.test(p)) continue;
        expect([p, given.get(p)]).toEqual([p, v]);
        expect([p, isDroppableDefault(p, v)]).toEqual([p, false]);
      }
      for (const [p, v] of given) if (!passed.has(p)) expect([p, isDroppableDefault(p, v)]).toEqual([p, true]);
    });
  });

  it("creates one connector per connector step with its config and state", async () => {
    const connectorSteps = steps.filter((s: any) => s.config?.["connector.class"] !== undefined);
    const connectors = of("connector");
    expect(connectors.map((c) => c.inputs.connectorName)).toEqual(connectorSteps.map((s: any) => s.config.name));
    for (const [i, c] of connectors.entries()) {
      expect(await valueOf(c.inputs.config)).toEqual(connectorSteps[i].config);
      expect(c.inputs.state).toEqual(connectorSteps[i].state);
    }
  });

  it("makes each workload depend on exactly the topics it reads and writes and its outputs' subjects", async () => {
    const workloads = [...of("release"), ...of("connector")];
    const workloadSteps = [
      ...steps.filter((s: any) => s.helm_release_name !== undefined),
      ...steps.filter((s: any) => s.config?.["connector.class"] !== undefined),
    ];
    for (const [i, workload] of workloads.entries()) {
      const step = workloadSteps[i];
      const written = Object.keys(step.to?.topics ?? {});
      const expected = new Set([...stepReads(step), ...written].filter((t) => declared.has(t)));
      for (const t of written) for (const s of schemaClasses(t)) expected.add(s);
      expect((await dependencyNames(workload.opts)).map(unscoped).sort()).toEqual([...expected].sort());
    }
  });
});

it("covers the conformance corpus", () => {
  expect(cases.length).toBeGreaterThanOrEqual(12);
});
