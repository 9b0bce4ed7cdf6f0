/**
 * The Pulumi engine on this machine, offline: the cached CLI, the nodejs language host, the
 * kubernetes plugin and the dynamic-provider shim preview a program through the Automation API.
 *
 * Given the environment of scripts/pulumi-env.sh (no update check, no plugin download) and an HTTPS
 * proxy that refuses every connection, when the engine check program is previewed, then it plans
 * the topic, the Helm release and the dynamic resource, and `pulumi plugin ls` shows the pinned plugin versions.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { offlinePulumiCommand } from "../support/offline-engine";
import { engineEnv, readVersions } from "./engine-env";
import { repositoryRoot } from "../support/offline-engine";

const root = repositoryRoot;
const programDir = path.join(__dirname, "program");

describe("offline Pulumi engine", () => {
  const env = engineEnv();
  const versions = readVersions();

  it("lists the kubernetes plugin at the version @pulumi/kubernetes asks for", () => {
    const out = execFileSync(path.join(root, "bin", "pulumi"), ["plugin", "ls", "--json"], { env, encoding: "utf8" });
    const plugins = JSON.parse(out) as { name: string; kind: string; version: string }[];
    const k8s = plugins.find((p) => p.name === "kubernetes" && p.kind === "resource");
    const sdkVersion = JSON.parse(fs.readFileSync(path.join(root, "node_modules/@pulumi/kubernetes/package.json"), "utf8")).version;
    expect(k8s?.version).toBe(versions.PULUMI_KUBERNETES_VERSION);
    expect(k8s?.version).toBe(sdkVersion);
  });

  it("lists the kafka plugin at the version @pulumi/kafka asks for", () => {
    const out = execFileSync(path.join(root, "bin", "pulumi"), ["plugin", "ls", "--json"], { env, encoding: "utf8" });
    const plugins = JSON.parse(out) as { name: string; kind: string; version: string }[];
    const kafka = plugins.find((p) => p.name === "kafka" && p.kind === "resource");
    const sdkVersion = JSON.parse(fs.readFileSync(path.join(root, "node_modules/@pulumi/kafka/package.json"), "utf8")).version;
    expect(kafka?.version).toBe(versions.PULUMI_KAFKA_VERSION);
    expect(kafka?.version).toBe(sdkVersion);
  });

  it("reports the pinned CLI version", () => {
    const out = execFileSync(path.join(root, "bin", "pulumi"), ["version"], { env, encoding: "utf8" }).trim();
    expect(out).toBe(`v${versions.PULUMI_CLI_VERSION}`);
  });

  it("previews a kafka topic, a Helm release of a local chart and a dynamic-provider resource", async () => {
    const pulumiCommand = await offlinePulumiCommand(env);
    const ws = await LocalWorkspace.create({ workDir: programDir, envVars: env, pulumiCommand, pulumiHome: env.PULUMI_HOME });
    const stackName = `engine-check-${process.pid}`;
    const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: programDir }, { workDir: programDir, envVars: env, pulumiCommand, pulumiHome: env.PULUMI_HOME });
    try {
      let log = "";
      const preview = await stack.preview({ onOutput: (s) => (log += s) });
      // the stack, the kafka provider, the topic, the release and the dynamic resource
      expect(preview.changeSummary.create).toBe(5);
      expect(log).toMatch(/kafka:index(\/topic)?:Topic/);
      expect(log).not.toMatch(/from \$PATH/);
      expect(log).toContain("kubernetes:helm.sh/v3:Release");
      expect(log).toContain("pulumi-nodejs:dynamic:Resource");
      expect(log).not.toMatch(/download/i);
    } finally {
      await ws.removeStack(stackName);
    }
  });
});
