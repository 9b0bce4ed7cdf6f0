/**
 * Stack names of the managed operations: one stack per pipeline and environment, derived from both so that every
 * run of `kpops deploy` for the same pipeline and environment finds the same stack, on any backend.
 */

/** The Pulumi project every managed stack belongs to (on the file backend: `organization/kpops/<stack>`). */
export const MANAGED_PROJECT = "kpops";

/** What is left when an environment is not given. */
export const NO_ENVIRONMENT = "default";

/** Characters a stack name may hold; every other one becomes `-`. */
function sanitize(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, "-");
}

/**
 * The stack of a pipeline in an environment: `<pipeline name>.<environment>` (`word-count.dev`), or
 * `<pipeline name>.default` without `--environment`. The dot separates the two, so `a-b` + none and `a` + `b` differ.
 */
export function stackName(pipelineName: string, environment?: string): string {
  return `${sanitize(pipelineName)}.${sanitize(environment ?? NO_ENVIRONMENT)}`;
}

/** The stack that holds a pipeline's cleanup-job releases while reset or clean runs them. */
export function cleanupStackName(stack: string): string {
  return `${stack}.cleanup`;
}
