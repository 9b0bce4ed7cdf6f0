/**
 * The engine against real local services: a Kafka broker (KRaft), Kafka Connect and a Schema Registry
 * (scripts/services/start.sh, loopback only). Given services-program, when it is brought up, updated,
 * refreshed and destroyed with the real Pulumi engine, then the topic, the schema subject and the
 * connector exist, change and go away in the services themselves, as read over their own APIs, and the
 * Kafka Connect password is stored only encrypted.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { offlinePulumiCommand, repositoryRoot } from "../support/offline-engine";
import { engineEnv } from "./engine-env";
import { LocalServices, describeTopic, getJson, startServices, stopServices } from "./local-services";

const programDir = path.join(__dirname, "services-program");
const CONNECT_PASSWORD = "never-in-state-4711";
let services: LocalServices;

describe("engine with real Kafka, Schema Registry and Kafka Connect", () => {
  // The services are on loopback; the engine still has no way out (NO_PROXY covers 127.0.0.1).
  const env: Record<string, string> = engineEnv();
  const topic = `kpops-engine-words-${process.pid}`;
  let stack: Stack;

  beforeAll(async () => {
    services = startServices();
    const sinkFile = path.join(services.dir, "sink.txt");
    const pulumiCommand = await offlinePulumiCommand(env);
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: `services-${process.pid}`, workDir: programDir },
      { workDir: programDir, envVars: env, pulumiCommand, pulumiHome: env.PULUMI_HOME },
    );
    await stack.setAllConfig({
      "check:topic": { value: topic },
      "check:partitions": { value: "2" },
      "check:retentionMs": { value: "3600000" },
      "check:bootstrap": { value: services.KAFKA_BOOTSTRAP },
      "check:registry": { value: services.SCHEMA_REGISTRY_URL },
      "check:connect": { value: services.KAFKA_CONNECT_URL },
      "check:sinkFile": { value: sinkFile },
      "check:connectPassword": { value: CONNECT_PASSWORD, secret: true },
    });
  }, 600_000);

  afterAll(async () => {
    try {
      if (stack) await stack.workspace.removeStack(stack.name, { force: true });
    } finally {
      stopServices(services);
    }
  }, 300_000);

  it("creates the topic, the subject and the connector", async () => {
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(describeTopic(services, topic)).toMatch(/PartitionCount:\s*2/);
    const versions = await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${topic}-value/versions`);
    expect(versions.body).toEqual([1]);
    const status = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${topic}-sink/status`);
    expect(status.body.connector.state).toBe("RUNNING");
  });

  it("keeps the Kafka Connect password out of the state, encrypted as a secret", async () => {
    // the state as stored (the Automation API's exportStack shows secrets decrypted)
    const state = execFileSync(path.join(repositoryRoot, "bin/pulumi"), ["stack", "export", "--stack", stack.name], {
      cwd: programDir,
      env,
      encoding: "utf8",
    });
    expect(state).not.toContain(CONNECT_PASSWORD);
    expect(state).toContain("4dabf18193072939515e22adb298388d"); // the engine's marker of a secret value
  });

  it("updates in place: more partitions, a compatible schema version, a paused connector", async () => {
    await stack.setAllConfig({
      "check:partitions": { value: "4" },
      "check:countField": { value: "true" },
      "check:connectorState": { value: "paused" },
    });
    const up = await stack.up();
    expect(up.summary.resourceChanges?.update).toBe(3);
    expect(up.summary.resourceChanges?.create ?? 0).toBe(0);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    expect(describeTopic(services, topic)).toMatch(/PartitionCount:\s*4/);
    const versions = await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${topic}-value/versions`);
    expect(versions.body).toEqual([1, 2]);
    const status = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${topic}-sink/status`);
    expect(status.body.connector.state).toBe("PAUSED");
  });

  it("sees drift on refresh: a connector resumed behind Pulumi's back", async () => {
    const res = await fetch(`${services.KAFKA_CONNECT_URL}/connectors/${topic}-sink/resume`, { method: "PUT" });
    expect(res.status).toBe(202);
    await new Promise((r) => setTimeout(r, 2000));
    await stack.refresh();
    const preview = await stack.preview();
    expect(preview.changeSummary.update).toBe(1);
  });

  it("destroys the connector and the topic, and keeps the schema subject", async () => {
    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    const connector = await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${topic}-sink`);
    expect(connector.status).toBe(404);
    const versions = await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${topic}-value/versions`);
    expect(versions.body).toEqual([1, 2]);
    expect(() => describeTopic(services, topic)).toThrow();
  });
});
