/**
 * The kpops package from YAML and Python (`npm run test:multilang`): examples/yaml and examples/python build the
 * same Project as the TypeScript ready program, through the kpops plugin's components.
 * - Offline (no services): each previews the word-count example and plans exactly the resources (type and name)
 *   the TypeScript program plans.
 * - On a real Kafka, Kafka Connect and Schema Registry: `up` of the connector project creates, in each language,
 *   the resources the TypeScript program's `up` creates (compared resource by resource from the state), the
 *   topic, the subject and the connectors exist in the services, and `destroy` removes the connectors and keeps
 *   the topic and the subject. The plugin registers no dynamic resource.
 * - The step components (`kpops:index:StreamsApp`, ...) from YAML: each word-count step built on its own plans
 *   the resources the Project plans for that step, the stack reads the step's typed outputs, and a step of
 *   another kind than the component's is refused with the component to use.
 * - The committed Python SDK (sdk/python) is what the generator makes of schema.json.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryRoot } from "../support/offline-engine";
import { runPulumi } from "./engine-env";
import { LocalServices, getJson, startServices, stopServices } from "./local-services";

const PROGRAMS = {
  typescript: repositoryRoot,
  yaml: path.join(repositoryRoot, "examples/yaml"),
  python: path.join(repositoryRoot, "examples/python"),
  /** The word-count steps as step components (kpops:index:ProducerApp, ...), from YAML. */
  "yaml-steps": path.join(repositoryRoot, "tests/engine/step-components-yaml"),
} as const;
type Language = keyof typeof PROGRAMS;
const CONNECTOR_PROJECT = path.join(repositoryRoot, "tests/engine/connector-project");
const TOPIC = "files-lines";
const CONNECTORS = ["files-lines-source", "files-lines-sink"];

/** A fresh stack of `language`'s program, its config file kept in a temporary folder; returns a runner. */
function newStack(language: Language, config: Record<string, string>) {
  const program = PROGRAMS[language];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `kpops-multilang-${language}-`));
  fs.mkdirSync(path.join(work, "state"));
  const stack = "multilang";
  expect(runPulumi(program, work, ["stack", "init", stack, "--non-interactive"]).status).toBe(0);
  const configFile = path.join(work, `Pulumi.${stack}.yaml`);
  const written = path.join(program, `Pulumi.${stack}.yaml`);
  if (fs.existsSync(written)) fs.renameSync(written, configFile);
  const run = (...args: string[]) => runPulumi(program, work, [...args, "--stack", stack, "--non-interactive", "--config-file", configFile]);
  for (const [key, value] of Object.entries(config)) expect(run("config", "set", key, value).status).toBe(0);
  const state = (): { type: string; urn: string }[] => {
    const exported = runPulumi(program, work, ["stack", "export", "--stack", stack]);
    expect(exported.status).toBe(0);
    return JSON.parse(exported.stdout).deployment.resources ?? [];
  };
  return { run, state, remove: () => fs.rmSync(work, { recursive: true, force: true }) };
}

/** `type name` of every resource but the stack and the providers, sorted. */
function resourcesOf(entries: { type: string; urn: string }[]): string[] {
  return entries
    .filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))
    .map((r) => `${r.type} ${r.urn.split("::").pop()}`)
    .sort();
}

/** `type name` of a planned resource, its name without the root component's scope (`word-count/`, `app/`). */
function unscoped(entry: string): string {
  const [type, name] = entry.split(" ");
  return `${type} ${name.includes("/") ? name.slice(name.indexOf("/") + 1) : ""}`;
}

/** What a preview plans, as `type name` entries (see {@link resourcesOf}). */
function planOf(previewJson: string): string[] {
  return resourcesOf(JSON.parse(previewJson).steps.map((s: { urn: string }) => ({ urn: s.urn, type: s.urn.split("::")[2].split("$").pop() })));
}

/** Config of each program for the word-count example, or for the connector project with its schema provider. */
function configFor(language: Language, project: "word-count" | "connectors"): Record<string, string> {
  if (language === "typescript") {
    return project === "word-count"
      ? { "kpops:name": "word-count" }
      : { "kpops:project": "tests/engine/connector-project", "kpops:schemaProvider": "schema-provider.ts", "kpops:name": "word-count" };
  }
  return project === "word-count" ? {} : { projectDir: path.relative(PROGRAMS[language], CONNECTOR_PROJECT), schemaProvider: "./schema-provider.ts" };
}

