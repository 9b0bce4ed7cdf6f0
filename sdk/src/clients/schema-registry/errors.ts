import { RequestDescription, ServiceResponseError } from "../http/errors";

/** Service name used in Schema Registry error messages. */
export const SCHEMA_REGISTRY = "Schema Registry";

/** The registry answered with an error status for a request about a subject. */
export class SchemaRegistryError extends ServiceResponseError {
  /** Subject concerned, when the request was about one. */
  readonly subject?: string;

  constructor(
    request: RequestDescription,
    status: number,
    details: { errorCode?: number; serviceMessage?: string; subject?: string; action?: string },
  ) {
    const context = [details.action, details.subject !== undefined ? `subject "${details.subject}"` : undefined]
      .filter((part) => part !== undefined)
      .join(" ");
    super(request, status, { ...details, context: context || undefined });
    this.subject = details.subject;
  }
}

/** A schema is not compatible with the latest version of its subject under the subject's compatibility level. */
export class IncompatibleSchemaError extends Error {
  readonly subject: string;
  /** The registry's reasons, if it gave any. */
  readonly messages: readonly string[];

  constructor(subject: string, messages: readonly string[]) {
    const reasons = messages.length > 0 ? `: ${messages.join("; ")}` : "";
    super(`[Schema Registry] schema for subject "${subject}" is not compatible with its latest version${reasons}`);
    this.name = new.target.name;
    this.subject = subject;
    this.messages = messages;
  }
}
