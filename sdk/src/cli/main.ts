#!/usr/bin/env node
/**
 * The `kpops` command: a thin shell over the core (`generate`, `schema`, `init`) and the operations seam
 * (`deploy`, `destroy`, `reset`, `clean`). Errors are printed as one `Error: ...` line, exit code 1.
 */
import { loadConfig } from "../core/config/load-config";
import { isKpopsError, KpopsError } from "../core/errors";
import { generate, type FilterType } from "../core/generate/generate";
import { toYaml } from "../core/generate/yaml-output";
import { buildLineage, lineageToMermaid } from "../core/graph/lineage";
import { configSchema, defaultsSchema, pipelineSchema } from "../core/schema/json-schema";
import { formatOptions, parseArgs, type OptionSpec, type ParsedArgs } from "./args";
import { registryWithModule } from "../core/components/components-module";
import { initProject } from "./init-project";
import { operationHandler, OPERATION_MODES, OPERATIONS, type OperationMode, type OperationName } from "./operations";

export { KPOPS_VERSION } from "../core/version";
import { KPOPS_VERSION } from "../core/version";
export const PRODUCT_VERSION = "0.1.0";

const PIPELINE_OPTIONS: OptionSpec[] = [
  { name: "dotenv", kind: "value", repeatable: true, env: "KPOPS_DOTENV_PATH", metavar: "FILE", help: "Path to a .env file with KPOPS_* config settings; later files win." },
  { name: "config", kind: "value", env: "KPOPS_CONFIG_PATH", metavar: "DIR", defaultText: ".", help: "Directory of config.yaml (and config_<env>.yaml)." },
  { name: "steps", kind: "value", env: "KPOPS_PIPELINE_STEPS", metavar: "NAMES", help: "Comma-separated component names to filter the pipeline by." },
  { name: "filter-type", kind: "value", metavar: "[include|exclude]", defaultText: "include", help: "Keep (include) or drop (exclude) the --steps." },
  { name: "environment", kind: "value", env: "KPOPS_ENVIRONMENT", metavar: "ENV", help: "Environment: selects pipeline_<env>.yaml, defaults_<env>.yaml and config_<env>.yaml." },
  { name: "verbose", kind: "switch", help: "Enable verbose output." },
];

const OPERATION_OPTIONS: OptionSpec[] = [
  ...PIPELINE_OPTIONS,
  { name: "dry-run", kind: "switch", help: "Only show what would change (default); --execute applies it." },
  { name: "execute", kind: "switch", help: "Apply the changes (the opposite of --dry-run)." },
  { name: "parallel", kind: "switch", help: "EXPERIMENTAL: run independent components in parallel." },
  { name: "operation-mode", kind: "value", env: "KPOPS_OPERATION_MODE", metavar: "[argo|manifest|managed]", defaultText: "managed", help: "How the operation is carried out." },
];

const GRAPH_OPTIONS: OptionSpec[] = [
  ...PIPELINE_OPTIONS,
  { name: "format", kind: "value", metavar: "[mermaid|json]", defaultText: "mermaid", help: "Mermaid flowchart text, or the lineage as JSON." },
];

const SCHEMA_OPTIONS: OptionSpec[] = [
  { name: "config", kind: "value", env: "KPOPS_CONFIG_PATH", metavar: "DIR", defaultText: ".", help: "Directory of config.yaml (for components_module)." },
];

const INIT_OPTIONS: OptionSpec[] = [
  { name: "config-include-optional", kind: "switch", help: "Also write every optional config field with its default." },
];

const OPERATION_HELP: Record<OperationName, string> = {
  deploy: "Deploy pipeline steps: topics, schemas, Helm releases and connectors.",
  destroy: "Destroy pipeline steps: uninstall apps and delete connectors (topics and schemas are kept).",
  reset: "Reset pipeline steps: destroy, then run the cleanup jobs and reset connector offsets (output kept).",
  clean: "Clean pipeline steps: reset, then delete output topics and schemas as well.",
};

