/**
 * Manifest mode against a real Kubernetes API server: given the local cluster (`startServices(["kubernetes"])`),
 * a CustomResourceDefinition for Strimzi's `KafkaTopic` (the cluster has no Strimzi operator; the CRD below
 * declares the fields KPOps prints with Strimzi's constraints: partitions and replicas at least 1, config a free
 * map) and a namespace, when `bin/kpops deploy|reset|clean PIPELINES --operation-mode manifest|argo` prints the
 * manifests of each example (charts read through KPOPS_CHART_MIRRORS from ../shared/charts/streams-bootstrap),
 * then the output is a stream of YAML documents and the API server accepts every document in a server-side apply
 * with `dryRun=All` (nothing is stored). A broken document is refused, so the check can fail.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Agent, fetch as undiciFetch } from "undici";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { repositoryRoot } from "../support/offline-engine";
import { eventually, startServices, stopServices, type LocalServices } from "./local-services";

const NAMESPACE = "kpops-manifest";
const CHARTS = path.resolve(repositoryRoot, "..", "shared", "charts", "streams-bootstrap");

/** The KafkaTopic CRD (group kafka.strimzi.io, version v1beta2, namespaced), with the spec fields KPOps writes. */
const KAFKA_TOPIC_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "kafkatopics.kafka.strimzi.io" },
  spec: {
    group: "kafka.strimzi.io",
    scope: "Namespaced",
    names: { kind: "KafkaTopic", listKind: "KafkaTopicList", plural: "kafkatopics", singular: "kafkatopic", shortNames: ["kt"] },
    versions: [
      {
        name: "v1beta2",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: {
                  topicName: { type: "string" },
                  partitions: { type: "integer", minimum: 1 },
                  replicas: { type: "integer", minimum: 1, maximum: 32767 },
                  config: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                },
              },
              status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
          },
        },
      },
    ],
  },
};

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

