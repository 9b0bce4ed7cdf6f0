/**
 * A KPOps project (stack config `project`) with a private chart repository, a `values.secrets` entry and a connector
 * password, as a Project. Topics and the connector are real (the project's config.yaml names the broker and Kafka
 * Connect); Helm releases are real `helm.v3.Release`s when stack config `releases` is `real` (preview only: there is
 * no cluster), else stand-ins that store the release's inputs (chart, repository with its password, values).
 */
import * as pulumi from "@pulumi/pulumi";
import { Project } from "../../../sdk/src/pulumi";
import { StandIn } from "../stand-ins";

const config = new pulumi.Config();
const realReleases = config.get("releases") === "real";
const project = new Project("secrets", {
  projectDir: config.require("project"),
  pipelinePaths: ["pipelines"],
  backend: realReleases
    ? {}
    : {
        release: (name, inputs, opts) =>
          new StandIn("Release", name, { name: inputs.name, chart: inputs.chart, repositoryOpts: inputs.repositoryOpts, values: inputs.values }, opts),
      },
});

export const releases = project.releaseNames;
