/**
 * What the kpops plugin does for a `SchemaSubject` (`provider/src/custom-resources.ts`), as plain exported
 * functions over plain objects. Stacks made before the plugin hold serialised dynamic providers that `require`
 * this module from the installed package too, so it keeps its path and exports.
 *
 * Semantics follow KPOps' schema handler: register (idempotent when the same schema is already there), check
 * compatibility with the latest version before registering a new one, and in preview check the compatibility of
 * an existing subject. A subject holds data: it is deleted only when `deleteOnDestroy` says so.
 */
import { SchemaRegistryClient, SchemaRegistryConnection } from "../../clients/schema-registry/client";
import { IncompatibleSchemaError } from "../../clients/schema-registry/errors";
import { SCHEMA_TYPES, SchemaDefinition, SchemaReference, SchemaType } from "../../clients/schema-registry/model";
import {
  BasicAuthCredentials,
  CheckFailure,
  CheckResult,
  ProviderLogger,
  UNKNOWN_VALUE,
  normaliseConnectionInput,
  sameValue,
  stderrLogger,
  withPreflightCheck,
} from "./provider-support";

/** Connection inputs of a subject resource. Credentials travel separately, as a secret. */
export interface SchemaRegistryConnectionInputs {
  readonly url: string;
  /** @default 30 */
  readonly timeoutSeconds?: number;
}

/** Inputs of the subject resource after `check` (defaults filled in). */
export interface SchemaSubjectInputs {
  readonly subject: string;
  readonly schema: string;
  readonly schemaType: SchemaType;
  readonly references: readonly SchemaReference[];
  readonly connection: SchemaRegistryConnectionInputs;
  readonly credentials?: BasicAuthCredentials;
  readonly deleteOnDestroy: boolean;
  readonly permanentDelete: boolean;
  readonly preflightChecks: boolean;
}

/** State of the subject resource: the inputs plus the registered id and version. */
export interface SchemaSubjectOutputs extends SchemaSubjectInputs {
  /** Global id of the schema in the registry. */
  readonly schemaId?: number;
  /** Version of the schema within the subject. */
  readonly version?: number;
}

/** Builds the client for a connection; tests pass their own. */
export type SchemaRegistryClientFactory = (connection: SchemaRegistryConnection) => SchemaRegistryClient;

/** The factory used by the provider: a real client over undici. */
export const defaultSchemaRegistryClientFactory: SchemaRegistryClientFactory = (connection) => new SchemaRegistryClient(connection);

/** Result of {@link validateSubjectForPreview}. */
export interface SubjectPreviewReport {
  /** Whether the subject exists already. */
  readonly exists: boolean;
  /** Whether exactly this schema is registered under the subject already (nothing would change). */
  readonly registered: boolean;
  /** Whether the schema may be registered: true for a new subject or a registered schema. */
  readonly isCompatible: boolean;
  /** The registry's reasons when it is not compatible. */
  readonly messages: readonly string[];
}

function clientFor(inputs: Pick<SchemaSubjectInputs, "connection" | "credentials">, factory: SchemaRegistryClientFactory): SchemaRegistryClient {
  return factory({
    url: inputs.connection.url,
    timeoutSeconds: inputs.connection.timeoutSeconds,
    username: inputs.credentials?.username,
    password: inputs.credentials?.password,
  });
}

function definitionOf(inputs: SchemaSubjectInputs): SchemaDefinition {
  return { schema: inputs.schema, schemaType: inputs.schemaType, references: inputs.references };
}