/** How managed mode (the default operation mode) works, for the operations' --help. */
const MANAGED_HELP = [
  "  Managed mode (the default) applies the operation with the Pulumi engine: each pipeline is one Pulumi stack",
  "  named <pipeline>.<environment> ('default' without --environment). --dry-run previews every change per step",
  "  and changes nothing; --execute applies it, with a line per step and a summary table at the end.",
  "  State: PULUMI_BACKEND_URL (any Pulumi backend), else the folder <config dir>/.kpops/state. Secrets in state",
  "  are encrypted with PULUMI_CONFIG_PASSPHRASE (or _FILE); for the local folder the default passphrase is",
  "  'kpops-local-state'. A run that was killed leaves a lock and pending operations: the next run removes the",
  "  stale lock, clears them and refreshes. Releases, connectors, subjects and topics that exist but are not in",
  "  the state (e.g. deployed by upstream KPOps) are imported. Subjects need a schema provider module:",
  "  KPOPS_SCHEMA_PROVIDER (relative to the config dir).",
  "",
  "  PIPELINE_PATHS: pipeline files and/or directories, as for generate [env var: KPOPS_PIPELINE_PATHS]",
].join("\n");

const MAIN_HELP = `Usage: kpops [OPTIONS] COMMAND [ARGS]...

  KPOps for Pulumi: deploy Kafka pipelines to Kubernetes (KPOps ${KPOPS_VERSION} compatible).

Options:
  -V, --version  Print the KPOps version and exit.
  --help         Show this message and exit.

Commands:
  init      Initialize a new KPOps project.
  generate  Generate the enriched pipeline from pipeline definitions.
  deploy    ${OPERATION_HELP.deploy}
  destroy   ${OPERATION_HELP.destroy}
  reset     ${OPERATION_HELP.reset}
  clean     ${OPERATION_HELP.clean}
  schema    Print a JSON schema of pipeline, defaults or config files.
  graph     Print the data flow of pipelines (steps, topics, cross-pipeline edges) as Mermaid or JSON.

Run 'kpops COMMAND --help' for the options of a command.
`;

function commandHelp(usage: string, description: string, options: readonly OptionSpec[]): string {
  return `Usage: kpops ${usage}\n\n  ${description}\n\nOptions:\n${formatOptions(options)}\n`;
}

const GENERATE_HELP = commandHelp(
  "generate [OPTIONS] PIPELINE_PATHS...",
  "Enrich pipelines with defaults, config and substitutions and print them as YAML.\n\n" +
    "  PIPELINE_PATHS: pipeline files and/or directories (searched for pipeline.yaml, sorted) [env var: KPOPS_PIPELINE_PATHS]",
  PIPELINE_OPTIONS,
);

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h") {
    process.stdout.write(MAIN_HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(`KPOps ${KPOPS_VERSION} (KPOps for Pulumi ${PRODUCT_VERSION})\n`);
    return 0;
  }
  switch (command) {
    case "generate":
      return runGenerate(rest, env);
    case "schema":
      return runSchema(rest, env);
    case "graph":
      return runGraph(rest, env);
    case "init":
      return runInit(rest, env);
    default:
      if ((OPERATIONS as readonly string[]).includes(command)) return runOperation(command as OperationName, rest, env);
      throw new KpopsError(`no such command '${command}'. Run 'kpops --help' for the list of commands.`);
  }
}

function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.at(-1);
}

function pipelinePaths(args: ParsedArgs, env: NodeJS.ProcessEnv): string[] {
  if (args.positionals.length > 0) return args.positionals;
  const fromEnv = env.KPOPS_PIPELINE_PATHS;
  if (fromEnv) return fromEnv.split(/\s+/).filter(Boolean);
  throw new KpopsError("missing argument 'PIPELINE_PATHS...'");
}

