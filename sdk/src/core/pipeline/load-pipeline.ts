/**
 * Loading one pipeline file into an enriched {@link Pipeline}: phase-A substitution of the files, environment
 * pipeline file, defaults, enrichment of each step, `enabled`, inflate, wiring (`from.components` or implicit
 * from the previous step), unique ids and the DAG check.
 */
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import type { ComponentContext } from "../components/base/component-context";
import type { ComponentClass, PipelineComponent } from "../components/base/pipeline-component";
import { ComponentRegistry } from "../components/registry";
import { configSubstitutionData, type KpopsConfig } from "../config/load-config";
import { defaultsFilePaths, mergeDefaults, readDefaultsFile, type DefaultsFile } from "../defaults/defaults-files";
import { deepMerge, isMapping } from "../defaults/deep-merge";
import { asKpopsError, KpopsError } from "../errors";
import { flattenInto } from "../substitution/resolver";
import { normaliseKey, substituteOnce } from "../substitution/template";
import { parseYaml, readTextFile } from "../util/yaml-file";
import { enrichComponent, type EnrichmentEnvironment } from "./enrich";
import { Pipeline } from "./pipeline";
import { pipelineNameVariables, pipelineVariables } from "./pipeline-name";
import { pipelineDisabledBy } from "./pipeline-selection";
import { externalToSection, type ExternalSteps } from "./step-outputs";

export interface LoadPipelineOptions {
  readonly config: KpopsConfig;
  /** `--environment`: selects `pipeline_<env>.yaml` and `defaults_<env>.yaml`, sets `${environment}`. */
  readonly environment?: string;
  /** Component types; default: the built-ins. */
  readonly registry?: ComponentRegistry;
  /** OS environment for substitution; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory for relative paths (pipeline file, `pipeline_base_dir`); default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Resolves `from.components` keys that name a step of another pipeline (`<pipeline folder>/<step>`, the folder
   * relative to `pipeline_base_dir`) to that pipeline, loaded with the same options. Without it such keys are an
   * error. `generate` passes one (`PipelineSet`).
   */
  readonly otherPipeline?: (folder: string) => Pipeline;
  /**
   * Steps published by other deployments (e.g. other Pulumi stacks), by reference name: a `from.components` key
   * `<reference>/<pipeline folder>/<step>` whose first part is such a name reads that published step. The names
   * must not be the first folder of a pipeline of this project. @default {}
   */
  readonly externalSteps?: ExternalSteps;
}