/** A small client of the local API server (the kubeconfig's CA and token). */
function client(services: LocalServices) {
  const config = parseYaml(fs.readFileSync(services.KUBECONFIG, "utf8"));
  const cluster = config.clusters[0].cluster;
  const dispatcher = new Agent({ connect: { ca: Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8") } });
  const headers = { authorization: `Bearer ${config.users[0].user.token}` };
  const call = async (method: string, apiPath: string, body?: unknown, contentType = "application/json") => {
    const res = await undiciFetch(`${cluster.server}${apiPath}`, {
      method,
      dispatcher,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": contentType }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const resources = new Map<string, Array<{ name: string; kind: string; namespaced: boolean }>>();
  /** The URL path of an object, from API discovery (plural name, namespaced or not). */
  const objectPath = async (obj: Obj): Promise<string> => {
    const base = obj.apiVersion.includes("/") ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
    if (!resources.has(base)) resources.set(base, (await call("GET", base)).body.resources);
    const resource = resources.get(base)!.find((r) => r.kind === obj.kind && !r.name.includes("/"));
    if (!resource) throw new Error(`the API server does not serve ${obj.kind} in ${obj.apiVersion}`);
    const namespace = resource.namespaced ? `/namespaces/${obj.metadata.namespace ?? NAMESPACE}` : "";
    return `${base}${namespace}/${resource.name}/${obj.metadata.name}`;
  };
  return {
    call,
    /** A server-side apply with dryRun=All: validated and admitted as if stored, and not stored. */
    async dryRunApply(obj: Obj) {
      const url = `${await objectPath(obj)}?dryRun=All&fieldManager=kpops-manifest-test&force=true`;
      return call("PATCH", url, obj, "application/apply-patch+yaml");
    },
    async exists(obj: Obj) {
      return (await call("GET", await objectPath(obj))).status === 200;
    },
  };
}

/** Runs bin/kpops in `dir`; returns its stdout (throws with stderr on failure). */
function kpops(dir: string, args: string[]): string {
  try {
    return execFileSync(path.join(repositoryRoot, "bin", "kpops"), args, {
      cwd: dir,
      env: { ...process.env, KPOPS_CHART_MIRRORS: `https://bakdata.github.io/streams-bootstrap/=${CHARTS}` },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e: any) {
    throw new Error(`kpops ${args.join(" ")} failed: ${e.stderr ?? e.message}`);
  }
}

/** The documents of a manifest stream; every document must parse and be a Kubernetes object. */
function documents(stream: string): Obj[] {
  return parseAllDocuments(stream).map((doc) => {
    expect(doc.errors).toEqual([]);
    const obj = doc.toJS() as Obj;
    expect(obj).toEqual(expect.objectContaining({ apiVersion: expect.any(String), kind: expect.any(String), metadata: expect.objectContaining({ name: expect.any(String) }) }));
    return obj;
  });
}

describe("manifest mode output accepted by a Kubernetes API server (server-side dry run)", () => {
  let services: LocalServices | undefined;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    services = startServices(["kubernetes"]);
    api = client(services);
    expect((await api.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", KAFKA_TOPIC_CRD)).status).toBe(201);
    expect((await api.call("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } })).status).toBe(201);
    await eventually("the KafkaTopic CRD to be established", async () => {
      const crd = (await api.call("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/kafkatopics.kafka.strimzi.io")).body;
      const established = crd?.status?.conditions?.some((c: { type: string; status: string }) => c.type === "Established" && c.status === "True");
      const served = (await api.call("GET", "/apis/kafka.strimzi.io/v1beta2")).status === 200;
      return established && served ? true : undefined;
    });
  }, 600_000);

  afterAll(() => stopServices(services));

  for (const example of ["word-count", "multi-pipeline"]) {
    it(`accepts every manifest of examples/${example} (deploy, deploy in argo mode, reset, clean), storing none`, async () => {
      const dir = path.join(repositoryRoot, "examples", example);
      const runs: Array<[string, string]> = [
        ["deploy", "manifest"],
        ["deploy", "argo"],
        ["reset", "manifest"],
        ["clean", "manifest"],
      ];
      const seen = new Set<string>();
      for (const [operation, mode] of runs) {
        const objects = documents(kpops(dir, [operation, "pipelines", "--operation-mode", mode]));
        if (operation === "deploy") {
          // an app's workload and a KafkaTopic per topic at least
          expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(["KafkaTopic"]));
          expect(objects.some((o) => ["Deployment", "Job", "StatefulSet", "CronJob"].includes(o.kind))).toBe(true);
        }
        for (const obj of objects) {
          const res = await api.dryRunApply(obj);
          expect([`${operation}/${mode} ${obj.kind}/${obj.metadata.name}`, res.status, res.status === 200 || res.status === 201 ? "" : res.body?.message]).toEqual([
            `${operation}/${mode} ${obj.kind}/${obj.metadata.name}`,
            expect.any(Number),
            "",
          ]);
          seen.add(`${obj.kind}/${obj.metadata.name}`);
        }
      }
      expect(seen.size).toBeGreaterThan(3);
      // a dry run stores nothing
      for (const key of seen) {
        const [kind, name] = key.split("/");
        const apiVersion = kind === "KafkaTopic" ? "kafka.strimzi.io/v1beta2" : kind === "Deployment" ? "apps/v1" : "batch/v1";
        if (["KafkaTopic", "Deployment", "Job"].includes(kind)) expect(await api.exists({ apiVersion, kind, metadata: { name } })).toBe(false);
      }
    });
  }

  it("refuses a broken document, so a refusal would show", async () => {
    const topic = documents(kpops(path.join(repositoryRoot, "examples", "word-count"), ["destroy", "pipelines", "--operation-mode", "manifest"]))[0] as Obj & { spec: { partitions: number } };
    const refused = await api.dryRunApply({ ...topic, spec: { ...topic.spec, partitions: 0 } } as Obj);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain("spec.partitions");
    const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "no-selector" }, spec: { template: { spec: { containers: [] } } } };
    expect((await api.dryRunApply(deployment)).status).toBe(422);
  });
});
