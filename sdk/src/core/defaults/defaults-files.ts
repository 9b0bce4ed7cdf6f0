/**
 * Which `defaults*.yaml` files apply to a pipeline, and the merged defaults of a component type.
 *
 * Files: from the pipeline file's directory (symlinks resolved) up to and including `pipeline_base_dir`; in each
 * directory `defaults_<env>.yaml` (when an environment is set) before `defaults.yaml`; highest priority first.
 * Merge: the component's type chain is the outer loop (most specific type first) and the files the inner one,
 * so any file's section for a more specific type beats any file's section for a parent type.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { KpopsError } from "../errors";
import { parseYaml, readTextFile } from "../util/yaml-file";
import { cloneJson, deepMerge, isMapping, type Mapping } from "./deep-merge";

export function defaultsFilePaths(realPipelineFile: string, realBaseDir: string, environment?: string): string[] {
  const paths: string[] = [];
  let directory = dirname(realPipelineFile);
  for (;;) {
    if (environment) {
      const envFile = join(directory, `defaults_${environment}.yaml`);
      if (isFile(envFile)) paths.push(envFile);
    }
    const file = join(directory, "defaults.yaml");
    if (isFile(file)) paths.push(file);
    if (directory === realBaseDir) break;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return paths;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** A parsed defaults file: component type -> partial component. */
export interface DefaultsFile {
  readonly path: string;
  readonly sections: Mapping;
}

/** Reads a defaults file; its text is first substituted by `substitute` (phase A). */
export function readDefaultsFile(path: string, substitute: (text: string) => string): DefaultsFile {
  const content = parseYaml(substitute(readTextFile(path)), path);
  // An empty file counts as no defaults (KPOps raises a TypeError for it).
  if (content === null || content === undefined) return { path, sections: {} };
  if (!isMapping(content)) {
    throw new KpopsError("defaults files should be structured as map ([app type] -> [default config])", { file: path });
  }
  for (const [type, section] of Object.entries(content)) {
    if (section !== null && !isMapping(section)) {
      throw new KpopsError("the defaults of a component type should be a mapping", { file: path, field: type });
    }
  }
  return { path, sections: content };
}

/** Merged defaults for a chain of types (most specific first) over files (highest priority first). */
export function mergeDefaults(types: readonly string[], files: readonly DefaultsFile[]): Mapping {
  let defaults: Mapping = {};
  for (const type of types) {
    for (const file of files) {
      const section = file.sections[type];
      if (isMapping(section)) defaults = deepMerge(defaults, section);
    }
  }
  return cloneJson(defaults);
}
