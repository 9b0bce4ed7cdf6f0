/**
 * Pipeline names: the pipeline file's directory relative to `pipeline_base_dir` (symlinks resolved), parts joined
 * with `-`. `base/data/v1/dev/pipeline.yaml` -> `data-v1-dev`, parent name `data-v1`, parts `name_0..name_2`.
 */
import { dirname, relative, sep } from "node:path";
import { KpopsError } from "../errors";

export interface PipelineNameVariables {
  readonly name: string;
  readonly parentName: string;
  readonly parts: readonly string[];
}

/** `realPipelineFile` and `realBaseDir` must be absolute paths with symlinks resolved. */
export function pipelineNameVariables(realBaseDir: string, realPipelineFile: string): PipelineNameVariables {
  const rel = relative(realBaseDir, dirname(realPipelineFile));
  if (rel.startsWith("..") || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) {
    throw new KpopsError(`the pipeline base dir ${realBaseDir} is not part of the pipeline path ${realPipelineFile}`, {
      field: "pipeline_base_dir",
    });
  }
  if (rel === "") throw new KpopsError("the pipeline-base-dir should not equal the pipeline-path", { field: "pipeline_base_dir" });
  const parts = rel.split(sep);
  return { name: parts.join("-"), parentName: parts.slice(0, -1).join("-"), parts };
}

/** The pipeline variables of phase-A substitution (`pipeline.name`, `pipeline.parent.name`, `pipeline.name_<i>`). */
export function pipelineVariables(names: PipelineNameVariables): Record<string, string> {
  const result: Record<string, string> = {
    "pipeline.name": names.name,
    "pipeline.parent.name": names.parentName,
  };
  names.parts.forEach((part, i) => {
    result[`pipeline.name_${i}`] = part;
  });
  return result;
}
