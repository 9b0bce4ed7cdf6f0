/**
 * planStack: the component plans of several pipelines combined into one stack plan (one resource per topic, owners,
 * what each workload waits for), and the Helm duration parser of the release mapping.
 */
import { KpopsError } from "../../../sdk/src/core/errors";
import { loadProject } from "../../../sdk/src/pulumi/source";
import { planStack } from "../../../sdk/src/pulumi/plan";
import { parseHelmDuration } from "../../../sdk/src/pulumi/resources/plan-values";
import { writeProject } from "./harness";

const DEFAULTS = "kubernetes-app: {namespace: ns}\nstreams-bootstrap: {values: {image: img}}\n";

function load(pipelines: Record<string, string>) {
  const files: Record<string, string> = { "config.yaml": "kafka_brokers: b:9092\npipeline_base_dir: pipelines\n", "pipelines/defaults.yaml": DEFAULTS };
  for (const [name, text] of Object.entries(pipelines)) files[`pipelines/${name}/pipeline.yaml`] = text;
  return loadProject({ projectDir: writeProject(files), pipelinePaths: ["pipelines"] }).pipelines;
}

describe("planStack", () => {
  it("gives a topic declared by two pipelines one resource, owned by the first, and makes the other wait for it", () => {
    const plan = planStack(
      load({
        a: "- {type: producer-app, name: one, to: {topics: {shared: {partitions_count: 3}}}}\n",
        b: "- {type: streams-app, name: two, from: {topics: {shared: {}}}, to: {topics: {shared: {}, out: {type: output}}}}\n",
      }),
    );
    expect(plan.topics.map((t) => [t.name, t.partitions, t.owner.step, t.declaredBy.map((r) => r.step)])).toEqual([
      ["shared", 3, "one", ["one", "two"]],
      ["out", undefined, "two", ["two"]],
    ]);
    const [two] = plan.pipelines[1].steps;
    expect(two.topics.map((t) => t.name)).toEqual(["out"]);
    expect(two.topicDependencies).toEqual(["shared", "out"]);
  });

  it("refuses a topic declared differently, naming file, step and field", () => {
    const pipelines = load({ p: "- {type: producer-app, name: one, to: {topics: {t: {configs: {cleanup.policy: compact}}}}}\n- {type: producer-app, name: two, to: {topics: {t: {}}}}\n" });
    let error: unknown;
    try {
      planStack(pipelines);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KpopsError);
    expect(error).toMatchObject({ file: pipelines[0].file, step: "two", field: "to.topics.t" });
    expect(String((error as Error).message)).toMatch(/configs/);
  });

  it("refuses two steps with the same full name in one stack", () => {
    const pipelines = load({
      a: "- {type: producer-app, name: x, prefix: same-}\n",
      b: "- {type: producer-app, name: x, prefix: same-}\n",
    });
    expect(() => planStack(pipelines)).toThrow(/same full name "same-x"/);
  });

  it("skips disabled steps", () => {
    const plan = planStack(load({ p: "- {type: producer-app, name: disabled, enabled: false}\n- {type: producer-app, name: active}\n" }));
    expect(plan.pipelines[0].steps.map((s) => s.ref.step)).toEqual(["active"]);
  });
});

describe("parseHelmDuration", () => {
  it("parses Helm durations into whole seconds", () => {
    expect(parseHelmDuration("5m0s")).toBe(300);
    expect(parseHelmDuration("1h2m3s")).toBe(3723);
    expect(parseHelmDuration("90")).toBe(90);
    expect(parseHelmDuration("1500ms")).toBe(2);
    expect(() => parseHelmDuration("five minutes")).toThrow(/invalid Helm duration/);
  });
});
