#!/usr/bin/env node
/*
 * bench-generate.mjs: how fast is `kpops generate`, and how much memory does it take?
 *
 * Writes synthetic KPOps projects of 10, 100, 1,000 and 5,000 steps into a temp dir (blocks of ten steps: a
 * producer-app, six streams-apps chained through their topics, a sink connector reading the last streams-app, a
 * source connector and a streams-app reading the source's topic; one defaults.yaml for all), then runs
 * `bin/kpops generate` on each three times and prints the median wall time, the peak resident memory and the
 * time per step as a markdown table. The same runs for the reference Python kpops 11.0.0 when it is installed
 * (scripts/setup-reference.sh); sizes whose estimated reference time exceeds ~2 minutes are skipped and the
 * output says so. Both are also run on the upstream word-count example (/work/shared/conformance/examples).
 * Nothing is asserted: it only measures.
 *
 * Usage: npm run bench:generate  [-- --sizes 10,100 --runs 3 --no-reference --keep DIR]
 * (--keep DIR writes the projects into DIR and keeps them, e.g. to compare the outputs of both implementations)
 * Peak memory comes from /usr/bin/time -v ("Maximum resident set size") when available, else from the
 * child's resource usage as reported to node (maxRSS of the waited-for children).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median, option } from "./bench/cli.mjs";
import { writeProject } from "./bench/synthetic-project.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OURS = join(REPO, "bin", "kpops");
const WORD_COUNT_DIR = "/work/shared/conformance/examples";
const REFERENCE_BUDGET_S = 120;

const SIZES = option("--sizes", "10,100,1000,5000").split(",").map(Number);
const RUNS = Number(option("--runs", "3"));
const WITH_REFERENCE = !process.argv.includes("--no-reference");
const TIME_BIN = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

// ------------------------------------------------------------------ measuring
function measureOnce(cmd, args, cwd) {
  const env = { ...process.env, NO_COLOR: "1" };
  delete env.NAMESPACE;
  delete env.DOCKER_REGISTRY;
  const started = process.hrtime.bigint();
  let res;
  if (TIME_BIN) res = spawnSync(TIME_BIN, ["-v", cmd, ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 30 });
  else res = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let rssKb = null;
  const m = TIME_BIN && /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr ?? "");
  if (m) rssKb = Number(m[1]);
  else if (!TIME_BIN) rssKb = process.resourceUsage().maxRSS; // children's max is not separable here; rough
  const exit = TIME_BIN ? Number(/Exit status: (\d+)/.exec(res.stderr ?? "")?.[1] ?? res.status) : res.status;
  return { seconds, rssKb, ok: exit === 0, stderr: res.stderr ?? "" };
}

function measure(label, cmd, args, cwd, steps) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = measureOnce(cmd, args, cwd);
    if (!r.ok) {
      const why = r.stderr.split("\n").filter((l) => l.trim() && !/^\s|Command being timed|Exit status/.test(l)).slice(-1)[0] ?? "";
      return { label, steps, failed: why.slice(0, 120) };
    }
    runs.push(r);
  }
  const seconds = median(runs.map((r) => r.seconds));
  const rss = runs.every((r) => r.rssKb !== null) ? median(runs.map((r) => r.rssKb)) : null;
  return { label, steps, seconds, rssMb: rss === null ? null : rss / 1024, msPerStep: (seconds * 1000) / steps };
}

function referenceKpops() {
  try {
    const home = process.env.KPOPS_REFERENCE_HOME ?? join(process.env.HOME ?? "", ".cache", "kpops-reference");
    const bin = join(home, "venv", "bin", "kpops");
    return existsSync(bin) ? bin : execFileSync("bash", [join(REPO, "scripts", "setup-reference.sh")], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ main
const KEEP = option("--keep", null);
const root = KEEP ? resolve(KEEP) : mkdtempSync(join(tmpdir(), "kpops-bench-"));
mkdirSync(root, { recursive: true });
const rows = [];
const notes = [];
try {
  const reference = WITH_REFERENCE ? referenceKpops() : null;
  if (WITH_REFERENCE && !reference) notes.push("reference kpops not installed: only our CLI was measured");
  const impls = [["ours (bin/kpops)", OURS], ...(reference ? [["reference kpops 11.0.0", reference]] : [])];
  for (const [label, cmd] of impls) {
    let lastMsPerStep = null;
    for (const size of SIZES) {
      if (label.startsWith("reference") && lastMsPerStep !== null && (lastMsPerStep * size) / 1000 > REFERENCE_BUDGET_S) {
        notes.push(`${label}: ${size} steps skipped (estimated ${Math.round((lastMsPerStep * size) / 1000)} s per run from the previous size, budget ${REFERENCE_BUDGET_S} s)`);
        continue;
      }
      const { dir, args } = writeProject(root, size);
      process.stderr.write(`measuring ${label} on ${size} steps...\n`);
      const row = measure(label, cmd, args, dir, size);
      rows.push({ ...row, pipeline: `synthetic ${size}` });
      if (!row.failed) lastMsPerStep = row.msPerStep;
    }
    if (existsSync(join(WORD_COUNT_DIR, "word-count", "pipeline.yaml"))) {
      process.stderr.write(`measuring ${label} on word-count...\n`);
      rows.push({ ...measure(label, cmd, ["generate", "word-count/pipeline.yaml"], WORD_COUNT_DIR, 3), pipeline: "word-count example" });
    }
  }
} finally {
  if (!KEEP) rmSync(root, { recursive: true, force: true });
}

const fmt = (x, d) => (x === null || x === undefined ? "n/a" : x.toFixed(d));
console.log(`\n\`kpops generate\`: median of ${RUNS} runs; peak RSS from ${TIME_BIN ? "/usr/bin/time -v" : "node resourceUsage (rough)"}\n`);
console.log("| implementation | pipeline | steps | wall time (s) | peak RSS (MB) | time per step (ms) |");
console.log("|---|---|---:|---:|---:|---:|");
for (const r of rows) {
  if (r.failed) console.log(`| ${r.label} | ${r.pipeline} | ${r.steps} | failed: ${r.failed.replace(/\|/g, "/")} | | |`);
  else console.log(`| ${r.label} | ${r.pipeline} | ${r.steps} | ${fmt(r.seconds, 2)} | ${fmt(r.rssMb, 0)} | ${fmt(r.msPerStep, 2)} |`);
}
for (const n of notes) console.log(`\nNote: ${n}`);
