/**
 * `KafkaConnector`: one Kafka Connect connector as a Pulumi resource (dynamic provider).
 *
 * Behaviour (see `kafka-connector-operations.ts`): create, or adopt an existing connector with the same name by
 * updating its config; config changes update in place (`PUT /connectors/{name}/config`); `state` pauses,
 * resumes or stops; delete removes the connector; refresh reads config and state back for drift. A new connector
 * name or Kafka Connect URL replaces the resource. `check` validates the config against the connector plugin, as
 * KPOps' dry run does, and only warns when Kafka Connect cannot be reached.
 *
 * Credentials: basic-auth `credentials` are taken as an input and always wrapped with `pulumi.secret`, and the
 * `credentials` output is listed in `additionalSecretOutputs`, so state holds them only encrypted and they never
 * show in plain text in previews or logs. They are kept in state (rather than read from the environment by the
 * provider) so that delete and refresh work from state alone, and so that an embedding program can pass
 * credentials that are outputs of other resources.
 *
 * Serialisation: Pulumi stores the provider object below as source text in each resource's state
 * (`__provider`) and runs that text for delete and refresh. The object is kept tiny: every method `require`s the
 * operations module from the installed `@kpops/pulumi` package and delegates to it, so fixes in the package take
 * effect at once, and no class, zod schema or undici is captured. The package must be resolvable from the Pulumi
 * program's directory (it is, for any program that imports it) and built (`npm run build`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { RebalanceRetryPolicy } from "../../clients/kafka-connect/client";
import type { ConnectorTargetState } from "../../clients/kafka-connect/model";

/** Module specifier of the operations, resolved at run time from the program's `node_modules`. */
const KAFKA_CONNECTOR_OPERATIONS = "@kpops/pulumi/dist/pulumi/providers/kafka-connector-operations";

/**
 * The dynamic provider of {@link KafkaConnector}. Exported so that tests and mock-based components can use or
 * replace it; one shared instance, because Pulumi caches the serialised text per provider object.
 */
export const kafkaConnectorProvider: pulumi.dynamic.ResourceProvider = {
  async check(olds, news) {
    return require(KAFKA_CONNECTOR_OPERATIONS).checkConnector(olds, news);
  },
  async diff(id, olds, news) {
    return require(KAFKA_CONNECTOR_OPERATIONS).diffConnector(id, olds, news);
  },
  async create(inputs) {
    return require(KAFKA_CONNECTOR_OPERATIONS).createConnector(inputs);
  },
  async read(id, props) {
    return require(KAFKA_CONNECTOR_OPERATIONS).readConnector(id, props);
  },
  async update(id, olds, news) {
    return require(KAFKA_CONNECTOR_OPERATIONS).updateConnector(id, olds, news);
  },
  async delete(id, props) {
    return require(KAFKA_CONNECTOR_OPERATIONS).deleteConnector(id, props);
  },
};

/** Where the connector's Kafka Connect cluster is. */
export interface KafkaConnectConnectionArgs {
  /** Kafka Connect REST URL (KPOps `kafka_connect.url`). Changing it replaces the connector (delete first). */
  readonly url: pulumi.Input<string>;
  /**
   * Seconds allowed for each request (KPOps `kafka_connect.timeout`).
   * @default 30
   */
  readonly timeoutSeconds?: pulumi.Input<number>;
  /**
   * Retries while Kafka Connect answers 409 (rebalance in progress).
   * @default {maxRetries: 6, initialDelayMs: 1000, maxDelayMs: 8000}
   */
  readonly rebalanceRetry?: pulumi.Input<RebalanceRetryPolicy>;
}

/** Basic-auth credentials of a service. Always stored as a Pulumi secret. */
export interface BasicAuthCredentialsArgs {
  readonly username: pulumi.Input<string>;
  readonly password: pulumi.Input<string>;
}

/** Arguments of {@link KafkaConnector}. */
export interface KafkaConnectorArgs {
  /** Connector name in Kafka Connect (KPOps: prefix + component name). Changing it replaces the connector. */
  readonly connectorName: pulumi.Input<string>;
  /**
   * Connector config with dotted keys; must contain `connector.class` (fully qualified). Values that are not
   * strings are serialised as KPOps does (JSON-encoded, lists comma-joined, nulls dropped). `name` is set to
   * `connectorName`; a different `name` is an error. Changes update in place.
   */
  readonly config: pulumi.Input<Record<string, pulumi.Input<string | number | boolean>>>;
  /**
   * Target state: `running` resumes, `paused` pauses, `stopped` stops; on create it is the initial state.
   * @default undefined (created running; afterwards the live state is left alone)
   */
  readonly state?: pulumi.Input<ConnectorTargetState>;
  /** The Kafka Connect cluster. */
  readonly connection: pulumi.Input<KafkaConnectConnectionArgs>;
  /**
   * Basic-auth credentials for Kafka Connect; wrapped as a secret.
   * @default undefined (no Authorization header)
   */
  readonly credentials?: pulumi.Input<BasicAuthCredentialsArgs>;
  /**
   * Validate the config against the connector plugin during `check` (preview and up). An unreachable Kafka
   * Connect only produces a warning.
   * @default true
   */
  readonly preflightChecks?: pulumi.Input<boolean>;
}

/** A Kafka Connect connector managed by Pulumi. */
export class KafkaConnector extends pulumi.dynamic.Resource {
  /** Connector name in Kafka Connect; also the resource id. */
  declare readonly connectorName: pulumi.Output<string>;
  /** Config as applied (strings, `name` included), or as read back by refresh. */
  declare readonly config: pulumi.Output<Record<string, string>>;
  /** Requested target state, if any. */
  declare readonly state: pulumi.Output<ConnectorTargetState | undefined>;
  /** Kafka Connect connection settings. */
  declare readonly connection: pulumi.Output<{ url: string; timeoutSeconds?: number }>;
  /** Basic-auth credentials (secret). */
  declare readonly credentials: pulumi.Output<{ username: string; password: string } | undefined>;
  /** Whether `check` validates against the plugin. */
  declare readonly preflightChecks: pulumi.Output<boolean | undefined>;
  /** `sink` or `source`, as Kafka Connect reports it. */
  declare readonly connectorType: pulumi.Output<string | undefined>;
  /** Live state at the last create, update or refresh: RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED… */
  declare readonly liveState: pulumi.Output<string | undefined>;

  constructor(name: string, args: KafkaConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      connectorName: args.connectorName,
      config: args.config,
      state: args.state,
      connection: args.connection,
      credentials: args.credentials === undefined ? undefined : pulumi.secret(args.credentials),
      preflightChecks: args.preflightChecks,
      connectorType: undefined,
      liveState: undefined,
    };
    const options = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["credentials"] });
    super(kafkaConnectorProvider, name, props, options, "kpops", "KafkaConnector");
  }
}
