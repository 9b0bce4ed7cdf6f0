/**
 * Where the components get their real resources from. Every resource the Pulumi layer creates goes through one
 * function of a {@link ResourceBackend}, so another backend can be swapped in (e.g. topics through a REST proxy
 * provider instead of @pulumi/kafka, or recording wrappers in tests).
 */
import * as kafka from "@pulumi/kafka";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BrokerConnection, BrokerDefaults, describeBrokerDefaults, listTopicNames } from "../../clients/kafka-admin";
import { ReleaseWorkloads, ReleaseWorkloadsArgs } from "../providers/release-workloads";
import { KafkaConnectorInputs, SchemaSubjectInputs, newKafkaConnector, newSchemaSubject } from "../services";
import { TopicGuard, TopicGuardInputs } from "./topic-guard";

/** What a topic guard is given for partitions / replication the pipeline leaves to the cluster: nothing to compare. */
export const CLUSTER_DEFAULT = -1;

/** Inputs of one Kafka topic. */
export interface TopicInputs {
  /** The topic name, always explicit (never auto-named). */
  readonly name: string;
  /** Partitions: the pipeline's, or the cluster's `num.partitions`. */
  readonly partitions: pulumi.Input<number>;
  /** Replication factor: the pipeline's, or the cluster's `default.replication.factor`. */
  readonly replicationFactor: pulumi.Input<number>;
  readonly config: Record<string, string>;
}

/** Factories for every resource kind the components create. */
export interface ResourceBackend {
  topic(name: string, inputs: TopicInputs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource;
  topicGuard(name: string, inputs: TopicGuardInputs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource;
  schemaSubject(name: string, inputs: SchemaSubjectInputs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource;
  connector(name: string, inputs: KafkaConnectorInputs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource;
  release(name: string, inputs: k8s.helm.v3.ReleaseArgs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource;
  /**
   * The live workloads of a release compared with its manifest (drift shown by refresh, repaired by update).
   * Undefined: the release's workloads are not compared (e.g. a stand-in release in a test, with no cluster).
   */
  releaseWorkloads(name: string, inputs: ReleaseWorkloadsArgs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource | undefined;
  /** The cluster's topic defaults, for topics whose pipeline sets no partitions or replication (KPOps asks the cluster). */
  brokerDefaults(connection: BrokerConnection): Promise<BrokerDefaults>;
  /** The names of the topics the cluster has (a declared topic that exists is imported, not created). */
  topicNames(connection: BrokerConnection): Promise<ReadonlySet<string>>;
}

/** A topic as a `kafka.Topic` of @pulumi/kafka. */
export function kafkaTopic(name: string, inputs: TopicInputs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  return new kafka.Topic(
    name,
    { name: inputs.name, partitions: inputs.partitions, replicationFactor: inputs.replicationFactor, config: inputs.config },
    opts,
  );
}

/** The production backend: @pulumi/kafka topics, the topic guard, the service resources, Helm releases and their workloads. */
export const defaultBackend: ResourceBackend = {
  topic: kafkaTopic,
  topicGuard: (name, inputs, opts) => new TopicGuard(name, inputs, opts),
  schemaSubject: newSchemaSubject,
  connector: newKafkaConnector,
  release: (name, inputs, opts) => new k8s.helm.v3.Release(name, inputs, opts),
  releaseWorkloads: (name, inputs, opts) => new ReleaseWorkloads(name, inputs, opts),
  brokerDefaults: describeBrokerDefaults,
  topicNames: listTopicNames,
};

/** The default backend with some factories replaced. */
export function backendWith(overrides: Partial<ResourceBackend> = {}): ResourceBackend {
  return { ...defaultBackend, ...overrides };
}