/** Offline validation and defaults of subject inputs (no service call). */
export function normaliseSubjectInputs(news: Record<string, unknown>): CheckResult {
  const failures: CheckFailure[] = [];
  const subject = news.subject;
  const label = typeof subject === "string" ? `subject "${subject}"` : "subject";
  if (subject !== UNKNOWN_VALUE && (typeof subject !== "string" || subject.trim() === "")) {
    failures.push({ property: "subject", reason: "subject must be a non-empty string" });
  }
  if (news.schema !== UNKNOWN_VALUE && (typeof news.schema !== "string" || news.schema.trim() === "")) {
    failures.push({ property: "schema", reason: `${label}: schema must be a non-empty string` });
  }
  const schemaType = news.schemaType ?? "AVRO";
  if (schemaType !== UNKNOWN_VALUE && !SCHEMA_TYPES.includes(schemaType as SchemaType)) {
    failures.push({ property: "schemaType", reason: `${label}: schemaType must be one of ${SCHEMA_TYPES.join(", ")}, got "${String(schemaType)}"` });
  }
  const connection = normaliseConnectionInput(news.connection, `${label}: connection.url (the Schema Registry URL) is required`, failures);
  const inputs = {
    ...news,
    schemaType,
    references: news.references ?? [],
    connection,
    deleteOnDestroy: news.deleteOnDestroy ?? false,
    permanentDelete: news.permanentDelete ?? false,
    preflightChecks: news.preflightChecks ?? true,
  };
  return { inputs, failures };
}

/**
 * The check KPOps makes in a dry run: if the subject exists and this schema is not registered yet, is it
 * compatible with the latest version? Throws when the registry cannot be reached; callers decide.
 */
export async function validateSubjectForPreview(
  inputs: SchemaSubjectInputs,
  clientFactory: SchemaRegistryClientFactory = defaultSchemaRegistryClientFactory,
): Promise<SubjectPreviewReport> {
  const client = clientFor(inputs, clientFactory);
  const versions = await client.listVersions(inputs.subject);
  if (versions.length === 0) {
    return { exists: false, registered: false, isCompatible: true, messages: [] };
  }
  if (await client.lookup(inputs.subject, definitionOf(inputs))) {
    return { exists: true, registered: true, isCompatible: true, messages: [] };
  }
  const verdict = await client.checkCompatibility(inputs.subject, definitionOf(inputs));
  return { exists: true, registered: false, isCompatible: verdict.isCompatible, messages: verdict.messages };
}

/**
 * `check`: defaults and offline validation, then (unless `preflightChecks` is false or inputs are still unknown)
 * the compatibility check of an existing subject. An unreachable registry earns a warning, not a failure.
 */
export async function checkSubject(
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
  clientFactory: SchemaRegistryClientFactory = defaultSchemaRegistryClientFactory,
  log: ProviderLogger = stderrLogger,
): Promise<CheckResult> {
  return withPreflightCheck<SchemaSubjectInputs>(
    normaliseSubjectInputs(news),
    async (typed) => {
      const report = await validateSubjectForPreview(typed, clientFactory);
      if (report.isCompatible) {
        return [];
      }
      return [{ property: "schema", reason: new IncompatibleSchemaError(typed.subject, report.messages).message }];
    },
    (typed, reason) => `Schema Registry not reachable, compatibility of subject "${typed.subject}" not checked: ${reason}`,
    log,
  );
}

/**
 * `diff`, offline and input-based. A new subject name replaces the resource (the old subject is kept unless
 * `deleteOnDestroy`). Schema, type and references update in place (a new version). A new registry URL also
 * updates in place: the schema is registered there and the old registry is left untouched, so no path loses data.
 */
