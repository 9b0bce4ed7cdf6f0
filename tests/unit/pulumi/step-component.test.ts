/**
 * A step component built on its own (what the kpops plugin serves as `kpops:index:StreamsApp`, ...): one step of a
 * pipeline file, under the mock engine. Given the upstream word-count example, when one step is built alone, then
 * it has its kind's type token, exactly that step's resources (what the Pipeline makes for the same step), and its
 * outputs; a step of another kind, a wrong `type` or an unknown step is one clean error.
 */
import * as path from "path";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import { CONFORMANCE, installMocks, recordingBackend, settle, typeChainOf, valueOf } from "./harness";

let layer: typeof pulumiLayer;

beforeAll(async () => {
  await installMocks();
  layer = await import("../../../sdk/src/pulumi");
});

const projectDir = path.join(CONFORMANCE, "examples");
const PATH = "word-count/pipeline.yaml";

/** Builds one step alone; resolves with the component and the backend calls. */
async function buildStep(name: string, step: string, extra: Record<string, unknown> = {}) {
  const recorder = recordingBackend(layer.defaultBackend as any);
  const component = new layer.StepComponent(name, { projectDir, path: PATH, step, backend: recorder.backend, ...extra } as pulumiLayer.StepComponentArgs);
  await component.ready;
  await settle();
  return { component, calls: recorder.calls };
}

/** The error that building one step alone throws. */
function errorOf(name: string, step: string, extra: Record<string, unknown> = {}): string {
  try {
    new layer.StepComponent(name, { projectDir, path: PATH, step, backend: recordingBackend(layer.defaultBackend as any).backend, ...extra } as pulumiLayer.StepComponentArgs);
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

/** `kind name` of each backend call, the scope (`<root name>/`) taken off. */
const callsOf = (calls: { kind: string; name: string }[], scope: string) => calls.map((c) => `${c.kind} ${c.name.slice(scope.length)}`).sort();

describe("a step component built on its own", () => {
  it("has its kind's type token and creates exactly the resources the Pipeline creates for that step", async () => {
    const pipelineRecorder = recordingBackend(layer.defaultBackend as any);
    const pipeline = new layer.Pipeline("whole", { projectDir, path: PATH, backend: pipelineRecorder.backend });
    await pipeline.ready;
    await settle();
    const ownedByApp = pipelineRecorder.calls.filter((c) => c.opts.parent === pipeline.steps[1]);

    const { component, calls } = await buildStep("app", "word-count-app");

    expect(await typeChainOf(component)).toBe("kpops:index:StreamsApp");
    expect(component.kind).toBe("StreamsApp");
    // the same topics, release, ... ; the topic guard is the root's: the Pipeline's, or the step's own
    expect(callsOf(calls.filter((c) => c.kind !== "topicGuard"), "app/")).toEqual(callsOf(ownedByApp, "whole/"));
    expect(calls.every((c) => c.opts.parent === component)).toBe(true);
    expect(calls.filter((c) => c.kind === "topicGuard").map((c) => [c.name, Object.keys(c.inputs.topics)])).toEqual([
      ["app-topic-guard", ["word-count-word-count-app-topic", "word-count-word-count-app-dead-letter-topic"]],
    ]);
  });

  it("has the step's outputs: name, type, topics, subjects, release or connector", async () => {
    const app = (await buildStep("app-outputs", "word-count-app")).component;
    const sink = (await buildStep("sink-outputs", "redis-sink-connector")).component;

    expect(await valueOf(app.stepName)).toBe("word-count-word-count-app");
    expect(await valueOf(app.stepType)).toBe("streams-app");
    expect(await valueOf(app.topicNames)).toEqual(["word-count-word-count-app-topic", "word-count-word-count-app-dead-letter-topic"]);
    expect(await valueOf(app.subjectNames)).toEqual([]);
    expect(await valueOf(app.releaseName)).toBe("word-count-word-count-app");
    expect(await valueOf(app.connectorName)).toBeUndefined();
    expect(await typeChainOf(sink)).toBe("kpops:index:KafkaSinkConnector");
    expect(await valueOf(sink.connectorName)).toBe("word-count-redis-sink-connector");
    expect(await valueOf(sink.releaseName)).toBeUndefined();
  });

  it("refuses a step of another kind than the one asked for, naming the component to use", async () => {
    expect(errorOf("wrong-kind", "data-producer", { [layer.EXPECTED_KIND]: "StreamsApp" })).toBe(
      `kpops: ${PATH}: step 'data-producer' deploys as ProducerApp (type producer-app), not as StreamsApp; use kpops:index:ProducerApp`,
    );
    expect(errorOf("right-kind", "data-producer", { [layer.EXPECTED_KIND]: "ProducerApp" })).toBe("no error");
  });

  it("refuses a `type` the step does not have, and a step the pipeline does not declare", async () => {
    expect(errorOf("wrong-type", "word-count-app", { type: "producer-app" })).toBe(`kpops: ${PATH}: step 'word-count-app' is a streams-app, not a producer-app`);
    expect(errorOf("no-step", "nope")).toBe(`kpops: ${PATH}: no step named 'nope'`);
  });
});
