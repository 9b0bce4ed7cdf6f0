/** Program of the embedded example: `pulumi up` in this folder. */
import * as pulumi from "@pulumi/pulumi";
import { embeddedStack } from "./stack";

const config = new pulumi.Config();
const stack = embeddedStack({ kubeContext: config.get("kubeContext"), connectPassword: config.getSecret("connectPassword") });

export const brokers = stack.brokers;
export const topics = stack.pipeline.topicNames;
export const releases = stack.pipeline.releaseNames;
export const connectors = stack.pipeline.connectorNames;