export function loadPipeline(pipelineFile: string, options: LoadPipelineOptions): Pipeline {
  const cwd = options.cwd ?? process.cwd();
  const absoluteFile = resolve(cwd, pipelineFile);
  const displayFile = displayPath(absoluteFile, cwd);
  if (!existsSync(absoluteFile)) throw new KpopsError("pipeline file not found", { file: displayFile });
  const realFile = realpathSync(absoluteFile);
  const baseDirPath = resolve(cwd, options.config.pipeline_base_dir);
  if (!existsSync(baseDirPath)) {
    throw new KpopsError(`pipeline_base_dir '${options.config.pipeline_base_dir}' does not exist`, { file: displayFile });
  }
  const realBaseDir = realpathSync(baseDirPath);
  let names;
  try {
    names = pipelineNameVariables(realBaseDir, realFile);
  } catch (error) {
    throw asKpopsError(error, { file: displayFile });
  }

  const disabledBy = pipelineDisabledBy(options.config, names.parts);
  if (disabledBy) {
    const skipped = new Pipeline(absoluteFile, names.name);
    skipped.disabledBy = disabledBy;
    skipped.warnings.push(`${displayFile}: pipeline '${names.name}' is disabled by ${disabledBy} in the config; skipped`);
    return skipped;
  }

  const envVariables: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env ?? process.env)) if (value !== undefined) envVariables[key] = value;
  Object.assign(envVariables, pipelineVariables(names));
  if (options.environment !== undefined) envVariables.environment = options.environment;
  envVariables["pipeline.path"] = realFile;
  const envLayer = new Map<string, unknown>();
  for (const [key, value] of Object.entries(envVariables)) envLayer.set(normaliseKey(key), value);
  const phaseA = (text: string) => substituteOnce(text, (name) => (envLayer.has(name) ? String(envLayer.get(name)) : undefined));

  const steps = readComponentList(absoluteFile, displayFile, phaseA);
  let envEntries = new Map<string, Record<string, unknown>>();
  if (options.environment) {
    const envFile = environmentPipelineFile(absoluteFile, options.environment);
    if (existsSync(envFile)) {
      const envDisplay = displayPath(envFile, cwd);
      envEntries = indexEnvironmentEntries(readComponentList(envFile, envDisplay, phaseA), envDisplay);
    }
  }

  const defaultsFiles: DefaultsFile[] = defaultsFilePaths(realFile, realBaseDir, options.environment).map((path) =>
    readDefaultsFile(path, phaseA),
  );
  const defaultsCache = new Map<string, Record<string, unknown>>();
  const config = options.config;
  const configLayer = new Map<string, unknown>();
  flattenInto(configLayer, configSubstitutionData(config), "config");
  const environment: EnrichmentEnvironment = {
    defaultsFor(cls: ComponentClass) {
      const types = cls.defaultsTypes();
      const key = types.join("\u0000");
      let merged = defaultsCache.get(key);
      if (!merged) {
        merged = mergeDefaults(types, defaultsFiles);
        defaultsCache.set(key, merged);
      }
      return merged;
    },
    topicNameLayer: new Map<string, unknown>([
      ["error_topic_name", config.topic_name_config.default_error_topic_name],
      ["output_topic_name", config.topic_name_config.default_output_topic_name],
    ]),
    configLayer,
    envLayer,
  };
  const registry = options.registry ?? new ComponentRegistry();
  const ctx: ComponentContext = {
    config,
    build: <T extends PipelineComponent>(cls: ComponentClass<T>, data: Record<string, unknown>) => enrichComponent(cls, data, environment, ctx),
  };

  const pipeline = new Pipeline(absoluteFile, names.name);
  steps.forEach((raw, index) => {
    const stepName = typeof raw.name === "string" ? raw.name : `#${index + 1}${typeof raw.type === "string" ? ` (${raw.type})` : ""}`;
    try {
      if (raw.type === undefined || raw.type === null) {
        throw new KpopsError("Every component must have a type defined, this component does not have one.", { field: "type" });
      }
      if (typeof raw.type !== "string") throw new KpopsError("the component type should be a string", { field: "type" });
      const cls = registry.get(raw.type);
      if (cls.replacedBy) pipeline.warnings.push(deprecationWarning(displayFile, stepName, cls));
      let component = ctx.build(cls, raw);
      const envEntry = envEntries.get(component.name);
      if (envEntry) component = ctx.build(cls, deepMerge(envEntry, component.dump()));
      if (!component.enabled) return;
      addInflated(pipeline, component, displayFile, { ...options, baseDir: realBaseDir });
    } catch (error) {
      throw asKpopsError(error, { file: displayFile, step: stepName });
    }
  });
  try {
    pipeline.validate();
  } catch (error) {
    throw asKpopsError(error, { file: displayFile });
  }
  return pipeline;
}

/** The one-line warning for a step of a type that upstream KPOps 12 removed. */
function deprecationWarning(file: string, step: string, cls: ComponentClass): string {
  return (
    `${file}: step '${step}': type '${cls.type}' is deprecated (KPOps 12 removed it); ` +
    `use '${cls.replacedBy}' with the streams-bootstrap v3 charts (docs/deviations.md)`
  );
}

/** Where `from.components` keys naming other pipelines are resolved. */
interface ReferenceSources {
  readonly otherPipeline?: (folder: string) => Pipeline;
  readonly externalSteps?: ExternalSteps;
  /** The real `pipeline_base_dir`, to refuse a reference name that is also a pipeline folder. */
  readonly baseDir: string;
}

