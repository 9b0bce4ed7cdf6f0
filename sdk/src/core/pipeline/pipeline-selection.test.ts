import { generate } from "../generate/generate";
import { BASE_DEFAULTS, project } from "../../../../tests/support/test-project";
import { pipelineDisabledBy } from "./pipeline-selection";

const none = { enabled_pipelines: null, disabled_pipelines: null };

describe("pipelines enabled or disabled by the config", () => {
  it("matches folders by whole path parts, the folder itself or below it", () => {
    const disabled = { ...none, disabled_pipelines: ["foo/pipeline-1", "bar"] };
    expect(pipelineDisabledBy(disabled, ["foo", "pipeline-1"])).toBe("disabled_pipelines entry 'foo/pipeline-1'");
    expect(pipelineDisabledBy(disabled, ["bar", "pipeline-2"])).toBe("disabled_pipelines entry 'bar'");
    expect(pipelineDisabledBy(disabled, ["foo", "pipeline-2"])).toBeUndefined();
    expect(pipelineDisabledBy(disabled, ["barn", "pipeline-1"])).toBeUndefined();
    const enabled = { ...none, enabled_pipelines: ["foo/pipeline-1", "bar/"] };
    expect(pipelineDisabledBy(enabled, ["foo", "pipeline-1"])).toBeUndefined();
    expect(pipelineDisabledBy(enabled, ["bar", "pipeline-2"])).toBeUndefined();
    expect(pipelineDisabledBy(enabled, ["baz", "pipeline-1"])).toBe("enabled_pipelines (it is not listed)");
    expect(pipelineDisabledBy(none, ["foo"])).toBeUndefined();
  });

  function envProject() {
    return project({
      "config_prod.yaml": "disabled_pipelines: [experiments]\n",
      "pipelines/defaults.yaml": BASE_DEFAULTS,
      "pipelines/core/pipeline.yaml": "- {type: streams-app, name: app}\n",
      "pipelines/experiments/pipeline.yaml": "- {type: streams-app, name: trial}\n",
    });
  }

  it("per environment: config_prod.yaml disables a pipeline, which then yields no step and one warning naming it", () => {
    const root = envProject();
    const dev = generate({ pipelinePaths: ["pipelines"], configDir: root, cwd: root, env: {}, environment: "dev" });
    expect(dev.components.map((c) => c.name)).toEqual(["app", "trial"]);
    expect(dev.warnings).toEqual([]);
    const prod = generate({ pipelinePaths: ["pipelines"], configDir: root, cwd: root, env: {}, environment: "prod" });
    expect(prod.components.map((c) => c.name)).toEqual(["app"]);
    expect(prod.pipelines.find((p) => p.name === "experiments")?.size).toBe(0);
    expect(prod.warnings).toEqual(["pipelines/experiments/pipeline.yaml: pipeline 'experiments' is disabled by disabled_pipelines entry 'experiments' in the config; skipped"]);
  });

  it("rejects both lists at once, naming the config file and the field", () => {
    const root = project({ "config.yaml": "kafka_brokers: b:9092\npipeline_base_dir: pipelines\nenabled_pipelines: [a]\ndisabled_pipelines: [b]\n" });
    expect(() => generate({ pipelinePaths: ["pipelines"], configDir: root, cwd: root, env: {} })).toThrow(
      /config\.yaml.*field 'disabled_pipelines': set either enabled_pipelines or disabled_pipelines, not both/,
    );
  });

  it("takes the list from KPOPS_DISABLED_PIPELINES as JSON", () => {
    const root = envProject();
    const result = generate({ pipelinePaths: ["pipelines"], configDir: root, cwd: root, env: { KPOPS_DISABLED_PIPELINES: '["core"]' } });
    expect(result.components.map((c) => c.name)).toEqual(["trial"]);
  });
});
