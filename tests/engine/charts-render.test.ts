/**
 * Our charts (charts/) rendered by the real Helm engine inside the kubernetes provider (its `helm:template`
 * function, what `helm template` does), with the values KPOps passes for the word-count example's apps (taken
 * from the components' plans) and for a consumer app with a secret: the rendered manifests say which workload
 * runs, with which image, replicas, environment (the streams-bootstrap `APP_*` mapping of `kafka.*`) and Secret.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { mapSecrets } from "../../sdk/src/core/plan/secret";
import { loadProject } from "../../sdk/src/pulumi/source";
import { offlinePulumiCommand, repositoryRoot } from "../support/offline-engine";
import { engineEnv } from "./engine-env";

type Manifest = { kind: string; metadata: { name: string }; spec?: any; stringData?: Record<string, string> };

/** Renders `chart` with `values` through the provider's Helm engine (an inline program's invoke, via `up`). */
async function render(charts: Record<string, { chart: string; values: Record<string, unknown> }>): Promise<Record<string, Manifest[]>> {
  const env = engineEnv();
  const program = async () => {
    const out: Record<string, unknown> = {};
    for (const [key, { chart, values }] of Object.entries(charts)) {
      const jsonOpts = JSON.stringify({ path: path.join(repositoryRoot, "charts", chart), values, release_name: key, namespace: "kpops" });
      const rendered = await pulumi.runtime.invoke("kubernetes:helm:template", { jsonOpts }, { async: true });
      out[key] = rendered.result;
    }
    return out;
  };
  const pulumiCommand = await offlinePulumiCommand(env);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: `charts-${process.pid}`, projectName: "kpops-charts-render", program },
    { envVars: env, pulumiCommand, pulumiHome: env.PULUMI_HOME },
  );
  try {
    const up = await stack.up();
    return Object.fromEntries(Object.entries(up.outputs).map(([key, output]) => [key, output.value as Manifest[]]));
  } finally {
    await stack.workspace.removeStack(stack.name, { force: true });
  }
}

const envOf = (manifest: Manifest): Record<string, string> => {
  const pod = manifest.spec.template?.spec ?? manifest.spec.jobTemplate.spec.template.spec;
  return Object.fromEntries(pod.containers[0].env.filter((e: any) => "value" in e).map((e: any) => [e.name, e.value]));
};

describe("charts rendered by the real Helm engine with the values KPOps passes", () => {
  const [wordCount] = loadProject({ projectDir: path.join(repositoryRoot, "examples/word-count"), pipelinePaths: ["pipelines"] }).pipelines;
  const [producer, streams] = wordCount.components.map((c) => c.plan().release);
  let rendered: Record<string, Manifest[]>;

  beforeAll(async () => {
    rendered = await render({
      producer: { chart: "producer-app", values: mapSecrets(producer!.values) as Record<string, unknown> },
      streams: { chart: "streams-app", values: mapSecrets(streams!.values) as Record<string, unknown> },
      consumer: {
        chart: "consumer-app",
        values: { image: "auditor", imageTag: "1.2.3", replicaCount: 2, kafka: { bootstrapServers: "b:9092", groupId: "audit", inputTopics: ["raw"] }, secrets: { TOKEN: "t0k3n" }, nameOverride: "p-auditor", fullnameOverride: "p-auditor" },
      },
    });
  }, 300_000);

  it("renders the streams app as a Deployment named by the name override, with the kafka section as APP_* variables", () => {
    const values = streams!.values as any;
    const deployment = rendered.streams.find((m) => m.kind === "Deployment")!;
    expect(deployment.metadata.name).toBe(values.fullnameOverride);
    expect(deployment.spec.replicas).toBe(values.replicaCount);
    expect(deployment.spec.template.spec.containers[0].image).toBe(`${values.image}:${values.imageTag}`);
    expect(envOf(deployment)).toMatchObject({
      APP_BOOTSTRAP_SERVERS: values.kafka.bootstrapServers,
      APP_INPUT_TOPICS: values.kafka.inputTopics.join(","),
      APP_OUTPUT_TOPIC: values.kafka.outputTopic,
      APP_ERROR_TOPIC: values.kafka.errorTopic,
    });
  });

  it("renders the producer as a Job writing to its output topic", () => {
    const values = producer!.values as any;
    const job = rendered.producer.find((m) => m.kind === "Job")!;
    expect(job.metadata.name).toBe(values.fullnameOverride);
    expect(envOf(job)).toMatchObject({ APP_BOOTSTRAP_SERVERS: values.kafka.bootstrapServers, APP_OUTPUT_TOPIC: values.kafka.outputTopic });
  });

  it("renders a consumer's secrets as a Secret and its group as APP_GROUP_ID", () => {
    expect(rendered.consumer.map((m) => m.kind).sort()).toEqual(["Deployment", "Secret"]);
    const secret = rendered.consumer.find((m) => m.kind === "Secret")!;
    expect(secret.stringData).toEqual({ TOKEN: "t0k3n" });
    const deployment = rendered.consumer.find((m) => m.kind === "Deployment")!;
    expect(deployment.spec.replicas).toBe(2);
    expect(envOf(deployment)).toMatchObject({ APP_GROUP_ID: "audit", APP_INPUT_TOPICS: "raw" });
  });
});
