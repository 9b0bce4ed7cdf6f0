import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import {
  EnrichedComponent,
  PlanError,
  familyOf,
  helmValues,
  parseHelmDuration,
  planConnector,
  planPipeline,
  planProject,
  readTopics,
  resolveChart,
} from "../../../sdk/src/pulumi/plan";
import { CONFORMANCE } from "./harness";

const wordCount: EnrichedComponent[] = YAML.parse(
  fs.readFileSync(path.join(CONFORMANCE, "expected/examples/word-count.yaml"), "utf8"),
);
const firstPipeline: EnrichedComponent[] = YAML.parse(
  fs.readFileSync(path.join(CONFORMANCE, "expected/generate/test_load_pipeline.yaml"), "utf8"),
);

function app(overrides: Partial<EnrichedComponent> & { type: string; name: string }): EnrichedComponent {
  return {
    prefix: "p-",
    namespace: "ns",
    values: { image: "img", kafka: { bootstrapServers: "b:9092" } },
    helm_release_name: `p-${overrides.name}`,
    helm_name_override: `p-${overrides.name}`,
    ...overrides,
  };
}

describe("familyOf", () => {
  it("maps built-in types to themselves", () => {
    expect(wordCount.map(familyOf)).toEqual(["producer-app", "streams-app", "kafka-sink-connector"]);
  });

  it("maps the custom types of the conformance corpus to the family they extend", () => {
    expect(firstPipeline.map((s) => [s.type, familyOf(s)])).toEqual([
      ["scheduled-producer", "producer-app"],
      ["converter", "streams-app"],
      ["filter", "streams-app"],
    ]);
  });

  it("decides custom types from the dict's fields", () => {
    expect(familyOf(app({ type: "my-thing", name: "a", values: { image: "i", kafka: { groupId: "g", inputTopics: ["x"] } } }))).toBe("consumer-app");
    expect(familyOf(app({ type: "my-thing", name: "a", values: { image: "i", kafka: { inputTopics: ["x"], outputTopic: "y" } }, to: { topics: { y: {} } } }))).toBe("streams-app");
    expect(familyOf(app({ type: "my-thing", name: "a", values: { image: "i", kafka: { outputTopic: "y" } } }))).toBe("producer-app");
    expect(familyOf({ type: "es-sink", name: "c", config: { "connector.class": "a.B", topics: "t" } })).toBe("kafka-sink-connector");
    expect(familyOf({ type: "jdbc", name: "c", config: { "connector.class": "a.B" } })).toBe("kafka-source-connector");
    expect(familyOf(app({ type: "my-helm", name: "h", values: { replicaCount: 1 } }))).toBe("helm-app");
    expect(familyOf({ type: "marker", name: "m" })).toBe("pipeline-component");
  });
});

describe("helmValues", () => {
  it("passes values as KPOps does: without model defaults, with name overrides", () => {
    const streams = wordCount[1];
    const values = helmValues(streams, "streams-app");
    expect(values).toEqual({
      image: "bakdata/kpops-demo-word-count-app",
      imageTag: "2.0.0",
      kafka: {
        bootstrapServers: "http://k8kafka-cp-kafka-headless.kpops.svc.cluster.local:9092",
        outputTopic: "word-count-word-count-app-topic",
        inputTopics: ["word-count-data-producer-topic"],
        errorTopic: "word-count-word-count-app-dead-letter-topic",
      },
      prometheus: { jmx: { enabled: false } },
      replicaCount: 1,
      labels: { pipeline: "word-count" },
      nameOverride: "word-count-word-count-app",
      fullnameOverride: "word-count-word-count-app",
    });
    expect(values).not.toHaveProperty("statefulSet");
  });

  it("keeps user name overrides and non-default values", () => {
    const values = helmValues(
      app({ type: "streams-app", name: "s", values: { image: "i", nameOverride: "mine", statefulSet: true, autoscaling: { enabled: false, maxReplicas: 3 }, kafka: { bootstrapServers: "b", config: {} } } }),
      "streams-app",
    );
    expect(values.nameOverride).toBe("mine");
    expect(values.fullnameOverride).toBe("p-s");
    expect(values.statefulSet).toBe(true);
    expect(values.autoscaling).toEqual({ maxReplicas: 3 });
    expect(values.kafka).toEqual({ bootstrapServers: "b" });
  });

  it("uses the trimmed helm_name_override of long names", () => {
    const filter = firstPipeline[2];
    expect(helmValues(filter, "streams-app").nameOverride).toBe(
      "resources-first-pipeline-a-long-name-a-long-name-a-long-n-68327",
    );
  });
});

