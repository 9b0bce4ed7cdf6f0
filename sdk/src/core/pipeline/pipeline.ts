/**
 * A loaded pipeline: its components in order, indexed by id (the bare name, which must be unique), and the
 * graph of components and topics (`topic-<name>` nodes, edges input topic -> component -> output topic),
 * which must be acyclic.
 */
import type { PipelineComponent } from "../components/base/pipeline-component";
import { KpopsError } from "../errors";

export class Pipeline {
  private readonly index = new Map<string, PipelineComponent>();
  private readonly nodes = new Map<string, number>();
  private readonly edges: number[][] = [];
  private lastAdded?: PipelineComponent;
  /** Warnings found while loading (one line each, naming the file and the step), e.g. deprecated types. */
  readonly warnings: string[] = [];
  /**
   * Why the config leaves this pipeline out (`enabled_pipelines` / `disabled_pipelines`), or undefined when it is
   * enabled. A disabled pipeline has no components; deployers skip it altogether.
   */
  disabledBy?: string;

  /**
   * @param file the pipeline file this pipeline was loaded from (absolute)
   * @param name its `pipeline.name` (the file's folder below `pipeline_base_dir`, parts joined with `-`)
   */
  constructor(
    readonly file?: string,
    readonly name?: string,
  ) {}

  get components(): PipelineComponent[] {
    return [...this.index.values()];
  }

  get stepNames(): string[] {
    return this.components.map((c) => c.name);
  }

  /** The component added last (what the next step reads from when it has no `from`). */
  get last(): PipelineComponent | undefined {
    return this.lastAdded;
  }

  get size(): number {
    return this.index.size;
  }

  /** Adds a component; its id must be new. */
  add(component: PipelineComponent): void {
    if (this.index.has(component.id)) {
      throw new KpopsError(`Pipeline steps must have unique id, '${component.id}' already exists.`, { step: component.id, field: "name" });
    }
    this.index.set(component.id, component);
    this.lastAdded = component;
    const node = this.node(component.id);
    for (const topic of component.inputs) this.edges[this.node(`topic-${topic}`)].push(node);
    for (const topic of component.outputs) this.edges[node].push(this.node(`topic-${topic}`));
  }

  get(id: string): PipelineComponent | undefined {
    return this.index.get(id);
  }

  /** The component with id `id`, or the KPOps error "Component X not found". */
  getOrThrow(id: string): PipelineComponent {
    const component = this.index.get(id);
    if (!component) throw new KpopsError(`Component ${id} not found`);
    return component;
  }

  /** Keeps only the components for which `keep` is true (the graph is not changed). */
  filter(keep: (component: PipelineComponent) => boolean): void {
    for (const [id, component] of [...this.index]) if (!keep(component)) this.index.delete(id);
  }

  /** Node ids of the graph (components and `topic-<name>`), in insertion order. */
  get graphNodes(): string[] {
    return [...this.nodes.keys()];
  }

  /** Edges of the graph as [from, to] node ids. */
  get graphEdges(): [string, string][] {
    const names = this.graphNodes;
    const result: [string, string][] = [];
    this.edges.forEach((targets, from) => targets.forEach((to) => result.push([names[from], names[to]])));
    return result;
  }

  /** Throws "Pipeline is not a valid DAG." (naming the steps of one cycle) when the graph has a cycle. */
  validate(): void {
    const cycle = findCycle(this.edges);
    if (!cycle) return;
    const names = this.graphNodes;
    const path = [...cycle, cycle[0]].map((node) => names[node]);
    const firstStep = path.find((id) => this.index.has(id));
    throw new KpopsError(`Pipeline is not a valid DAG. Cycle: ${path.join(" -> ")}`, { step: firstStep });
  }

  private node(id: string): number {
    let index = this.nodes.get(id);
    if (index === undefined) {
      index = this.edges.length;
      this.nodes.set(id, index);
      this.edges.push([]);
    }
    return index;
  }
}

/**
 * Kahn's algorithm removes every node that is not on or behind a cycle; when nodes remain, following edges between
 * remaining nodes from any of them must run into a cycle, which is returned (node indices), else undefined.
 */
function findCycle(edges: readonly number[][]): number[] | undefined {
  const inDegree = new Array<number>(edges.length).fill(0);
  for (const targets of edges) for (const target of targets) inDegree[target]++;
  const queue: number[] = [];
  inDegree.forEach((degree, node) => {
    if (degree === 0) queue.push(node);
  });
  const removed = new Array<boolean>(edges.length).fill(false);
  for (let i = 0; i < queue.length; i++) {
    removed[queue[i]] = true;
    for (const target of edges[queue[i]]) if (--inDegree[target] === 0) queue.push(target);
  }
  if (queue.length === edges.length) return undefined;
  // every remaining node has a remaining predecessor: walk backwards until a node repeats
  const predecessors = new Map<number, number>();
  edges.forEach((targets, from) => {
    if (removed[from]) return;
    for (const to of targets) if (!removed[to] && !predecessors.has(to)) predecessors.set(to, from);
  });
  let node = removed.findIndex((isRemoved) => !isRemoved);
  const seen = new Map<number, number>();
  const walk: number[] = [];
  while (!seen.has(node)) {
    seen.set(node, walk.length);
    walk.push(node);
    node = predecessors.get(node) as number;
  }
  return walk.slice(seen.get(node)).reverse();
}
