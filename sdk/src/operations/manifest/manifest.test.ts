import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "../../core/generate/generate";
import { loadConfig } from "../../core/config/load-config";
import { ComponentRegistry } from "../../core/components/registry";
import { secret } from "../../core/plan/secret";
import type { ReleasePlan } from "../../core/plan/types";
import { helmTemplateOptions, type HelmTemplateOptions } from "./helm-template";
import { ARGO_CLEAN_WARNING, manifestOperation, sortKeys, toManifestStream, type HelmRenderer, type KubernetesObject } from "./index";
import { withoutAddedNamespaces } from "./engine";

/** A project: a producer writing `raw` (+ a labeled topic) and a streams app reading it, writing `counts` and an error topic. */
function project(config = "kafka_brokers: b:9092\npipeline_base_dir: pipelines\nstrimzi_topic:\n  label:\n    strimzi.io/cluster: c1\n  namespace: kafka\n"): string {
  const root = mkdtempSync(join(tmpdir(), "kpops-manifest-"));
  mkdirSync(join(root, "pipelines/p"), { recursive: true });
  writeFileSync(join(root, "config.yaml"), config);
  writeFileSync(join(root, "pipelines/defaults.yaml"), "kubernetes-app: {namespace: apps}\nstreams-bootstrap: {values: {image: img, imageTag: '1'}}\n");
  writeFileSync(
    join(root, "pipelines/p/pipeline.yaml"),
    [
      "- type: producer-app",
      "  name: prod",
      "  to: {topics: {raw: {type: output, partitions_count: 3, configs: {retention.ms: -1}}, side: {label: extra}}}",
      "- type: streams-app",
      "  name: count",
      "  values: {kafka: {applicationId: count-app}}",
      "  to: {topics: {counts: {type: output}, count-errors: {type: error, replication_factor: 2, configs: {cleanup.policy: 'compact,delete'}}}}",
      "- type: streams-app",
      "  name: disabled-one",
      "  enabled: false",
    ].join("\n") + "\n",
  );
  return root;
}

function pipelinesOf(root: string) {
  const config = loadConfig({ configDir: root, env: {} });
  return generate({ pipelinePaths: [join(root, "pipelines")], config, registry: new ComponentRegistry(), env: {}, cwd: root }).pipelines;
}

/** A renderer that records the requests and returns one object per request, naming the release. */
function fakeRenderer(): { render: HelmRenderer; requests: HelmTemplateOptions[] } {
  const requests: HelmTemplateOptions[] = [];
  const render: HelmRenderer = async (batch) => {
    requests.push(...batch);
    return batch.map((r) => [{ kind: "Rendered", apiVersion: "v1", metadata: { name: r.release_name } }]);
  };
  return { render, requests };
}

const names = (objects: KubernetesObject[]) => objects.map((o) => `${o.kind}/${(o.metadata as { name: string }).name}`);

