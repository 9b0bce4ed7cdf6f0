#!/usr/bin/env node
/*
 * bench-up.mjs: how long does `pulumi up` of a whole KPOps project take on real services, and how close is it to
 * what its dependency graph allows?
 *
 * Starts the local services (scripts/services/start.sh: Kafka, Kafka Connect, a Schema Registry, a Kubernetes
 * cluster with simulated nodes, the streams-bootstrap chart repository), writes the synthetic project of
 * scripts/bench (default 50 steps, FileStream connectors so that Connect can run them), and deploys it with the
 * repository's program through the Automation API, recording when each resource's operation starts and ends
 * (engine events). Then it prints:
 *   - wall time of the `up` (the engine's whole run, program start included) and the resource count;
 *   - the sum of the per-resource operation times: what a deployer that does one thing after another pays
 *     (upstream KPOps deploys step by step), and wall time as a ratio of it;
 *   - the longest dependency chain (the heaviest path through the state's dependencies and parents, each
 *     resource weighted by its own operation time): the floor for a parallel deployer, and wall time as a ratio
 *     of it (target: within 1.3x);
 *   - the machine's CPU during the `up` (all processes, the services included, from /proc): busy CPU-seconds, the
 *     share of all cores busy, and where it went by process name. Busy CPU-seconds divided by the cores is a second
 *     floor for the wall time (the work cannot finish faster than the cores can do it), printed beside the chain.
 * Finally it destroys the stack and stops the services. Nothing is asserted: it only measures.
 *
 * Usage: npm run bench:up [-- --steps 50 --runs 1 --parallel N]   (--parallel: the engine's limit of concurrent
 * resource operations, `pulumi up --parallel`; default: the engine's own)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation/index.js";
import { cpuWatch, option } from "./bench/cli.mjs";
import { cpus } from "node:os";
import { writeProject } from "./bench/synthetic-project.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const STEPS = Number(option("--steps", "50"));
const RUNS = Number(option("--runs", "1"));
const PARALLEL = option("--parallel", "");

/** The environment of bin/pulumi (scripts/pulumi-env.sh): the cached engine, PULUMI_HOME, no network. */
function engineEnv(base) {
  const out = spawnSync("bash", ["-c", `source "${REPO}/scripts/pulumi-env.sh" && env -0`], { env: base, encoding: "utf8" });
  return Object.fromEntries(out.stdout.split("\0").filter((e) => e.includes("=")).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

function startServices(dir) {
  const out = spawnSync(join(REPO, "scripts/services/start.sh"), [], {
    env: { ...process.env, KPOPS_SERVICES_DIR: dir, SCHEMA_REGISTRY_STORAGE: "memory" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (out.status !== 0) throw new Error("scripts/services/start.sh failed");
  return Object.fromEntries(out.stdout.trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

/**
 * The heaviest path through the dependency graph of the state (each resource's `dependencies`: what the engine
 * waited for before operating on it), each resource weighing its own operation time.
 */
function longestChain(resources, durations) {
  const edges = new Map(resources.map((r) => [r.urn, r.dependencies ?? []]));
  const memo = new Map();
  const finish = (urn) => {
    if (memo.has(urn)) return memo.get(urn);
    memo.set(urn, { ms: 0, path: [] }); // cycles cannot happen in a Pulumi state; guard anyway
    let best = { ms: 0, path: [] };
    for (const dep of edges.get(urn) ?? []) {
      const candidate = finish(dep);
      if (candidate.ms > best.ms) best = candidate;
    }
    const own = durations.get(urn) ?? 0;
    const result = { ms: best.ms + own, path: own > 0 ? [...best.path, urn] : best.path };
    memo.set(urn, result);
    return result;
  };
  let best = { ms: 0, path: [] };
  for (const r of resources) {
    const candidate = finish(r.urn);
    if (candidate.ms > best.ms) best = candidate;
  }
  return best;
}

const seconds = (ms) => (ms / 1000).toFixed(1);

async function run(index, services, work) {
  const project = writeProject(work, STEPS, "create_namespace: true\n", { runnable: true }).dir;
  const env = {
    ...engineEnv({ ...process.env, PULUMI_BACKEND_URL: `file://${join(work, "state")}`, PULUMI_CONFIG_PASSPHRASE: "bench" }),
    KUBECONFIG: services.KUBECONFIG,
    KPOPS_KAFKA_BROKERS: services.KAFKA_BOOTSTRAP,
    KPOPS_KAFKA_CONNECT__URL: services.KAFKA_CONNECT_URL,
    KPOPS_SCHEMA_REGISTRY__URL: services.SCHEMA_REGISTRY_URL,
    KPOPS_CHART_MIRRORS: `https://bakdata.github.io/streams-bootstrap/=${services.KPOPS_CHART_REPO_URL}`,
  };
  // the cached CLI (scripts/pulumi-env.sh puts its folder first on PATH)
  const pulumiCommand = await PulumiCommand.get({ root: dirname(env.PATH.split(":")[0]) });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: `bench-up-${index}`, workDir: REPO },
    { workDir: REPO, envVars: env, pulumiHome: env.PULUMI_HOME, pulumiCommand },
  );
  await stack.setAllConfig({ "kpops:project": { value: project }, "kpops:localChartsDir": { value: "" } });
  const started = new Map();
  const durations = new Map();
  const onEvent = (event) => {
    const now = Date.now();
    if (event.resourcePreEvent && event.resourcePreEvent.metadata.op !== "same") started.set(event.resourcePreEvent.metadata.urn, now);
    const done = event.resOutputsEvent?.metadata.urn;
    if (done && started.has(done)) durations.set(done, now - started.get(done));
  };
  const watch = cpuWatch();
  const t0 = Date.now();
  const up = await stack.up({ onEvent, ...(PARALLEL ? { parallel: Number(PARALLEL) } : {}) });
  const wall = Date.now() - t0;
  const cpu = watch.stop();
  const cores = cpus().length;
  const state = (await stack.exportStack()).deployment.resources ?? [];
  const custom = state.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  // only the operations of custom resources cost anything; a component's span is that of its children
  const customUrns = new Set(custom.map((r) => r.urn));
  for (const urn of [...durations.keys()]) if (!customUrns.has(urn)) durations.delete(urn);
  const firstStart = Math.min(...[...started].filter(([urn]) => customUrns.has(urn)).map(([, t]) => t));
  const sum = [...durations.values()].reduce((a, b) => a + b, 0);
  const chain = longestChain(state, durations);
  console.log(`\nrun ${index + 1}: ${up.summary.result}, ${STEPS} steps, ${custom.length} resources (${JSON.stringify(up.summary.resourceChanges)})`);
  console.log(`| measure | value |\n|---|---|`);
  console.log(`| wall time of \`up\` | ${seconds(wall)} s (program start to first resource operation: ${seconds(firstStart - t0)} s) |`);
  console.log(`| sum of per-resource operation times (one after another) | ${seconds(sum)} s (wall = ${(wall / sum).toFixed(2)}x) |`);
  console.log(`| longest dependency chain | ${seconds(chain.ms)} s over ${chain.path.length} resources (wall = ${(wall / chain.ms).toFixed(2)}x) |`);
  console.log(`| machine CPU during \`up\` | ${cpu.busy.toFixed(1)} CPU-s busy, ${(cpu.share * 100).toFixed(0)}% of ${cores} cores; floor ${seconds((cpu.busy / cores) * 1000)} s (wall = ${((wall / 1000) / (cpu.busy / cores)).toFixed(2)}x) |`);
  console.log(`| CPU by process | ${cpu.byName.slice(0, 8).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(", ")} |`);
  const byType = new Map();
  for (const [urn, ms] of durations) {
    const type = urn.split("::")[2].split("$").pop();
    const entry = byType.get(type) ?? { n: 0, ms: 0, max: 0 };
    byType.set(type, { n: entry.n + 1, ms: entry.ms + ms, max: Math.max(entry.max, ms) });
  }
  for (const [type, { n, ms, max }] of [...byType].sort()) console.log(`| ${type} | ${n} x, mean ${seconds(ms / n)} s, max ${seconds(max)} s |`);
  console.log(`chain: ${chain.path.map((urn) => `${urn.split("::").pop()} (${seconds(durations.get(urn))} s)`).join(" -> ")}`);
  await stack.destroy();
  await stack.workspace.removeStack(stack.name, { force: true });
  rmSync(join(REPO, `Pulumi.${stack.name}.yaml`), { force: true }); // the stack's config file, written beside Pulumi.yaml
}

const servicesDir = mkdtempSync(join(tmpdir(), "kpops-bench-up-services-"));
const work = mkdtempSync(join(tmpdir(), "kpops-bench-up-"));
try {
  const services = startServices(servicesDir);
  for (let i = 0; i < RUNS; i++) await run(i, services, work);
} finally {
  spawnSync(join(REPO, "scripts/services/stop.sh"), [], { env: { ...process.env, KPOPS_SERVICES_DIR: servicesDir }, stdio: "inherit" });
  rmSync(work, { recursive: true, force: true });
}
