#!/usr/bin/env node
/*
 * bench-operations.mjs: what does the operations layer add to an engine run?
 *
 * On real local services it starts itself (scripts/services/start.sh: Kafka, Kafka Connect, the local Kubernetes
 * cluster, the streams-bootstrap chart repository), it deploys the synthetic project of `--size` steps
 * (scripts/bench/synthetic-project.mjs; its JDBC and Debezium connectors replaced by Kafka's FileStream ones, which
 * the local Kafka Connect has) with
 *   - `kpops deploy --execute` (managed mode: preflight checks, adoption check, state export, `up`), and
 *   - a bare `pulumi up --yes --skip-preview` of the same project through the repository's program (Pulumi.yaml),
 * each run under a pipeline name of its own, so that every run creates its topics (a destroy keeps them). The
 * simulated node has room for one deployment of the project at a time, so each deploy is followed by its destroy
 * (not timed). Order: an untimed warm-up `pulumi up` (first chart downloads, the services' JIT), then bare, kpops,
 * bare, kpops. It prints the wall times and the ratio of the mean kpops time to the mean bare time; nothing is
 * asserted. Then it stops the services.
 *
 * Usage: npm run bench:operations [-- --size 50]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { option } from "./bench/cli.mjs";
import { writeProject } from "./bench/synthetic-project.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SIZE = Number(option("--size", "50"));

function startServices(dir) {
  const out = execFileSync(join(REPO, "scripts/services/start.sh"), ["kafka", "connect", "kubernetes", "charts"], {
    env: { ...process.env, KPOPS_SERVICES_DIR: dir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const value = (name) => new RegExp(`^${name}=(.*)$`, "m").exec(out)?.[1]?.trim() ?? "";
  return { KAFKA_BOOTSTRAP: value("KAFKA_BOOTSTRAP"), KAFKA_CONNECT_URL: value("KAFKA_CONNECT_URL"), KUBECONFIG: value("KUBECONFIG"), KPOPS_CHART_REPO_URL: value("KPOPS_CHART_REPO_URL") };
}

/** The synthetic project as pipeline `name`, with connectors the local Kafka Connect has. */
function project(root, name) {
  const { dir } = writeProject(join(root, name), SIZE, "create_namespace: true\n");
  const defaults = join(dir, "pipelines", "defaults.yaml");
  writeFileSync(
    defaults,
    readFileSync(defaults, "utf8")
      .replace("io.confluent.connect.jdbc.JdbcSinkConnector", `org.apache.kafka.connect.file.FileStreamSinkConnector\n    file: ${root}/\${component.name}.txt`)
      .replace("io.debezium.connector.postgresql.PostgresConnector", `org.apache.kafka.connect.file.FileStreamSourceConnector\n    file: ${root}/\${component.name}.in\n    topic: \${component.name}-lines`),
  );
  renameSync(join(dir, "pipelines", "bench"), join(dir, "pipelines", name));
  return dir;
}

function timed(label, command, args, options) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { ...options, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${label} failed (exit ${run.status}):\n${run.stdout?.slice(-4000)}\n${run.stderr?.slice(-4000)}`);
  process.stderr.write(`[bench] ${label}: ${seconds.toFixed(1)} s\n`);
  return seconds;
}

const root = mkdtempSync(join(tmpdir(), "kpops-bench-ops-"));
const servicesDir = join(root, "services");
let figures;
try {
  process.stderr.write(`[bench] starting services in ${servicesDir}\n`);
  const services = startServices(servicesDir);
  const env = {
    ...process.env,
    NO_COLOR: "1",
    KUBECONFIG: services.KUBECONFIG,
    KPOPS_KAFKA_BROKERS: services.KAFKA_BOOTSTRAP,
    KPOPS_KAFKA_CONNECT__URL: services.KAFKA_CONNECT_URL,
    KPOPS_CHART_MIRRORS: `https://bakdata.github.io/streams-bootstrap/=${services.KPOPS_CHART_REPO_URL}`,
  };
  delete env.PULUMI_BACKEND_URL;
  delete env.PULUMI_CONFIG_PASSPHRASE;
  const pulumiEnv = { ...env, PULUMI_BACKEND_URL: `file://${root}/pulumi-state`, PULUMI_CONFIG_PASSPHRASE: "bench" };
  execFileSync("mkdir", ["-p", `${root}/pulumi-state`]);
  const pulumi = join(REPO, "bin", "pulumi");
  const quiet = { cwd: REPO, env: pulumiEnv, stdio: ["ignore", "ignore", "inherit"] };
  execFileSync(pulumi, ["stack", "init", "bench-ops", "--non-interactive"], quiet);
  execFileSync(pulumi, ["config", "set", "--stack", "bench-ops", "kpops:pipelines", "pipelines"], quiet);

  // Each run deploys a pipeline of its own name, so every run creates its topics (a destroy keeps them).
  const runPulumi = (name, timedRun = true) => {
    execFileSync(pulumi, ["config", "set", "--stack", "bench-ops", "kpops:project", project(root, name)], quiet);
    const up = ["up", "--yes", "--skip-preview", "--stack", "bench-ops", "--non-interactive"];
    const seconds = timedRun ? timed(`pulumi up (${SIZE} steps, ${name})`, pulumi, up, { cwd: REPO, env: pulumiEnv }) : (execFileSync(pulumi, up, quiet), 0);
    execFileSync(pulumi, ["destroy", "--yes", "--skip-preview", "--stack", "bench-ops", "--non-interactive"], quiet);
    return seconds;
  };
  const runKpops = (name) => {
    const dir = project(root, name);
    const seconds = timed(`kpops deploy --execute (${SIZE} steps, ${name})`, join(REPO, "bin", "kpops"), ["deploy", "pipelines", "--execute"], { cwd: dir, env });
    execFileSync(join(REPO, "bin", "kpops"), ["destroy", "pipelines", "--execute"], { cwd: dir, env, stdio: ["ignore", "ignore", "inherit"] });
    return seconds;
  };
  process.stderr.write("[bench] warm-up: one untimed pulumi up and destroy (first chart downloads, JIT of the services)\n");
  runPulumi("warmup", false);
  const bare = [runPulumi("bare1")];
  const kpops = [runKpops("managed1")];
  bare.push(runPulumi("bare2"));
  kpops.push(runKpops("managed2"));
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  figures = {
    steps: SIZE,
    kpopsDeploySeconds: kpops.map((x) => Number(x.toFixed(1))),
    pulumiUpSeconds: bare.map((x) => Number(x.toFixed(1))),
    ratio: Number((mean(kpops) / mean(bare)).toFixed(2)),
  };
} finally {
  spawnSync(join(REPO, "scripts/services/stop.sh"), [], { env: { ...process.env, KPOPS_SERVICES_DIR: servicesDir }, stdio: "inherit" });
  rmSync(root, { recursive: true, force: true });
  rmSync(join(REPO, "Pulumi.bench-ops.yaml"), { force: true }); // the stack's settings file `pulumi config set` wrote
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.stdout.write(`kpops deploy --execute: ${figures.kpopsDeploySeconds.join(" s, ")} s; bare pulumi up: ${figures.pulumiUpSeconds.join(" s, ")} s; ratio of the means ${figures.ratio} (goal: <= 1.3)\n`);
