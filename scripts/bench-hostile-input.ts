/**
 * Times `bin/kpops generate` on the hostile inputs of issue 8 (each must fail within a second with one error naming
 * the file) and prints wall time (median of 3 runs) and peak RSS (/usr/bin/time) per case. Figures only; the tests
 * assert no timings (tests/unit/bad-input.test.ts checks the errors).
 *
 * Run (after bash scripts/build.sh):
 *   node --require ./node_modules/tsx/dist/cjs/index.cjs scripts/bench-hostile-input.ts
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Generated, writeGenerated } from "../tests/support/hostile-files";

const ROOT = resolve(__dirname, "..");
const KPOPS = join(ROOT, "bin", "kpops");
const CORPUS = join(ROOT, "tests", "bad-input", "cases");
const PIPELINE = "pipelines/p/pipeline.yaml";

const cases: { name: string; from: string; generated?: Generated }[] = [
  { name: "billion laughs (10^9 nodes) in pipeline.yaml", from: "hostile-billion-laughs" },
  { name: "billion laughs in defaults.yaml", from: "hostile-billion-laughs-defaults" },
  { name: "alias inside its own anchor", from: "hostile-alias-cycle" },
  { name: "100,000 nested flow sequences", from: "hostile-deep-flow", generated: { path: PIPELINE, kind: "deep-flow", levels: 100_000 } },
  { name: "100,000 nested block sequences (defaults)", from: "hostile-deep-block-defaults", generated: { path: "pipelines/defaults.yaml", kind: "deep-block", levels: 100_000 } },
  { name: "200 MB pipeline.yaml (sparse)", from: "hostile-large-file", generated: { path: PIPELINE, kind: "large", megabytes: 200 } },
  { name: "200 MB pipeline.yaml (real steps)", from: "hostile-large-file", generated: { path: PIPELINE, kind: "large-content", megabytes: 200 } },
  { name: "non-UTF-8 byte in pipeline.yaml", from: "hostile-invalid-utf8" },
  { name: "non-UTF-8 bytes in config.yaml", from: "hostile-invalid-utf8-config" },
];

const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function once(cwd: string): { ms: number; rssMb?: number; status: number | null; error: string } {
  const started = process.hrtime.bigint();
  const cmd = timeBin ? timeBin : KPOPS;
  const args = timeBin ? ["-f", "RSS_KB=%M", KPOPS, "generate", PIPELINE] : ["generate", PIPELINE];
  const res = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rss = /RSS_KB=(\d+)/.exec(res.stderr ?? "");
  const error = (res.stderr ?? "").split("\n").filter((l) => l.startsWith("Error:"))[0] ?? `(no error line; exit ${res.status})`;
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : undefined, status: res.status, error };
}

console.log(`| hostile input | exit | wall (median of 3) | peak RSS | error |`);
console.log(`|---|---:|---:|---:|---|`);
for (const c of cases) {
  const dir = mkdtempSync(join(tmpdir(), "kpops-hostile-"));
  try {
    cpSync(join(CORPUS, c.from), dir, { recursive: true });
    if (c.generated) writeGenerated(dir, c.generated);
    const runs = [once(dir), once(dir), once(dir)].sort((a, b) => a.ms - b.ms);
    const mid = runs[1];
    const rss = mid.rssMb === undefined ? "" : `${mid.rssMb.toFixed(0)} MB`;
    console.log(`| ${c.name} | ${mid.status} | ${(mid.ms / 1000).toFixed(2)} s | ${rss} | ${mid.error.length > 110 ? mid.error.slice(0, 107) + "..." : mid.error} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
