/**
 * Component plans: given a KPOps project, when the core enriches it, then each component says what it deploys and
 * what reset and clean mean for it. Expected values come from the pipeline text and KPOps' documented behaviour
 * (kpops-spec.md), written out here, not from the code under test.
 */
import type { ComponentClass, PipelineComponent } from "../components/base/pipeline-component";
import { HelmApp } from "../components/base/helm-app";
import { ComponentRegistry } from "../components/registry";
import { StreamsApp } from "../components/streams-bootstrap/streams-app/streams-app";
import { generate } from "../generate/generate";
import { BASE_DEFAULTS, project } from "../../../../tests/support/test-project";
import { isSecret, mapSecrets, reveal, secretPaths } from "./secret";

function components(pipeline: string, options: { defaults?: string; config?: string; classes?: ComponentClass[] } = {}): PipelineComponent[] {
  const root = project({
    "config.yaml": options.config ?? "kafka_brokers: broker:9092\npipeline_base_dir: pipelines\n",
    "pipelines/defaults.yaml": options.defaults ?? BASE_DEFAULTS,
    "pipelines/team/pipeline.yaml": pipeline,
  });
  const registry = new ComponentRegistry();
  for (const cls of options.classes ?? []) registry.register(cls);
  return generate({ pipelinePaths: ["pipelines/team/pipeline.yaml"], configDir: root, cwd: root, env: {}, registry }).pipelines[0].components;
}

describe("topics", () => {
  it("leave partitions and replication undefined when the pipeline sets none, and stringify configs", () => {
    const [producer] = components("- {type: producer-app, name: p, to: {topics: {a: {configs: {retention.ms: -1}}, b: {partitions_count: 6, replication_factor: 3}}}}\n");
    expect(producer.plan().topics).toEqual([
      { name: "a", partitions: undefined, replicationFactor: undefined, configs: { "retention.ms": "-1" }, keySchema: undefined, valueSchema: undefined },
      { name: "b", partitions: 6, replicationFactor: 3, configs: {}, keySchema: undefined, valueSchema: undefined },
    ]);
  });

  it("give subjects only when the schema registry is enabled", () => {
    const pipeline = "- {type: producer-app, name: p, to: {topics: {t: {key_schema: K, value_schema: V}}, models: {m: '1'}}}\n";
    expect(components(pipeline)[0].plan().subjects).toEqual([]);
    const enabled = components(pipeline, { config: "kafka_brokers: b\npipeline_base_dir: pipelines\nschema_registry: {enabled: true}\n" });
    expect(enabled[0].plan().subjects).toEqual([
      { subject: "t-key", topic: "t", role: "key", schemaClass: "K", models: { m: "1" } },
      { subject: "t-value", topic: "t", role: "value", schemaClass: "V", models: { m: "1" } },
    ]);
  });

  it("are read by name, patterns excluded", () => {
    const [, app] = components(`
- {type: producer-app, name: p, to: {topics: {x: {}}}}
- {type: streams-app, name: s, from: {topics: {"a.*": {type: pattern}, b: {type: input}, c: {label: l}}}}
`);
    // an explicit `from` replaces the implicit wiring from the previous step (x)
    expect(app.plan().reads).toEqual(["b", "c"]);
  });
});