/** Inflates a component and wires and adds each resulting component. */
function addInflated(pipeline: Pipeline, component: PipelineComponent, displayFile: string, sources: ReferenceSources): void {
  for (const inflated of component.inflatedComponents()) {
    try {
      const from = inflated.from;
      if (from) {
        for (const [id, fromTopic] of Object.entries(from.components)) {
          try {
            const external = externalReference(id, sources);
            if (external) {
              inflated.weaveFromTopics(externalToSection(sources.externalSteps ?? {}, external.reference, external.key), fromTopic);
              continue;
            }
            const reference = splitComponentReference(id);
            const source = reference ? referencedPipeline(reference.folder, sources.otherPipeline) : pipeline;
            const original = source.getOrThrow(reference?.step ?? id);
            const lastInflated = original.inflatedComponents().at(-1) ?? original;
            const resolved = source.getOrThrow(lastInflated.id);
            inflated.weaveFromTopics(resolved.to, fromTopic);
          } catch (error) {
            throw asKpopsError(error, { field: `from.components.${id}` });
          }
        }
      } else if (inflated.componentClass.supportsFromSection()) {
        const previous = pipeline.last;
        if (previous) inflated.weaveFromTopics(previous.to);
      }
      for (const note of inflated.clusterAdjustments()) pipeline.warnings.push(`${displayFile}: step '${inflated.name}': ${note}`);
      pipeline.add(inflated);
    } catch (error) {
      throw asKpopsError(error, { step: inflated.name });
    }
  }
}

/** `team/ingest/producer` -> folder `team/ingest`, step `producer`; a bare step name -> undefined. */
export function splitComponentReference(id: string): { folder: string; step: string } | undefined {
  const slash = id.lastIndexOf("/");
  if (slash < 0) return undefined;
  return { folder: id.slice(0, slash), step: id.slice(slash + 1) };
}

/**
 * `ingest/team/orders/producer` -> reference `ingest`, key `team/orders/producer` when `ingest` names external steps;
 * undefined for other keys. A reference name that is also the first folder of a pipeline is an error (ambiguous).
 */
function externalReference(id: string, sources: ReferenceSources): { reference: string; key: string } | undefined {
  const slash = id.indexOf("/");
  if (slash < 0 || sources.externalSteps === undefined) return undefined;
  const reference = id.slice(0, slash);
  if (!Object.prototype.hasOwnProperty.call(sources.externalSteps, reference)) return undefined;
  const key = id.slice(slash + 1);
  if (!key.includes("/")) throw new KpopsError(`a step of stack reference '${reference}' is named '${reference}/<pipeline folder>/<step>'`);
  if (existsSync(join(sources.baseDir, reference))) {
    throw new KpopsError(`'${reference}' names both a stack reference and a pipeline folder of this project; rename the stack reference`);
  }
  return { reference, key };
}

function referencedPipeline(folder: string, otherPipeline?: (folder: string) => Pipeline): Pipeline {
  if (!otherPipeline) throw new KpopsError(`a step of another pipeline ('${folder}') can only be read when pipelines are loaded together`);
  return otherPipeline(folder);
}

function readComponentList(path: string, displayPath: string, phaseA: (text: string) => string): Record<string, unknown>[] {
  const content = parseYaml(phaseA(readTextFile(path, displayPath)), displayPath);
  // As in KPOps, an empty file is not a list either.
  if (!Array.isArray(content)) throw new KpopsError("the pipeline definition should contain a list of components", { file: displayPath });
  return content.map((item, index) => {
    if (!isMapping(item)) throw new KpopsError("a pipeline step should be a mapping", { file: displayPath, step: `#${index + 1}` });
    return item;
  });
}

/** A path relative to the working directory when it lies inside it, else absolute. */
function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : absolute;
}

/** `pipeline.yaml` -> `pipeline_<env>.yaml` next to it. */
export function environmentPipelineFile(pipelineFile: string, environment: string): string {
  const extension = extname(pipelineFile);
  return join(dirname(pipelineFile), `${basename(pipelineFile, extension)}_${environment}${extension}`);
}

function indexEnvironmentEntries(entries: Record<string, unknown>[], file: string): Map<string, Record<string, unknown>> {
  const index = new Map<string, Record<string, unknown>>();
  entries.forEach((entry, i) => {
    if (!("type" in entry) || !("name" in entry)) {
      throw new KpopsError("To override components per environment, every component should at least have a type and a name.", {
        file,
        step: typeof entry.name === "string" ? entry.name : `#${i + 1}`,
        field: "type" in entry ? "name" : "type",
      });
    }
    index.set(String(entry.name), entry);
  });
  return index;
}
