/**
 * Reading steps of pipelines another stack deploys (beyond upstream, KPOps issue #513, across stacks): the other
 * stack exports its Project's `stepOutputs` as the stack output {@link STEP_OUTPUTS}; this module reads it through
 * Pulumi stack references and hands the core plain data (`ExternalSteps`), so a `from.components` key
 * `<reference>/<pipeline folder>/<step>` reads that step's output topics. The core never sees Pulumi.
 *
 * The topics stay the other stack's: this stack neither creates nor waits for them (the other stack must have been
 * deployed with them first, which the reference's output shows).
 */
import * as pulumi from "@pulumi/pulumi";
import { KpopsError } from "../core/errors";
import { checkPublishedSteps, type ExternalSteps, type PublishedSteps } from "../core/pipeline/step-outputs";

/** The stack output a KPOps stack publishes its steps under (the ready program exports it). */
export const STEP_OUTPUTS = "stepOutputs";

/** Reference names as `from.components` keys use them: one path part, no `/`. */
const REFERENCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Checks stack references given as config or args: a mapping of reference name (the first part of a
 * `from.components` key) to a stack name (`organization/project/stack` on the file backend, `org/project/stack` on
 * Pulumi Cloud). `where` names the setting in errors.
 */
export function checkStackReferences(value: unknown, where: string): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new KpopsError(`${where} should map reference names to stack names, e.g. {"ingest": "organization/kpops/ingest-dev"}`);
  }
  const result: Record<string, string> = {};
  for (const [name, stack] of Object.entries(value)) {
    if (!REFERENCE_NAME.test(name)) throw new KpopsError(`${where}: reference name '${name}' should be one word (letters, digits, '_', '.', '-')`);
    if (typeof stack !== "string" || stack.trim() === "") throw new KpopsError(`${where}: reference '${name}' should name a stack`);
    result[name] = stack.trim();
  }
  return result;
}

/**
 * Reads the published steps of each referenced stack (a `pulumi.StackReference` per entry, named
 * `kpops-stack-<reference>`): waits for their {@link STEP_OUTPUTS} output and checks it. A stack that exports no
 * such output is a {@link KpopsError} naming the reference and the stack.
 */
export async function readStackReferences(
  references: Readonly<Record<string, string>>,
  opts?: pulumi.CustomResourceOptions,
): Promise<ExternalSteps> {
  const checked = checkStackReferences(references, "stack references");
  const entries = await Promise.all(
    Object.entries(checked).map(async ([name, stack]): Promise<[string, PublishedSteps]> => {
      const reference = new pulumi.StackReference(`kpops-stack-${name}`, { name: stack }, opts);
      const details = await reference.getOutputDetails(STEP_OUTPUTS);
      const where = `stack reference '${name}' (${stack})`;
      const value = details.value ?? details.secretValue;
      if (value === undefined) {
        throw new KpopsError(`${where}: the stack exports no '${STEP_OUTPUTS}' (is it a KPOps stack, deployed at least once?)`);
      }
      return [name, checkPublishedSteps(value, where)];
    }),
  );
  return Object.fromEntries(entries);
}