function filterType(args: ParsedArgs): FilterType {
  const value = (single(args, "filter-type") ?? "include").toLowerCase();
  if (value !== "include" && value !== "exclude") throw new KpopsError(`invalid value for '--filter-type': '${value}' is not one of 'include', 'exclude'`);
  return value;
}

function loadForPipelines(args: ParsedArgs, env: NodeJS.ProcessEnv) {
  const environment = single(args, "environment");
  const config = loadConfig({ configDir: single(args, "config") ?? ".", environment, dotenvFiles: args.values.get("dotenv") ?? [], env });
  const registry = registryWithModule(config.components_module);
  const steps = single(args, "steps")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const result = generate({ pipelinePaths: pipelinePaths(args, env), config, environment, registry, steps, filterType: filterType(args), env });
  for (const warning of result.warnings) process.stderr.write(`Warning: ${warning}\n`);
  if (args.switches.get("verbose") && steps) process.stderr.write(`Filtered pipeline: ${result.components.map((c) => c.name).join(", ")}\n`);
  return result;
}

async function runGenerate(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseArgs(argv, PIPELINE_OPTIONS, env);
  if (args.help) {
    process.stdout.write(GENERATE_HELP);
    return 0;
  }
  const result = loadForPipelines(args, env);
  // As in KPOps, no pipeline found means no output at all.
  if (result.pipelines.length > 0) process.stdout.write(toYaml(result.components));
  return 0;
}

const GRAPH_HELP = commandHelp(
  "graph [OPTIONS] PIPELINE_PATHS...",
  "Print the data flow of one or more pipelines: each step, the topics it reads and writes (error and labeled\n" +
    "  topics marked), topic patterns, and edges where one pipeline reads what another writes. Paste the Mermaid text\n" +
    "  into any Mermaid viewer (GitHub renders it in a ```mermaid block); --format json gives the same as data.\n\n" +
    "  PIPELINE_PATHS: pipeline files and/or directories, as for generate [env var: KPOPS_PIPELINE_PATHS]",
  GRAPH_OPTIONS,
);

async function runGraph(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseArgs(argv, GRAPH_OPTIONS, env);
  if (args.help) {
    process.stdout.write(GRAPH_HELP);
    return 0;
  }
  const format = (single(args, "format") ?? "mermaid").toLowerCase();
  if (format !== "mermaid" && format !== "json") throw new KpopsError(`invalid value for '--format': '${format}' is not one of 'mermaid', 'json'`);
  const lineage = buildLineage(loadForPipelines(args, env).pipelines);
  process.stdout.write(format === "json" ? `${JSON.stringify(lineage, null, 2)}\n` : lineageToMermaid(lineage));
  return 0;
}

/**
 * The pipelines with all their steps, for managed mode when `--steps` is given (undefined otherwise); a name in
 * `--steps` that no pipeline has is an error.
 */
function loadFullPipelines(args: ParsedArgs, env: NodeJS.ProcessEnv) {
  const steps = single(args, "steps")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (steps === undefined || steps.length === 0) return undefined;
  const environment = single(args, "environment");
  const config = loadConfig({ configDir: single(args, "config") ?? ".", environment, dotenvFiles: args.values.get("dotenv") ?? [], env });
  const registry = registryWithModule(config.components_module);
  const full = generate({ pipelinePaths: pipelinePaths(args, env), config, environment, registry, env });
  const known = new Set(full.pipelines.flatMap((p) => p.components.map((c) => c.name)));
  const unknown = steps.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new KpopsError(`unknown step${unknown.length > 1 ? "s" : ""} in --steps: ${unknown.join(", ")} (the pipelines have: ${[...known].join(", ")}); nothing was changed`);
  }
  return full.pipelines;
}

