import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { main, reportError } from "./main";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  let code: number;
  try {
    code = await main(argv, env);
  } catch (error) {
    code = reportError(error);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { code, out, err };
}

function projectDir(): string {
  const root = mkdtempSync(join(tmpdir(), "kpops-cli-"));
  mkdirSync(join(root, "pipelines/p"), { recursive: true });
  writeFileSync(join(root, "config.yaml"), "kafka_brokers: b:9092\npipeline_base_dir: pipelines\n");
  writeFileSync(join(root, "pipelines/defaults.yaml"), "kubernetes-app: {namespace: ns}\nstreams-bootstrap: {values: {image: i}}\n");
  writeFileSync(join(root, "pipelines/p/pipeline.yaml"), "- {type: streams-app, name: a}\n- {type: streams-app, name: b}\n");
  return root;
}

describe("kpops CLI", () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it("prints the version", async () => {
    const { code, out } = await run(["--version"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^KPOps 12\.0\.3 /);
  });

  it("lists the commands in --help and has help per command", async () => {
    const main = await run(["--help"]);
    for (const command of ["init", "generate", "deploy", "destroy", "reset", "clean", "schema"]) expect(main.out).toContain(command);
    const generate = await run(["generate", "--help"]);
    expect(generate.out).toContain("--filter-type");
    expect(generate.out).toContain("KPOPS_ENVIRONMENT");
  });

  it("generates YAML, with --steps and --filter-type", async () => {
    const root = projectDir();
    process.chdir(root);
    const all = await run(["generate", "pipelines/p/pipeline.yaml"]);
    expect(all.code).toBe(0);
    expect((parse(all.out) as { name: string }[]).map((c) => c.name)).toEqual(["a", "b"]);
    const excluded = await run(["generate", "pipelines", "--steps", "a", "--filter-type", "EXCLUDE"]);
    expect((parse(excluded.out) as { name: string }[]).map((c) => c.name)).toEqual(["b"]);
  });

  it("warns once per step of a v2 type (removed in KPOps 12), naming file, step and the type to use, and still generates", async () => {
    const root = projectDir();
    writeFileSync(join(root, "pipelines/p/pipeline.yaml"), "- {type: streams-app-v2, name: old, values: {image: i, streams: {brokers: b}}}\n- {type: streams-app, name: new}\n");
    process.chdir(root);
    const { code, out, err } = await run(["generate", "pipelines/p/pipeline.yaml"]);
    expect(code).toBe(0);
    expect(parse(out).map((c: { type: string }) => c.type)).toEqual(["streams-app-v2", "streams-app"]);
    expect(err.trim().split("\n")).toEqual([
      "Warning: pipelines/p/pipeline.yaml: step 'old': type 'streams-app-v2' is deprecated (KPOps 12 removed it); use 'streams-app' with the streams-bootstrap v3 charts (docs/deviations.md)",
    ]);
  });

  it("graph: Mermaid by default, JSON with --format json, a clear error for another format", async () => {
    const root = projectDir();
    process.chdir(root);
    const mermaid = await run(["graph", "pipelines/p/pipeline.yaml"]);
    expect(mermaid.code).toBe(0);
    expect(mermaid.out.split("\n")[0]).toBe("flowchart LR");
    const json = await run(["graph", "pipelines", "--format", "json"]);
    expect(JSON.parse(json.out).steps.map((s: { id: string }) => s.id)).toEqual(["p/a", "p/b"]);
    const bad = await run(["graph", "pipelines", "--format", "dot"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe("Error: invalid value for '--format': 'dot' is not one of 'mermaid', 'json'\n");
  });

  it("takes pipeline paths and the environment from KPOPS_* variables", async () => {
    const root = projectDir();
    writeFileSync(join(root, "pipelines/p/pipeline_dev.yaml"), "- {type: streams-app, name: a, enabled: false}\n");
    process.chdir(root);
    const { out } = await run(["generate"], { KPOPS_PIPELINE_PATHS: "pipelines/p/pipeline.yaml", KPOPS_ENVIRONMENT: "dev" });
    expect((parse(out) as { name: string }[]).map((c) => c.name)).toEqual(["b"]);
  });

  it("reports bad input as one line naming file, step and field, exit code 1", async () => {
    const root = projectDir();
    writeFileSync(join(root, "pipelines/p/pipeline.yaml"), "- {type: streams-app, name: a, values: {image: 1}}\n");
    process.chdir(root);
    const { code, err } = await run(["generate", "pipelines/p/pipeline.yaml"]);
    expect(code).toBe(1);
    expect(err).toBe("Error: pipelines/p/pipeline.yaml: step 'a': field 'values.image': Input should be a valid string, got number 1\n");
  });

  it("fails for a missing --config directory", async () => {
    const { code, err } = await run(["generate", "x.yaml", "--config", "/nonexistent-kpops"]);
    expect(code).toBe(1);
    expect(err.split("\n")).toHaveLength(2);
  });

  it("runs operations in managed mode and reports a config mistake as one error before anything is done", async () => {
    const { code, err } = await run(["deploy", "p.yaml", "--execute"]);
    expect(code).toBe(1);
    expect(err).toBe("Error: config: field 'kafka_brokers': Field required\n");
  });

  it("refuses an unknown --operation-mode (or KPOPS_OPERATION_MODE) with one line naming the option and the choices", async () => {
    for (const [argv, env] of [
      [["deploy", "p.yaml", "--operation-mode", "helm"], {}],
      [["clean", "p.yaml"], { KPOPS_OPERATION_MODE: "helm" }],
    ] as Array<[string[], NodeJS.ProcessEnv]>) {
      const { code, out, err } = await run(argv, env);
      expect(code).toBe(1);
      expect(out).toBe("");
      expect(err).toBe("Error: invalid value for '--operation-mode': 'helm' is not one of 'argo', 'manifest', 'managed'\n");
    }
  });

  it("prints JSON schemas", async () => {
    const pipeline = JSON.parse((await run(["schema", "pipeline"])).out);
    expect(pipeline.items.discriminator.mapping["streams-app"]).toBe("#/$defs/StreamsApp");
    expect(Object.keys(pipeline.items.discriminator.mapping)).not.toContain("kubernetes-app");
    const defaults = JSON.parse((await run(["schema", "defaults"])).out);
    expect(Object.keys(defaults.properties)).toEqual(expect.arrayContaining(["kubernetes-app", "pipeline-component", "kafka-connector"]));
    const config = JSON.parse((await run(["schema", "config"])).out);
    expect(config.required).toEqual(["kafka_brokers"]);
    expect(config.additionalProperties).toBe(false);
    expect(config.properties).not.toHaveProperty("operation_mode");
  });

  it("initialises a project", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "kpops-init-")), "new");
    expect((await run(["init", dir])).code).toBe(0);
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toContain("# Required fields\nkafka_brokers: null\n");
    expect(readFileSync(join(dir, "pipeline.yaml"), "utf8")).toBe("");
    expect((await run(["init", dir])).code).toBe(1);
  });
});
