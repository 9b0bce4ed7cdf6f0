/**
 * Drift of a KPOps app's Kubernetes workloads, on the real engine, the local Kubernetes cluster (kwok node), a real
 * Kafka broker and the real streams-bootstrap charts from the loopback chart repository (through
 * KPOPS_CHART_MIRRORS, as a user without internet would).
 *
 * A project of one streams-app is deployed by the repository's program: its `helm.v3.Release` and, after it, its
 * `kpops:index:ReleaseWorkloads`. Then, by hand, through the Kubernetes API:
 * - the app's Deployment is scaled to 3 (`kubectl scale`): `preview --refresh --diff` names the Deployment and
 *   `replicas: 3 => <chart's value>`; `up --refresh` brings `spec.replicas` back to the value of the manifest Helm
 *   stored (read from the API); the next `preview --refresh` plans no change (`--expect-no-changes`);
 * - the Deployment is deleted: `preview --refresh --diff` shows it missing (`exists: false => true`); `up --refresh`
 *   creates it again from the manifest, with Helm's ownership metadata, so `helm upgrade` still owns it; the next
 *   `preview --refresh` plans no change;
 * - a `replicaCount` change of the pipeline is applied by Helm to the re-created Deployment (Helm still owns it)
 *   and recorded, not fought;
 * - with a cluster that cannot be reached, `preview --refresh` fails with one error naming the release, its namespace
 *   and the API server.
 * `destroy` uninstalls the release (the workloads resource has nothing to delete).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { repositoryRoot } from "../support/offline-engine";
import { StateResource, WorkStack, initWorkStack, runPulumi } from "./engine-env";
import { KubernetesApi, LocalServices, eventually, helm, kubernetesApi, startServices, stopServices } from "./local-services";

const NAMESPACE = "kpops-drift";
const WORKLOADS_TYPE = "kpops:index:ReleaseWorkloads";
let services: LocalServices;
let api: KubernetesApi;
let work: string;
let stack: WorkStack;
let releaseName: string;
let deploymentName: string;
let env: Record<string, string>;

const deploymentPath = () => `/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${deploymentName}`;

/** `spec.replicas` of the app's Deployment in the manifest Helm stored for the release (`helm get manifest`). */
function manifestReplicas(): number {
  const manifest = helm(services, ["get", "manifest", releaseName, "--namespace", NAMESPACE]);
  const deployment = parseAllDocuments(manifest)
    .map((d) => d.toJS())
    .find((o) => o?.kind === "Deployment" && o.metadata?.name === deploymentName);
  expect(deployment).toBeDefined();
  return deployment.spec.replicas;
}

function run(...args: string[]): { status: number | null; output: string } {
  const result = stack.run(...args);
  if (result.status !== 0) console.log(`pulumi ${args.join(" ")}:\n${result.output}`);
  return result;
}

const workloadsResource = (): StateResource | undefined => stack.resources().find((r) => r.type === WORKLOADS_TYPE);

beforeAll(() => {
  services = startServices(["kafka", "kubernetes", "charts"]);
  api = kubernetesApi(services);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-release-drift-"));
  const project = path.join(work, "project");
  fs.mkdirSync(path.join(project, "pipelines/drift"), { recursive: true });
  fs.writeFileSync(path.join(project, "config.yaml"), `kafka_brokers: ${services.KAFKA_BOOTSTRAP}\npipeline_base_dir: pipelines\ncreate_namespace: true\n`);
  fs.writeFileSync(
    path.join(project, "pipelines/defaults.yaml"),
    `kubernetes-app: {namespace: ${NAMESPACE}}\nstreams-bootstrap: {values: {image: registry.example/drift-app, imageTag: '1.0'}}\n`,
  );
  fs.writeFileSync(
    path.join(project, "pipelines/drift/pipeline.yaml"),
    `- type: streams-app
  name: app
  from: {topics: {drift-in: {}}}
  to: {topics: {drift-out: {type: output, partitions_count: 1, replication_factor: 1}}}
`,
  );
  env = {
    KUBECONFIG: services.KUBECONFIG,
    KPOPS_CHART_MIRRORS: `https://bakdata.github.io/streams-bootstrap/=${services.KPOPS_CHART_REPO_URL}`,
  };
  stack = initWorkStack(work, `drift-${process.pid}`, env);
  expect(stack.run("config", "set", "kpops:project", project).status).toBe(0);
  expect(stack.run("config", "set", "kpops:localChartsDir", "").status).toBe(0);
}, 600_000);

