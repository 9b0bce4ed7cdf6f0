/**
 * The ready program of this repository (`Pulumi.yaml` points here): deploys the KPOps project named in stack
 * config (`kpops:project`, `kpops:config`, `kpops:environment`, ...; see sdk/src/pulumi/program-config.ts),
 * by default the bundled word-count example with the local charts, and exports what it created.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Project, projectArgsFromConfig } from "../sdk/src/pulumi";

const config = new pulumi.Config("kpops");
const args = projectArgsFromConfig(config, path.resolve(__dirname, ".."));
const project = new Project(config.get("name") ?? path.basename(args.projectDir ?? "kpops"), args);

export const topics = project.topicNames;
export const releases = project.releaseNames;
export const connectors = project.connectorNames;
