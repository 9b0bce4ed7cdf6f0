import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeKubernetes, helmStorageSecret } from "../../../../tests/support/clients/fake-kubernetes";
import { resolveClusterConnection } from "../../clients/kubernetes/kubeconfig";
import {
  WorkloadStates,
  checkReleaseWorkloads,
  createReleaseWorkloads,
  decodeHelmRelease,
  deleteReleaseWorkloads,
  desiredWorkloads,
  diffReleaseWorkloads,
  manifestObjects,
  readReleaseWorkloads,
  updateReleaseWorkloads,
  workloadDrift,
} from "./release-workloads-operations";

const NS = "apps";
const RELEASE = "word-count-app";

function deployment(name: string, replicas: number | undefined, image: string, extra: Record<string, any> = {}): Record<string, any> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { app: name } },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image, env: [{ name: "A", value: "1" }] }], ...extra },
      },
    },
  };
}

const toYaml = (objects: Record<string, any>[]) => objects.map((o) => `---\n# Source: chart/templates/x.yaml\n${JSON.stringify(o, null, 2)}\n`).join("");

/** The objects in the cluster, as Helm would leave them (namespace set). */
function live(obj: Record<string, any>): Record<string, any> {
  return { ...obj, metadata: { ...obj.metadata, namespace: NS, uid: `uid-${obj.metadata.name}` } };
}

