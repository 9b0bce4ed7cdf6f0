/**
 * The one seam between the pipeline components and the Schema Registry / Kafka Connect resources (the dynamic
 * providers in `./providers`). The components speak in flat connection settings ({@link ServiceConnectionArgs});
 * this module maps them onto the providers' `connection` / `credentials` inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { KafkaConnector, SchemaSubject } from "./providers";

/** How to reach an HTTP service (Schema Registry or Kafka Connect). Credentials become Pulumi secrets. */
export interface ServiceConnectionArgs {
  /** Base URL, e.g. `http://localhost:8083`. */
  readonly url: pulumi.Input<string>;
  /** HTTP basic-auth user; used together with `password`. @default undefined (no auth) */
  readonly username?: pulumi.Input<string>;
  /** HTTP basic-auth password; always stored as a secret. @default undefined */
  readonly password?: pulumi.Input<string>;
  /** Request timeout in seconds. @default 30 */
  readonly timeoutSeconds?: pulumi.Input<number>;
}

/** Inputs of a Kafka Connect connector, as the components give them. */
export interface KafkaConnectorInputs extends ServiceConnectionArgs {
  /** Connector name (`config.name`). */
  readonly connectorName: pulumi.Input<string>;
  /** Connector config, all values strings, as KPOps sends it. */
  readonly config: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `running` | `paused` | `stopped`; KPOps' initial state on create, pause/resume on update. @default undefined */
  readonly state?: pulumi.Input<"running" | "paused" | "stopped">;
}

/** Inputs of a Schema Registry subject, as the components give them. */
export interface SchemaSubjectInputs extends ServiceConnectionArgs {
  /** `<topic>-key` or `<topic>-value`. */
  readonly subject: pulumi.Input<string>;
  /** The schema text. */
  readonly schema: pulumi.Input<string>;
  /** `AVRO` | `JSON` | `PROTOBUF`. @default AVRO */
  readonly schemaType?: pulumi.Input<"AVRO" | "JSON" | "PROTOBUF">;
  /** Delete the subject from the registry when the resource is deleted (only `clean`). @default false */
  readonly deleteOnDestroy?: pulumi.Input<boolean>;
}

function split(inputs: ServiceConnectionArgs) {
  const connection = { url: inputs.url, timeoutSeconds: inputs.timeoutSeconds };
  const credentials =
    inputs.username === undefined || inputs.password === undefined
      ? undefined
      : { username: inputs.username, password: pulumi.secret(inputs.password) };
  return { connection, credentials };
}

/** Creates the Kafka Connect connector resource. */
export function newKafkaConnector(
  name: string,
  inputs: KafkaConnectorInputs,
  opts?: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
  const { connection, credentials } = split(inputs);
  return new KafkaConnector(
    name,
    { connectorName: inputs.connectorName, config: inputs.config, state: inputs.state, connection, credentials },
    opts,
  );
}

/** Creates the Schema Registry subject resource. */
export function newSchemaSubject(
  name: string,
  inputs: SchemaSubjectInputs,
  opts?: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
  const { connection, credentials } = split(inputs);
  return new SchemaSubject(
    name,
    {
      subject: inputs.subject,
      schema: inputs.schema,
      schemaType: inputs.schemaType,
      connection,
      credentials,
      deleteOnDestroy: inputs.deleteOnDestroy ?? false,
    },
    opts,
  );
}
