/**
 * The kpops provider plugin on the real engine, against a real Schema Registry and Kafka Connect
 * (provider-program/index.ts):
 * - a stack whose subject, connector and topic guard were made as dynamic resources by the code before the plugin
 *   (main at 61e467c, extracted with `git archive`) previews with the plugin without a replace, create or delete;
 *   after `up` the state holds only `kpops:index:*` resources and no dynamic resource or provider;
 * - `pulumi import` of a connector and a subject that exist in the services, by their REST addresses, followed by
 *   a preview of a program that declares them: no changes;
 * - `pulumi package get-schema` of the plugin is the committed schema.json.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot } from "../support/offline-engine";
import { runPulumi } from "./engine-env";
import { LocalServices, getJson, startServices, stopServices } from "./local-services";

const program = path.join(__dirname, "provider-program");
/** The last commit whose subjects, connectors and topic guards were dynamic resources. */
const DYNAMIC_CODE = "61e467cdf653fd4f11eba91048cd901a35ab0c4f";
const dynamicSdk = path.join(__dirname, ".old-sdk", DYNAMIC_CODE);
const SCHEMA = '{"type":"record","name":"Word","namespace":"kpops.check","fields":[{"name":"word","type":"string"}]}';

let services: LocalServices;
let work: string;
const prefix = `kpops-plugin-${process.pid}`;

function run(...args: string[]) {
  return runPulumi(program, work, [...args, "--stack", "plugin", "--non-interactive", "--config-file", path.join(work, "Pulumi.plugin.yaml")]);
}

/** The resources of the stack's state. */
function stateResources(): { type: string; urn: string; id?: string; outputs?: Record<string, unknown> }[] {
  const exported = runPulumi(program, work, ["stack", "export", "--stack", "plugin"]);
  expect(exported.status).toBe(0);
  return JSON.parse(exported.output.slice(0, exported.output.lastIndexOf("}") + 1)).deployment.resources ?? [];
}

async function send(method: string, url: string, body: unknown): Promise<number> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await response.text();
  return response.status;
}

beforeAll(() => {
  if (!fs.existsSync(path.join(dynamicSdk, "sdk/src/pulumi/index.ts"))) {
    fs.mkdirSync(dynamicSdk, { recursive: true });
    const archive = spawnSync("bash", ["-c", `git -C "${repositoryRoot}" archive ${DYNAMIC_CODE} sdk/src | tar -x -C "${dynamicSdk}"`], { encoding: "utf8" });
    expect(archive.stderr).toBe("");
    expect(archive.status).toBe(0);
  }
  services = startServices(["kafka", "connect", "schema-registry"]);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-plugin-"));
  fs.mkdirSync(path.join(work, "state"));
  expect(runPulumi(program, work, ["stack", "init", "plugin", "--non-interactive"]).status).toBe(0);
  const written = path.join(program, "Pulumi.plugin.yaml");
  if (fs.existsSync(written)) fs.renameSync(written, path.join(work, "Pulumi.plugin.yaml"));
  for (const [key, value] of Object.entries({
    registry: services.SCHEMA_REGISTRY_URL,
    connect: services.KAFKA_CONNECT_URL,
    prefix,
    sinkFile: path.join(services.dir, "sink.txt"),
  })) {
    expect(run("config", "set", `check:${key}`, value).status).toBe(0);
  }
  expect(run("config", "set", "--secret", "check:connectPassword", "plugin-secret-4711").status).toBe(0);
}, 600_000);

afterAll(() => {
  try {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  } finally {
    stopServices(services);
  }
}, 300_000);

describe("the kpops provider plugin on the real engine and services", () => {
  it("takes over a stack made by the dynamic resources without replacing anything", () => {
    expect(run("config", "set", "sdk", path.join(dynamicSdk, "sdk/src")).status).toBe(0);
    const made = run("up", "--yes", "--skip-preview");
    if (made.status !== 0) console.log(made.output);
    expect(made.status).toBe(0);
    const dynamicTypes = stateResources().map((r) => r.type);
    expect(dynamicTypes).toEqual(expect.arrayContaining(["pulumi-nodejs:dynamic/kpops:KafkaConnector", "pulumi-nodejs:dynamic/kpops:SchemaSubject", "pulumi-nodejs:dynamic/kpops:TopicGuard"]));

    expect(run("config", "rm", "sdk").status).toBe(0);
    const preview = run("preview", "--diff");
    if (preview.status !== 0) console.log(preview.output);
    expect(preview.status).toBe(0);
    expect(preview.output).not.toMatch(/to create|to delete|to replace|create-replacement|delete-replaced/);

    const up = run("up", "--yes", "--skip-preview");
    expect(up.status).toBe(0);
    const resources = stateResources();
    const types = resources.map((r) => r.type);
    expect(types.filter((t) => t.startsWith("pulumi-nodejs:") || t === "pulumi:providers:pulumi-nodejs")).toEqual([]);
    expect(types).toEqual(expect.arrayContaining(["kpops:index:KafkaConnector", "kpops:index:SchemaSubject", "kpops:index:TopicGuard", "pulumi:providers:kpops"]));
    const state = JSON.stringify(resources);
    expect(state).not.toContain("plugin-secret-4711");
    expect(resources.find((r) => r.type === "kpops:index:KafkaConnector")?.id).toBe(`${prefix}-sink`);

    const again = run("preview", "--expect-no-changes");
    if (again.status !== 0) console.log(again.output);
    expect(again.status).toBe(0);
  });

  it("imports an existing connector and subject by their REST addresses; the program that declares them then has no changes", async () => {
    const connector = `${prefix}-imported-sink`;
    const subject = `${prefix}-imported-value`;
    const config = { "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "tasks.max": "1", topics: `${prefix}-imported`, file: path.join(services.dir, "sink.txt") };
    expect(await send("PUT", `${services.KAFKA_CONNECT_URL}/connectors/${connector}/config`, config)).toBe(201);
    expect(await send("POST", `${services.SCHEMA_REGISTRY_URL}/subjects/${subject}/versions`, { schema: SCHEMA })).toBe(200);

    for (const [type, name, id] of [
      ["kpops:index:KafkaConnector", "imported-sink", `${services.KAFKA_CONNECT_URL}/connectors/${connector}`],
      ["kpops:index:SchemaSubject", "imported-value", `${services.SCHEMA_REGISTRY_URL}/subjects/${subject}`],
    ]) {
      const imported = run("import", type, name, id, "--yes", "--generate-code=false");
      if (imported.status !== 0) console.log(imported.output);
      expect(imported.status).toBe(0);
    }
    const ids = Object.fromEntries(stateResources().map((r) => [r.urn.split("::").pop(), r.id]));
    expect(ids["imported-sink"]).toBe(connector);
    expect(ids["imported-value"]).toBe(subject);

    expect(run("config", "set", "check:imported", "true").status).toBe(0);
    const preview = run("preview", "--diff", "--expect-no-changes");
    if (preview.status !== 0) console.log(preview.output);
    expect(preview.status).toBe(0);
    const status = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${connector}/status`);
    expect(status.body.connector.state).toBe("RUNNING");
  });

  it("serves the committed schema.json through get-schema", () => {
    const schema = runPulumi(program, work, ["package", "get-schema", "kpops"]);
    expect(schema.status).toBe(0);
    const served = JSON.parse(schema.output.slice(0, schema.output.lastIndexOf("}") + 1));
    expect(served).toEqual(JSON.parse(fs.readFileSync(path.join(repositoryRoot, "schema.json"), "utf8")));
  });
});
