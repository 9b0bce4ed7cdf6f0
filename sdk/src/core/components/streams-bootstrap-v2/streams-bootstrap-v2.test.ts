import { generateIn, project } from "../../../../../tests/support/test-project";

const defaults = `
kubernetes-app:
  namespace: ns
streams-bootstrap-v2:
  values:
    streams:
      brokers: \${config.kafka_brokers}
`;

describe("streams-bootstrap v2 components", () => {
  it("default to chart 2.9.0 and image tag latest, and omit streams values equal to their defaults", () => {
    const root = project({
      "pipelines/defaults.yaml": defaults,
      "pipelines/p/pipeline.yaml": `- {type: producer-app-v2, name: prod, to: {topics: {out: {type: output}}}}
- type: streams-app-v2
  name: app
  values:
    streams: {config: {}, extraInputTopics: {}, deleteOutput: false}
    autoscaling: {enabled: true, consumerGroup: g, lagThreshold: 1}
`,
    });
    const [producer, app] = generateIn(root, ["pipelines/p/pipeline.yaml"]);
    expect(producer.version).toBe("2.9.0");
    expect(producer.values).toEqual({ imageTag: "latest", streams: { brokers: "broker:9092", outputTopic: "out" } });
    const values = app.values as Record<string, unknown>;
    expect(values.streams).toEqual({ brokers: "broker:9092", inputTopics: ["out"], deleteOutput: false });
    expect(values.autoscaling).toEqual({
      enabled: true,
      consumerGroup: "g",
      lagThreshold: 1,
      pollingInterval: 30,
      cooldownPeriod: 300,
      offsetResetPolicy: "earliest",
      minReplicas: 0,
      maxReplicas: 1,
      topics: [],
    });
    expect(values.persistence).toEqual({ enabled: false });
    expect(values.statefulSet).toBe(false);
  });

  it("require consumerGroup and lagThreshold when autoscaling is enabled", () => {
    const root = project({
      "pipelines/defaults.yaml": defaults,
      "pipelines/p/pipeline.yaml": "- {type: streams-app-v2, name: app, values: {autoscaling: {enabled: true}}}\n",
    });
    expect(() => generateIn(root, ["pipelines/p/pipeline.yaml"])).toThrow(/field 'values.autoscaling': If app.autoscaling.enabled is set to true/);
  });
});