describe("charts", () => {
  const producer = wordCount[0];

  it("uses the streams-bootstrap repository and the step's version by default", () => {
    expect(resolveChart(producer, "producer-app")).toEqual({
      chart: "producer-app",
      repositoryUrl: "https://bakdata.github.io/streams-bootstrap/",
      version: "3.1.0",
      repositoryUsername: undefined,
      repositoryPassword: undefined,
    });
  });

  it("switches to local charts with one setting", () => {
    expect(resolveChart(producer, "producer-app", { localChartsDir: "/charts" })).toEqual({ chart: "/charts/producer-app" });
  });

  it("needs a chart for a plain helm app", () => {
    const helm = app({ type: "my-helm", name: "h", values: { replicaCount: 1 } });
    expect(() => resolveChart(helm, "helm-app")).toThrow(PlanError);
    expect(() => resolveChart(helm, "helm-app")).toThrow(/charts.byType\["my-helm"\]/);
    expect(resolveChart(helm, "helm-app", { byType: { "my-helm": { chart: "nginx", repository: { url: "https://r" }, version: "1.0.0" } } })).toMatchObject({
      chart: "nginx",
      repositoryUrl: "https://r",
      version: "1.0.0",
    });
  });

  it("parses Helm durations", () => {
    expect(parseHelmDuration("5m0s")).toBe(300);
    expect(parseHelmDuration("1h2m3s")).toBe(3723);
    expect(parseHelmDuration("90")).toBe(90);
    expect(parseHelmDuration("1500ms")).toBe(2);
    expect(() => parseHelmDuration("five minutes")).toThrow(PlanError);
  });
});

