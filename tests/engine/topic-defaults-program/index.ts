/**
 * A KPOps project (stack config `project`) as a Project whose topics go through a kafka provider the program passes
 * in `opts.providers` (brokers: stack config `brokers`), while the project's config.yaml names brokers that do not
 * exist: the topics reach the real broker only if the provider of `opts.providers` wins. Releases are stand-ins.
 */
import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import { Project } from "../../../sdk/src/pulumi";
import { standIns } from "../stand-ins";

const config = new pulumi.Config();
const platform = new kafka.Provider("platform-kafka", { bootstrapServers: [config.require("brokers")], tlsEnabled: false });
const project = new Project(
  "defaults",
  { projectDir: config.require("project"), pipelinePaths: ["pipelines"], backend: standIns(["release"]) },
  { providers: [platform] },
);

export const topics = project.topicNames;