describe("manifest operations", () => {
  const root = project();
  const pipelines = pipelinesOf(root);

  it("deploy renders each app's chart, then a KafkaTopic per `to` topic, in pipeline order (disabled steps left out)", async () => {
    const { render, requests } = fakeRenderer();
    const result = await manifestOperation({ operation: "deploy", mode: "manifest", pipelines, render });
    expect(names(result.objects)).toEqual([
      "Rendered/p-prod",
      "KafkaTopic/raw",
      "KafkaTopic/side",
      "Rendered/p-count",
      "KafkaTopic/counts",
      "KafkaTopic/count-errors",
    ]);
    expect(requests.map((r) => [r.release_name, r.namespace, r.chart, r.fetch_opts?.repo])).toEqual([
      ["p-prod", "apps", "producer-app", "https://bakdata.github.io/streams-bootstrap/"],
      ["p-count", "apps", "streams-app", "https://bakdata.github.io/streams-bootstrap/"],
    ]);
    expect(requests[1].values).toMatchObject({ image: "img", kafka: { outputTopic: "counts", errorTopic: "count-errors", inputTopics: ["raw"] } });
    expect(requests[1].values.annotations).toBeUndefined();
    expect(result.warnings).toEqual([]);
  });

  // configs as KPOps 12.0.3 prints them (checked with the reference: `retention.ms: -1` becomes the string "-1")
  it("prints Strimzi KafkaTopics with the first strimzi_topic label, its namespace, configs as strings and 1 as default", async () => {
    const { objects } = await manifestOperation({ operation: "destroy", mode: "manifest", pipelines, render: fakeRenderer().render });
    expect(objects).toEqual([
      { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", metadata: { labels: { "strimzi.io/cluster": "c1" }, name: "raw", namespace: "kafka" }, spec: { config: { "retention.ms": "-1" }, partitions: 3, replicas: 1 } },
      { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", metadata: { labels: { "strimzi.io/cluster": "c1" }, name: "side", namespace: "kafka" }, spec: { config: {}, partitions: 1, replicas: 1 } },
      { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", metadata: { labels: { "strimzi.io/cluster": "c1" }, name: "counts", namespace: "kafka" }, spec: { config: {}, partitions: 1, replicas: 1 } },
      { apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", metadata: { labels: { "strimzi.io/cluster": "c1" }, name: "count-errors", namespace: "kafka" }, spec: { config: { "cleanup.policy": "compact,delete" }, partitions: 1, replicas: 2 } },
    ]);
  });

  it("argo deploy adds sync wave 1 to the apps' values and each app's cleaner with the PostDelete hook", async () => {
    const { render, requests } = fakeRenderer();
    const { objects } = await manifestOperation({ operation: "deploy", mode: "argo", pipelines, render });
    expect(names(objects).filter((n) => n.startsWith("Rendered"))).toEqual(["Rendered/p-prod", "Rendered/p-prod-clean", "Rendered/p-count", "Rendered/p-count-clean"]);
    const byRelease = Object.fromEntries(requests.map((r) => [r.release_name, r]));
    expect(byRelease["p-count"].values.annotations).toEqual({ "argocd.argoproj.io/sync-wave": "1" });
    expect(byRelease["p-count-clean"].chart).toBe("streams-app-cleanup-job");
    expect(byRelease["p-count-clean"].values.annotations).toEqual({ "argocd.argoproj.io/hook": "PostDelete" });
    expect(byRelease["p-prod-clean"].chart).toBe("producer-app-cleanup-job");
    // the cleaner as configured: deleteOutput is not set for the hook
    expect((byRelease["p-count-clean"].values.kafka as Record<string, unknown>).deleteOutput).toBeUndefined();
  });

  it("reset prints the streams app's cleanup job with deleteOutput false, and every app's topics (a producer has no job)", async () => {
    const { render, requests } = fakeRenderer();
    const { objects } = await manifestOperation({ operation: "reset", mode: "manifest", pipelines, render });
    expect(names(objects)).toEqual(["KafkaTopic/raw", "KafkaTopic/side", "Rendered/p-count-clean", "KafkaTopic/counts", "KafkaTopic/count-errors"]);
    expect(requests).toHaveLength(1);
    expect(requests[0].values.kafka).toMatchObject({ deleteOutput: false, applicationId: "count-app" });
    expect(requests[0].values.annotations).toBeUndefined();
  });

  it("clean prints the cleaners as configured in manifest mode, and nothing but a warning in argo mode", async () => {
    const manifest = fakeRenderer();
    const plain = await manifestOperation({ operation: "clean", mode: "manifest", pipelines, render: manifest.render });
    expect(names(plain.objects)).toEqual(["Rendered/p-prod-clean", "Rendered/p-count-clean"]);
    expect((manifest.requests[1].values.kafka as Record<string, unknown>).deleteOutput).toBeUndefined();
    const argo = fakeRenderer();
    const result = await manifestOperation({ operation: "clean", mode: "argo", pipelines, render: argo.render });
    expect(result.objects).toEqual([]);
    expect(result.yaml).toBe("");
    expect(argo.requests).toEqual([]);
    expect(result.warnings).toEqual([ARGO_CLEAN_WARNING]);
  });

  it("names the file, the step and the field when topics are to be printed but strimzi_topic is not configured", async () => {
    const bare = pipelinesOf(project("kafka_brokers: b:9092\npipeline_base_dir: pipelines\n"));
    await expect(manifestOperation({ operation: "destroy", mode: "manifest", pipelines: bare, render: fakeRenderer().render })).rejects.toThrow(
      /pipeline\.yaml: step 'prod': field 'to': .*'strimzi_topic\.label'/,
    );
  });

  it("names the step and release when Helm fails to render", async () => {
    const failing: HelmRenderer = async (batch) => {
      throw new (await import("../../core/errors")).KpopsError(`release '${batch[1].release_name}': helm template failed: boom`);
    };
    await expect(manifestOperation({ operation: "deploy", mode: "manifest", pipelines, render: failing })).rejects.toThrow(/step 'count'.*release 'p-count'.*boom/);
  });
});

describe("manifest output", () => {
  it("sorts keys at every level, by code point, keeping list order", () => {
    expect(JSON.stringify(sortKeys({ b: 1, a: [{ z: 1, B: 2 }], "a.b": { y: null, x: {} } }))).toBe('{"a":[{"B":2,"z":1}],"a.b":{"x":{},"y":null},"b":1}');
  });

  it("prints one YAML document per object, each opened by ---, and nothing for no object", () => {
    expect(toManifestStream([])).toBe("");
    expect(toManifestStream([{ kind: "A" }, { kind: "B", spec: { size: 1 } }])).toBe("---\nkind: A\n\n---\nkind: B\nspec:\n  size: 1\n\n");
  });

  it("drops only the namespaces the provider added (the twin rendered without a namespace has none)", () => {
    const withNs = [
      { kind: "Deployment", metadata: { name: "a", namespace: "apps" } },
      { kind: "Service", metadata: { name: "b", namespace: "fixed" } },
    ];
    const plain = [{ kind: "Deployment", metadata: { name: "a" } }, { kind: "Service", metadata: { name: "b", namespace: "fixed" } }];
    expect(withoutAddedNamespaces(withNs, plain)).toEqual([
      { kind: "Deployment", metadata: { name: "a" } },
      { kind: "Service", metadata: { name: "b", namespace: "fixed" } },
    ]);
  });
});

describe("helm template options of a release plan", () => {
  const release = {
    name: "rel",
    namespace: "ns",
    chart: {
      reference: "repo/app",
      name: "app",
      version: "1.2.3",
      repository: { name: "repo", url: "https://charts.example/", username: "u", password: secret("pw"), insecureSkipTlsVerify: false },
    },
    values: { annotations: { keep: "me" }, token: secret("t0k3n") },
    timeout: "5m0s",
    flags: { debug: false, forceReplace: false, createNamespace: false, apiVersion: "2.1.1" },
    waitForJobs: false,
  } satisfies ReleasePlan;

  it("fetches from the repository with its credentials, reveals secret values, merges annotations and passes --api-versions", () => {
    expect(helmTemplateOptions(release, { "argocd.argoproj.io/sync-wave": "1" })).toEqual({
      release_name: "rel",
      namespace: "ns",
      values: { annotations: { keep: "me", "argocd.argoproj.io/sync-wave": "1" }, token: "t0k3n" },
      api_versions: ["2.1.1"],
      chart: "app",
      version: "1.2.3",
      fetch_opts: { repo: "https://charts.example/", version: "1.2.3", username: "u", password: "pw", ca_file: undefined, cert_file: undefined },
    });
    // the plan itself is left as it was
    expect(release.values.annotations).toEqual({ keep: "me" });
  });

  it("reads the chart from its mirror, or from a local path relative to the working directory", () => {
    const mirrored = helmTemplateOptions({ ...release, chart: { ...release.chart, mirror: { repositoryUrl: "http://127.0.0.1:1/r" } } });
    expect(mirrored.fetch_opts?.repo).toBe("http://127.0.0.1:1/r");
    const local = helmTemplateOptions({ ...release, chart: { ...release.chart, mirror: { path: "/charts/app-1.2.3.tgz" } } });
    expect([local.path, local.chart, local.fetch_opts]).toEqual(["/charts/app-1.2.3.tgz", undefined, undefined]);
    const bare = helmTemplateOptions({ ...release, chart: { reference: "./charts/app", name: "./charts/app" } }, {}, "/project");
    expect([bare.path, bare.chart]).toEqual(["/project/charts/app", undefined]);
  });
});