async function runOperation(operation: OperationName, argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseArgs(argv, OPERATION_OPTIONS, env);
  if (args.help) {
    process.stdout.write(commandHelp(`${operation} [OPTIONS] PIPELINE_PATHS...`, `${OPERATION_HELP[operation]}\n\n${MANAGED_HELP}`, OPERATION_OPTIONS));
    return 0;
  }
  const mode = (single(args, "operation-mode") ?? "managed").toLowerCase() as OperationMode;
  if (!OPERATION_MODES.includes(mode)) {
    throw new KpopsError(`invalid value for '--operation-mode': '${mode}' is not one of 'argo', 'manifest', 'managed'`);
  }
  const handler = operationHandler(operation, mode);
  if (!handler) {
    process.stderr.write(`Error: 'kpops ${operation}' is not available in operation mode '${mode}'.\n`);
    return 1;
  }
  const result = loadForPipelines(args, env);
  const full = mode === "managed" ? loadFullPipelines(args, env) : undefined;
  return handler({
    operation,
    pipelines: result.pipelines,
    fullPipelines: full,
    configDir: single(args, "config") ?? ".",
    config: result.config,
    environment: single(args, "environment"),
    dryRun: args.switches.get("execute") === true ? false : args.switches.get("dry-run") !== false,
    parallel: args.switches.get("parallel") === true,
    operationMode: mode,
    verbose: args.switches.get("verbose") === true,
    env,
  });
}

async function runSchema(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseArgs(argv, SCHEMA_OPTIONS, env);
  const help = commandHelp(
    "schema [OPTIONS] [pipeline|defaults|config]",
    "Print a JSON schema for pipeline*.yaml, defaults*.yaml or config*.yaml (for yaml-language-server).\n" +
      "  Custom component types from components_module (config.yaml or KPOPS_COMPONENTS_MODULE) are included.",
    SCHEMA_OPTIONS,
  );
  if (args.help) {
    process.stdout.write(help);
    return 0;
  }
  const scope = args.positionals[0];
  if (scope === "config") {
    process.stdout.write(`${JSON.stringify(configSchema(), null, 4)}\n`);
    return 0;
  }
  if (scope !== "pipeline" && scope !== "defaults") {
    throw new KpopsError(`invalid value for 'SCOPE': '${scope ?? ""}' is not one of 'pipeline', 'defaults', 'config'`);
  }
  const modulePath = componentsModuleFor(single(args, "config") ?? ".", env);
  const registry = registryWithModule(modulePath);
  const schema = scope === "pipeline" ? pipelineSchema(registry) : defaultsSchema(registry);
  process.stdout.write(`${JSON.stringify(schema, null, 4)}\n`);
  return 0;
}

/** `components_module` from the environment or config.yaml, without requiring a complete config. */
function componentsModuleFor(configDir: string, env: NodeJS.ProcessEnv): string | null {
  for (const [key, value] of Object.entries(env)) if (key.toUpperCase() === "KPOPS_COMPONENTS_MODULE" && value) return value;
  try {
    return loadConfig({ configDir, env: { ...env, KPOPS_KAFKA_BROKERS: env.KPOPS_KAFKA_BROKERS ?? "unused" } }).components_module;
  } catch {
    return null;
  }
}

async function runInit(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseArgs(argv, INIT_OPTIONS, env);
  if (args.help) {
    process.stdout.write(
      commandHelp(
        "init [OPTIONS] PATH",
        "Initialize a new KPOps project in PATH (empty or missing): config.yaml, pipeline.yaml and defaults.yaml.",
        INIT_OPTIONS,
      ),
    );
    return 0;
  }
  const path = args.positionals[0];
  if (!path) throw new KpopsError("missing argument 'PATH'");
  initProject(path, args.switches.get("config-include-optional") === true);
  return 0;
}

/** Prints an error as one line, without a stack trace. */
export function reportError(error: unknown): number {
  if (isKpopsError(error)) {
    process.stderr.write(`Error: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Error: ${message.split("\n")[0]}\n`);
    if (process.env.KPOPS_DEBUG) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
  }
  return 1;
}
