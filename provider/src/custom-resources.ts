/**
 * The custom resources of the `kpops` plugin: one typed table from type token to the operations the TypeScript
 * package already has (`@kpops/pulumi` `pulumi/providers/*-operations`, `pulumi/resources/topic-guard`). Every
 * handler works on plain values; the provider ({@link ./provider}) unwraps and re-wraps secrets around it.
 */
import * as connector from "../../sdk/src/pulumi/providers/kafka-connector-operations";
import { KafkaConnector } from "../../sdk/src/pulumi/providers/kafka-connector";
import * as subject from "../../sdk/src/pulumi/providers/schema-subject-operations";
import { SchemaSubject } from "../../sdk/src/pulumi/providers/schema-subject";
import * as workloads from "../../sdk/src/pulumi/providers/release-workloads-operations";
import { ReleaseWorkloads } from "../../sdk/src/pulumi/providers/release-workloads";
import { TopicGuard, topicGuardOperations } from "../../sdk/src/pulumi/resources/topic-guard";
import { parseImportId } from "./import-id";
import type { PropertyPath } from "./secrets";

type Props = Record<string, unknown>;
/** What an operation returns: an object of output properties. */
type Outs = object;

/** The lifecycle of one custom resource type, over plain (revealed) values. */
export interface CustomResourceHandler {
  /** Outputs that are always secret, whether or not the input was. */
  readonly secretOutputs: readonly PropertyPath[];
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }>;
  create(inputs: Props): Promise<{ id: string; outs: Outs }>;
  /** Refresh (with the state as `props`) and import (with empty `props`; the id is the import id). */
  read(id: string, props: Props): Promise<{ id: string; props?: Outs; inputs?: Outs }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Outs }>;
  delete(id: string, props: Props): Promise<void>;
}

const isImport = (props: Props) => Object.keys(props).length === 0;

const kafkaConnector: CustomResourceHandler = {
  secretOutputs: [["credentials"]],
  check: (olds, news) => connector.checkConnector(olds, news),
  diff: (id, olds, news) => connector.diffConnector(id, olds, news),
  create: (inputs) => connector.createConnector(inputs as never),
  async read(id, props) {
    if (!isImport(props)) {
      return connector.readConnector(id, props as never);
    }
    const { url, name } = parseImportId(id, "connectors", "http://localhost:8083/connectors/my-sink");
    const read = await connector.readConnector(name, { connectorName: name, connection: { url } } as never);
    if (!read.inputs) {
      return { id: "" };
    }
    const inputs = connector.normaliseConnectorInputs(read.inputs as never).inputs;
    return { id: name, props: { ...read.props, ...inputs }, inputs };
  },
  update: (id, olds, news) => connector.updateConnector(id, olds as never, news as never),
  delete: (id, props) => connector.deleteConnector(id, props as never),
};

const schemaSubject: CustomResourceHandler = {
  secretOutputs: [["credentials"]],
  check: (olds, news) => subject.checkSubject(olds, news),
  diff: (id, olds, news) => subject.diffSubject(id, olds, news),
  create: (inputs) => subject.createSubject(inputs as never),
  async read(id, props) {
    if (!isImport(props)) {
      return subject.readSubject(id, props as never);
    }
    const { url, name } = parseImportId(id, "subjects", "http://localhost:8081/subjects/my-topic-value");
    const read = await subject.readSubject(name, { subject: name, connection: { url } } as never);
    if (!read.inputs) {
      return { id: "" };
    }
    const inputs = subject.normaliseSubjectInputs(read.inputs as never).inputs;
    return { id: name, props: { ...read.props, ...inputs }, inputs };
  },
  update: (id, olds, news) => subject.updateSubject(id, olds as never, news as never),
  delete: (id, props) => subject.deleteSubject(id, props as never),
};

const topicGuard: CustomResourceHandler = {
  secretOutputs: [],
  check: (olds, news) => topicGuardOperations.check(olds, news),
  diff: (_id, olds, news) => topicGuardOperations.diff(olds, news),
  create: (inputs) => topicGuardOperations.create(inputs),
  // A guard holds no outside state: what was stored is what there is.
  read: async (id, props) => ({ id, props, inputs: props }),
  update: (_id, _olds, news) => topicGuardOperations.update(news),
  delete: async () => undefined,
};

const releaseWorkloads: CustomResourceHandler = {
  secretOutputs: [["kubeconfig"]],
  check: (olds, news) => workloads.checkReleaseWorkloads(olds, news),
  diff: (id, olds, news) => workloads.diffReleaseWorkloads(id, olds, news),
  create: (inputs) => workloads.createReleaseWorkloads(inputs),
  read: (id, props) => workloads.readReleaseWorkloads(id, props),
  update: (id, olds, news) => workloads.updateReleaseWorkloads(id, olds, news),
  delete: () => workloads.deleteReleaseWorkloads(),
};

/** Type token -> handler, for every custom resource the plugin serves. */
export const customResources: Readonly<Record<string, CustomResourceHandler>> = {
  [KafkaConnector.__pulumiType]: kafkaConnector,
  [SchemaSubject.__pulumiType]: schemaSubject,
  [ReleaseWorkloads.__pulumiType]: releaseWorkloads,
  [TopicGuard.__pulumiType]: topicGuard,
};
