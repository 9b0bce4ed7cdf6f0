/**
 * Stand-ins for engine-test programs: dynamic resources in place of the resources whose services a test does not
 * run (Helm releases without a cluster, connectors without Kafka Connect, topics without a broker). They store their
 * inputs and diff them as a whole; everything around them (components, guards, aliases, options) is real.
 */
import * as pulumi from "@pulumi/pulumi";

const standInProvider: pulumi.dynamic.ResourceProvider = {
  async diff(_id: string, olds: any, news: any) {
    return { changes: JSON.stringify({ ...olds, __provider: 0 }) !== JSON.stringify({ ...news, __provider: 0 }) };
  },
  async create(inputs: any) {
    return { id: String(inputs.name ?? inputs.connectorName), outs: inputs };
  },
  async update(_id: string, _olds: any, news: any) {
    return { outs: news };
  },
};

/** A dynamic resource of type `test:<kind>` holding `inputs`. */
export class StandIn extends pulumi.dynamic.Resource {
  constructor(kind: string, name: string, inputs: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    // a stand-in is served by the dynamic provider, never by the kafka or kubernetes provider the real one would use
    super(standInProvider, name, inputs, { ...opts, provider: undefined }, "test", kind);
  }
}

type Factory = (name: string, inputs: any, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** What stand-in brokers report as their topic defaults (`brokerDefaults` of the backend). */
export const STAND_IN_BROKER_DEFAULTS = { partitions: 3, replicationFactor: 3 };

/**
 * Backend factories (see `ResourceBackend`) that create stand-ins for the given kinds; with `topic`, the brokers'
 * defaults come from {@link STAND_IN_BROKER_DEFAULTS} too (there are no brokers to ask).
 */
export function standIns(kinds: ReadonlyArray<"topic" | "release" | "connector">): Record<string, any> {
  const factories: Record<string, Factory> = {
    topic: (name, inputs, opts) => new StandIn("Topic", name, { ...inputs }, opts),
    release: (name, inputs, opts) =>
      new StandIn("Release", name, { name: inputs.name, namespace: inputs.namespace, chart: inputs.chart, values: inputs.values }, opts),
    connector: (name, inputs, opts) => new StandIn("Connector", name, { connectorName: inputs.connectorName, config: inputs.config }, opts),
  };
  const backend: Record<string, unknown> = Object.fromEntries(kinds.map((kind) => [kind, factories[kind]]));
  // a stand-in release installs nothing: there are no workloads to compare with a manifest
  if (kinds.includes("release")) backend.releaseWorkloads = () => undefined;
  if (kinds.includes("topic")) backend.brokerDefaults = async () => STAND_IN_BROKER_DEFAULTS;
  return backend;
}
