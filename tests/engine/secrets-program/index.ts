/**
 * A KPOps project (stack config `project`) with a private chart repository, a `values.secrets` entry and a connector
 * password, as a Project. Everything is real: topics and the connector on the broker and Kafka Connect the project's
 * config.yaml names, and the Helm releases as `helm.v3.Release`s, fetched from the private repository and installed
 * into the cluster of the kubeconfig at stack config `kubeconfig` (a path).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Project } from "../../../sdk/src/pulumi";

const config = new pulumi.Config();
const kubernetesProvider = new k8s.Provider("local-cluster", { kubeconfig: config.require("kubeconfig") });
const project = new Project("secrets", {
  projectDir: config.require("project"),
  pipelinePaths: ["pipelines"],
  kubernetesProvider,
});

export const releases = project.releaseNames;
