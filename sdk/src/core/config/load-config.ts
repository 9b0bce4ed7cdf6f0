/**
 * Loading the KPOps configuration. Precedence, high to low:
 * 1. `KPOPS_*` environment variables (case-insensitive, `__` nests: `KPOPS_SCHEMA_REGISTRY__URL`);
 * 2. `<config dir>/config_<env>.yaml` deep-merged over `<config dir>/config.yaml` (either may be missing);
 * 3. the `--dotenv` files, in order, later files winning (their values feed only the config).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { KpopsError } from "../errors";
import { deepMerge, isMapping, type Mapping } from "../defaults/deep-merge";
import { dumpModel } from "../model/dump";
import { validateModel } from "../model/validate";
import { parseYaml, readTextFile } from "../util/yaml-file";
import { KpopsConfigModel } from "./config-model";
import { parseDotenv } from "./dotenv";

/** The validated configuration (keys as in `config.yaml`). */
export interface KpopsConfig {
  readonly pipeline_base_dir: string;
  readonly kafka_brokers: string;
  readonly topic_name_config: { readonly default_output_topic_name: string; readonly default_error_topic_name: string };
  readonly schema_registry: { readonly enabled: boolean; readonly url: string; readonly timeout: number };
  readonly kafka_rest: { readonly url: string; readonly timeout: number };
  readonly kafka_connect: { readonly url: string; readonly timeout: number };
  readonly create_namespace: boolean;
  readonly helm_config: {
    readonly context: string | null;
    readonly debug: boolean;
    readonly api_version: string | null;
    readonly timeout: string | null;
    readonly force_replace: boolean;
  };
  readonly retain_clean_jobs: boolean;
  readonly strimzi_topic: { readonly label: Record<string, string>; readonly namespace: string | null } | null;
  readonly components_module: string | null;
  /** Pipeline folders (relative to `pipeline_base_dir`) that alone are enabled; null: all. */
  readonly enabled_pipelines: readonly string[] | null;
  /** Pipeline folders (relative to `pipeline_base_dir`) that are skipped; null: none. */
  readonly disabled_pipelines: readonly string[] | null;
  readonly operation_mode: "argo" | "manifest" | "managed";
}

export interface LoadConfigOptions {
  /** Directory holding `config.yaml`; default `.`. It must exist. */
  readonly configDir?: string;
  readonly environment?: string;
  /** `.env` files, in order. */
  readonly dotenvFiles?: readonly string[];
  /** Environment variables; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Values with init priority (between environment and files), e.g. from the API. */
  readonly overrides?: Mapping;
}

export const ENV_PREFIX = "KPOPS_";

export function loadConfig(options: LoadConfigOptions = {}): KpopsConfig {
  const configDir = options.configDir ?? ".";
  if (!existsSync(configDir) || !statSync(configDir).isDirectory()) {
    throw new KpopsError(`config directory '${configDir}' does not exist`, { field: "--config" });
  }
  const env = options.env ?? process.env;
  const baseFile = join(configDir, "config.yaml");
  let fileConfig = readConfigFile(baseFile);
  if (options.environment) {
    const envFile = join(configDir, `config_${options.environment}.yaml`);
    fileConfig = deepMerge(readConfigFile(envFile), fileConfig);
  }
  let dotenvConfig: Mapping = {};
  for (const file of options.dotenvFiles ?? []) {
    const values = parseDotenv(readTextFile(file), env);
    rejectForeignVariables(values, file);
    dotenvConfig = deepMerge(fromPrefixedVariables(values), dotenvConfig);
  }
  let merged = deepMerge(fileConfig, dotenvConfig);
  if (options.overrides) merged = deepMerge(options.overrides, merged);
  merged = deepMerge(fromPrefixedVariables(env), merged);
  try {
    return validateModel(KpopsConfigModel, merged) as unknown as KpopsConfig;
  } catch (error) {
    if (error instanceof KpopsError) throw error.within({ file: existsSync(baseFile) ? baseFile : "config" });
    throw error;
  }
}

function readConfigFile(path: string): Mapping {
  if (!existsSync(path)) return {};
  const content = parseYaml(readTextFile(path), path);
  if (content === null || content === undefined) return {};
  if (!isMapping(content)) throw new KpopsError("the config file should contain a mapping", { file: path });
  return content;
}

const CONFIG_FIELDS = new Map(KpopsConfigModel.fields.map((f) => [f.name.toLowerCase(), f]));

/**
 * Turns `KPOPS_*` variables into a nested config mapping: names are case-insensitive, `__` nests, and a value
 * for a whole sub-model is parsed as JSON. Variables that name no config field are ignored.
 */
export function fromPrefixedVariables(variables: Record<string, string | undefined>): Mapping {
  const result: Mapping = {};
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined || name.length <= ENV_PREFIX.length) continue;
    if (name.slice(0, ENV_PREFIX.length).toUpperCase() !== ENV_PREFIX) continue;
    const path = name.slice(ENV_PREFIX.length).toLowerCase().split("__");
    const fieldSpec = CONFIG_FIELDS.get(path[0]);
    if (!fieldSpec) continue;
    let parsed: unknown = value;
    if (path.length === 1 && (fieldSpec.type.kind === "model" || fieldSpec.type.kind === "dict" || fieldSpec.type.kind === "list")) {
      try {
        parsed = JSON.parse(value);
      } catch {
        throw new KpopsError(`environment variable ${name} should hold JSON`, { field: fieldSpec.name });
      }
    }
    let target = result;
    for (const part of path.slice(0, -1)) {
      if (!isMapping(target[part])) target[part] = {};
      target = target[part] as Mapping;
    }
    target[path[path.length - 1]] = parsed;
  }
  return result;
}

/**
 * Like pydantic-settings (KpopsConfig forbids extra inputs), a non-empty variable in a `.env` file that names no
 * config field, with or without the `KPOPS_` prefix, is an error.
 */
function rejectForeignVariables(values: Record<string, string>, file: string): void {
  for (const [name, value] of Object.entries(values)) {
    if (!value) continue;
    const lower = name.toLowerCase();
    const prefix = ENV_PREFIX.toLowerCase();
    const path = lower.startsWith(prefix) ? lower.slice(prefix.length).split("__") : undefined;
    const fieldSpec = path ? CONFIG_FIELDS.get(path[0]) : undefined;
    const nestedOk = fieldSpec && (path?.length === 1 || fieldSpec.type.kind === "model" || fieldSpec.type.kind === "dict");
    if (!nestedOk) throw new KpopsError("Extra inputs are not permitted", { file, field: lower });
  }
}

/** The config as KPOps dumps it for `${config.*}` substitution (URLs with their trailing slash). */
export function configSubstitutionData(config: KpopsConfig): Mapping {
  return dumpModel(KpopsConfigModel, config as unknown as Mapping, "python");
}
