#!/usr/bin/env node
/*
 * bench-preview.mjs: what does `pulumi preview` of a KPOps project cost, per resource?
 *
 * Writes synthetic projects of 10, 50 and 200 steps (scripts/bench/synthetic-project.mjs), then previews each
 * with the repository's program (Pulumi.yaml, stack config kpops:project) on the offline engine (bin/pulumi,
 * a throw-away stack in a temporary file backend, no cluster, nothing listening at the configured brokers or
 * Kafka Connect). For each size it prints the median wall time of `--runs` previews, their CPU time (user + system
 * of the whole process tree: steadier than wall time when others share the machine), the peak memory of the
 * whole process tree (the CLI, the program, the plugins: RSS summed over the tree, sampled every 50 ms) and the
 * number of planned resources, and the cost per resource. In the same run, taking turns with ours, it previews the
 * baseline (scripts/bench/direct-program): a hand-written program that declares the same topics, releases and
 * connectors directly, without components or topic guards, and prints our time, CPU time and memory as ratios
 * of the baseline's.
 * Nothing is asserted: it only measures.
 *
 * Usage: npm run bench:preview  [-- --sizes 10,50,200 --runs 3 --skip-baseline]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median, option } from "./bench/cli.mjs";
import { writeProject } from "./bench/synthetic-project.mjs";
import { writeDirectResources } from "./bench/plan-resources.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PULUMI = join(REPO, "bin", "pulumi");
const PAGE = 4096;
const DIRECT = join(REPO, "scripts", "bench", "direct-program");

const SIZES = option("--sizes", "10,50,200").split(",").map(Number);
const RUNS = Number(option("--runs", "3"));
/** Only our program (when comparing changes of ours); the ratios are then not printed. */
const SKIP_BASELINE = process.argv.includes("--skip-baseline");

const TICKS = 100; // USER_HZ: the unit of utime / stime in /proc/<pid>/stat

/**
 * The processes of `root` and all its descendants, read from /proc: resident memory (bytes) summed over the tree,
 * and each one's CPU time so far (user + system, seconds) by pid.
 */
function treeSample(root) {
  const parent = new Map();
  const rss = new Map();
  const cpu = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(entry), Number(fields[1]));
      rss.set(Number(entry), Number(fields[21]) * PAGE);
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const cpuByPid = new Map();
  for (const [pid, bytes] of rss) {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) {
      if (p === root) {
        total += bytes;
        cpuByPid.set(pid, cpu.get(pid));
        break;
      }
    }
  }
  return { rss: total, cpuByPid };
}

/**
 * Runs a command, sampling the tree every 50 ms; resolves to its output, wall time, peak tree RSS, and CPU time of
 * the tree (the last sample of each process; a wall time on a shared machine, CPU time is the steadier figure).
 */
function run(args, env) {
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    const child = spawn(PULUMI, args, { cwd: REPO, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    let peak = 0;
    const cpu = new Map();
    const timer = setInterval(() => {
      const sample = treeSample(child.pid);
      peak = Math.max(peak, sample.rss);
      for (const [pid, seconds] of sample.cpuByPid) cpu.set(pid, seconds);
    }, 50);
    child.on("close", (code) => {
      clearInterval(timer);
      const cpuSeconds = [...cpu.values()].reduce((a, b) => a + b, 0);
      done({ code, output, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: peak / 2 ** 20, cpuSeconds });
    });
  });
}

