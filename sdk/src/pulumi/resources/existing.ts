/**
 * What of a stack's plan exists in the services already: the topics on the brokers. A declared topic that exists
 * is imported (taken over) instead of created, so the everyday KPOps cycle works with no option: `destroy` keeps
 * topics, and the next `up` of the pipeline, in the same stack or a new one, imports what was kept and brings it to
 * what the pipeline declares. KPOps does the same: its deploy updates a topic that exists. (Subjects and connectors
 * need no import: their resources' create takes an existing one over.) Asked once per stack, before any topic
 * resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";

/** Names of the planned topics that exist in the services. */
export interface ExistingObjects {
  readonly topics: ReadonlySet<string>;
}

/**
 * The value of an input once it is known, or `undefined` when the engine leaves it unknown (a preview whose
 * connection settings are outputs of resources not created yet): then nothing can be asked, and nothing is imported.
 */
export function knownValue<T>(input: pulumi.Input<T>): Promise<T | undefined> {
  const output = pulumi.output(input) as unknown as { isKnown: Promise<boolean>; promise(): Promise<T> };
  return Promise.all([output.isKnown, output.promise()]).then(([known, value]) => (known ? value : undefined));
}

/**
 * Asks `list` for the names that exist and keeps those in `planned`; when the service cannot be asked, says so
 * once as a warning and assumes none exists (a create then fails with the service's own error if one did).
 */
export async function existingAmong(
  what: string,
  planned: readonly string[],
  list: () => Promise<ReadonlySet<string> | undefined>,
): Promise<ReadonlySet<string>> {
  if (planned.length === 0) return new Set();
  try {
    const found = await list();
    return new Set(planned.filter((name) => found?.has(name) === true));
  } catch (error) {
    pulumi.log.warn(`kpops: cannot tell which ${what} exist already (${(error as Error).message}); existing ones are not imported`);
    return new Set();
  }
}
