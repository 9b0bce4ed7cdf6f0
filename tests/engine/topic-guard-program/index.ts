/**
 * The word-count Pipeline on the real engine, with stand-ins for the resources whose services are not here (Helm
 * release, connector, and the topic unless config `brokers` names a Kafka broker): dynamic resources that behave
 * like them where it matters - the topic replaces itself delete-before-replace when its partitions shrink, as
 * @pulumi/kafka does - and record provider deletes in a file. Everything else (components, topic guards, aliases,
 * dependencies, options, and with `brokers` the real @pulumi/kafka topics) is real.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as os from "os";
import { DeploymentArgs, Pipeline, Project, ResourceBackend, loadProject } from "../../../sdk/src/pulumi";

const config = new pulumi.Config();
const deletions = config.require("deletionsFile");

const standInProvider: pulumi.dynamic.ResourceProvider = {
  async diff(_id: string, olds: any, news: any) {
    const replaces = typeof news.partitions === "number" && news.partitions < olds.partitions ? ["partitions"] : [];
    return { changes: JSON.stringify({ ...olds, __provider: 0 }) !== JSON.stringify({ ...news, __provider: 0 }), replaces, deleteBeforeReplace: true };
  },
  async create(inputs: any) {
    return { id: String(inputs.name ?? inputs.connectorName), outs: inputs };
  },
  async update(_id: string, _olds: any, news: any) {
    return { outs: news };
  },
  async delete(id: string, props: any) {
    require("fs").appendFileSync(props.deletions, `${id}\n`);
  },
};

class StandIn extends pulumi.dynamic.Resource {
  constructor(kind: string, name: string, inputs: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    super(standInProvider, name, { ...inputs, deletions }, opts, "test", kind);
  }
}

// The word-count example, loaded by the core. With `producerType`, a copy whose first step has another type
// (e.g. a built-in of another kind, as when a custom class is re-based on another built-in).
const producerType = config.get("producerType");
let projectDir = path.resolve(__dirname, "../../../examples/word-count");
if (producerType !== undefined) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-guard-project-"));
  fs.cpSync(projectDir, copy, { recursive: true });
  const file = path.join(copy, "pipelines/word-count/pipeline.yaml");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("type: producer-app", `type: ${producerType}`));
  projectDir = copy;
}
const loaded = loadProject({ projectDir, pipelinePaths: ["pipelines"] }).pipelines[0];
const producerTopics = loaded.components[0].to!.topics;
producerTopics["word-count-data-producer-topic"].partitions_count = config.requireNumber("partitions");
const removed = config.getBoolean("removed") ?? false;

const brokers = config.get("brokers");
const inProject = config.getBoolean("inProject") ?? false;
const source = { ...loaded, components: removed ? loaded.components.slice(1) : loaded.components };

const backend: Partial<ResourceBackend> = {
  release: (name, inputs, opts) => new StandIn("Release", name, { name: inputs.name, chart: inputs.chart, values: inputs.values }, opts),
  // a stand-in release installs nothing: there are no workloads to compare with a manifest
  releaseWorkloads: () => undefined,
  connector: (name, inputs, opts) => new StandIn("Connector", name, { connectorName: inputs.connectorName, config: inputs.config }, opts),
};
if (brokers === undefined) backend.topic = (name, inputs, opts) => new StandIn("Topic", name, { ...inputs }, opts);

const args: DeploymentArgs = {
  allowTopicReplacement: config.getBoolean("allowTopicReplacement") ?? false,
  allowTopicDeletion: config.getBoolean("allowTopicDeletion") ?? false,
  kafka: brokers === undefined ? undefined : { bootstrapServers: [brokers], tlsEnabled: false },
  backend,
};

// With `inProject`, the same pipeline inside a Project: its URNs must not change (aliases).
const deployed = inProject
  ? new Project("word-count", { ...args, pipelines: [source] })
  : new Pipeline("word-count", { ...args, pipeline: source });

export const topics = deployed.topicNames;
