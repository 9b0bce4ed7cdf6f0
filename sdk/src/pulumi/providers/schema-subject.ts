/**
 * `SchemaSubject`: one Schema Registry subject (e.g. `<topic>-value`) and the schema registered under it, as a
 * Pulumi resource, `kpops:index:SchemaSubject`, served by the `kpops` provider plugin (`provider/`), which runs
 * the operations in `schema-subject-operations.ts`.
 *
 * Behaviour: create registers the schema, and is idempotent when the same schema is registered already; a schema
 * change registers a new version after a compatibility check, and an incompatible schema fails with the
 * registry's reasons; refresh reads the latest version for drift; `pulumi import` takes the subject's REST address
 * (`<Schema Registry URL>/subjects/<subject>`). A new subject name replaces the resource. `check` tests the
 * compatibility of an existing subject, as KPOps' dry run does, and only warns when the registry cannot be reached.
 *
 * Deletion: a subject is data. By default destroying or replacing the resource leaves the subject in the
 * registry; it is deleted only with `deleteOnDestroy: true` (soft delete; `permanentDelete: true` adds the hard
 * delete). KPOps deletes subjects only in `clean`.
 *
 * Credentials: as for `KafkaConnector`, basic-auth `credentials` are a secret input and a secret output
 * (encrypted in state, never plain in previews), kept in state so that delete and refresh work from state alone.
 *
 * Stacks made while this was a dynamic resource (`pulumi-nodejs:dynamic/kpops:SchemaSubject`) take it over in
 * place through an alias ({@link kpopsResourceOptions}).
 */
import * as pulumi from "@pulumi/pulumi";
import type { SchemaReference, SchemaType } from "../../clients/schema-registry/model";
import type { BasicAuthCredentialsArgs } from "./kafka-connector";
import { kpopsResourceOptions, kpopsToken } from "./package";

/** Where the Schema Registry is. */
export interface SchemaRegistryConnectionArgs {
  /**
   * Schema Registry URL (KPOps `schema_registry.url`). A change registers the schema at the new URL in place;
   * the old registry is left untouched.
   */
  readonly url: pulumi.Input<string>;
  /**
   * Seconds allowed for each request (KPOps `schema_registry.timeout`).
   * @default 30
   */
  readonly timeoutSeconds?: pulumi.Input<number>;
}

/** Arguments of {@link SchemaSubject}. */
export interface SchemaSubjectArgs {
  /** Subject name, usually `<topic>-key` or `<topic>-value`. Changing it replaces the resource. */
  readonly subject: pulumi.Input<string>;
  /** Schema text (Avro JSON, JSON Schema or Protobuf source). A change registers a new version. */
  readonly schema: pulumi.Input<string>;
  /** The schema language. @default "AVRO" */
  readonly schemaType?: pulumi.Input<SchemaType>;
  /** References to schemas under other subjects. @default [] */
  readonly references?: pulumi.Input<pulumi.Input<SchemaReference>[]>;
  /** The Schema Registry. */
  readonly connection: pulumi.Input<SchemaRegistryConnectionArgs>;
  /** Basic-auth credentials for the registry; wrapped as a secret. @default undefined */
  readonly credentials?: pulumi.Input<BasicAuthCredentialsArgs>;
  /**
   * Delete the subject when the resource is destroyed or replaced. Subjects are data; only `clean` should set it.
   * @default false
   */
  readonly deleteOnDestroy?: pulumi.Input<boolean>;
  /** With `deleteOnDestroy`, also delete permanently (hard delete after the soft delete). @default false */
  readonly permanentDelete?: pulumi.Input<boolean>;
  /**
   * Check compatibility with the existing subject during `check` (preview and up). An unreachable registry only
   * produces a warning.
   * @default true
   */
  readonly preflightChecks?: pulumi.Input<boolean>;
}

/** A Schema Registry subject with a registered schema, managed by Pulumi. */
export class SchemaSubject extends pulumi.CustomResource {
  /** The type token, `kpops:index:SchemaSubject`. */
  static readonly __pulumiType = kpopsToken("SchemaSubject");

  /** Subject name; also the resource id. */
  declare readonly subject: pulumi.Output<string>;
  /** Schema as registered (or the latest version found by refresh). */
  declare readonly schema: pulumi.Output<string>;
  /** The schema language. */
  declare readonly schemaType: pulumi.Output<SchemaType>;
  /** References to schemas under other subjects. */
  declare readonly references: pulumi.Output<SchemaReference[]>;
  /** The Schema Registry. */
  declare readonly connection: pulumi.Output<SchemaRegistryConnectionArgs>;
  /** Basic-auth credentials (secret). */
  declare readonly credentials: pulumi.Output<BasicAuthCredentialsArgs | undefined>;
  /** Whether the subject is deleted when the resource is destroyed or replaced. */
  declare readonly deleteOnDestroy: pulumi.Output<boolean>;
  /** Whether that delete is permanent. */
  declare readonly permanentDelete: pulumi.Output<boolean>;
  /** Whether `check` tests compatibility with the existing subject. */
  declare readonly preflightChecks: pulumi.Output<boolean>;
  /** Global id of the schema in the registry. */
  declare readonly schemaId: pulumi.Output<number>;
  /** Version of the schema within the subject. */
  declare readonly version: pulumi.Output<number>;

  constructor(name: string, args: SchemaSubjectArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      subject: args.subject,
      schema: args.schema,
      schemaType: args.schemaType,
      references: args.references,
      connection: args.connection,
      credentials: args.credentials === undefined ? undefined : pulumi.secret(args.credentials),
      deleteOnDestroy: args.deleteOnDestroy,
      permanentDelete: args.permanentDelete,
      preflightChecks: args.preflightChecks,
      schemaId: undefined,
      version: undefined,
    };
    super(SchemaSubject.__pulumiType, name, props, kpopsResourceOptions("SchemaSubject", opts, ["credentials"]));
  }
}
