/**
 * The pipelines of one project loaded together (beyond upstream, KPOps issue #513): each pipeline file is loaded
 * once, and a `from.components` key `<pipeline folder>/<step>` reads a step of another pipeline of the project,
 * which is loaded on demand (with the same config, environment and registry) when it was not loaded yet. A chain of
 * such references that comes back to a pipeline being loaded is an error naming the pipelines.
 */
import { existsSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { KpopsError } from "../errors";
import { PIPELINE_FILE_NAME } from "./discovery";
import { loadPipeline, type LoadPipelineOptions } from "./load-pipeline";
import type { Pipeline } from "./pipeline";

export class PipelineSet {
  private readonly loaded = new Map<string, Pipeline>();
  private readonly loading: string[] = [];

  constructor(private readonly options: Omit<LoadPipelineOptions, "otherPipeline">) {}

  /** The pipeline of `file` (relative to the working directory), loaded once. */
  load(file: string): Pipeline {
    const cwd = this.options.cwd ?? process.cwd();
    const absolute = resolve(cwd, file);
    const key = existsSync(absolute) ? realpathSync(absolute) : absolute;
    const known = this.loaded.get(key);
    if (known) return known;
    if (this.loading.includes(key)) {
      const cycle = [...this.loading.slice(this.loading.indexOf(key)), key].map((path) => this.folderOf(path));
      throw new KpopsError(`pipelines read from each other in a cycle: ${cycle.join(" -> ")}`);
    }
    this.loading.push(key);
    try {
      const pipeline = loadPipeline(file, { ...this.options, otherPipeline: (folder) => this.loadFolder(folder) });
      this.loaded.set(key, pipeline);
      return pipeline;
    } finally {
      this.loading.pop();
    }
  }

  /** The pipeline in `folder` below `pipeline_base_dir`. */
  private loadFolder(folder: string): Pipeline {
    const file = join(this.baseDir(), folder, PIPELINE_FILE_NAME);
    if (!existsSync(file)) throw new KpopsError(`no pipeline '${folder}': ${file} does not exist`);
    return this.load(file);
  }

  private baseDir(): string {
    return resolve(this.options.cwd ?? process.cwd(), this.options.config.pipeline_base_dir);
  }

  private folderOf(realFile: string): string {
    const base = existsSync(this.baseDir()) ? realpathSync(this.baseDir()) : this.baseDir();
    return realFile.startsWith(`${base}/`) ? realFile.slice(base.length + 1).replace(/\/pipeline\.yaml$/, "") : realFile;
  }
}