describe("ReleaseWorkloads operations against a fake Kubernetes API", () => {
  let api: FakeKubernetes;
  let warnings: string[];
  const log = (message: string) => warnings.push(message);
  const news = () => ({ releaseName: RELEASE, namespace: NS, kubeconfig: api.kubeconfig() });

  /** Installs `objects` as revision `revision` of the release: a storage Secret and the live objects. */
  function install(objects: Record<string, any>[], revision = 1, status = "deployed"): void {
    api.put(helmStorageSecret(RELEASE, NS, revision, status, toYaml(objects)));
    for (const obj of objects) if (obj.kind !== "ScaledObject") api.put(live(obj));
  }

  beforeEach(async () => {
    api = await FakeKubernetes.start();
    warnings = [];
  });

  afterEach(async () => {
    await api.stop();
  });

  describe("Helm's storage", () => {
    it("decodes a storage Secret (base64 of gzip of JSON, base64 again in data)", () => {
      const secret = helmStorageSecret(RELEASE, NS, 4, "deployed", "kind: ConfigMap\n");
      expect(decodeHelmRelease(secret.data.release)).toEqual({ name: RELEASE, namespace: NS, version: 4, info: { status: "deployed" }, manifest: "kind: ConfigMap\n" });
    });

    it("compares the deployed revision, not a later failed one nor an older superseded one, reading only that Secret", async () => {
      api.put(helmStorageSecret(RELEASE, NS, 1, "superseded", toYaml([deployment("old", 1, "img:1")])));
      api.put(helmStorageSecret(RELEASE, NS, 2, "deployed", toYaml([deployment("current", 2, "img:2")])));
      api.put(helmStorageSecret(RELEASE, NS, 3, "failed", toYaml([deployment("broken", 3, "img:3")])));
      api.put(helmStorageSecret("other-release", NS, 9, "deployed", toYaml([deployment("other", 1, "img:9")])));
      api.put(live(deployment("current", 2, "img:2")));

      const { outs } = await createReleaseWorkloads(news());

      expect(outs.revision).toBe(2);
      expect(outs.releaseStatus).toBe("deployed");
      expect(Object.keys(outs.workloads)).toEqual(["Deployment/current"]);
      const lists = api.requests.filter((r) => r.path === `/api/v1/namespaces/${NS}/secrets`);
      expect(lists.map((r) => r.query.get("labelSelector"))).toEqual([`owner=helm,name=${RELEASE},status=deployed`]);
      expect(lists[0].authorization).toBe("Bearer fake-token");
    });

    it("falls back to the latest revision when none is deployed (a failed first install)", async () => {
      api.put(helmStorageSecret(RELEASE, NS, 1, "failed", toYaml([deployment("first", 1, "img:1")])));
      api.put(live(deployment("first", 1, "img:1")));

      const { outs } = await createReleaseWorkloads(news());

      expect([outs.revision, outs.releaseStatus]).toEqual([1, "failed"]);
      expect(api.requests.filter((r) => r.path.endsWith("/secrets")).map((r) => r.query.get("labelSelector"))).toEqual([
        `owner=helm,name=${RELEASE},status=deployed`,
        `owner=helm,name=${RELEASE}`,
      ]);
    });
  });

  describe("the desired state of a manifest", () => {
    it("takes Deployments, StatefulSets and CronJobs with replicas, images, schedule and suspend; no Jobs", () => {
      const objects = manifestObjects(
        toYaml([
          deployment("d", 2, "img:d", { initContainers: [{ name: "wait", image: "busybox:1" }] }),
          { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "s", namespace: "elsewhere" }, spec: { replicas: 3, template: { spec: { containers: [{ name: "c", image: "img:s" }] } } } },
          { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c" }, spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "job", image: "img:c" }] } } } } } },
          { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { template: { spec: { containers: [{ name: "j", image: "img:j" }] } } } },
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } },
        ]) + "---\n# an empty document\n",
      );

      expect(desiredWorkloads(objects, NS)).toEqual({
        "Deployment/d": { kind: "Deployment", name: "d", namespace: NS, exists: true, replicas: 2, images: { app: "img:d" }, initImages: { wait: "busybox:1" } },
        "StatefulSet/elsewhere/s": { kind: "StatefulSet", name: "s", namespace: "elsewhere", exists: true, replicas: 3, images: { c: "img:s" } },
        "CronJob/c": { kind: "CronJob", name: "c", namespace: NS, exists: true, images: { job: "img:c" }, schedule: "*/5 * * * *", suspend: false },
      });
    });

    it("leaves replicas out when the manifest sets none, or a ScaledObject or HPA of the manifest or the cluster owns them", () => {
      const objects = [
        deployment("keda", 1, "img"),
        deployment("hpa", 1, "img"),
        deployment("live-hpa", 1, "img"),
        deployment("unset", undefined, "img"),
        deployment("plain", 1, "img"),
        { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "keda-so" }, spec: { scaleTargetRef: { name: "keda" } } },
        { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "h" }, spec: { scaleTargetRef: { kind: "Deployment", name: "hpa" } } },
        // a ScaledObject for another kind's object of the same name does not count
        { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "ss" }, spec: { scaleTargetRef: { kind: "StatefulSet", name: "plain" } } },
      ];

      const desired = desiredWorkloads(objects, NS, new Map([[`Deployment/${NS}/live-hpa`, "HorizontalPodAutoscaler/keda-hpa-x"]]));

      expect(desired["Deployment/keda"]).toMatchObject({ autoscaledBy: "ScaledObject/keda-so" });
      expect(desired["Deployment/hpa"]).toMatchObject({ autoscaledBy: "HorizontalPodAutoscaler/h" });
      expect(desired["Deployment/live-hpa"]).toMatchObject({ autoscaledBy: "HorizontalPodAutoscaler/keda-hpa-x" });
      for (const name of ["keda", "hpa", "live-hpa", "unset"]) expect(desired[`Deployment/${name}`].replicas).toBeUndefined();
      expect(desired["Deployment/plain"]).toMatchObject({ replicas: 1 });
      expect(desired["Deployment/plain"].autoscaledBy).toBeUndefined();
    });
  });

  it("names every drifted field", () => {
    const desired: WorkloadStates = {
      "Deployment/a": { kind: "Deployment", name: "a", namespace: NS, exists: true, replicas: 1, images: { app: "img:1" } },
      "Deployment/b": { kind: "Deployment", name: "b", namespace: NS, exists: true, replicas: 1, images: {} },
      "CronJob/c": { kind: "CronJob", name: "c", namespace: NS, exists: true, images: {}, schedule: "0 * * * *", suspend: false },
    };
    const observed: WorkloadStates = {
      "Deployment/a": { kind: "Deployment", name: "a", namespace: NS, exists: true, replicas: 3, images: { app: "img:2" } },
      "Deployment/b": { kind: "Deployment", name: "b", namespace: NS, exists: false },
      "CronJob/c": { kind: "CronJob", name: "c", namespace: NS, exists: true, images: {}, schedule: "0 * * * *", suspend: true },
    };

    expect(workloadDrift(desired, observed)).toEqual([
      { workload: "Deployment/a", field: "replicas", desired: 1, observed: 3 },
      { workload: "Deployment/a", field: "images.app", desired: "img:1", observed: "img:2" },
      { workload: "Deployment/b", field: "exists", desired: true, observed: false },
      { workload: "CronJob/c", field: "suspend", desired: false, observed: true },
    ]);
    expect(workloadDrift(desired, desired)).toEqual([]);
  });

  describe("lifecycle", () => {
    const app = () => deployment(RELEASE, 1, "registry.example/app:1.0", { initContainers: [{ name: "init", image: "busybox:1" }] });

    it("create observes a release in sync and changes nothing", async () => {
      install([app()]);

      const { id, outs } = await createReleaseWorkloads(news());

      expect(id).toBe(`${NS}/${RELEASE}`);
      expect(outs.inSync).toBe(true);
      expect(outs.drift).toEqual([]);
      expect(outs.workloads[`Deployment/${RELEASE}`]).toEqual({
        kind: "Deployment",
        name: RELEASE,
        namespace: NS,
        exists: true,
        replicas: 1,
        images: { app: "registry.example/app:1.0" },
        initImages: { init: "busybox:1" },
      });
      expect(api.writes()).toEqual([]);
    });

    it("a Deployment scaled by hand: refresh sees it, check sets the manifest's value, diff asks for an update, update patches replicas only", async () => {
      install([app()]);
      const { outs: created } = await createReleaseWorkloads(news());
      api.put({ ...api.get("Deployment", NS, RELEASE)!, spec: { ...api.get("Deployment", NS, RELEASE)!.spec, replicas: 3 } });

      const refreshed = await readReleaseWorkloads(`${NS}/${RELEASE}`, { ...created });
      expect(refreshed.props?.workloads[`Deployment/${RELEASE}`].replicas).toBe(3);
      expect(refreshed.props?.drift).toEqual([`Deployment/${RELEASE}: replicas is 3, the manifest says 1`]);
      expect(refreshed.props?.inSync).toBe(false);
      // the refreshed inputs hold what the cluster has: the engine shows old (live) => new (manifest) inputs
      expect(refreshed.inputs?.workloads?.[`Deployment/${RELEASE}`].replicas).toBe(3);

      const checked = await checkReleaseWorkloads(refreshed.inputs as never, news(), { log });
      expect((checked.inputs.workloads as WorkloadStates)[`Deployment/${RELEASE}`].replicas).toBe(1);
      expect(warnings).toEqual([]);

      expect(await diffReleaseWorkloads(`${NS}/${RELEASE}`, refreshed.props as never, checked.inputs)).toEqual({ changes: true });

      const { outs } = await updateReleaseWorkloads(`${NS}/${RELEASE}`, refreshed.props as never, checked.inputs);
      expect(api.writes().map((w) => [w.method, w.path, w.body])).toEqual([
        ["PATCH", `/apis/apps/v1/namespaces/${NS}/deployments/${RELEASE}`, { spec: { replicas: 1 } }],
      ]);
      expect(api.get("Deployment", NS, RELEASE)!.spec.replicas).toBe(1);
      expect(outs.inSync).toBe(true);
      expect(outs.workloads[`Deployment/${RELEASE}`].replicas).toBe(1);

      // in sync again: no change planned
      const again = await checkReleaseWorkloads(outs as never, news());
      expect(await diffReleaseWorkloads(`${NS}/${RELEASE}`, outs as never, again.inputs)).toEqual({ changes: false });
    });

    it("a changed image: update patches that container's image only, by name", async () => {
      install([app()]);
      const current = api.get("Deployment", NS, RELEASE)!;
      current.spec.template.spec.containers[0].image = "registry.example/app:hotfix";
      api.put(current);

      const { outs } = await updateReleaseWorkloads(`${NS}/${RELEASE}`, {}, news());

      expect(api.writes().map((w) => w.body)).toEqual([{ spec: { template: { spec: { containers: [{ name: "app", image: "registry.example/app:1.0" }] } } } }]);
      const container = api.get("Deployment", NS, RELEASE)!.spec.template.spec.containers[0];
      expect(container).toEqual({ name: "app", image: "registry.example/app:1.0", env: [{ name: "A", value: "1" }] });
      expect(outs.inSync).toBe(true);
    });

    it("a deleted Deployment: update creates it again from the manifest, with Helm's ownership metadata", async () => {
      install([app()]);
      api.delete("Deployment", NS, RELEASE);

      const read = await readReleaseWorkloads(`${NS}/${RELEASE}`, { ...news() });
      expect(read.props?.workloads[`Deployment/${RELEASE}`]).toEqual({ kind: "Deployment", name: RELEASE, namespace: NS, exists: false });
      expect(read.props?.drift).toEqual([`Deployment/${RELEASE}: missing from the cluster, the manifest has it`]);

      const { outs } = await updateReleaseWorkloads(`${NS}/${RELEASE}`, read.props as never, news());

      const [post] = api.writes();
      expect(post.method).toBe("POST");
      expect(post.path).toBe(`/apis/apps/v1/namespaces/${NS}/deployments`);
      expect(post.body.spec).toEqual(app().spec);
      expect(post.body.metadata).toEqual({
        name: RELEASE,
        namespace: NS,
        labels: { app: RELEASE, "app.kubernetes.io/managed-by": "Helm" },
        annotations: { "meta.helm.sh/release-name": RELEASE, "meta.helm.sh/release-namespace": NS },
      });
      expect(outs.inSync).toBe(true);
    });

    it("a CronJob suspended by hand and a StatefulSet scaled: both patched back", async () => {
      install([
        { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "producer" }, spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "p", image: "img:p" }] } } } } } },
        { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "store" }, spec: { replicas: 2, template: { spec: { containers: [{ name: "s", image: "img:s" }] } } } },
      ]);
      api.put({ ...api.get("CronJob", NS, "producer")!, spec: { ...api.get("CronJob", NS, "producer")!.spec, suspend: true } });
      api.put({ ...api.get("StatefulSet", NS, "store")!, spec: { ...api.get("StatefulSet", NS, "store")!.spec, replicas: 0 } });

      const { outs } = await updateReleaseWorkloads(`${NS}/${RELEASE}`, {}, news());

      expect(api.writes().map((w) => [w.path, w.body])).toEqual([
        [`/apis/batch/v1/namespaces/${NS}/cronjobs/producer`, { spec: { suspend: false } }],
        [`/apis/apps/v1/namespaces/${NS}/statefulsets/store`, { spec: { replicas: 2 } }],
      ]);
      expect(outs.inSync).toBe(true);
    });

    it("an app under an autoscaler: replicas changed by the autoscaler are no drift and never patched", async () => {
      install([
        app(),
        { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: `${RELEASE}-so` }, spec: { scaleTargetRef: { name: RELEASE } } },
      ]);
      api.put({ ...api.get("Deployment", NS, RELEASE)!, spec: { ...api.get("Deployment", NS, RELEASE)!.spec, replicas: 7 } });

      const read = await readReleaseWorkloads(`${NS}/${RELEASE}`, { ...news() });
      expect(read.props?.inSync).toBe(true);
      expect(read.props?.workloads[`Deployment/${RELEASE}`]).toMatchObject({ autoscaledBy: `ScaledObject/${RELEASE}-so` });
      const checked = await checkReleaseWorkloads(read.inputs as never, news());
      expect(await diffReleaseWorkloads("", read.props as never, checked.inputs)).toEqual({ changes: false });
      await updateReleaseWorkloads(`${NS}/${RELEASE}`, {}, news());
      expect(api.writes()).toEqual([]);
      expect(api.get("Deployment", NS, RELEASE)!.spec.replicas).toBe(7);
    });

    it("a live HPA (no autoscaler in the manifest) owns the replicas too; without the autoscaling API nothing is skipped", async () => {
      install([app()]);
      api.put({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "manual", namespace: NS }, spec: { scaleTargetRef: { kind: "Deployment", name: RELEASE } } });
      api.put({ ...api.get("Deployment", NS, RELEASE)!, spec: { ...api.get("Deployment", NS, RELEASE)!.spec, replicas: 4 } });

      expect((await readReleaseWorkloads("", { ...news() })).props?.inSync).toBe(true);
      api.unserved.add("horizontalpodautoscalers");
      expect((await readReleaseWorkloads("", { ...news() })).props?.drift).toEqual([`Deployment/${RELEASE}: replicas is 4, the manifest says 1`]);
    });

    it("a release Helm no longer knows: refresh reports the resource gone; update fails naming the release", async () => {
      expect(await readReleaseWorkloads(`${NS}/${RELEASE}`, { ...news() })).toEqual({ id: "" });
      await expect(updateReleaseWorkloads(`${NS}/${RELEASE}`, {}, news())).rejects.toThrow(
        `kpops: cannot repair the workloads of Helm release "${RELEASE}" in namespace "${NS}": Helm has no record of the release`,
      );
    });

    it("a new release or namespace replaces the resource; delete does nothing", async () => {
      expect(await diffReleaseWorkloads("", { releaseName: "a", namespace: NS }, { releaseName: "b", namespace: NS })).toEqual({
        changes: true,
        replaces: ["releaseName"],
        deleteBeforeReplace: true,
      });
      await deleteReleaseWorkloads();
      expect(api.requests).toEqual([]);
    });

    it("check of a new resource asks the cluster nothing", async () => {
      const checked = await checkReleaseWorkloads({}, news());
      expect(checked).toEqual({ inputs: news(), failures: [] });
      expect(api.requests).toEqual([]);
      expect((await checkReleaseWorkloads({}, { releaseName: "", namespace: NS })).failures).toEqual([
        { property: "releaseName", reason: "releaseName must be a non-empty string" },
      ]);
    });
  });

  describe("an unreachable cluster", () => {
    const unreachable = () => ({
      releaseName: RELEASE,
      namespace: NS,
      kubeconfig: "apiVersion: v1\ncurrent-context: gone\nclusters: [{name: gone, cluster: {server: 'http://127.0.0.1:9'}}]\ncontexts: [{name: gone, context: {cluster: gone}}]\n",
    });

    it("fails refresh and update with one error naming the release and the API server", async () => {
      const expected = new RegExp(
        `^kpops: cannot read the workloads of Helm release "${RELEASE}" in namespace "${NS}": the Kubernetes API at http://127\\.0\\.0\\.1:9 cannot be reached \\(connect ECONNREFUSED 127\\.0\\.0\\.1:9\\)$`,
      );
      await expect(readReleaseWorkloads(`${NS}/${RELEASE}`, unreachable())).rejects.toThrow(expected);
      await expect(createReleaseWorkloads(unreachable())).rejects.toThrow(expected);
      await expect(updateReleaseWorkloads("", {}, unreachable())).rejects.toThrow(/^kpops: cannot repair the workloads of Helm release "word-count-app".*cannot be reached/);
    });

    it("only warns in check (preview works without the cluster) and plans no change", async () => {
      const checked = await checkReleaseWorkloads(unreachable(), unreachable(), { log });
      expect(checked.failures).toEqual([]);
      expect(checked.inputs.workloads).toBeUndefined();
      expect(warnings).toEqual([expect.stringMatching(/^kpops: cannot compare the workloads of Helm release "word-count-app" .*cannot be reached.*; workload drift is not compared in this run$/)]);
      expect(await diffReleaseWorkloads("", { ...unreachable(), workloads: {} }, checked.inputs)).toEqual({ changes: false });
    });

    it("a kubeconfig whose user runs an exec plugin is refused with a message saying so", async () => {
      const kubeconfig = `current-context: c\nclusters: [{name: k, cluster: {server: '${api.url}'}}]\nusers: [{name: u, user: {exec: {command: aws}}}]\ncontexts: [{name: c, context: {cluster: k, user: u}}]\n`;
      await expect(createReleaseWorkloads({ releaseName: RELEASE, namespace: NS, kubeconfig })).rejects.toThrow(
        `kpops: cannot read the workloads of Helm release "${RELEASE}" in namespace "${NS}": user "u" of context "c" authenticates through an exec plugin`,
      );
    });
  });
});

