import { generate } from "../generate/generate";
import { BASE_DEFAULTS, project } from "../../../../tests/support/test-project";
import { checkPublishedSteps, publishSteps, type ExternalSteps } from "./step-outputs";

const values = (c: Record<string, unknown>) => c.values as Record<string, Record<string, unknown>>;

/** What another stack publishes: step `producer` of its pipeline `team/ingest` writes `orders` and an error topic. */
const INGEST: ExternalSteps = {
  ingest: {
    "team/ingest/producer": { topics: { orders: { type: "output" }, "orders-error": { type: "error" }, audit: { type: null, label: "audit" } } },
  },
};

function run(reader: string, externalSteps: ExternalSteps = INGEST, extra: Record<string, string> = {}) {
  const root = project({ "pipelines/defaults.yaml": BASE_DEFAULTS, "pipelines/enrich/pipeline.yaml": reader, ...extra });
  return generate({ pipelinePaths: ["pipelines/enrich/pipeline.yaml"], configDir: root, cwd: root, env: {}, externalSteps });
}

describe("from.components naming a step published by another deployment (<reference>/<pipeline folder>/<step>)", () => {
  it("reads the published step's output topic, not its error or labeled topics", () => {
    const result = run("- {type: streams-app, name: enricher, from: {components: {ingest/team/ingest/producer: {type: input}}}}\n");
    expect(values(result.components[0]).kafka.inputTopics).toEqual(["orders"]);
  });

  it("reads it as a pattern or labeled input like a step of the same pipeline", () => {
    const result = run("- {type: streams-app, name: enricher, from: {components: {ingest/team/ingest/producer: {label: orders-in}}}}\n");
    expect(values(result.components[0]).kafka.labeledInputTopics).toEqual({ "orders-in": ["orders"] });
  });

  it("a step the reference does not publish is one error naming file, step and field, and what it publishes", () => {
    expect(() => run("- {type: streams-app, name: enricher, from: {components: {ingest/team/ingest/nope: {type: input}}}}\n")).toThrow(
      "pipelines/enrich/pipeline.yaml: step 'enricher': field 'from.components.ingest/team/ingest/nope': " +
        "stack reference 'ingest' has no step 'team/ingest/nope' (it publishes team/ingest/producer)",
    );
  });

  it("a reference name without a pipeline folder is an error naming the expected form", () => {
    expect(() => run("- {type: streams-app, name: enricher, from: {components: {ingest/producer: {type: input}}}}\n")).toThrow(
      /field 'from.components.ingest\/producer': a step of stack reference 'ingest' is named 'ingest\/<pipeline folder>\/<step>'/,
    );
  });

  it("a reference name that is also a pipeline folder is an error, not a silent choice", () => {
    const reader = "- {type: streams-app, name: enricher, from: {components: {ingest/team/ingest/producer: {type: input}}}}\n";
    expect(() => run(reader, INGEST, { "pipelines/ingest/team/ingest/pipeline.yaml": "- {type: producer-app, name: producer}\n" })).toThrow(
      /'ingest' names both a stack reference and a pipeline folder/,
    );
  });

  it("without external steps such a key is a pipeline folder of this project, as before", () => {
    expect(() => run("- {type: streams-app, name: enricher, from: {components: {ingest/team/ingest/producer: {type: input}}}}\n", {})).toThrow(
      /no pipeline 'ingest\/team\/ingest'/,
    );
  });
});

describe("publishSteps and checkPublishedSteps", () => {
  it("publishes each enabled step's topics with type and label, keyed <folder>/<step>, and reads them back", () => {
    const root = project({
      "pipelines/defaults.yaml": BASE_DEFAULTS,
      "pipelines/team/ingest/pipeline.yaml":
        "- {type: producer-app, name: producer, to: {topics: {orders: {type: output}, extra: {label: x}}}}\n- {type: producer-app, name: disabled, enabled: false}\n",
    });
    const [pipeline] = generate({ pipelinePaths: ["pipelines"], configDir: root, cwd: root, env: {} }).pipelines;
    const published = publishSteps("team/ingest", pipeline.components);
    expect(published).toEqual({ "team/ingest/producer": { topics: { orders: { type: "output", label: null }, extra: { type: null, label: "x" } } } });
    expect(checkPublishedSteps(JSON.parse(JSON.stringify(published)), "stack reference 'ingest'")).toEqual(published);
  });

  it("refuses data that is not published steps, naming where it came from", () => {
    const where = "stack reference 'ingest' (organization/kpops/ingest)";
    expect(() => checkPublishedSteps(["a"], where)).toThrow(`${where}: the published steps are not a mapping`);
    expect(() => checkPublishedSteps({ "a/b": { topics: { t: { type: "input" } } } }, where)).toThrow(/topic 't' has no valid type/);
    expect(() => checkPublishedSteps({ b: { topics: {} } }, where)).toThrow(/published step 'b' is not named/);
  });
});
