import { generate } from "../generate/generate";
import { BASE_DEFAULTS, project } from "../../../../tests/support/test-project";
import { buildLineage, lineageToMermaid } from "./lineage";

/** Two pipelines: `ingest` writes `orders`; `enrich` reads it (by name), a pattern, and writes output, error and a labeled topic. */
function twoPipelines() {
  const root = project({
    "pipelines/defaults.yaml": BASE_DEFAULTS,
    "pipelines/ingest/pipeline.yaml": "- {type: producer-app, name: producer, to: {topics: {orders: {type: output}}}}\n",
    "pipelines/enrich/pipeline.yaml": `- type: streams-app
  name: enricher
  from: {topics: {orders: {type: input}, "audit-.*": {type: pattern}}}
  to: {topics: {enriched: {type: output}, enricher-dead: {type: error}, stats: {label: stats}}}
- {type: kafka-sink-connector, name: archive, config: {connector.class: a.Sink}}
`,
  });
  const { pipelines } = generate({ pipelinePaths: ["pipelines"], configDir: root, cwd: root, env: {} });
  return buildLineage(pipelines);
}

describe("lineage (kpops graph)", () => {
  it("has a step per component, named by pipeline, and each topic once", () => {
    const lineage = twoPipelines();
    expect(lineage.pipelines).toEqual(["enrich", "ingest"]);
    expect(lineage.steps.map((s) => `${s.id} ${s.type}`)).toEqual([
      "enrich/enricher streams-app",
      "enrich/archive kafka-sink-connector",
      "ingest/producer producer-app",
    ]);
    expect(lineage.topics.map((t) => `${t.kind}:${t.name}`).sort()).toEqual(
      ["pattern:audit-.*", "topic:enriched", "topic:enricher-dead", "topic:orders", "topic:stats"].sort(),
    );
  });

  it("marks writes by kind, reads of the previous step's output, and the cross-pipeline read", () => {
    const edges = twoPipelines().edges;
    expect(edges).toEqual(
      expect.arrayContaining([
        { from: "enrich/enricher", to: "topic:enriched", kind: "output" },
        { from: "enrich/enricher", to: "topic:enricher-dead", kind: "error" },
        { from: "enrich/enricher", to: "topic:stats", kind: "labeled", label: "stats" },
        { from: "topic:enriched", to: "enrich/archive", kind: "input" },
        { from: "pattern:audit-.*", to: "enrich/enricher", kind: "input" },
        { from: "topic:orders", to: "enrich/enricher", kind: "input", crossPipeline: true },
        { from: "ingest/producer", to: "topic:orders", kind: "output" },
      ]),
    );
    expect(edges).toHaveLength(7);
  });

  it("renders Mermaid: a subgraph per pipeline, topic cylinders, dotted error and thick cross-pipeline edges", () => {
    const text = lineageToMermaid(twoPipelines());
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("flowchart LR");
    expect(lines.filter((l) => l.trim().startsWith("subgraph"))).toHaveLength(2);
    expect(text).toMatch(/\[\("orders"\)\]/);
    expect(text).toMatch(/\{\{"audit-\.\*"\}\}/);
    expect(lines.filter((l) => l.includes("-.->|error|"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("==>|cross-pipeline|"))).toHaveLength(1);
  });
});