afterAll(() => {
  try {
    if (stack) stack.run("destroy", "--yes", "--skip-preview");
    if (work) fs.rmSync(work, { recursive: true, force: true });
  } finally {
    stopServices(services);
  }
}, 300_000);

describe("the workloads of a KPOps app's Helm release", () => {
  it("are recorded by pulumi up next to the release, after it, in sync with the manifest", async () => {
    expect(run("up", "--yes", "--skip-preview").status).toBe(0);
    const resources = stack.resources();
    const workloads = resources.find((r) => r.type === WORKLOADS_TYPE);
    const release = resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release");
    expect(workloads).toBeDefined();
    expect(release).toBeDefined();
    expect(workloads!.dependencies).toContain(release!.urn);
    expect(workloads!.parent).toBe(release!.parent);
    releaseName = workloads!.outputs!.releaseName;
    expect(releaseName).toBe(release!.outputs!.name);
    expect(workloads!.outputs!.namespace).toBe(NAMESPACE);
    expect(workloads!.outputs!.inSync).toBe(true);
    const keys = Object.keys(workloads!.outputs!.workloads);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^Deployment\//);
    deploymentName = workloads!.outputs!.workloads[keys[0]].name;
    expect((await api.get(deploymentPath())).status).toBe(200);
    expect(Object.values(workloads!.outputs!.workloads[keys[0]].images)).toContain("registry.example/drift-app:1.0");
  });

  it("plans no change in a preview --refresh right after up", () => {
    expect(run("preview", "--refresh", "--expect-no-changes").status).toBe(0);
  });

  it("shows a Deployment scaled by hand in preview --refresh, naming the workload and the field", async () => {
    const scaled = await api.patch(deploymentPath(), { spec: { replicas: 3 } });
    expect(scaled.status).toBe(200);
    expect(scaled.body.spec.replicas).toBe(3);
    const expected = manifestReplicas();
    expect(expected).not.toBe(3);

    const preview = run("preview", "--refresh", "--diff");
    expect(preview.status).toBe(0);
    console.log(`preview --refresh --diff after kubectl scale --replicas=3:\n${preview.output}`);
    expect(preview.output).toMatch(new RegExp(`~ ${WORKLOADS_TYPE}: \\(update\\)`));
    expect(preview.output).toContain(`~ Deployment/${deploymentName}: {`);
    expect(preview.output).toMatch(new RegExp(`replicas\\s*: 3 => ${expected}`));
    // nothing changed yet
    expect((await api.get(deploymentPath())).body.spec.replicas).toBe(3);
  });

  it("brings the replicas back to the chart's value with up --refresh, and then plans no change", async () => {
    expect(run("up", "--refresh", "--yes", "--skip-preview").status).toBe(0);
    const deployment = (await api.get(deploymentPath())).body;
    expect(deployment.spec.replicas).toBe(manifestReplicas());
    expect(workloadsResource()!.outputs!.inSync).toBe(true);
    expect(workloadsResource()!.outputs!.drift).toEqual([]);
    expect(run("preview", "--refresh", "--expect-no-changes").status).toBe(0);
  });

  it("shows a Deployment deleted by hand, and up --refresh creates it again from the manifest, owned by Helm", async () => {
    const uid = (await api.get(deploymentPath())).body.metadata.uid;
    expect((await api.delete(deploymentPath())).status).toBe(200);
    await eventually("the Deployment to be gone", async () => ((await api.get(deploymentPath())).status === 404 ? true : undefined));

    const preview = run("preview", "--refresh", "--diff");
    expect(preview.status).toBe(0);
    console.log(`preview --refresh --diff after kubectl delete deployment:\n${preview.output}`);
    expect(preview.output).toContain(`~ Deployment/${deploymentName}: {`);
    expect(preview.output).toMatch(/exists\s*: false => true/);

    expect(run("up", "--refresh", "--yes", "--skip-preview").status).toBe(0);
    const recreated = await api.get(deploymentPath());
    expect(recreated.status).toBe(200);
    expect(recreated.body.metadata.uid).not.toBe(uid);
    expect(recreated.body.spec.replicas).toBe(manifestReplicas());
    expect(recreated.body.metadata.annotations["meta.helm.sh/release-name"]).toBe(releaseName);
    expect(recreated.body.metadata.annotations["meta.helm.sh/release-namespace"]).toBe(NAMESPACE);
    expect(recreated.body.metadata.labels["app.kubernetes.io/managed-by"]).toBe("Helm");
    await eventually("the re-created Deployment to be ready", async () => {
      const status = (await api.get(deploymentPath())).body.status;
      return status?.readyReplicas === manifestReplicas() ? true : undefined;
    });
    expect(run("preview", "--refresh", "--expect-no-changes").status).toBe(0);
  });

  it("leaves a replicaCount change of the pipeline to Helm, which still owns the re-created Deployment", async () => {
    fs.writeFileSync(
      path.join(work, "project/pipelines/drift/pipeline.yaml"),
      `- type: streams-app
  name: app
  values: {replicaCount: 2}
  from: {topics: {drift-in: {}}}
  to: {topics: {drift-out: {type: output, partitions_count: 1, replication_factor: 1}}}
`,
    );
    expect(run("up", "--yes", "--skip-preview").status).toBe(0);
    expect(manifestReplicas()).toBe(2);
    expect((await api.get(deploymentPath())).body.spec.replicas).toBe(2);
    expect(workloadsResource()!.outputs!.workloads[`Deployment/${deploymentName}`].replicas).toBe(2);
    expect(run("preview", "--refresh", "--expect-no-changes").status).toBe(0);
  });

  it("fails a refresh with a cluster that cannot be reached with one error naming the release and the API server", () => {
    const dead = path.join(work, "dead-kubeconfig");
    fs.writeFileSync(
      dead,
      "apiVersion: v1\ncurrent-context: dead\nclusters: [{name: dead, cluster: {server: 'https://127.0.0.1:9', insecure-skip-tls-verify: true}}]\n" +
        "users: [{name: u, user: {token: t}}]\ncontexts: [{name: dead, context: {cluster: dead, user: u}}]\n",
    );
    const flags = ["--stack", stack.name, "--non-interactive", "--config-file", path.join(work, `Pulumi.${stack.name}.yaml`)];
    const preview = runPulumi(repositoryRoot, work, ["preview", "--refresh", ...flags], { ...env, KUBECONFIG: dead });
    console.log(`preview --refresh with an unreachable cluster:\n${preview.output}`);
    expect(preview.status).not.toBe(0);
    const message = `kpops: cannot read the workloads of Helm release "${releaseName}" in namespace "${NAMESPACE}": the Kubernetes API at https://127.0.0.1:9 cannot be reached (connect ECONNREFUSED 127.0.0.1:9)`;
    expect(preview.output).toContain(message);
    // one line, no stack trace of the plugin
    const line = preview.output.split("\n").find((l) => l.includes(message))!;
    expect(preview.output.slice(preview.output.indexOf(line) + line.length).split("\n")[1] ?? "").not.toMatch(/^\s+at /);
  });

  it("is left to the release on destroy: the release is uninstalled and its Deployment goes", async () => {
    expect(run("destroy", "--yes", "--skip-preview").status).toBe(0);
    expect(stack.resources().filter((r) => r.type === WORKLOADS_TYPE)).toEqual([]);
    await eventually("the Deployment to be gone", async () => ((await api.get(deploymentPath())).status === 404 ? true : undefined));
  });
});
