/**
 * Manifest plans -> Kubernetes objects, in plan order: each `helm-template` part rendered by the Helm engine
 * (all in one engine run), each `kafka-topic` part a Strimzi `KafkaTopic`. Keys are sorted at every level, as
 * KPOps prints them; {@link toManifestStream} makes the YAML stream (`---` before each document).
 */
import { KpopsError } from "../../core/errors";
import { toYaml } from "../../core/generate/yaml-output";
import type { StrimziTopicPlan } from "../../core/plan/types";
import type { HelmRenderer, KubernetesObject } from "./engine";
import { helmTemplateOptions, type HelmTemplateOptions } from "./helm-template";
import type { StepManifestPlan } from "./plan";

/** The Strimzi `KafkaTopic` resource of a topic plan. */
export function strimziKafkaTopic(topic: StrimziTopicPlan): KubernetesObject {
  return {
    apiVersion: "kafka.strimzi.io/v1beta2",
    kind: "KafkaTopic",
    metadata: { name: topic.name, labels: { ...topic.labels }, ...(topic.namespace !== undefined ? { namespace: topic.namespace } : {}) },
    spec: { partitions: topic.partitions, replicas: topic.replicas, config: { ...topic.config } },
  };
}

/** A deep copy of `value` with the keys of every mapping sorted (by code point, as Python sorts strings). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The objects the plans stand for, in order; the charts are rendered by `render` in one call. */
export async function renderManifests(plans: readonly StepManifestPlan[], render: HelmRenderer, cwd: string = process.cwd()): Promise<KubernetesObject[]> {
  const requests: HelmTemplateOptions[] = [];
  const owners: StepManifestPlan[] = [];
  for (const plan of plans) {
    for (const part of plan.parts) {
      if (part.kind !== "helm-template") continue;
      requests.push(helmTemplateOptions(part.release, part.annotations, cwd));
      owners.push(plan);
    }
  }
  let rendered: KubernetesObject[][];
  try {
    rendered = await render(requests);
  } catch (error) {
    const release = /^release '([^']+)'/.exec((error as Error).message)?.[1];
    const owner = release === undefined ? undefined : owners[requests.findIndex((r) => r.release_name === release)];
    if (owner && error instanceof KpopsError) throw new KpopsError(error.detail, { file: owner.file, step: owner.step });
    throw error;
  }
  const objects: KubernetesObject[] = [];
  let next = 0;
  for (const plan of plans) {
    for (const part of plan.parts) {
      if (part.kind === "helm-template") objects.push(...rendered[next++]);
      else objects.push(strimziKafkaTopic(part.topic));
    }
  }
  return objects.map((object) => sortKeys(object) as KubernetesObject);
}

/** The YAML stream of `objects`: one document per object, each opened by `---`; empty for none. */
export function toManifestStream(objects: readonly KubernetesObject[]): string {
  return objects.map((object) => `---\n${toYaml(object)}\n`).join("");
}
