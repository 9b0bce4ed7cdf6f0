/*
 * Writes what the direct baseline program (direct-program/) declares for a synthetic project: its topics (with the
 * partitions and replication the pipeline sets, 1 where it leaves them to the cluster), Helm releases (local chart
 * of charts/, the values KPOps passes) and connectors, each with the topics it reads or writes. Uses the built
 * package (sdk/dist) for the plan.
 */
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);

/** Plans `projectDir` and writes the baseline's resources to `file`. */
export function writeDirectResources(repo, projectDir, file, kafkaConnectUrl) {
  const { loadProject } = require(join(repo, "sdk/dist/pulumi/source"));
  const { planStack } = require(join(repo, "sdk/dist/pulumi/plan"));
  const project = loadProject({ projectDir, pipelinePaths: [projectDir] });
  const plan = planStack(project.pipelines);
  const steps = plan.pipelines.flatMap((p) => p.steps);
  const used = (step) => [...new Set([...step.topics.map((t) => t.name), ...step.topicDependencies])];
  const resources = {
    brokers: ["127.0.0.1:9"],
    kafkaConnectUrl,
    topics: plan.topics.map((t) => ({ name: t.name, partitions: t.partitions ?? 1, replicationFactor: t.replicationFactor ?? 1, configs: t.configs })),
    releases: steps
      .filter((s) => s.component.release)
      .map((s) => ({ ...s.component.release, chart: join(repo, "charts", s.component.release.chart.name), topics: used(s) })),
    connectors: steps.filter((s) => s.component.connector).map((s) => ({ ...s.component.connector, topics: used(s) })),
  };
  writeFileSync(file, JSON.stringify(resources));
  return resources.topics.length + resources.releases.length + resources.connectors.length;
}