describe("planPipeline", () => {
  const plan = planPipeline({ name: "word-count", steps: wordCount });
  const [producer, streams, sink] = plan.pipelines[0].steps;

  it("creates one topic per `to` topic with the user's partitions and string configs", () => {
    expect(plan.topics.map((t) => [t.name, t.partitions, t.replicationFactor, t.config])).toEqual([
      ["word-count-data-producer-topic", 3, 1, {}],
      ["word-count-word-count-app-topic", 3, 1, { "cleanup.policy": "compact" }],
      ["word-count-word-count-app-dead-letter-topic", 1, 1, {}],
    ]);
  });

  it("takes unset partitions and replication from topicDefaults", () => {
    const steps = [app({ type: "producer-app", name: "a", to: { topics: { t: { configs: { "retention.ms": -1 } } } } })];
    const [topic] = planPipeline({ name: "p", steps }, { topicDefaults: { partitions: 6, replicationFactor: 3 } }).topics;
    expect(topic).toMatchObject({ partitions: 6, replicationFactor: 3, partitionsFromStep: false, config: { "retention.ms": "-1" } });
  });

  it("derives reads and writes from the data", () => {
    expect(producer.reads).toEqual([]);
    expect(producer.writes).toEqual(["word-count-data-producer-topic"]);
    expect(streams.reads).toEqual(["word-count-data-producer-topic"]);
    expect(streams.topicDependencies).toEqual([
      "word-count-data-producer-topic",
      "word-count-word-count-app-topic",
      "word-count-word-count-app-dead-letter-topic",
    ]);
    expect(sink.reads).toEqual(["word-count-word-count-app-topic"]);
    expect(sink.topicDependencies).toEqual(["word-count-word-count-app-topic"]);
  });

  it("ignores patterns as dependencies", () => {
    const step = app({ type: "streams-app", name: "s", from: { topics: { "a.*": { type: "pattern" }, b: { type: "input" } } }, values: { image: "i", kafka: { bootstrapServers: "x", inputPattern: "a.*", labeledInputTopics: { l: ["c", "b"] } } } });
    expect(readTopics(step)).toEqual(["b", "c"]);
  });

  it("plans the connector config exactly as KPOps sends it", () => {
    expect(sink.connector).toEqual({
      name: "word-count-redis-sink-connector",
      config: wordCount[2].config,
      state: undefined,
    });
    expect(planConnector({ type: "kafka-sink-connector", name: "c", prefix: "p-", config: { "connector.class": "a.B", "tasks.max": 1, x: null, topics: ["a", "b"] }, state: "paused" })).toEqual({
      name: "p-c",
      config: { "connector.class": "a.B", "tasks.max": "1", topics: "a,b", name: "p-c" },
      state: "paused",
    });
  });

  it("plans releases named helm_release_name in the step's namespace", () => {
    expect(streams.release).toMatchObject({
      name: "word-count-word-count-app",
      namespace: "${NAMESPACE}",
      chart: "streams-app",
      version: "3.1.0",
      timeoutSeconds: 300,
      createNamespace: false,
      skipAwait: false,
      atomic: false,
    });
    expect(sink.release).toBeUndefined();
  });

  it("creates schema subjects only when the registry is enabled", () => {
    expect(planPipeline({ name: "first", steps: firstPipeline }).schemas).toEqual([]);
    const enabled = planPipeline({ name: "first", steps: firstPipeline }, { schemaRegistryEnabled: true });
    expect(enabled.schemas.map((s) => [s.subject, s.schemaClass])).toEqual([
      ["resources-first-pipeline-scheduled-producer-value", "com.bakdata.fake.Produced"],
      ["resources-first-pipeline-converter-error-value", "com.bakdata.kafka.DeadLetter"],
      [expect.stringMatching(/-error-value$/), "com.bakdata.kafka.DeadLetter"],
    ]);
    expect(enabled.schemas[0].models).toEqual({ "com/bakdata/kafka/fake": "1.0.0" });
    const converter = enabled.pipelines[0].steps[1];
    expect(converter.schemaDependencies).toEqual(["resources-first-pipeline-converter-error-value"]);
  });
});

describe("topics declared twice", () => {
  const writer = (name: string, config: object) => app({ type: "producer-app", name, to: { topics: { shared: config } } });

  it("share one resource when the settings agree", () => {
    const plan = planProject([
      { name: "a", steps: [writer("one", { partitions_count: 3 })] },
      { name: "b", steps: [writer("two", { partitions_count: 3 })] },
    ]);
    expect(plan.topics).toHaveLength(1);
    expect(plan.topics[0].owner.step).toBe("one");
    expect(plan.topics[0].declaredBy.map((r) => r.step)).toEqual(["one", "two"]);
    expect(plan.pipelines[1].steps[0].topics).toEqual([]);
    expect(plan.pipelines[1].steps[0].topicDependencies).toEqual(["shared"]);
  });

  it("are an error naming both steps when the settings differ", () => {
    const conflicting = () =>
      planPipeline({ name: "p", steps: [writer("one", { partitions_count: 3 }), writer("two", { partitions_count: 6 })] });
    expect(conflicting).toThrow(PlanError);
    expect(conflicting).toThrow(/topic "shared" is declared by steps "one" \(pipeline p\) and "two" \(pipeline p\).*partitions_count 3 vs 6/);
    expect(() =>
      planPipeline({ name: "p", steps: [writer("one", { configs: { "cleanup.policy": "compact" } }), writer("two", {})] }),
    ).toThrow(/configs/);
  });

  it("rejects duplicate step names and invalid partitions", () => {
    expect(() => planPipeline({ name: "p", steps: [writer("one", {}), writer("one", {})] })).toThrow(/used twice/);
    expect(() => planPipeline({ name: "p", steps: [writer("one", { partitions_count: 0 })] })).toThrow(/positive integer/);
  });
});
