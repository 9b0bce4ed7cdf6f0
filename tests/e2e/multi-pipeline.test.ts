/**
 * The multi-pipeline example deployed for real with `pulumi up` of the repository's program, its apps as Helm
 * releases of bakdata's streams-bootstrap 7.5.0 charts (the newest; the word-count test covers 3.6.1), and a project
 * with Avro value schemas for the Schema Registry side (tests/engine/connector-project). Every check asks the
 * services themselves (tests/e2e/probe.ts). Services are started and stopped here (loopback only). Part of
 * `npm run test:e2e`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalServices, eventually, getJson, startServices, stopServices } from "../engine/local-services";
import { repositoryRoot } from "../support/offline-engine";
import { connectorState, deploymentReplicas, describeTopicState, helmReleases, helmValues, jobSucceeded, subjects } from "./probe";
import { E2eStack, changes, copyProject, serviceEnv } from "./stack";

const NAMESPACE = "kpops-orders";

let services: LocalServices;
let work: string;
let env: Record<string, string>;

beforeAll(() => {
  services = startServices(["kafka", "connect", "schema-registry", "kubernetes", "charts"]);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-e2e-multi-"));
  env = serviceEnv(services);
}, 600_000);

afterAll(() => {
  try {
    stopServices(services);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 300_000);

describe("multi-pipeline on Kafka, Connect and a local cluster with the streams-bootstrap 7.5.0 charts", () => {
  let stack: E2eStack;

  beforeAll(() => {
    const project = copyProject(path.join(repositoryRoot, "examples/multi-pipeline"), work);
    stack = new E2eStack(work, "multi", project, env);
  });

  afterAll(() => stack?.remove());

  it("`up` creates the shared topic and the enricher's topics as declared", async () => {
    stack.mustUp();
    expect(await describeTopicState(services, "orders")).toEqual({ partitions: 6, replicationFactor: 1, configs: { "retention.ms": "-1" } });
    expect(await describeTopicState(services, "enrich-order-enricher")).toEqual({ partitions: 6, replicationFactor: 1, configs: {} });
    expect(await describeTopicState(services, "enrich-order-enricher-error")).toEqual({ partitions: 1, replicationFactor: 1, configs: {} });
  });

  it("the archive connector runs on the enricher's output", async () => {
    const connector = await eventually("the connector RUNNING", async () => {
      const state = await connectorState(services, "enrich-order-archive");
      return state?.state === "RUNNING" ? state : undefined;
    });
    expect(connector.config).toMatchObject({ file: "/tmp/orders.txt", topics: "enrich-order-enricher" });
  });

  it("the apps are releases of the 7.5.0 charts, with the topics of both pipelines in their values", async () => {
    expect(helmReleases(services, NAMESPACE).map((r) => [r.name, r.status, r.chart]).sort()).toEqual([
      ["enrich-order-enricher", "deployed", "streams-app-7.5.0"],
      ["ingest-order-producer", "deployed", "producer-app-7.5.0"],
    ]);
    expect(helmValues(services, NAMESPACE, "enrich-order-enricher")).toMatchObject({
      kafka: { applicationId: "enrich-order-enricher", inputTopics: ["orders"], outputTopic: "enrich-order-enricher", errorTopic: "enrich-order-enricher-error" },
    });
    expect(helmValues(services, NAMESPACE, "ingest-order-producer")).toMatchObject({ kafka: { outputTopic: "orders" } });
    expect(await deploymentReplicas(services, NAMESPACE, "enrich-order-enricher")).toEqual({ desired: 1, ready: 1 });
    expect(await jobSucceeded(services, NAMESPACE, "ingest-order-producer")).toBe(1);
  });

  it("a second `up` plans no change", () => {
    expect(changes(stack.preview())).toEqual([]);
  });

  it("`destroy` keeps the topics; `up` of the same stack takes them over and plans nothing after", async () => {
    stack.mustDestroy();
    expect(helmReleases(services, NAMESPACE)).toEqual([]);
    expect(await connectorState(services, "enrich-order-archive")).toBeUndefined();
    const imports = changes(stack.preview()).filter((c) => c.startsWith("import "));
    expect(imports).toEqual(
      // the children of the Project component are named after the project folder
      ["enrich-order-enricher", "enrich-order-enricher-error", "orders"].map((t) => `import kafka:index/topic:Topic multi-pipeline/${t}`),
    );
    stack.mustUp();
    expect(helmReleases(services, NAMESPACE).map((r) => r.status)).toEqual(["deployed", "deployed"]);
    expect(changes(stack.preview())).toEqual([]);
  });
});

describe("a project with Avro value schemas: subjects in the Schema Registry", () => {
  let stack: E2eStack;
  const TOPIC = "files-lines";

  beforeAll(() => {
    const project = copyProject(path.join(repositoryRoot, "tests/engine/connector-project"), work);
    const files = { SOURCE_FILE: path.join(work, "source.txt"), SINK_FILE: path.join(work, "sink.txt") };
    fs.writeFileSync(files.SOURCE_FILE, "");
    stack = new E2eStack(work, "schemas", project, { ...env, ...files }, { "kpops:schemaProvider": "schema-provider.ts" });
  });

  afterAll(() => stack?.remove());

  it("`up` registers the value subject of the topic", async () => {
    stack.mustUp();
    expect(await subjects(services)).toContain(`${TOPIC}-value`);
    const latest = await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value/versions/latest`);
    expect(JSON.parse(latest.body.schema)).toMatchObject({ type: "record", name: "Line", namespace: "kpops.test" });
  });

  it("`destroy` keeps the subject and the topic; the next `up` takes them over with no new schema version", async () => {
    stack.mustDestroy();
    expect((await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value/versions`)).body).toEqual([1]);
    expect(await describeTopicState(services, TOPIC)).toBeDefined();
    stack.mustUp();
    expect((await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value/versions`)).body).toEqual([1]);
    expect(changes(stack.preview())).toEqual([]);
  });
});
