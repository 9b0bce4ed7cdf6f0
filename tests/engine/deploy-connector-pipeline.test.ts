/**
 * A KPOps project deployed end to end by the repository's Pulumi program on real local services: Kafka (KRaft),
 * Kafka Connect and a Schema Registry (scripts/services/start.sh, loopback only).
 *
 * Given tests/engine/connector-project (a FileStream source connector writing a topic with an Avro value schema,
 * and a sink connector reading it), pointed at the services with KPOPS_* variables as a KPOps user would,
 * when `pulumi up` runs, then the topic, the subject and both connectors exist and lines written to the source
 * file arrive in the sink file through Kafka; when the stack is destroyed, the connectors are gone and the
 * topic and the subject are kept: no path but an explicit clean loses data.
 */
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { offlinePulumiCommand, repositoryRoot } from "../support/offline-engine";
import { engineEnv } from "./engine-env";
import { LocalServices, describeTopic, getJson, startServices, stopServices } from "./local-services";

const TOPIC = "files-lines";
let services: LocalServices;

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${seconds}s waiting for ${what}`);
}

describe("a KPOps project deployed with pulumi up on real Kafka, Kafka Connect and Schema Registry", () => {
  let sourceFile: string;
  let sinkFile: string;
  let stack: Stack;

  beforeAll(async () => {
    services = startServices();
    sourceFile = path.join(services.dir, "source.txt");
    sinkFile = path.join(services.dir, "sink.txt");
    fs.writeFileSync(sourceFile, "");
    const env: Record<string, string> = {
      ...engineEnv(),
      KPOPS_KAFKA_BROKERS: services.KAFKA_BOOTSTRAP,
      KPOPS_KAFKA_CONNECT__URL: services.KAFKA_CONNECT_URL,
      KPOPS_SCHEMA_REGISTRY__URL: services.SCHEMA_REGISTRY_URL,
      SOURCE_FILE: sourceFile,
      SINK_FILE: sinkFile,
    };
    const pulumiCommand = await offlinePulumiCommand(env);
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: `deploy-${process.pid}`, workDir: repositoryRoot },
      { workDir: repositoryRoot, envVars: env, pulumiCommand, pulumiHome: env.PULUMI_HOME },
    );
    await stack.setAllConfig({
      "kpops:project": { value: "tests/engine/connector-project" },
      "kpops:schemaProvider": { value: "schema-provider.ts" },
    });
  }, 600_000);

  afterAll(async () => {
    try {
      if (stack) await stack.workspace.removeStack(stack.name, { force: true });
    } finally {
      stopServices(services);
    }
  }, 300_000);

  it("creates the topic, the value schema and both connectors", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(describeTopic(services, TOPIC)).toMatch(/PartitionCount:\s*2/);
    const subject = await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value/versions/latest`);
    expect(JSON.parse(subject.body.schema).name).toBe("Line");
    for (const connector of ["files-lines-source", "files-lines-sink"]) {
      const status = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${connector}/status`);
      expect(status.body.connector.state).toBe("RUNNING");
    }
  });

  it("moves data: lines written to the source file arrive in the sink file through Kafka", async () => {
    fs.appendFileSync(sourceFile, "to be or not to be\nthat is the question\n");
    await waitFor("the sink file", () => fs.existsSync(sinkFile) && fs.readFileSync(sinkFile, "utf8").includes("that is the question"));
    expect(fs.readFileSync(sinkFile, "utf8").split("\n").filter(Boolean)).toEqual(["to be or not to be", "that is the question"]);
  });

  it("plans nothing more on a second preview", async () => {
    const preview = await stack.preview();
    expect(preview.changeSummary.create ?? 0).toBe(0);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.delete ?? 0).toBe(0);
  });

  it("on destroy removes the connectors and keeps the topic and the subject", async () => {
    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    for (const connector of ["files-lines-source", "files-lines-sink"]) {
      expect((await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${connector}`)).status).toBe(404);
    }
    expect(describeTopic(services, TOPIC)).toMatch(/PartitionCount:\s*2/);
    expect((await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value/versions`)).body).toEqual([1]);
  });
});