const work = mkdtempSync(join(tmpdir(), "kpops-bench-preview-"));
const env = {
  ...process.env,
  PULUMI_BACKEND_URL: `file://${join(work, "state")}`,
  PULUMI_CONFIG_PASSPHRASE: "bench",
  KUBECONFIG: join(work, "no-kubeconfig"),
};
const rows = [];
try {
  for (const size of SIZES) {
    // brokers and Kafka Connect on closed loopback ports: previews of creates never need them
    const { dir } = writeProject(work, size, "kafka_connect:\n  url: http://127.0.0.1:9\n");
    const stack = `bench-${size}`;
    const init = await run(["stack", "init", stack, "--non-interactive"], env);
    if (init.code !== 0) throw new Error(`stack init failed:\n${init.output}`);
    for (const [key, value] of [["kpops:project", dir], ["kpops:localChartsDir", "charts"]]) {
      const set = await run(["config", "set", "--stack", stack, key, value], env);
      if (set.code !== 0) throw new Error(`config set failed:\n${set.output}`);
    }
    // the baseline: the same topics, releases and connectors declared directly
    const directStack = `direct-${size}`;
    if (!SKIP_BASELINE) {
      const resourcesFile = join(work, `direct-${size}.json`);
      writeDirectResources(REPO, dir, resourcesFile, "http://127.0.0.1:9");
      const directInit = await run(["-C", DIRECT, "stack", "init", directStack, "--non-interactive"], env);
      if (directInit.code !== 0) throw new Error(`stack init failed:\n${directInit.output}`);
      await run(["-C", DIRECT, "config", "set", "--stack", directStack, "bench:resources", resourcesFile], env);
    }
    // Ours and the baseline take turns (the order alternating), so that a change of load on a shared machine
    // falls on both alike.
    const ours = async (i) => {
      process.stderr.write(`preview of ${size} steps, run ${i + 1}/${RUNS}...\n`);
      const r = await run(["preview", "--stack", stack, "--non-interactive"], env);
      if (r.code !== 0) throw new Error(`preview of ${size} steps failed:\n${r.output.slice(-3000)}`);
      runs.push(r);
    };
    const baseline = async (i) => {
      process.stderr.write(`baseline preview of ${size} steps, run ${i + 1}/${RUNS}...\n`);
      const r = await run(["-C", DIRECT, "preview", "--stack", directStack, "--non-interactive"], env);
      if (r.code !== 0) throw new Error(`baseline preview of ${size} steps failed:\n${r.output.slice(-3000)}`);
      direct.push(r);
    };
    const runs = [];
    const direct = [];
    for (let i = 0; i < RUNS; i++) {
      const turns = SKIP_BASELINE ? [ours] : i % 2 === 0 ? [ours, baseline] : [baseline, ours];
      for (const turn of turns) await turn(i);
    }
    await run(["stack", "rm", stack, "--yes", "--force", "--non-interactive"], env);
    if (!SKIP_BASELINE) {
      await run(["-C", DIRECT, "stack", "rm", directStack, "--yes", "--force", "--non-interactive"], env);
      rmSync(join(DIRECT, `Pulumi.${directStack}.yaml`), { force: true });
    }
    const resourcesOf = (r) => Number(/\+ (\d+) to create/.exec(r?.output ?? "")?.[1] ?? NaN);
    const medianOf = (list, key) => (list.length === 0 ? NaN : median(list.map((r) => r[key])));
    rows.push({
      size,
      resources: resourcesOf(runs[0]),
      seconds: medianOf(runs, "seconds"),
      peakMb: medianOf(runs, "peakMb"),
      cpuSeconds: medianOf(runs, "cpuSeconds"),
      directResources: resourcesOf(direct[0]),
      directSeconds: medianOf(direct, "seconds"),
      directPeakMb: medianOf(direct, "peakMb"),
      directCpuSeconds: medianOf(direct, "cpuSeconds"),
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`\n\`pulumi preview\` of the repository program: median of ${RUNS} runs; peak memory = RSS summed over the process tree\n`);
console.log("| steps | planned resources | wall time (s) | CPU time (s) | peak memory (MB) | time per resource (ms) | memory per resource (MB) |");
console.log("|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.size} | ${r.resources} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(1)} | ${r.peakMb.toFixed(0)} | ${((r.seconds * 1000) / r.resources).toFixed(1)} | ${(r.peakMb / r.resources).toFixed(2)} |`,
  );
}
console.log(`\nThe baseline (scripts/bench/direct-program): the same topics, releases and connectors declared directly\n`);
console.log("| steps | baseline resources | baseline wall time (s) | baseline CPU time (s) | baseline peak memory (MB) | time ratio (ours / baseline) | CPU ratio | memory ratio |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.size} | ${r.directResources} | ${r.directSeconds.toFixed(2)} | ${r.directCpuSeconds.toFixed(1)} | ${r.directPeakMb.toFixed(0)} | ${(r.seconds / r.directSeconds).toFixed(2)} | ${(r.cpuSeconds / r.directCpuSeconds).toFixed(2)} | ${(r.peakMb / r.directPeakMb).toFixed(2)} |`,
  );
}
if (rows.length >= 2) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  const marginalMs = ((b.seconds - a.seconds) * 1000) / (b.resources - a.resources);
  const marginalMb = (b.peakMb - a.peakMb) / (b.resources - a.resources);
  console.log(`\nMarginal cost from ${a.size} to ${b.size} steps: ${marginalMs.toFixed(1)} ms and ${marginalMb.toFixed(2)} MB per added resource.`);
}