describe("Helm releases", () => {
  it("pass values as KPOps does: no nulls, no model defaults, name overrides, the chart of the class", () => {
    const [app] = components("- {type: streams-app, name: s, values: {statefulSet: false, replicaCount: 1, kafka: {config: {}}, autoscaling: {enabled: false}}}\n");
    const release = app.plan().release!;
    expect(release.values).toEqual({
      image: "img",
      kafka: { bootstrapServers: "broker:9092" },
      autoscaling: {},
      replicaCount: 1,
      nameOverride: "team-s",
      fullnameOverride: "team-s",
    });
    expect(release).toMatchObject({
      name: "team-s",
      namespace: "ns",
      chart: { reference: "bakdata-streams-bootstrap/streams-app", name: "streams-app", version: "3.6.1" },
      timeout: "5m0s",
      waitForJobs: false,
    });
    expect(release.chart.repository).toEqual({
      name: "bakdata-streams-bootstrap",
      url: "https://bakdata.github.io/streams-bootstrap/",
      username: undefined,
      password: undefined,
      caFile: undefined,
      certFile: undefined,
      insecureSkipTlsVerify: false,
    });
  });

  it("take a private repo_config with its credentials, the password marked secret", () => {
    const [app] = components(`
- type: streams-app
  name: s
  repo_config:
    repository_name: private
    url: https://charts.example/private
    repo_auth_flags: {username: robot, password: s3cret, ca_file: /ca.pem}
  version: 3.7.0
`);
    const chart = app.plan().release!.chart;
    expect(chart).toMatchObject({ reference: "private/streams-app", name: "streams-app", version: "3.7.0" });
    expect(chart.repository).toMatchObject({ name: "private", url: "https://charts.example/private", username: "robot", caFile: "/ca.pem" });
    expect(isSecret(chart.repository!.password)).toBe(true);
    expect(reveal(chart.repository!.password!)).toBe("s3cret");
  });

  it("use the chart a custom HelmApp subclass sets, and name the mistake when a plain helm-app has none", () => {
    class Nginx extends HelmApp {
      override get helmChart(): string {
        return "web/nginx";
      }
    }
    const [nginx] = components(
      "- {type: nginx, name: web, repo_config: {repository_name: web, url: 'https://web.example'}, version: 1.2.3, values: {replicaCount: 2}}\n",
      { classes: [Nginx as unknown as ComponentClass] },
    );
    const plan = nginx.plan();
    expect(plan.kind).toBe("HelmApp");
    expect(plan.release!.chart).toMatchObject({ reference: "web/nginx", name: "nginx", version: "1.2.3", repository: { url: "https://web.example" } });
    expect(plan.release!.values).toEqual({ replicaCount: 2, nameOverride: "team-web", fullnameOverride: "team-web" });
    const [plain] = components("- {type: helm-app, name: web, values: {}}\n");
    expect(() => plain.plan()).toThrow(/step 'web': field 'type': unknown chart/);
  });

  it("follow the class hierarchy, not the type name: EventProducer extends StreamsApp is a streams app", () => {
    class EventProducer extends StreamsApp {}
    const [app] = components("- {type: event-producer, name: e, from: {topics: {in: {}}}, to: {topics: {out: {type: output}}}}\n", {
      classes: [EventProducer as unknown as ComponentClass],
    });
    const plan = app.plan();
    expect(plan.kind).toBe("StreamsApp");
    expect(plan.type).toBe("event-producer");
    expect(plan.release!.chart.name).toBe("streams-app");
    expect(plan.release!.values).toMatchObject({ kafka: { inputTopics: ["in"], outputTopic: "out" } });
  });

  it("mark the streams-bootstrap `secrets` and listed values secret, leaf by leaf", () => {
    const [app] = components("- {type: producer-app, name: p, values: {secrets: {PASSWORD: pw, TOKEN: t}, env: {USER: u, API_KEY: k}}}\n");
    const values = app.plan({ secretKeys: ["env.API_KEY"] }).release!.values;
    expect(secretPaths(values).sort()).toEqual([["env", "API_KEY"], ["secrets", "PASSWORD"], ["secrets", "TOKEN"]]);
    expect(mapSecrets(values)).toMatchObject({ secrets: { PASSWORD: "pw", TOKEN: "t" }, env: { USER: "u", API_KEY: "k" } });
  });

  it("take every config.yaml setting that reaches a release", () => {
    const config = `kafka_brokers: b
pipeline_base_dir: pipelines
create_namespace: true
helm_config: {timeout: 7m, force_replace: true, context: kind-dev, debug: true, api_version: "2.1.1"}
`;
    const [fromConfig, own] = components("- {type: producer-app, name: p}\n- {type: producer-app, name: q, timeout: 1m}\n", { config });
    expect(fromConfig.plan().release).toMatchObject({
      timeout: "7m",
      flags: { createNamespace: true, forceReplace: true, context: "kind-dev", debug: true, apiVersion: "2.1.1" },
    });
    expect(own.plan().release!.timeout).toBe("1m");
  });
});

