/**
 * Finding pipeline files: a path may be a file or a directory; a directory is searched recursively for files
 * named exactly `pipeline.yaml` (symlinked directories followed). Results are absolute and sorted. A directory that
 * holds no pipeline file is an error naming it (KPOps prints nothing and exits 0, which hides a typo in a deploy).
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { KpopsError } from "../errors";

export const PIPELINE_FILE_NAME = "pipeline.yaml";

export function discoverPipelineFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute)) throw new KpopsError("pipeline path does not exist", { file: path });
    if (statSync(absolute).isDirectory()) {
      const inDirectory: string[] = [];
      walk(absolute, inDirectory, []);
      if (inDirectory.length === 0) throw new KpopsError(`no ${PIPELINE_FILE_NAME} in this directory or below it`, { file: path });
      found.push(...inDirectory.sort());
    } else {
      found.push(absolute);
    }
  }
  return found;
}

/** Recursive search; a symlinked directory is followed unless it leads back into one of its own ancestors. */
function walk(directory: string, found: string[], ancestors: readonly string[]): void {
  const real = realpathSync(directory);
  if (ancestors.includes(real)) return;
  const chain = [...ancestors, real];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = statSync(path);
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        continue;
      }
    }
    if (isDirectory) walk(path, found, chain);
    else if (isFile && entry.name === PIPELINE_FILE_NAME) found.push(path);
  }
}
