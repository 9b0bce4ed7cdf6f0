/**
 * Secrets on the real engine, with a real Kafka broker, Kafka Connect, the local Kubernetes cluster (kwok node) and
 * a private chart repository on loopback (basic auth) serving this project's streams-app chart: a pipeline with a
 * repository password, a `values.secrets` entry and a connector `connection.password`, all started and stopped here.
 * - `up` installs the real `helm.v3.Release` from the private repository into the cluster (its Deployment runs,
 *   `helm list` shows it) and creates the connector; the exported state holds none of the three secrets in plain text.
 * - A `replicaCount` change shows in `preview --diff` as that field, with the secrets still hidden, and after `up`
 *   the Deployment has that replica count.
 */
import { execFileSync, spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { repositoryRoot as REPO_ROOT } from "../support/offline-engine";
import { KubernetesApi, LocalServices, eventually, helm, isRunning, kubernetesApi, servicePids, startServices, stopServices } from "./local-services";

const program = path.join(__dirname, "secrets-program");
const REPO_PASSWORD = "repo-pw-5b1f0c";
const VALUES_SECRET = "values-secret-8d2e7a";
const CONNECTOR_PASSWORD = "connector-pw-3c9a41";
const SECRETS = [REPO_PASSWORD, VALUES_SECRET, CONNECTOR_PASSWORD];

let services: LocalServices;
let api: KubernetesApi;
const NAMESPACE = "kpops-secrets";
let work: string;
const STACK = "secrets";
let repository: http.Server;
let repositoryUrl: string;
const repositoryRequests: string[] = [];

/** A chart repository with basic auth (robot / REPO_PASSWORD) serving charts/streams-app as streams-app-3.6.1.tgz. */
async function startChartRepository(dir: string): Promise<void> {
  const archive = path.join(dir, "streams-app-3.6.1.tgz");
  execFileSync("tar", ["-czf", archive, "-C", path.join(REPO_ROOT, "charts"), "streams-app"]);
  const digest = createHash("sha256").update(fs.readFileSync(archive)).digest("hex");
  const expectedAuth = `Basic ${Buffer.from(`robot:${REPO_PASSWORD}`).toString("base64")}`;
  repository = http.createServer((req, res) => {
    repositoryRequests.push(`${req.url} ${req.headers.authorization === expectedAuth ? "authorized" : "unauthorized"}`);
    if (req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="charts"' }).end();
    } else if (req.url === "/index.yaml") {
      res.writeHead(200, { "Content-Type": "application/x-yaml" }).end(
        `apiVersion: v1\nentries:\n  streams-app:\n    - apiVersion: v2\n      name: streams-app\n      version: 3.6.1\n      appVersion: "1.0"\n      digest: ${digest}\n      urls: [${repositoryUrl}streams-app-3.6.1.tgz]\n      created: "2026-01-01T00:00:00Z"\ngenerated: "2026-01-01T00:00:00Z"\n`,
      );
    } else if (req.url === "/streams-app-3.6.1.tgz") {
      res.writeHead(200, { "Content-Type": "application/gzip" }).end(fs.readFileSync(archive));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => repository.listen(0, "127.0.0.1", resolve));
  repositoryUrl = `http://127.0.0.1:${(repository.address() as AddressInfo).port}/`;
}

function writePipeline(project: string, replicaCount: number): void {
  fs.writeFileSync(
    path.join(project, "pipelines/p/pipeline.yaml"),
    `- type: streams-app
  name: app
  repo_config:
    repository_name: private
    url: ${repositoryUrl}
    repo_auth_flags: {username: robot, password: ${REPO_PASSWORD}}
  values:
    replicaCount: ${replicaCount}
    secrets: {API_PASSWORD: ${VALUES_SECRET}}
  from: {topics: {kpops-secrets-in: {}}}
  to: {topics: {kpops-secrets-out: {type: output, partitions_count: 1, replication_factor: 1}}}
- type: kafka-sink-connector
  name: sink
  config:
    connector.class: org.apache.kafka.connect.file.FileStreamSinkConnector
    file: ${path.join(work, "sink.txt")}
    connection.password: ${CONNECTOR_PASSWORD}
`,
  );
}

const pulumiEnv = () => ({ ...process.env, PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`, PULUMI_CONFIG_PASSPHRASE: "kpops-test" });

/** `pulumi` on the stack, synchronously (for commands that do not reach the chart repository this process serves). */
function run(...args: string[]) {
  // `stack` subcommands take no config file
  const flags = args[0] === "stack" ? ["--stack", STACK] : ["--stack", STACK, "--non-interactive", "--config-file", path.join(work, `Pulumi.${STACK}.yaml`)];
  const script = `source "${REPO_ROOT}/scripts/pulumi-env.sh"; cd "${program}"; pulumi "$@"`;
  const result = spawnSync("bash", ["-c", script, "pulumi", ...args, ...flags], { encoding: "utf8", env: pulumiEnv() });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** As {@link run}, without blocking this process, which serves the chart repository meanwhile (preview, up). */
function runAsync(...args: string[]): Promise<{ status: number | null; output: string }> {
  const flags = ["--stack", STACK, "--non-interactive", "--config-file", path.join(work, `Pulumi.${STACK}.yaml`)];
  const script = `source "${REPO_ROOT}/scripts/pulumi-env.sh"; cd "${program}"; pulumi "$@"`;
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", script, "pulumi", ...args, ...flags], { env: pulumiEnv() });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (status) => resolve({ status, output }));
  });
}

const noSecretIn = (text: string) => expect(SECRETS.filter((s) => text.includes(s))).toEqual([]);

/** The one Deployment the streams app's release made in the cluster. */
async function appDeployment(): Promise<any> {
  const list = await api.get(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments`);
  expect(list.status).toBe(200);
  expect(list.body.items).toHaveLength(1);
  return list.body.items[0];
}

beforeAll(async () => {
  services = startServices(["connect", "kubernetes"]);
  api = kubernetesApi(services);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-secrets-"));
  fs.mkdirSync(path.join(work, "state"));
  await startChartRepository(work);
  const project = path.join(work, "project");
  fs.mkdirSync(path.join(project, "pipelines/p"), { recursive: true });
  fs.writeFileSync(
    path.join(project, "config.yaml"),
    `kafka_brokers: ${services.KAFKA_BOOTSTRAP}\npipeline_base_dir: pipelines\ncreate_namespace: true\nkafka_connect: {url: "${services.KAFKA_CONNECT_URL}"}\n`,
  );
  fs.writeFileSync(
    path.join(project, "pipelines/defaults.yaml"),
    `kubernetes-app: {namespace: ${NAMESPACE}}\nstreams-bootstrap: {values: {image: registry.example/secrets-app, imageTag: '1.0'}}\n`,
  );
  writePipeline(project, 1);
  const init = spawnSync("bash", ["-c", `source "${REPO_ROOT}/scripts/pulumi-env.sh"; cd "${program}"; pulumi stack init secrets --non-interactive`], {
    encoding: "utf8",
    env: pulumiEnv(),
  });
  expect(init.status).toBe(0);
  const written = path.join(program, "Pulumi.secrets.yaml");
  if (fs.existsSync(written)) fs.renameSync(written, path.join(work, "Pulumi.secrets.yaml"));
  expect(run("config", "set", "project", project).status).toBe(0);
  expect(run("config", "set", "kubeconfig", services.KUBECONFIG).status).toBe(0);
  // the program's own kubernetes provider cannot be read by the Project: the releases' workload comparisons
  // (ReleaseWorkloads) are pointed at the same cluster by the default provider's stack config key
  expect(run("config", "set", "kubernetes:kubeconfig", services.KUBECONFIG).status).toBe(0);
}, 600_000);

afterAll(async () => {
  await new Promise((resolve) => (repository ? repository.close(resolve) : resolve(undefined)));
  if (work) fs.rmSync(work, { recursive: true, force: true });
  if (!services) return;
  const pids = servicePids(services);
  stopServices(services);
  // everything start.sh launched (broker, Connect, the cluster) is gone again
  expect([...pids].filter(([, pid]) => isRunning(pid)).map(([name]) => name)).toEqual([]);
});

describe("secrets on the real engine with a real Helm release in the local cluster", () => {
  it("installs the release from the private repository and stores none of the three secrets in plain text", async () => {
    const up = await runAsync("up", "--yes", "--skip-preview");
    if (up.status !== 0) console.log(up.output);
    expect(up.status).toBe(0);
    noSecretIn(up.output);
    // the provider fetched the chart from the private repository with the credentials
    expect(repositoryRequests).toContain("/index.yaml authorized");
    expect(repositoryRequests).toContain("/streams-app-3.6.1.tgz authorized");

    const state = run("stack", "export");
    expect(state.status).toBe(0);
    noSecretIn(state.output);
    expect(state.output).toContain("4dabf18193072939515e22adb298388d"); // the engine's marker of a secret value
    expect(state.output).toContain("kubernetes:helm.sh/v3:Release");
    // the other values stay readable in the state
    expect(state.output).toContain('"replicaCount": 1');
    expect(state.output).toContain("org.apache.kafka.connect.file.FileStreamSinkConnector");

    // the release is in the cluster: helm list shows it deployed, its Deployment runs the values given
    const listed = JSON.parse(helm(services, ["list", "--namespace", NAMESPACE, "-o", "json"]));
    expect(listed.map((r: any) => [r.chart, r.status])).toEqual([["streams-app-3.6.1", "deployed"]]);
    const deployment = await appDeployment();
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0].image).toBe("registry.example/secrets-app:1.0");
    // the values secret reached the cluster as a Secret (not through the state)
    const secrets = await api.get(`/api/v1/namespaces/${NAMESPACE}/secrets`);
    const values = secrets.body.items.flatMap((s: any) => Object.values(s.data ?? {}).map((v: any) => Buffer.from(v, "base64").toString("utf8")));
    expect(values).toContain(VALUES_SECRET);
  });

  it("previews a replicaCount change as that field, the secrets still hidden, and up scales the Deployment", async () => {
    writePipeline(path.join(work, "project"), 2);
    const preview = await runAsync("preview", "--diff");
    if (preview.status !== 0) console.log(preview.output);
    expect(preview.status).toBe(0);
    expect(preview.output).toContain("kubernetes:helm.sh/v3:Release");
    expect(preview.output).toMatch(/replicaCount\s*:\s*1\s*=>\s*2/);
    noSecretIn(preview.output);

    const up = await runAsync("up", "--yes", "--skip-preview");
    if (up.status !== 0) console.log(up.output);
    expect(up.status).toBe(0);
    noSecretIn(up.output);
    const deployment = await eventually("the Deployment to have 2 ready replicas", async () => {
      const d = await appDeployment();
      return d.status?.readyReplicas === 2 ? d : undefined;
    });
    expect(deployment.spec.replicas).toBe(2);
    const state = run("stack", "export");
    expect(state.status).toBe(0);
    noSecretIn(state.output);
    expect(state.output).toContain('"replicaCount": 2');
  });
});
