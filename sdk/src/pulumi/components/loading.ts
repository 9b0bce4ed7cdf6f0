/**
 * What the root components (Project, Pipeline, a step built on its own) share before they create resources: KPOps
 * files loaded through the core, planned, and mistakes turned into one clean error of the component.
 */
import * as pulumi from "@pulumi/pulumi";
import type { KpopsConfig } from "../../core/config/load-config";
import { chartMirrorsFromEnv, parseChartMirrors } from "../../core/plan/chart-mirror";
import type { PlanOptions } from "../../core/plan/types";
import { StackPlan, planStack } from "../plan/stack";
import { LoadedPipeline, LoadedProject, loadProject } from "../source";
import type { DeploymentArgs, GenerateArgs } from "./args";
import type { BuildContext } from "./context";

/** What {@link assertComplete} waits for: a step component's `ready`. */
interface Completable {
  readonly ready: Promise<void>;
}

/**
 * Runs `work`, turning a user mistake (a KpopsError naming file, step and field) or any other error into one
 * `ResourceError` of `owner` without a stack trace, as `pulumi preview` shows it.
 */
export function asResourceError<T>(owner: pulumi.Resource, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof pulumi.ResourceError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new pulumi.ResourceError(`kpops: ${message}`, owner, true);
  }
}

/** The loaded pipelines and config given by args: directly, or by loading files through the core. */
export function loadSource(args: GenerateArgs & { pipelines?: readonly LoadedPipeline[]; paths?: string[] }): LoadedProject {
  if (args.pipelines !== undefined) return { pipelines: args.pipelines, config: configOf(args.pipelines) };
  if (args.paths === undefined || args.paths.length === 0) throw new Error("give a loaded pipeline or a pipeline path");
  return loadProject({
    pipelinePaths: args.paths,
    projectDir: args.projectDir,
    configDir: args.configDir,
    environment: args.environment,
    dotenvFiles: args.dotenvFiles,
    steps: args.steps,
    filterType: args.filterType,
    componentClasses: args.componentClasses,
    externalSteps: args.externalSteps,
  });
}

/** Shows the loader's warnings (deprecated types, disabled pipelines, ...) on `owner` in the engine's diagnostics. */
export function reportWarnings(owner: pulumi.Resource, source: LoadedProject): void {
  for (const warning of source.warnings ?? []) void pulumi.log.warn(`kpops: ${warning}`, owner);
}

/** The KPOps config loaded pipelines were enriched with (their components carry it). */
function configOf(pipelines: readonly LoadedPipeline[]): KpopsConfig {
  const component = pipelines.flatMap((p) => p.components)[0];
  return (component?.ctx.config ?? {}) as KpopsConfig;
}

/** Plan options from the args. */
export function planOptions(args: DeploymentArgs): PlanOptions {
  const baseDir = args.baseDir ?? process.cwd();
  const mirrors = args.chartMirrors;
  const chartMirrors =
    mirrors === undefined
      ? chartMirrorsFromEnv(process.env, baseDir)
      : parseChartMirrors(typeof mirrors === "string" ? mirrors : JSON.stringify(mirrors), baseDir, "chartMirrors");
  return { secretKeys: args.secretKeys ?? [], chartMirrors };
}

/** The stack plan of some pipelines, or a ResourceError of `owner`; also checks that schemas can be provided. */
export function planOrThrow(owner: pulumi.Resource, pipelines: readonly LoadedPipeline[], args: DeploymentArgs): StackPlan {
  return asResourceError(owner, () => {
    const plan = planStack(pipelines, planOptions(args));
    const subject = plan.subjects[0];
    if (subject !== undefined && args.schemaProvider === undefined) {
      const where = [subject.owner.file, `step '${subject.owner.step}'`, `field 'to.topics.${subject.topic}.${subject.role}_schema'`]
        .filter((part) => part !== undefined)
        .join(": ");
      throw new Error(
        `${where}: subject "${subject.subject}" needs a schema for "${subject.schemaClass}", but no schemaProvider is configured ` +
          `(args.schemaProvider or stack config kpops:schemaProvider)`,
      );
    }
    return plan;
  });
}

/**
 * Waits for `steps` to register their resources, then fails when a planned topic or subject was never created (it
 * would leave a dependency waiting forever).
 */
export async function assertComplete(owner: pulumi.Resource, context: BuildContext, steps: readonly Completable[]): Promise<void> {
  await Promise.all(steps.map((step) => step.ready));
  const missing = context.registry.unresolved();
  if (missing.length > 0) throw new pulumi.ResourceError(`kpops: planned but not created: ${missing.join(", ")}`, owner, true);
}