describe("the kpops package from YAML and Python", () => {
  it("the committed Python SDK is what the generator makes of schema.json", () => {
    const sdkgen = path.join(process.env.KPOPS_TOOLS_CACHE ?? path.join(os.homedir(), ".cache/kpops-pulumi"), "bin/pulumi-python-sdkgen");
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-pysdk-"));
    execFileSync(sdkgen, [path.join(repositoryRoot, "schema.json"), out]);
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => !/egg-info|__pycache__/.test(f) && fs.statSync(path.join(dir, f)).isFile()).sort();
    expect(files(path.join(repositoryRoot, "sdk/python"))).toEqual(files(out));
    for (const file of files(out)) {
      expect(`${file}: ${fs.readFileSync(path.join(repositoryRoot, "sdk/python", file), "utf8")}`).toBe(`${file}: ${fs.readFileSync(path.join(out, file), "utf8")}`);
    }
    fs.rmSync(out, { recursive: true, force: true });
  });

  describe("offline", () => {
    let typescriptPlan: string[];

    beforeAll(() => {
      const stack = newStack("typescript", configFor("typescript", "word-count"));
      const preview = stack.run("preview", "--json");
      stack.remove();
      expect(preview.status).toBe(0);
      typescriptPlan = resourcesOf(JSON.parse(preview.stdout).steps.map((s: { urn: string }) => ({ urn: s.urn, type: s.urn.split("::")[2].split("$").pop() })));
      expect(typescriptPlan).toEqual(expect.arrayContaining(["kpops:index:Project word-count", "kpops:index:KafkaConnector word-count/word-count-file-sink-connector"]));
    }, 300_000);

    it.each(["yaml", "python"] as const)("the %s example previews the word-count example, planning what the TypeScript program plans", (language) => {
      const stack = newStack(language, configFor(language, "word-count"));
      try {
        const preview = stack.run("preview", "--json");
        if (preview.status !== 0) console.log(preview.output);
        expect(preview.status).toBe(0);
        const plan = resourcesOf(JSON.parse(preview.stdout).steps.map((s: { urn: string }) => ({ urn: s.urn, type: s.urn.split("::")[2].split("$").pop() })));
        expect(plan).toEqual(typescriptPlan);
      } finally {
        stack.remove();
      }
    });

    it("the step components from YAML: each step plans what the Project plans for it, the stack reads their typed outputs", () => {
      const stack = newStack("yaml-steps", {});
      try {
        const preview = stack.run("preview", "--json");
        if (preview.status !== 0) console.log(preview.output);
        expect(preview.status).toBe(0);
        const stepKinds = ["kpops:index:ProducerApp", "kpops:index:StreamsApp", "kpops:index:KafkaSinkConnector"];
        const isStep = (entry: string) => stepKinds.includes(entry.split(" ")[0]);
        const isRoot = (entry: string) => /^kpops:index:(Project|Pipeline) /.test(entry);
        const plan = planOf(preview.stdout);
        expect(plan.filter(isStep).map((e) => e.split(" ")[0]).sort()).toEqual(typescriptPlan.filter(isStep).map((e) => e.split(" ")[0]).sort());
        // the same topics, releases and connector; the topic guard is each root's: the Project's one, and here one for
        // each step that owns topics (the producer and the app)
        const isGuard = (entry: string) => entry.startsWith("kpops:index:TopicGuard ");
        expect(plan.filter((e) => !isStep(e) && !isGuard(e)).map(unscoped).sort()).toEqual(
          typescriptPlan.filter((e) => !isStep(e) && !isRoot(e) && !isGuard(e)).map(unscoped).sort(),
        );
        expect(plan.filter(isGuard).sort()).toEqual(["kpops:index:TopicGuard app-topic-guard", "kpops:index:TopicGuard producer-topic-guard"]);

        const text = stack.run("preview");
        expect(text.status).toBe(0);
        expect(text.output).toMatch(/appType\s*: "streams-app"/);
        expect(text.output).toMatch(/appName\s*: "word-count-word-count-app"/);
        expect(text.output).toMatch(/appTopics\s*: \[\s*\[0\]: "word-count-word-count-app-topic"\s*\[1\]: "word-count-word-count-app-dead-letter-topic"\s*\]/);
        expect(text.output).toMatch(/producerRelease\s*: "word-count-data-producer"/);
        expect(text.output).toMatch(/sinkConnector\s*: "word-count-file-sink-connector"/);

        expect(stack.run("config", "set", "appComponent", "data-producer").status).toBe(0);
        const refused = stack.run("preview");
        expect(refused.status).not.toBe(0);
        expect(refused.output).toContain(
          "kpops: pipelines/word-count/pipeline.yaml: step 'data-producer' deploys as ProducerApp (type producer-app), not as StreamsApp; use kpops:index:ProducerApp",
        );
      } finally {
        stack.remove();
      }
    }, 300_000);
  });

  describe("on real Kafka, Kafka Connect and Schema Registry", () => {
    let services: LocalServices;
    let typescriptState: string[];
    const saved = { ...process.env };

    /** Deletes what destroy keeps (topic, subject), so that the next language starts from empty services. */
    async function clearData(): Promise<void> {
      const tool = path.join(repositoryRoot, "scripts/services/kafka-tool.sh");
      spawnSync(tool, ["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", services.KAFKA_BOOTSTRAP, "--delete", "--topic", TOPIC], { encoding: "utf8" });
      await fetch(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value`, { method: "DELETE" });
      await fetch(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value?permanent=true`, { method: "DELETE" });
      for (let i = 0; i < 60; i++) {
        const listed = spawnSync(tool, ["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", services.KAFKA_BOOTSTRAP, "--list"], { encoding: "utf8" });
        if (!listed.stdout.split("\n").includes(TOPIC)) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`topic ${TOPIC} was not deleted`);
    }

    /** up, check the services, destroy, check what is kept; returns the resources `up` put into the state. */
    async function deployAndDestroy(language: Language): Promise<string[]> {
      const stack = newStack(language, configFor(language, "connectors"));
      try {
        const up = stack.run("up", "--yes", "--skip-preview");
        if (up.status !== 0) console.log(up.output);
        expect(up.status).toBe(0);
        const state = stack.state();
        expect(state.filter((r) => r.type.startsWith("pulumi-nodejs:") || r.type === "pulumi:providers:pulumi-nodejs")).toEqual([]);
        expect((await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value/versions`)).body).toEqual([1]);
        for (const connector of CONNECTORS) {
          expect((await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${connector}/status`)).body.connector.state).toBe("RUNNING");
        }
        const destroy = stack.run("destroy", "--yes", "--skip-preview");
        if (destroy.status !== 0) console.log(destroy.output);
        expect(destroy.status).toBe(0);
        for (const connector of CONNECTORS) expect((await getJson(`${services.KAFKA_CONNECT_URL}/connectors/${connector}`)).status).toBe(404);
        expect((await getJson(`${services.SCHEMA_REGISTRY_URL}/subjects/${TOPIC}-value/versions`)).body).toEqual([1]);
        const topics = spawnSync(path.join(repositoryRoot, "scripts/services/kafka-tool.sh"), ["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", services.KAFKA_BOOTSTRAP, "--list"], { encoding: "utf8" });
        expect(topics.stdout.split("\n")).toContain(TOPIC);
        return resourcesOf(state);
      } finally {
        stack.remove();
        await clearData();
      }
    }

    beforeAll(async () => {
      services = startServices(["kafka", "connect", "schema-registry"]);
      Object.assign(process.env, {
        KPOPS_KAFKA_BROKERS: services.KAFKA_BOOTSTRAP,
        KPOPS_KAFKA_CONNECT__URL: services.KAFKA_CONNECT_URL,
        KPOPS_SCHEMA_REGISTRY__URL: services.SCHEMA_REGISTRY_URL,
        SOURCE_FILE: path.join(services.dir, "source.txt"),
        SINK_FILE: path.join(services.dir, "sink.txt"),
      });
      fs.writeFileSync(path.join(services.dir, "source.txt"), "");
      typescriptState = await deployAndDestroy("typescript");
      for (const type of ["kpops:index:SchemaSubject", "kpops:index:KafkaConnector", "kafka:index/topic:Topic"]) {
        expect(typescriptState.filter((entry) => entry.startsWith(`${type} `)).length).toBeGreaterThan(0);
      }
    }, 900_000);

    afterAll(() => {
      process.env = saved;
      stopServices(services);
    }, 300_000);

    it.each(["yaml", "python"] as const)("up of the %s example creates what the TypeScript program creates; destroy keeps topic and subject", async (language) => {
      expect(await deployAndDestroy(language)).toEqual(typescriptState);
    });
  });
});
