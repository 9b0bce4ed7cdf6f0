/**
 * The built package as a consumer sees it: each entry of sdk/package.json's `exports` map loads with Node's own
 * resolver (a child process, not jest's), under the name `@kpops/pulumi`, and the repository's test helpers and
 * engine tooling are neither exported nor built into sdk/dist.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const REPO = join(__dirname, "../..");
const DIST = join(REPO, "sdk/dist");

/** Requires `specifier` from the repository root in a fresh node; its exported names, or the error code. */
function load(specifier: string): { names?: string[]; error?: string } {
  const script = `try { const m = require(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify({ names: Object.keys(m) })); }
    catch (e) { process.stdout.write(JSON.stringify({ error: e.code || e.message })); }`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: REPO, encoding: "utf8" }));
}

beforeAll(() => {
  execFileSync("bash", [join(REPO, "scripts/build.sh"), "--if-stale"], { stdio: "ignore" });
}, 300_000);

describe("the exports of @kpops/pulumi", () => {
  it.each([
    ["@kpops/pulumi", ["generate", "loadConfig", "StreamsApp", "registryWithModule"]],
    ["@kpops/pulumi/core", ["generate", "loadPipeline", "HelmApp"]],
    ["@kpops/pulumi/pulumi", ["Pipeline", "Project"]],
    ["@kpops/pulumi/clients", ["SchemaRegistryClient", "KafkaConnectClient"]],
    ["@kpops/pulumi/operations/manifest", ["manifestOperation", "pulumiHelmRenderer", "planManifests"]],
    // required by the programs of the engine tests, and by the serialised providers of stacks made before the kpops plugin
    ["@kpops/pulumi/dist/pulumi/providers", ["KafkaConnector", "SchemaSubject"]],
    ["@kpops/pulumi/dist/pulumi/providers/kafka-connector-operations", ["validateConnectorForPreview"]],
    ["@kpops/pulumi/dist/pulumi/providers/schema-subject-operations", ["validateSubjectForPreview"]],
  ])("%s", (specifier, expected) => {
    const loaded = load(specifier);
    expect(loaded.error).toBeUndefined();
    expect(loaded.names).toEqual(expect.arrayContaining(expected));
  });

  it("does not export what is not listed", () => {
    expect(load("@kpops/pulumi/dist/cli/main").error).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("builds no test helper or engine tooling into sdk/dist", () => {
    const built: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else built.push(relative(DIST, path));
      }
    };
    walk(DIST);
    expect(built.length).toBeGreaterThan(50);
    expect(built.filter((f) => /testing|test-project|offline-engine|fake-|\.test\./.test(f))).toEqual([]);
  });
});
