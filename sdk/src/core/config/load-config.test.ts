import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configSubstitutionData, fromPrefixedVariables, loadConfig } from "./load-config";
import { normaliseHttpUrl } from "./config-model";

function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "kpops-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("loadConfig", () => {
  const base = "kafka_brokers: file-broker\nschema_registry:\n  enabled: true\n  url: http://base:8081\n";

  it("fills defaults, with URLs normalised to a trailing slash", () => {
    const config = loadConfig({ configDir: configDir({ "config.yaml": "kafka_brokers: b\n" }), env: {} });
    expect(config.pipeline_base_dir).toBe(".");
    expect(config.schema_registry).toEqual({ enabled: false, url: "http://localhost:8081/", timeout: 30 });
    expect(config.kafka_rest.url).toBe("http://localhost:8082/");
    expect(config.kafka_connect.url).toBe("http://localhost:8083/");
    expect(config.topic_name_config.default_output_topic_name).toBe("${pipeline.name}-${component.name}");
    expect(config.topic_name_config.default_error_topic_name).toBe("${pipeline.name}-${component.name}-error");
  });

  it("deep-merges config_<env>.yaml over config.yaml", () => {
    const dir = configDir({ "config.yaml": base, "config_prod.yaml": "schema_registry:\n  url: http://prod:8081\n" });
    const config = loadConfig({ configDir: dir, environment: "prod", env: {} });
    expect(config.schema_registry).toEqual({ enabled: true, url: "http://prod:8081/", timeout: 30 });
    expect(config.kafka_brokers).toBe("file-broker");
  });

  it("accepts a config_<env>.yaml without config.yaml", () => {
    const dir = configDir({ "config_prod.yaml": "kafka_brokers: only-env\n" });
    expect(loadConfig({ configDir: dir, environment: "prod", env: {} }).kafka_brokers).toBe("only-env");
  });

  it("lets KPOPS_* environment variables win, case-insensitively, with __ nesting", () => {
    const dir = configDir({ "config.yaml": base });
    const config = loadConfig({
      configDir: dir,
      env: { KPOPS_KAFKA_BROKERS: "env-broker", kpops_schema_registry__url: "http://env:1234", KPOPS_ENVIRONMENT: "ignored" },
    });
    expect(config.kafka_brokers).toBe("env-broker");
    expect(config.schema_registry.url).toBe("http://env:1234/");
    expect(config.schema_registry.enabled).toBe(true);
  });

  it("ranks dotenv files below the YAML files, later dotenv files winning", () => {
    const dir = configDir({
      "config.yaml": "kafka_brokers: b\nkafka_rest:\n  url: http://file:8082\n",
      ".env": 'KPOPS_schema_registry__url="http://first:8081"\nKPOPS_KAFKA_REST__URL=http://dotenv:8082\n',
      "second.env": "KPOPS_SCHEMA_REGISTRY__URL=http://second:8081 # comment\n",
    });
    const config = loadConfig({ configDir: dir, dotenvFiles: [join(dir, ".env"), join(dir, "second.env")], env: {} });
    expect(config.schema_registry.url).toBe("http://second:8081/");
    expect(config.kafka_rest.url).toBe("http://file:8082/");
  });

  it("interpolates ${NAME} in dotenv values like python-dotenv: unknown names become empty", () => {
    const dir = configDir({
      "config.yaml": "kafka_brokers: b\n",
      ".env": 'KPOPS_TOPIC_NAME_CONFIG__DEFAULT_ERROR_TOPIC_NAME="${pipeline.name}-dlq-${component.name}"\nKPOPS_KAFKA_REST__URL=http://${HOST:-fallback}:8082\n',
    });
    const config = loadConfig({ configDir: dir, dotenvFiles: [join(dir, ".env")], env: {} });
    expect(config.topic_name_config.default_error_topic_name).toBe("-dlq-");
    expect(config.kafka_rest.url).toBe("http://fallback:8082/");
  });

  it("rejects a dotenv variable that names no config field", () => {
    const dir = configDir({ "config.yaml": "kafka_brokers: b\n", ".env": "KPOPS_KAFKA_BROKERS=x\nNOT_A_KPOPS_VARIABLE=1\n" });
    expect(() => loadConfig({ configDir: dir, dotenvFiles: [join(dir, ".env")], env: {} })).toThrow(
      /field 'not_a_kpops_variable': Extra inputs are not permitted/,
    );
  });

  it("requires kafka_brokers, naming the field", () => {
    expect(() => loadConfig({ configDir: configDir({ "config.yaml": "pipeline_base_dir: x\n" }), env: {} })).toThrow(/field 'kafka_brokers': Field required/);
  });

  it("fails for a missing config directory", () => {
    expect(() => loadConfig({ configDir: "/nonexistent/kpops", env: {} })).toThrow(/does not exist/);
  });

  it("reads components_module from KPOPS_COMPONENTS_MODULE like every field", () => {
    const config = loadConfig({ configDir: configDir({ "config.yaml": "kafka_brokers: b\n" }), env: { KPOPS_COMPONENTS_MODULE: "./c.ts" } });
    expect(config.components_module).toBe("./c.ts");
  });

  it("parses JSON for a whole sub-model given as one variable", () => {
    expect(fromPrefixedVariables({ KPOPS_SCHEMA_REGISTRY: '{"url": "http://x"}' })).toEqual({ schema_registry: { url: "http://x" } });
  });

  it("dumps the config for ${config.*} without operation_mode", () => {
    const config = loadConfig({ configDir: configDir({ "config.yaml": "kafka_brokers: b\n" }), env: {} });
    const dump = configSubstitutionData(config);
    expect(dump.kafka_brokers).toBe("b");
    expect(dump).not.toHaveProperty("operation_mode");
    expect(Object.keys(dump).slice(0, 3)).toEqual(["pipeline_base_dir", "kafka_brokers", "topic_name_config"]);
  });
});

describe("normaliseHttpUrl (pydantic AnyHttpUrl)", () => {
  it("adds the trailing slash to an empty path only", () => {
    expect(normaliseHttpUrl("http://localhost:8081")).toBe("http://localhost:8081/");
    expect(normaliseHttpUrl("http://host/path")).toBe("http://host/path");
    expect(normaliseHttpUrl("HTTP://Host:80")).toBe("http://host/");
  });

  it("rejects other schemes and garbage", () => {
    expect(() => normaliseHttpUrl("ftp://x")).toThrow(/scheme/);
    expect(() => normaliseHttpUrl("not a url")).toThrow(/valid URL/);
  });
});

