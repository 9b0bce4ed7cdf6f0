/**
 * The local Kubernetes cluster and the streams-bootstrap chart repository together, on the real binaries and
 * bakdata's real charts: given `scripts/services/start.sh kubernetes charts` (loopback only, started and stopped
 * by this test), when the Helm CLI installs streams-app 3.6.1 and producer-app 7.5.0 from the loopback repository,
 * then the API server shows the streams app's Deployment ready with the values given and the producer's Job
 * complete, `helm list` shows both releases, and uninstalling removes their workloads. Part of `npm run test:engine`.
 * The Pulumi layer's own deploys of these charts are tested elsewhere; this proves the ground they stand on.
 */
import * as fs from "fs";
import { parse as parseYaml } from "yaml";
import {
  KubernetesApi,
  LocalServices,
  eventually,
  helm,
  isRunning,
  kubernetesApi,
  servicePids,
  startServices,
  stopServices,
} from "./local-services";

const NAMESPACE = "kpops-charts-smoke";
const STREAMS_RELEASE = "word-count-app";
const PRODUCER_RELEASE = "word-count-producer";

describe("local Kubernetes cluster with the real streams-bootstrap charts from a loopback chart repository", () => {
  let services: LocalServices | undefined;
  let api: KubernetesApi;

  beforeAll(() => {
    services = startServices(["kubernetes", "charts"]);
    api = kubernetesApi(services);
  });

  afterAll(() => {
    if (!services) return;
    const pids = servicePids(services);
    stopServices(services);
    // Everything start.sh launched is gone again.
    const left = [...pids].filter(([, pid]) => isRunning(pid)).map(([name]) => name);
    expect(left).toEqual([]);
    expect(fs.existsSync(services.KUBECONFIG)).toBe(false);
  });

  it("writes loopback addresses and a kubeconfig for the cluster and the chart repository", () => {
    const s = services!;
    expect(s.KUBERNETES_SERVER).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(s.KPOPS_CHART_REPO_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.statSync(s.KUBECONFIG).mode & 0o077).toBe(0);
    expect(fs.readFileSync(s.KUBECONFIG, "utf8")).toContain(`server: ${s.KUBERNETES_SERVER}`);
    expect(fs.readFileSync(`${s.dir}/env`, "utf8")).toContain(`KUBECONFIG=${s.KUBECONFIG}\n`);
  });

  it("serves an index with both streams-bootstrap releases, as a user's chart repository would", async () => {
    const s = services!;
    const res = await fetch(`${s.KPOPS_CHART_REPO_URL}/index.yaml`);
    expect(res.status).toBe(200);
    const index = parseYaml(await res.text());
    const versions = (chart: string) => (index.entries[chart] ?? []).map((entry: any) => entry.version).sort();
    expect(versions("streams-app")).toEqual(["3.6.1", "7.5.0"]);
    expect(versions("producer-app")).toEqual(["3.6.1", "7.5.0"]);
    expect(versions("consumerproducer-app")).toEqual(["7.5.0"]);
    expect(versions("streams-app-cleanup-job")).toEqual(["3.6.1", "7.5.0"]);
    expect(index.entries["kafka-app"]).toBeUndefined(); // a library chart, packaged inside the apps that use it
    const packaged = index.entries["producer-app"].find((entry: any) => entry.version === "7.5.0");
    expect(packaged.urls).toEqual([`${s.KPOPS_CHART_REPO_URL}/producer-app-7.5.0.tgz`]);
    expect(packaged.dependencies?.map((d: any) => d.name)).toEqual(["kafka-app"]);

    // The Helm CLI reads it like any repository.
    helm(s, ["repo", "add", "bakdata-local", s.KPOPS_CHART_REPO_URL]);
    const found = JSON.parse(helm(s, ["search", "repo", "bakdata-local/streams-app", "--versions", "-o", "json"]));
    expect(found.map((chart: any) => `${chart.name}@${chart.version}`).sort()).toEqual([
      "bakdata-local/streams-app-cleanup-job@3.6.1",
      "bakdata-local/streams-app-cleanup-job@7.5.0",
      "bakdata-local/streams-app@3.6.1",
      "bakdata-local/streams-app@7.5.0",
    ]);
  });

  it("runs Kubernetes 1.33.3 with a simulated node that is Ready", async () => {
    const version = await api.get("/version");
    expect(version.body.gitVersion).toBe("v1.33.3");
    const nodes = await api.get("/api/v1/nodes");
    expect(nodes.body.items.map((n: any) => n.metadata.name)).toEqual(["kwok-node-0"]);
    const ready = nodes.body.items[0].status.conditions.find((c: any) => c.type === "Ready");
    expect(ready.status).toBe("True");
  });

  it("installs streams-app 3.6.1 from the repository and its Deployment becomes ready with the values given", async () => {
    const s = services!;
    helm(s, [
      "install", STREAMS_RELEASE, "streams-app", "--repo", s.KPOPS_CHART_REPO_URL, "--version", "3.6.1",
      "--namespace", NAMESPACE, "--create-namespace", "--wait", "--timeout", "5m",
      "--set", `nameOverride=${STREAMS_RELEASE}`, "--set", "image=registry.example/word-count-app", "--set", "imageTag=1.0.0",
      "--set", "replicaCount=2",
      "--set", "kafka.bootstrapServers=127.0.0.1:9092", "--set", "kafka.inputTopics={word-count-raw-data}",
      "--set", "kafka.outputTopic=word-count-counts",
    ]);
    const deployments = await api.get(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments?labelSelector=release%3D${STREAMS_RELEASE}`);
    expect(deployments.body.items).toHaveLength(1);
    const deployment = deployments.body.items[0];
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.status.readyReplicas).toBe(2);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe("registry.example/word-count-app:1.0.0");
    const env = Object.fromEntries(container.env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ APP_BOOTSTRAP_SERVERS: "127.0.0.1:9092", APP_INPUT_TOPICS: "word-count-raw-data", APP_OUTPUT_TOPIC: "word-count-counts" });
    const pods = await api.get(`/api/v1/namespaces/${NAMESPACE}/pods?labelSelector=release%3D${STREAMS_RELEASE}`);
    expect(pods.body.items.map((p: any) => [p.spec.nodeName, p.status.phase])).toEqual([
      ["kwok-node-0", "Running"],
      ["kwok-node-0", "Running"],
    ]);
  });

  it("installs producer-app 7.5.0 from the repository and its Job completes", async () => {
    const s = services!;
    helm(s, [
      "install", PRODUCER_RELEASE, "producer-app", "--repo", s.KPOPS_CHART_REPO_URL, "--version", "7.5.0",
      "--namespace", NAMESPACE, "--wait", "--wait-for-jobs", "--timeout", "5m",
      "--set", `nameOverride=${PRODUCER_RELEASE}`, "--set", "image=registry.example/word-count-producer", "--set", "imageTag=1.0.0",
      "--set", "kafka.bootstrapServers=127.0.0.1:9092", "--set", "kafka.outputTopic=word-count-raw-data",
    ]);
    const jobs = await api.get(`/apis/batch/v1/namespaces/${NAMESPACE}/jobs?labelSelector=app.kubernetes.io%2Finstance%3D${PRODUCER_RELEASE}`);
    expect(jobs.body.items).toHaveLength(1);
    const job = jobs.body.items[0];
    expect(job.status.succeeded).toBe(1);
    expect(job.status.conditions.find((c: any) => c.type === "Complete")?.status).toBe("True");
    expect(job.spec.template.spec.containers[0].image).toBe("registry.example/word-count-producer:1.0.0");
  });

  it("shows both releases in helm list, deployed at the chart versions asked for", () => {
    const releases = JSON.parse(helm(services!, ["list", "--namespace", NAMESPACE, "-o", "json"]));
    expect(releases.map((r: any) => [r.name, r.chart, r.status]).sort()).toEqual([
      [STREAMS_RELEASE, "streams-app-3.6.1", "deployed"],
      [PRODUCER_RELEASE, "producer-app-7.5.0", "deployed"],
    ].sort());
  });

  it("uninstalls both releases and their workloads go away", async () => {
    const s = services!;
    helm(s, ["uninstall", STREAMS_RELEASE, PRODUCER_RELEASE, "--namespace", NAMESPACE, "--wait", "--timeout", "5m"]);
    expect(JSON.parse(helm(s, ["list", "--namespace", NAMESPACE, "-o", "json"]))).toEqual([]);
    const deployments = await api.get(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments`);
    expect(deployments.body.items).toEqual([]);
    // The Job's pods are removed by the garbage collector after the Job itself.
    await eventually("the streams app's and the producer's pods to be deleted", async () => {
      const pods = await api.get(`/api/v1/namespaces/${NAMESPACE}/pods`);
      return pods.body.items.length === 0 ? true : undefined;
    });
  });
});
