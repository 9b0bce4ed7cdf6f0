/**
 * The data flow of one or more enriched pipelines (`kpops graph`): steps, the topics they read and write, and the
 * edges between them. Topics are shared nodes, so a topic written in one pipeline and read in another joins the two
 * (a cross-pipeline edge). Built only from what the components say about their wiring; nothing is re-parsed.
 */
import type { PipelineComponent } from "../components/base/pipeline-component";
import type { Pipeline } from "../pipeline/pipeline";

/** A pipeline step in the lineage. */
export interface LineageStep {
  /** Unique in the lineage: `<pipeline>/<step name>`. */
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly pipeline: string;
}

/** A topic, or a topic pattern a step subscribes to. */
export interface LineageTopic {
  readonly name: string;
  /** `pattern` for a regular expression a step reads (`from.topics.<regex>: {type: pattern}`). */
  readonly kind: "topic" | "pattern";
}

/** How a step uses a topic: reads it, or writes it as output, error, or labeled output. */
export type LineageEdgeKind = "input" | "output" | "error" | "labeled";

/** An edge: topic -> step for reads, step -> topic for writes. */
export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: LineageEdgeKind;
  /** The label of a labeled topic. */
  readonly label?: string;
  /** True when the topic is written by a step of another pipeline than the one reading it. */
  readonly crossPipeline?: boolean;
}

export interface Lineage {
  readonly pipelines: readonly string[];
  readonly steps: readonly LineageStep[];
  readonly topics: readonly LineageTopic[];
  readonly edges: readonly LineageEdge[];
}

/** The lineage of the given pipelines, in their order; topic ids are `topic:<name>` or `pattern:<regex>`. */
export function buildLineage(pipelines: readonly Pipeline[]): Lineage {
  const steps: LineageStep[] = [];
  const topics = new Map<string, LineageTopic>();
  const reads: { step: LineageStep; topicId: string; label?: string }[] = [];
  const writes: LineageEdge[] = [];
  const writers = new Map<string, Set<string>>();
  const addTopic = (name: string, kind: LineageTopic["kind"]): string => {
    const id = `${kind}:${name}`;
    if (!topics.has(id)) topics.set(id, { name, kind });
    return id;
  };

  pipelines.forEach((pipeline, index) => {
    const pipelineName = pipeline.name ?? `pipeline-${index + 1}`;
    for (const component of pipeline.components) {
      const step: LineageStep = { id: `${pipelineName}/${component.name}`, name: component.name, type: component.type, pipeline: pipelineName };
      steps.push(step);
      for (const read of readsOf(component)) reads.push({ step, topicId: addTopic(read.name, read.kind), label: read.label });
      for (const write of writesOf(component)) {
        const topicId = addTopic(write.name, "topic");
        writes.push({ from: step.id, to: topicId, kind: write.kind, ...(write.label ? { label: write.label } : {}) });
        if (!writers.has(topicId)) writers.set(topicId, new Set());
        writers.get(topicId)?.add(pipelineName);
      }
    }
  });

  const edges: LineageEdge[] = [...writes];
  for (const { step, topicId, label } of reads) {
    const writtenBy = writers.get(topicId);
    const crossPipeline = writtenBy !== undefined && !writtenBy.has(step.pipeline);
    edges.push({ from: topicId, to: step.id, kind: "input", ...(label ? { label } : {}), ...(crossPipeline ? { crossPipeline } : {}) });
  }
  return {
    pipelines: [...new Set(steps.map((step) => step.pipeline))],
    steps,
    topics: [...topics.entries()].map(([, topic]) => topic),
    edges,
  };
}

interface TopicUse {
  readonly name: string;
  readonly label?: string;
}

function readsOf(component: PipelineComponent): (TopicUse & { kind: LineageTopic["kind"] })[] {
  const result: (TopicUse & { kind: LineageTopic["kind"] })[] = component.inputTopics.map((name) => ({ name, kind: "topic" as const }));
  for (const [label, names] of Object.entries(component.extraInputTopics)) {
    for (const name of names) result.push({ name, label, kind: "topic" });
  }
  for (const [name, topic] of Object.entries(component.from?.topics ?? {})) {
    if (topic.type === "pattern") result.push({ name, kind: "pattern", ...(topic.label ? { label: topic.label } : {}) });
  }
  return result;
}

function writesOf(component: PipelineComponent): (TopicUse & { kind: Exclude<LineageEdgeKind, "input"> })[] {
  return Object.entries(component.to?.topics ?? {}).map(([name, topic]) => {
    if (topic.type === "error") return { name, kind: "error" as const };
    if (topic.label) return { name, kind: "labeled" as const, label: topic.label };
    return { name, kind: "output" as const };
  });
}

/** The lineage as a Mermaid flowchart: one subgraph per pipeline, topics as cylinders, patterns as hexagons. */
export function lineageToMermaid(lineage: Lineage): string {
  const ids = new Map<string, string>();
  const nodeId = (key: string, prefix: string): string => {
    let id = ids.get(key);
    if (!id) {
      id = `${prefix}${ids.size}`;
      ids.set(key, id);
    }
    return id;
  };
  const lines = ["flowchart LR"];
  for (const pipeline of lineage.pipelines) {
    lines.push(`  subgraph ${nodeId(`pipeline:${pipeline}`, "p")}["${escapeLabel(pipeline)}"]`);
    for (const step of lineage.steps.filter((s) => s.pipeline === pipeline)) {
      lines.push(`    ${nodeId(step.id, "s")}["${escapeLabel(step.name)}<br/><small>${escapeLabel(step.type)}</small>"]`);
    }
    lines.push("  end");
  }
  for (const topic of lineage.topics) {
    const key = `${topic.kind}:${topic.name}`;
    const shape = topic.kind === "pattern" ? [`{{"`, `"}}`] : [`[("`, `")]`];
    lines.push(`  ${nodeId(key, "t")}${shape[0]}${escapeLabel(topic.name)}${shape[1]}`);
  }
  for (const edge of lineage.edges) {
    const text = [edge.kind === "error" ? "error" : undefined, edge.label, edge.crossPipeline ? "cross-pipeline" : undefined].filter(Boolean).join(", ");
    const arrow = edge.kind === "error" ? "-.->" : edge.crossPipeline ? "==>" : "-->";
    lines.push(`  ${ids.get(edge.from)} ${arrow}${text ? `|${escapeLabel(text)}|` : ""} ${ids.get(edge.to)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Mermaid labels are quoted; quotes and angle brackets become HTML entities. */
function escapeLabel(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
