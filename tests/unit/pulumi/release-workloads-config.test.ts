/**
 * Where the releases' workload comparisons reach the cluster, under the mock engine: stack config
 * `kubernetes:kubeconfig` (always a secret input) and `kubernetes:context`, as the default kubernetes provider reads
 * them; KPOps' `helm_config.context` wins over the stack's context. (Its own file: config set here stays set.)
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import { CONFORMANCE, installMocks, isSecretOutput, recordingBackend, valueOf, writeProject } from "./harness";

let layer: typeof pulumiLayer;

beforeAll(async () => {
  await installMocks();
  pulumi.runtime.setConfig("kubernetes:kubeconfig", "apiVersion: v1\nclusters: []\n");
  pulumi.runtime.setConfig("kubernetes:context", "stack-context");
  layer = await import("../../../sdk/src/pulumi");
});

async function workloadsInputs(pipeline: pulumiLayer.PipelineArgs["pipeline"], name: string) {
  const recorder = recordingBackend(layer.defaultBackend as any);
  const built = new layer.Pipeline(name, { pipeline, backend: recorder.backend });
  await built.ready;
  return recorder.calls.filter((c) => c.kind === "releaseWorkloads").map((c) => c.inputs);
}

it("passes kubernetes:kubeconfig as a secret and kubernetes:context", async () => {
  const { pipelines } = layer.loadProject({ projectDir: path.join(CONFORMANCE, "examples"), pipelinePaths: ["word-count/pipeline.yaml"] });
  const [first] = await workloadsInputs(pipelines[0], "wc-kubeconfig");
  expect(await isSecretOutput(first.kubeconfig)).toBe(true);
  expect(await valueOf(first.kubeconfig)).toBe("apiVersion: v1\nclusters: []\n");
  expect(first.context).toBe("stack-context");
});

it("takes helm_config.context over the stack's kubernetes:context", async () => {
  const dir = writeProject({
    "config.yaml": "kafka_brokers: broker:9092\npipeline_base_dir: pipelines\nhelm_config: {context: kpops-context}\n",
    "pipelines/p/pipeline.yaml": "- type: streams-app\n  name: app\n  namespace: ns\n  values: {image: app, kafka: {outputTopic: out}}\n",
  });
  const { pipelines } = layer.loadProject({ projectDir: dir, pipelinePaths: ["pipelines/p/pipeline.yaml"] });
  const [only] = await workloadsInputs(pipelines[0], "ctx");
  expect(only).toMatchObject({ releaseName: "p-app", namespace: "ns", context: "kpops-context" });
});
