/**
 * The ready program of this repository (`Pulumi.yaml` points here): deploys the KPOps project named in stack
 * config (`kpops:project`, `kpops:config`, `kpops:environment`, ...; see sdk/src/pulumi/program-config.ts),
 * by default the bundled word-count example with the local charts, and exports what it created, and its steps'
 * output topics (`stepOutputs`) for other stacks. With `kpops:stackReferences`, it first reads the steps other
 * stacks publish, so `from.components` keys `<reference>/<pipeline folder>/<step>` can name them.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Project, projectArgsFromConfig, readStackReferences, stackReferencesFromConfig } from "../sdk/src/pulumi";

const config = new pulumi.Config("kpops");
const args = projectArgsFromConfig(config, path.resolve(__dirname, ".."));
const name = config.get("name") ?? path.basename(args.projectDir ?? "kpops");

/** A mistake in what another stack publishes or in the reference: one clean message, no stack trace. */
function asRunError(error: unknown): never {
  if (error instanceof pulumi.ResourceError || error instanceof pulumi.RunError) throw error;
  throw new pulumi.RunError(`kpops: ${error instanceof Error ? error.message : String(error)}`);
}

const project: Project | Promise<Project> = (() => {
  let references: Record<string, string> | undefined;
  try {
    references = stackReferencesFromConfig(config);
  } catch (error) {
    asRunError(error);
  }
  if (references === undefined) return new Project(name, args);
  return readStackReferences(references)
    .then((externalSteps) => new Project(name, { ...args, externalSteps }))
    .catch(asRunError);
})();

const output = <T>(pick: (p: Project) => pulumi.Output<T>) => (project instanceof Project ? pick(project) : pulumi.output(project.then(pick)));

export const topics = output((p) => p.topicNames);
export const releases = output((p) => p.releaseNames);
export const connectors = output((p) => p.connectorNames);
export const stepOutputs = output((p) => p.stepOutputs);
