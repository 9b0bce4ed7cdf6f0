/**
 * `KafkaConnector`: one Kafka Connect connector as a Pulumi resource, `kpops:index:KafkaConnector`, served by the
 * `kpops` provider plugin (`provider/`), which runs the operations in `kafka-connector-operations.ts`.
 *
 * Behaviour: create, or adopt an existing connector with the same name by updating its config; config changes
 * update in place (`PUT /connectors/{name}/config`); `state` pauses, resumes or stops; delete removes the
 * connector; refresh reads config and state back for drift; `pulumi import` takes the connector's REST address
 * (`<Kafka Connect URL>/connectors/<name>`). A new connector name or Kafka Connect URL replaces the resource.
 * `check` validates the config against the connector plugin, as KPOps' dry run does, and only warns when Kafka
 * Connect cannot be reached.
 *
 * Credentials: basic-auth `credentials` are taken as an input and always wrapped with `pulumi.secret`, and the
 * `credentials` output is listed in `additionalSecretOutputs`, so state holds them only encrypted and they never
 * show in plain text in previews or logs. They are kept in state so that delete and refresh work from state
 * alone, and so that an embedding program can pass credentials that are outputs of other resources.
 *
 * Stacks made while this was a dynamic resource (`pulumi-nodejs:dynamic/kpops:KafkaConnector`) take it over in
 * place through an alias ({@link kpopsResourceOptions}).
 */
import * as pulumi from "@pulumi/pulumi";
import type { RebalanceRetryPolicy } from "../../clients/kafka-connect/client";
import type { ConnectorTargetState } from "../../clients/kafka-connect/model";
import { kpopsResourceOptions, kpopsToken } from "./package";

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
  /** HTTP basic-auth user. */
  readonly username: pulumi.Input<string>;
  /** HTTP basic-auth password. */
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
export class KafkaConnector extends pulumi.CustomResource {
  /** The type token, `kpops:index:KafkaConnector`. */
  static readonly __pulumiType = kpopsToken("KafkaConnector");

  /** Connector name in Kafka Connect; also the resource id. */
  declare readonly connectorName: pulumi.Output<string>;
  /** Config as applied (strings, `name` included), or as read back by refresh. */
  declare readonly config: pulumi.Output<Record<string, string>>;
  /** Requested target state, if any. */
  declare readonly state: pulumi.Output<ConnectorTargetState | undefined>;
  /** Kafka Connect connection settings. */
  declare readonly connection: pulumi.Output<KafkaConnectConnectionArgs>;
  /** Basic-auth credentials (secret). */
  declare readonly credentials: pulumi.Output<BasicAuthCredentialsArgs | undefined>;
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
    super(KafkaConnector.__pulumiType, name, props, kpopsResourceOptions("KafkaConnector", opts, ["credentials"]));
  }
}
