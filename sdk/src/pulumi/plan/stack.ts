/**
 * The plan of a stack: the component plans of every enabled step of some pipelines (from the core components
 * themselves), combined so that each topic and subject has one resource, owned by the first step that declares it,
 * and each workload knows the topics and subjects of the stack it waits for. Pure: no Pulumi, no I/O.
 */
import { asKpopsError, KpopsError } from "../../core/errors";
import type { ComponentPlan, PlanOptions, SubjectPlan, TopicPlan } from "../../core/plan/types";
import type { LoadedPipeline } from "../source";

/** Which step a resource belongs to. */
export interface StepRef {
  readonly pipeline: string;
  /** The bare step name. */
  readonly step: string;
  /** prefix + name. */
  readonly fullName: string;
  /** The pipeline file, for messages. */
  readonly file?: string;
}

/** A topic of the stack: its plan, the step that owns the resource and every step that declares it. */
export interface StackTopic extends TopicPlan {
  readonly owner: StepRef;
  readonly declaredBy: readonly StepRef[];
}

/** A subject of the stack and the step that owns it. */
export interface StackSubject extends SubjectPlan {
  readonly owner: StepRef;
}

/** One step: its component plan, what it owns in the stack and what its workload waits for. */
export interface StepPlan {
  readonly ref: StepRef;
  readonly component: ComponentPlan;
  /** Topics whose resource this step owns (it declares them first). */
  readonly topics: readonly StackTopic[];
  /** Subjects whose resource this step owns. */
  readonly subjects: readonly StackSubject[];
  /** Topics of the stack the release/connector waits for: those it reads and those it writes. */
  readonly topicDependencies: readonly string[];
  /** Subjects of the stack the release/connector waits for: those of the topics it writes. */
  readonly subjectDependencies: readonly string[];
}

export interface PipelinePlan {
  readonly name: string;
  readonly file?: string;
  readonly steps: readonly StepPlan[];
}

/** The plan of some pipelines deployed in one stack. */
export interface StackPlan {
  readonly pipelines: readonly PipelinePlan[];
  readonly topics: readonly StackTopic[];
  readonly subjects: readonly StackSubject[];
}

function differences(a: TopicPlan, b: TopicPlan): string[] {
  const diffs: string[] = [];
  const fields: Array<[keyof TopicPlan, string]> = [
    ["partitions", "partitions_count"],
    ["replicationFactor", "replication_factor"],
    ["keySchema", "key_schema"],
    ["valueSchema", "value_schema"],
  ];
  for (const [key, label] of fields) {
    if (a[key] !== undefined && b[key] !== undefined && a[key] !== b[key]) diffs.push(`${label} ${JSON.stringify(a[key])} vs ${JSON.stringify(b[key])}`);
  }
  const configs = (t: TopicPlan) => JSON.stringify(Object.entries(t.configs).sort());
  if (configs(a) !== configs(b)) diffs.push(`configs ${JSON.stringify(a.configs)} vs ${JSON.stringify(b.configs)}`);
  return diffs;
}

const describeRef = (ref: StepRef) => `"${ref.step}" (pipeline ${ref.pipeline})`;

/** Merges the declarations of one topic: unset partitions / replication / schemas come from a later declaration. */
function merged(declarations: ReadonlyArray<{ ref: StepRef; topic: TopicPlan }>): StackTopic {
  const first = <K extends keyof TopicPlan>(key: K) => declarations.map((d) => d.topic[key]).find((v) => v !== undefined);
  return {
    name: declarations[0].topic.name,
    partitions: first("partitions"),
    replicationFactor: first("replicationFactor"),
    configs: declarations[0].topic.configs,
    keySchema: first("keySchema"),
    valueSchema: first("valueSchema"),
    owner: declarations[0].ref,
    declaredBy: declarations.map((d) => d.ref),
  };
}

/**
 * Plans pipelines that share one stack. Each enabled component plans itself (`component.plan(options)`); a user
 * mistake found there is a {@link KpopsError} naming the file and step. Two steps declaring one topic with different
 * partitions, replication, schemas or configs, and two steps with the same full name, are errors naming both.
 */
export function planStack(pipelines: readonly LoadedPipeline[], options: PlanOptions = {}): StackPlan {
  const seenPipelines = new Set<string>();
  const declared = new Map<string, Array<{ ref: StepRef; topic: TopicPlan }>>();
  const fullNames = new Map<string, StepRef>();
  const prepared = pipelines.map((pipeline) => {
    if (seenPipelines.has(pipeline.name)) throw new KpopsError(`pipeline "${pipeline.name}" is given twice`, { file: pipeline.file });
    seenPipelines.add(pipeline.name);
    const steps = pipeline.components
      .filter((component) => component.enabled)
      .map((component) => {
        const ref: StepRef = { pipeline: pipeline.name, step: component.name, fullName: component.fullName, file: pipeline.file };
        let plan: ComponentPlan;
        try {
          plan = component.plan(options);
        } catch (error) {
          throw asKpopsError(error, { file: pipeline.file, step: component.name });
        }
        const earlier = fullNames.get(ref.fullName);
        if (earlier !== undefined) {
          throw new KpopsError(
            `steps ${describeRef(earlier)} and ${describeRef(ref)} have the same full name "${ref.fullName}" (prefix + name), which names their resources in the stack`,
            { file: ref.file, step: ref.step, field: "name" },
          );
        }
        fullNames.set(ref.fullName, ref);
        for (const topic of plan.topics) {
          const list = declared.get(topic.name);
          if (list === undefined) {
            declared.set(topic.name, [{ ref, topic }]);
            continue;
          }
          for (const earlierDeclaration of list) {
            const diffs = differences(earlierDeclaration.topic, topic);
            if (diffs.length > 0) {
              throw new KpopsError(
                `topic "${topic.name}" is declared by steps ${describeRef(earlierDeclaration.ref)} and ${describeRef(ref)} with different settings: ${diffs.join("; ")}`,
                { file: ref.file, step: ref.step, field: `to.topics.${topic.name}` },
              );
            }
          }
          list.push({ ref, topic });
        }
        return { ref, plan };
      });
    return { pipeline, steps };
  });

  const topics = [...declared.values()].map(merged);
  const topicNames = new Set(topics.map((t) => t.name));
  const owns = (ref: StepRef, owner: StepRef) => ref.pipeline === owner.pipeline && ref.step === owner.step;
  const subjects: StackSubject[] = [];
  const seenSubjects = new Set<string>();
  for (const { steps } of prepared) {
    for (const { plan } of steps) {
      for (const subject of plan.subjects) {
        const topic = topics.find((t) => t.name === subject.topic);
        if (topic === undefined || seenSubjects.has(subject.subject)) continue;
        seenSubjects.add(subject.subject);
        subjects.push({ ...subject, owner: topic.owner });
      }
    }
  }

  return {
    topics,
    subjects,
    pipelines: prepared.map(({ pipeline, steps }) => ({
      name: pipeline.name,
      file: pipeline.file,
      steps: steps.map(({ ref, plan }): StepPlan => {
        const writes = plan.topics.map((t) => t.name);
        return {
          ref,
          component: plan,
          topics: topics.filter((t) => owns(ref, t.owner)),
          subjects: subjects.filter((s) => owns(ref, s.owner)),
          topicDependencies: [...new Set([...plan.reads, ...writes])].filter((t) => topicNames.has(t)),
          subjectDependencies: subjects.filter((s) => writes.includes(s.topic)).map((s) => s.subject),
        };
      }),
    })),
  };
}