describe("connectors", () => {
  it("send the config as strings, with password keys and listed keys secret", () => {
    const [sink] = components(`
- type: kafka-sink-connector
  name: jdbc
  config: {connector.class: a.B, topics: [x, y], tasks.max: 1, connection.user: u, connection.password: pw}
  state: paused
`);
    const connector = sink.plan({ secretKeys: ["connection.user"] }).connector!;
    expect(connector.name).toBe("team-jdbc");
    expect(connector.state).toBe("paused");
    expect(mapSecrets(connector.config)).toEqual({
      "connector.class": "a.B",
      name: "team-jdbc",
      topics: "x,y",
      "tasks.max": "1",
      "connection.user": "u",
      "connection.password": "pw",
    });
    expect(secretPaths(connector.config)).toEqual([["connection.user"], ["connection.password"]]);
  });
});

describe("operations", () => {
  const defaults = `${BASE_DEFAULTS}\nconsumer-app: {version: "6.0.0"}\n`;
  const pipeline = `
- {type: producer-app, name: p, to: {topics: {raw: {}}}}
- {type: streams-app, name: s, values: {statefulSet: true, persistence: {enabled: true, size: 1Gi}}, to: {topics: {out: {type: output}}}}
- {type: kafka-sink-connector, name: k, config: {connector.class: a.B}, to: {topics: {dlq: {type: error}}}}
`;

  it("destroy removes the workload and keeps topics", () => {
    const [producer, app, sink] = components(pipeline, { defaults });
    expect(producer.operationPlan("destroy")).toEqual({ operation: "destroy", uninstallRelease: "team-p", deletedTopics: [], deletedSubjects: [] });
    expect(app.operationPlan("destroy").cleanupJob).toBeUndefined();
    expect(sink.operationPlan("destroy")).toEqual({ operation: "destroy", deleteConnector: "team-k", deletedTopics: [], deletedSubjects: [] });
  });

  it("reset runs the streams app's cleanup job with deleteOutput=false, and only uninstalls a producer", () => {
    const [producer, app, sink] = components(pipeline, { defaults });
    expect(producer.operationPlan("reset").cleanupJob).toBeUndefined();
    const reset = app.operationPlan("reset");
    expect(reset.uninstallRelease).toBe("team-s");
    expect(reset.cleanupJob).toMatchObject({
      name: "team-s-clean",
      chart: { name: "streams-app-cleanup-job" },
      values: { kafka: { deleteOutput: false }, nameOverride: "team-s-clean", fullnameOverride: "team-s-clean" },
      waitForJobs: true,
    });
    expect(reset.deletePvcs).toBeUndefined();
    expect(reset.deletedTopics).toEqual([]);
    expect(sink.operationPlan("reset")).toMatchObject({ resetConnectorOffsets: "team-k", deleteConnector: "team-k", deletedTopics: [] });
  });

  it("clean deletes outputs, PVCs of a stateful app, and a connector's topics", () => {
    const [producer, app, sink] = components(pipeline, { defaults });
    expect(producer.operationPlan("clean")).toMatchObject({ cleanupJob: { chart: { name: "producer-app-cleanup-job" } }, deletedTopics: ["raw"] });
    const clean = app.operationPlan("clean");
    expect(clean.cleanupJob!.values).toMatchObject({ kafka: { deleteOutput: true } });
    expect(clean.deletePvcs).toEqual({ namespace: "ns", labelSelector: "app.kubernetes.io/name=team-s" });
    expect(clean.deletedTopics).toEqual(["out"]);
    expect(clean.retainCleanupJob).toBe(false);
    expect(sink.operationPlan("clean")).toMatchObject({ resetConnectorOffsets: "team-k", deleteConnector: "team-k", deletedTopics: ["dlq"] });
  });
});

describe("consumer-producer-app (KPOps 12)", () => {
  it("deploys like a streams-app on its own chart, and resets and cleans like one", () => {
    const [app] = components("- {type: consumer-producer-app, name: cp, version: 7.0.0, from: {topics: {in: {}}}, to: {topics: {out: {type: output}}}}\n");
    const plan = app.plan();
    expect(plan.kind).toBe("ConsumerProducerApp");
    expect(plan.topics.map((t) => t.name)).toEqual(["out"]);
    expect(plan.reads).toEqual(["in"]);
    expect(plan.release!.chart).toMatchObject({ name: "consumerproducer-app", version: "7.0.0" });
    expect(app.operationPlan("reset").cleanupJob).toMatchObject({ chart: { name: "consumerproducer-app-cleanup-job" }, values: { kafka: { deleteOutput: false } } });
    expect(app.operationPlan("clean").cleanupJob!.values).toMatchObject({ kafka: { deleteOutput: true } });
  });
});
