/** `kpops init PATH`: a new KPOps project with `config.yaml`, an empty `pipeline.yaml` and `defaults.yaml`. */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { KpopsConfigModel } from "../core/config/config-model";
import { KpopsError } from "../core/errors";
import type { FieldSpec, ModelSpec } from "../core/model/field-types";
import { toYaml } from "../core/generate/yaml-output";

export function initProject(path: string, includeOptional: boolean): void {
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new KpopsError("the path exists and is not a directory", { file: path });
    if (readdirSync(path).length > 0) throw new KpopsError("the directory is not empty", { file: path });
  } else {
    if (!existsSync(dirname(path))) throw new KpopsError("the parent directory does not exist", { file: path });
    mkdirSync(path);
  }
  writeFileSync(join(path, "config.yaml"), configTemplate(includeOptional));
  writeFileSync(join(path, "pipeline.yaml"), "");
  writeFileSync(join(path, "defaults.yaml"), "");
}

/** The `config.yaml` that `init` writes. */
export function configTemplate(includeOptional: boolean): string {
  const required = KpopsConfigModel.fields.filter((f) => f.required);
  const optional = KpopsConfigModel.fields.filter((f) => !f.required && !f.excluded && !f.hiddenInSchema);
  let text = "# Global configuration for KPOps project.\n\n# Required fields\n";
  text += toYaml(Object.fromEntries(required.map((f) => [f.key, null])));
  if (includeOptional) {
    text += "\n# Non-required fields\n";
    text += toYaml(Object.fromEntries(optional.map((f) => [f.key, defaultValue(f)])));
  }
  return text;
}

function defaultValue(spec: FieldSpec): unknown {
  if (spec.type.kind === "model" && spec.default !== undefined) return modelDefaults(spec.type.model());
  return spec.default ?? null;
}

function modelDefaults(spec: ModelSpec): Record<string, unknown> {
  return Object.fromEntries(spec.fields.filter((f) => !f.excluded).map((f) => [f.key, defaultValue(f)]));
}
