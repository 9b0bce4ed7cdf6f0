/** Test helper: a temporary KPOps project on disk, and generate() over it. */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ComponentClass } from "../../sdk/src/core/components/base/pipeline-component";
import { ComponentRegistry } from "../../sdk/src/core/components/registry";
import { generate, type GenerateOptions } from "../../sdk/src/core/generate/generate";

export const BASE_DEFAULTS = `
kubernetes-app:
  namespace: ns
streams-bootstrap:
  values:
    image: img
`;

/** Writes files (path -> text) under a new directory; `config.yaml` defaults to a minimal one with base `pipelines`. */
export function project(files: Record<string, string>, links: Record<string, string> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "kpops-project-")));
  const all = { "config.yaml": "kafka_brokers: broker:9092\npipeline_base_dir: pipelines\n", ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  }
  return root;
}

/** Runs generate in `root` with a clean environment. */
export function generateIn(root: string, paths: string[], options: Partial<GenerateOptions> & { classes?: ComponentClass[] } = {}) {
  const registry = new ComponentRegistry();
  for (const cls of options.classes ?? []) registry.register(cls);
  return generate({ pipelinePaths: paths, configDir: root, cwd: root, env: {}, registry, ...options }).components;
}
