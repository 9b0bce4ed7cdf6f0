/**
 * Hostile files too large to keep in git, written for a run of the bad-input corpus (tests/bad-input/cases.yaml,
 * field `generated`), the Pulumi layer's hostile-input test and scripts/bench-hostile-input.ts.
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** A hostile file: `levels` nested flow sequences (in a step's values) or compact block sequences, or `megabytes` MB. */
export interface Generated {
  path: string;
  kind: "deep-flow" | "deep-block" | "large" | "large-content";
  levels?: number;
  megabytes?: number;
}

/**
 * Writes a generated file under `cwd` and returns its path. `large` is sparse (instant, no disk used; the size is
 * what a loader checks first); `large-content` writes real steps until the size is reached (for the benchmark).
 */
export function writeGenerated(cwd: string, g: Generated): string {
  const path = join(cwd, g.path);
  mkdirSync(dirname(path), { recursive: true });
  const levels = g.levels ?? 0;
  const bytes = (g.megabytes ?? 0) * 1024 * 1024;
  if (g.kind === "deep-flow") writeFileSync(path, `- type: helm-app\n  name: deep\n  values:\n    v: ${"[".repeat(levels)}${"]".repeat(levels)}\n`);
  else if (g.kind === "deep-block") writeFileSync(path, `${"- ".repeat(levels)}x\n`);
  else if (g.kind === "large-content") {
    const chunk = Array.from({ length: 1000 }, (_, i) => `- type: helm-app\n  name: app-${i}\n  values:\n    image: image-${i}\n`).join("");
    const block = chunk.repeat(Math.max(1, Math.floor((8 * 1024 * 1024) / chunk.length)));
    const fd = openSync(path, "w");
    try {
      for (let written = 0; written < bytes; written += block.length) writeFileSync(fd, block);
    } finally {
      closeSync(fd);
    }
  } else {
    const fd = openSync(path, "w");
    try {
      ftruncateSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
  }
  return path;
}
