/**
 * Steps shared between stacks, under the mock engine: a Project publishes its steps' output topics
 * (`stepOutputs`), `readStackReferences` reads what another stack published through a `pulumi.StackReference`, and a
 * Project given those external steps wires `from.components: {<reference>/<folder>/<step>: ...}` to them. Also: a
 * pipeline the config disables gets no Pipeline component. The other stack's outputs are the mock engine's state of
 * the StackReference resource, written here, not read back from our code.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import { recordingBackend, settle, valueOf, writeProject } from "./harness";

const DEFAULTS = "kubernetes-app: {namespace: ns}\nstreams-bootstrap: {values: {image: img}}\n";
const CONFIG = "kafka_brokers: broker:9092\npipeline_base_dir: pipelines\n";

/** What the mock engine returns as the outputs of each referenced stack, by stack name. */
const stacks: Record<string, Record<string, unknown>> = {
  "organization/kpops/ingest": {
    stepOutputs: { "files/lines-source": { topics: { "stack-lines": { type: "output", label: null }, "stack-errors": { type: "error", label: null } } } },
  },
  "organization/kpops/empty": { topics: [] },
};
const registeredTypes: string[] = [];

let layer: typeof pulumiLayer;
beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registeredTypes.push(`${args.type}::${args.name}`);
        if (args.type === "pulumi:pulumi:StackReference") {
          const name = args.inputs.name as string;
          return { id: name, state: { name, outputs: stacks[name] ?? {}, secretOutputNames: [] } };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    "kpops-test",
    "unit",
    false,
  );
  layer = await import("../../../sdk/src/pulumi");
});

afterAll(settle);

const reader = (key: string) =>
  writeProject({
    "config.yaml": CONFIG,
    "pipelines/defaults.yaml": DEFAULTS,
    "pipelines/archive/pipeline.yaml": `- type: kafka-sink-connector\n  name: lines-sink\n  from: {components: {${key}: {type: input}}}\n  config: {connector.class: a.B}\n`,
  });

describe("readStackReferences", () => {
  it("reads each referenced stack's stepOutputs through a StackReference named kpops-stack-<reference>", async () => {
    const external = await layer.readStackReferences({ ingest: "organization/kpops/ingest" });
    expect(external).toEqual({ ingest: stacks["organization/kpops/ingest"].stepOutputs });
    expect(registeredTypes).toContain("pulumi:pulumi:StackReference::kpops-stack-ingest");
  });

  it("a stack that publishes no stepOutputs is an error naming the reference and the stack", async () => {
    await expect(layer.readStackReferences({ old: "organization/kpops/empty" })).rejects.toThrow(
      "stack reference 'old' (organization/kpops/empty): the stack exports no 'stepOutputs'",
    );
  });

  it("refuses reference names that cannot be the first part of a from.components key", async () => {
    await expect(layer.readStackReferences({ "a/b": "organization/kpops/ingest" })).rejects.toThrow(/reference name 'a\/b' should be one word/);
  });

  it("stack config kpops:stackReferences is a JSON object of reference names to stacks", () => {
    pulumi.runtime.setConfig("kpops-refs:stackReferences", '{"ingest": "organization/kpops/ingest"}');
    expect(layer.stackReferencesFromConfig(new pulumi.Config("kpops-refs"))).toEqual({ ingest: "organization/kpops/ingest" });
    pulumi.runtime.setConfig("kpops-bad:stackReferences", "organization/kpops/ingest");
    expect(() => layer.stackReferencesFromConfig(new pulumi.Config("kpops-bad"))).toThrow(
      /stack config kpops:stackReferences should map reference names to stack names/,
    );
    expect(layer.stackReferencesFromConfig(new pulumi.Config("kpops-unset"))).toBeUndefined();
  });
});

describe("a Project reading steps of another stack", () => {
  it("wires the connector to the published output topic, and creates no topic of the other stack", async () => {
    const externalSteps = await layer.readStackReferences({ ingest: "organization/kpops/ingest" });
    const recorder = recordingBackend(layer.defaultBackend as any);
    const root = reader("ingest/files/lines-source");
    const project = new layer.Project("reader", { projectDir: root, pipelinePaths: ["pipelines"], externalSteps, backend: recorder.backend });
    const connector = recorder.calls.find((c) => c.kind === "connector")!;
    expect(await valueOf(connector.inputs.config)).toMatchObject({ topics: "stack-lines" });
    expect(recorder.calls.filter((c) => c.kind === "topic")).toEqual([]);
    expect(await valueOf(project.topicNames)).toEqual([]);
    await settle(); // the dynamic resource's registration finishes before the test environment goes
  });

  it("a step the other stack does not publish fails the Project with one message naming file, step and field", async () => {
    const externalSteps = await layer.readStackReferences({ ingest: "organization/kpops/ingest" });
    const root = reader("ingest/files/gone");
    expect(() => new layer.Project("missing", { projectDir: root, pipelinePaths: ["pipelines"], externalSteps })).toThrow(
      "kpops: pipelines/archive/pipeline.yaml: step 'lines-sink': field 'from.components.ingest/files/gone': stack reference 'ingest' has no step 'files/gone' (it publishes files/lines-source)",
    );
  });
});

describe("what a Project publishes", () => {
  it("stepOutputs: each enabled step's output topics by <pipeline folder>/<step>, disabled pipelines left out", async () => {
    const root = writeProject({
      "config.yaml": `${CONFIG}disabled_pipelines: [team/old]\n`,
      "pipelines/defaults.yaml": DEFAULTS,
      "pipelines/team/orders/pipeline.yaml": "- {type: streams-app, name: enricher, to: {topics: {orders: {type: output}, orders-dlq: {type: error}, audit: {label: audit}}}}\n",
      "pipelines/team/old/pipeline.yaml": "- {type: producer-app, name: legacy, to: {topics: {legacy: {type: output}}}}\n",
    });
    const recorder = recordingBackend(layer.defaultBackend as any);
    const project = new layer.Project("publisher", { projectDir: root, pipelinePaths: ["pipelines"], backend: recorder.backend });
    expect(await valueOf(project.stepOutputs)).toEqual({
      "team/orders/enricher": {
        topics: { orders: { type: "output", label: null }, "orders-dlq": { type: "error", label: null }, audit: { type: null, label: "audit" } },
      },
    });
    expect(project.pipelines.map((p) => p.steps.map((s) => s.kpopsType))).toEqual([["streams-app"]]);
    await settle();
    expect(registeredTypes.filter((t) => t.startsWith("kpops:index:Pipeline::publisher/"))).toEqual(["kpops:index:Pipeline::publisher/team-orders"]);
  });
});

describe("a single Pipeline of a disabled pipeline", () => {
  it("fails with one message saying the config disables it", () => {
    const root = writeProject({
      "config.yaml": `${CONFIG}disabled_pipelines: [old]\n`,
      "pipelines/defaults.yaml": DEFAULTS,
      "pipelines/old/pipeline.yaml": "- {type: producer-app, name: legacy, to: {topics: {legacy: {type: output}}}}\n",
    });
    expect(() => new layer.Pipeline("old", { projectDir: root, path: "pipelines/old/pipeline.yaml" })).toThrow(
      "kpops: pipelines/old/pipeline.yaml: pipeline 'old' is disabled by disabled_pipelines entry 'old' in the config, so this Pipeline has nothing to deploy; use a Project, which skips it",
    );
  });
});
