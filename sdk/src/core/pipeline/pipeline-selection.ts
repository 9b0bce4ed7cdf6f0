/**
 * Pipelines enabled or disabled by the config (beyond upstream, KPOps issue #154): `enabled_pipelines` or
 * `disabled_pipelines` name folders relative to `pipeline_base_dir`; an entry matches a pipeline whose folder is the
 * entry or lies below it, compared by whole path parts (`bar` matches `bar/pipeline-1`, not `barn`). Set in
 * `config_<env>.yaml`, they choose the pipelines of one environment.
 */
import type { KpopsConfig } from "../config/load-config";

/** Why the pipeline in folder `parts` (below `pipeline_base_dir`) is skipped, or undefined when it is enabled. */
export function pipelineDisabledBy(config: Pick<KpopsConfig, "enabled_pipelines" | "disabled_pipelines">, parts: readonly string[]): string | undefined {
  if (config.disabled_pipelines) {
    const entry = config.disabled_pipelines.find((folder) => contains(folder, parts));
    if (entry !== undefined) return `disabled_pipelines entry '${entry}'`;
  }
  if (config.enabled_pipelines && !config.enabled_pipelines.some((folder) => contains(folder, parts))) {
    return `enabled_pipelines (it is not listed)`;
  }
  return undefined;
}

function contains(folder: string, parts: readonly string[]): boolean {
  const entry = folder.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
  return entry.length > 0 && entry.length <= parts.length && entry.every((part, i) => part === parts[i]);
}
