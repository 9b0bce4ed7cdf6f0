/**
 * The word-count example as Projects, on the real engine, with stand-ins for topics, releases and connectors
 * (dynamic resources that record their inputs; no broker, no cluster). Stack config:
 * - `sdk`: the SDK sources to build with (default: this checkout's), e.g. an older version's, to make a stack the
 *   way older code did;
 * - `environments`: KPOps environments, comma-separated; one Project per environment (`word-count-<env>`) in the one
 *   stack, else one Project `word-count`.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { standIns } from "../stand-ins";

const config = new pulumi.Config();
const sdk = config.get("sdk") ?? path.resolve(__dirname, "../../../sdk/src");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const layer = require(path.join(sdk, "pulumi"));

const backend = standIns(["topic", "release", "connector"]);

const projectDir = path.resolve(__dirname, "../../../examples/word-count");
const environments = config.get("environments")?.split(",");
const projects = (environments ?? [undefined]).map(
  (environment) =>
    new layer.Project(environment === undefined ? "word-count" : `word-count-${environment}`, {
      projectDir,
      pipelinePaths: ["pipelines"],
      environment,
      localChartsDir: path.resolve(__dirname, "../../../charts"),
      backend,
    }),
);

export const topics = pulumi.all(projects.map((p: any) => p.topicNames));
