import { generate } from "../generate/generate";
import { BASE_DEFAULTS, project } from "../../../../tests/support/test-project";

const values = (c: Record<string, unknown>) => c.values as Record<string, Record<string, unknown>>;

function crossProject(enrich: string, ingest = "- {type: producer-app, name: producer, to: {topics: {orders: {type: output}}}}\n") {
  return project({
    "pipelines/defaults.yaml": BASE_DEFAULTS,
    "pipelines/team/ingest/pipeline.yaml": ingest,
    "pipelines/enrich/pipeline.yaml": enrich,
  });
}

function run(root: string, paths: string[]) {
  return generate({ pipelinePaths: paths, configDir: root, cwd: root, env: {} });
}

describe("from.components naming a step of another pipeline (<pipeline folder>/<step>)", () => {
  const reader = "- {type: streams-app, name: enricher, from: {components: {team/ingest/producer: {type: input}}}}\n";

  it("reads the other step's output topic, whichever pipeline is generated first", () => {
    const root = crossProject(reader);
    const both = run(root, ["pipelines"]);
    expect(both.components.map((c) => c.name)).toEqual(["enricher", "producer"]);
    expect(values(both.components[0]).kafka.inputTopics).toEqual(["orders"]);
  });

  it("loads the other pipeline on demand when only the reader is generated, and prints only the reader", () => {
    const root = crossProject(reader);
    const alone = run(root, ["pipelines/enrich/pipeline.yaml"]);
    expect(alone.components.map((c) => c.name)).toEqual(["enricher"]);
    expect(values(alone.components[0]).kafka.inputTopics).toEqual(["orders"]);
  });

  it("a missing step of the other pipeline is one error naming file, step and field", () => {
    const root = crossProject("- {type: streams-app, name: enricher, from: {components: {team/ingest/nope: {type: input}}}}\n");
    expect(() => run(root, ["pipelines/enrich/pipeline.yaml"])).toThrow(
      "pipelines/enrich/pipeline.yaml: step 'enricher': field 'from.components.team/ingest/nope': Component nope not found",
    );
  });

  it("a missing pipeline folder is an error naming the folder", () => {
    const root = crossProject("- {type: streams-app, name: enricher, from: {components: {nowhere/producer: {type: input}}}}\n");
    expect(() => run(root, ["pipelines/enrich/pipeline.yaml"])).toThrow(/field 'from.components.nowhere\/producer': no pipeline 'nowhere'/);
  });

  it("a cycle across pipelines is an error naming the pipelines", () => {
    const root = crossProject(
      "- {type: streams-app, name: enricher, from: {components: {team/ingest/producer: {type: input}}}, to: {topics: {enriched: {type: output}}}}\n",
      "- {type: streams-app, name: producer, from: {components: {enrich/enricher: {type: input}}}, to: {topics: {orders: {type: output}}}}\n",
    );
    expect(() => run(root, ["pipelines/enrich/pipeline.yaml"])).toThrow(/pipelines read from each other in a cycle: enrich -> team\/ingest -> enrich/);
  });
});
