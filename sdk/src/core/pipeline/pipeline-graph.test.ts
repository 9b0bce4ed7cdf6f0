/** Graph checks ported from KPOps' assertion-only tests, on the shared conformance corpus (read-only). */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "../config/load-config";
import { loadPipeline } from "./load-pipeline";

const PROJECT = resolve(__dirname, "../../../../../shared/conformance/project");
const GRAPHS = "tests/pipeline/resources/pipelines-with-graphs";
const describeIfCorpus = existsSync(PROJECT) ? describe : describe.skip;

function load(pipeline: string, environment?: string) {
  const config = loadConfig({ configDir: PROJECT, environment, env: {} });
  return loadPipeline(join(PROJECT, pipeline), { config, environment, env: {}, cwd: PROJECT });
}

describeIfCorpus("pipeline graph (KPOps pipelines-with-graphs fixtures)", () => {
  it("simple-pipeline: 3 nodes, 2 edges (error topics are not in the graph)", () => {
    const pipeline = load(`${GRAPHS}/simple-pipeline/pipeline.yaml`);
    expect(pipeline.graphNodes).toEqual(["app1", "topic-resources-pipelines-with-graphs-simple-pipeline-app1", "app2"]);
    expect(pipeline.graphEdges).toHaveLength(2);
  });

  it("simple-pipeline in production: app1 disabled leaves 1 node and 0 edges", () => {
    const pipeline = load(`${GRAPHS}/simple-pipeline/pipeline.yaml`, "production");
    expect(pipeline.graphNodes).toEqual(["app2"]);
    expect(pipeline.graphEdges).toEqual([]);
  });

  it("same-topic-and-component-name: component x and topic-x are distinct nodes", () => {
    const pipeline = load(`${GRAPHS}/same-topic-and-component-name/pipeline.yaml`);
    expect(pipeline.graphNodes).toEqual(["app2-processor", "topic-app2-processor"]);
    expect(pipeline.graphEdges).toEqual([["app2-processor", "topic-app2-processor"]]);
  });

  it("pipeline-with-loop is not a valid DAG", () => {
    expect(() => load("tests/pipeline/resources/pipeline-with-loop/pipeline.yaml")).toThrow("Pipeline is not a valid DAG.");
  });
});