export async function diffSubject(
  _id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<{ changes: boolean; replaces: string[] }> {
  const replaces = !sameValue(olds.subject, news.subject) && news.subject !== UNKNOWN_VALUE ? ["subject"] : [];
  const keys = ["subject", "schema", "schemaType", "references", "connection", "credentials", "deleteOnDestroy", "permanentDelete", "preflightChecks"];
  const changes = keys.some((key) => !sameValue(olds[key], news[key]));
  return { changes, replaces };
}

/**
 * Registers the schema unless exactly it is registered already; checks compatibility first, so an incompatible
 * schema fails with the registry's reasons and registers nothing.
 */
async function ensureRegistered(client: SchemaRegistryClient, inputs: SchemaSubjectInputs): Promise<{ schemaId: number; version: number }> {
  const definition = definitionOf(inputs);
  const found = await client.lookup(inputs.subject, definition);
  if (found) {
    return { schemaId: found.id, version: found.version };
  }
  const verdict = await client.checkCompatibility(inputs.subject, definition);
  if (!verdict.isCompatible) {
    throw new IncompatibleSchemaError(inputs.subject, verdict.messages);
  }
  const schemaId = await client.register(inputs.subject, definition);
  const registered = await client.lookup(inputs.subject, definition);
  return { schemaId, version: registered?.version ?? (await client.listVersions(inputs.subject)).slice(-1)[0] ?? 0 };
}

/** `create`: register the schema; adopt it when the same schema is already registered under the subject. */
export async function createSubject(
  inputs: SchemaSubjectInputs,
  clientFactory: SchemaRegistryClientFactory = defaultSchemaRegistryClientFactory,
): Promise<{ id: string; outs: SchemaSubjectOutputs }> {
  const registered = await ensureRegistered(clientFor(inputs, clientFactory), inputs);
  return { id: inputs.subject, outs: { ...inputs, ...registered } };
}

/**
 * `read` (refresh): the latest version of the subject. If the stored schema is still the latest, state keeps
 * the text as the user wrote it (the registry may store it normalised); otherwise the latest version becomes the
 * state, so the next update shows the drift. An empty id when the subject is gone.
 */
export async function readSubject(
  id: string,
  props: SchemaSubjectOutputs,
  clientFactory: SchemaRegistryClientFactory = defaultSchemaRegistryClientFactory,
): Promise<{ id: string; props?: SchemaSubjectOutputs; inputs?: SchemaSubjectInputs }> {
  const client = clientFor(props, clientFactory);
  const subject = props.subject ?? id;
  const latest = await client.getLatest(subject);
  if (!latest) {
    return { id: "" };
  }
  const { schemaId: _schemaId, version: _version, ...inputs } = props;
  const stored = props.schema ? await client.lookup(subject, definitionOf(props)) : undefined;
  if (stored && stored.version === latest.version) {
    return { id, props: { ...inputs, schemaId: latest.id, version: latest.version }, inputs };
  }
  const drifted: SchemaSubjectInputs = { ...inputs, subject, schema: latest.schema, schemaType: latest.schemaType, references: latest.references };
  return { id, props: { ...drifted, schemaId: latest.id, version: latest.version }, inputs: drifted };
}

/** `update`: register the new schema as a new version after a compatibility check (no-op if already registered). */
export async function updateSubject(
  _id: string,
  _olds: SchemaSubjectOutputs,
  news: SchemaSubjectInputs,
  clientFactory: SchemaRegistryClientFactory = defaultSchemaRegistryClientFactory,
): Promise<{ outs: SchemaSubjectOutputs }> {
  const registered = await ensureRegistered(clientFor(news, clientFactory), news);
  return { outs: { ...news, ...registered } };
}

/**
 * `delete`: a subject is data, so by default it is kept and the registry is not contacted. Only with
 * `deleteOnDestroy` it is deleted (soft; with `permanentDelete` also hard).
 */
export async function deleteSubject(
  id: string,
  props: SchemaSubjectOutputs,
  clientFactory: SchemaRegistryClientFactory = defaultSchemaRegistryClientFactory,
  log: ProviderLogger = stderrLogger,
): Promise<void> {
  const subject = props.subject ?? id;
  if (props.deleteOnDestroy !== true) {
    return;
  }
  const versions = await clientFor(props, clientFactory).deleteSubject(subject, { permanent: props.permanentDelete === true });
  if (versions.length === 0) {
    log(`subject "${subject}" does not exist in the Schema Registry; nothing to delete`);
  }
}