describe("kubeconfig resolution", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-kubeconfig-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("merges the KUBECONFIG files (the first to name a thing wins), reads files relative to their kubeconfig, and takes the context given", () => {
    fs.writeFileSync(path.join(dir, "ca.pem"), "CA PEM");
    fs.writeFileSync(path.join(dir, "token"), "file-token\n");
    fs.writeFileSync(
      path.join(dir, "a"),
      "current-context: one\nclusters: [{name: k, cluster: {server: 'https://one:6443/', certificate-authority: ca.pem}}]\nusers: [{name: u, user: {tokenFile: token}}]\ncontexts: [{name: one, context: {cluster: k, user: u}}]\n",
    );
    fs.writeFileSync(
      path.join(dir, "b"),
      `current-context: two\nclusters: [{name: k, cluster: {server: 'https://ignored'}}, {name: k2, cluster: {server: 'https://two', insecure-skip-tls-verify: true}}]\nusers: [{name: c, user: {client-certificate-data: ${Buffer.from("CERT").toString("base64")}, client-key-data: ${Buffer.from("KEY").toString("base64")}}}]\ncontexts: [{name: two, context: {cluster: k2, user: c}}]\n`,
    );
    const env = { KUBECONFIG: `${path.join(dir, "a")}${path.delimiter}${path.join(dir, "b")}` };

    expect(resolveClusterConnection({ env })).toEqual({ server: "https://one:6443", context: "one", ca: "CA PEM", insecureSkipTlsVerify: false, token: "file-token" });
    expect(resolveClusterConnection({ env, context: "two" })).toEqual({ server: "https://two", context: "two", insecureSkipTlsVerify: true, cert: "CERT", key: "KEY" });
    expect(() => resolveClusterConnection({ env, context: "three" })).toThrow(/has no context "three"/);
  });

  it("takes kubeconfig text or a path, and says when nothing is configured", () => {
    const text = "current-context: x\nclusters: [{name: k, cluster: {server: 'https://x'}}]\ncontexts: [{name: x, context: {cluster: k}}]\n";
    fs.writeFileSync(path.join(dir, "config"), text);
    expect(resolveClusterConnection({ kubeconfig: text }).server).toBe("https://x");
    expect(resolveClusterConnection({ kubeconfig: path.join(dir, "config") }).server).toBe("https://x");
    expect(() => resolveClusterConnection({ env: { HOME: dir } })).toThrow(/no Kubernetes cluster is configured/);
  });
});
