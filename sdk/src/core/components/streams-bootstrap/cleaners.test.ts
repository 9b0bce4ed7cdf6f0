import { createHash } from "node:crypto";
import { generate } from "../../generate/generate";
import { ComponentRegistry } from "../registry";
import { project } from "../../../../../tests/support/test-project";
import type { StreamsApp } from "./streams-app/streams-app";
import type { ProducerApp } from "./producer-app/producer-app";
import { StreamsAppCleaner } from "./cleaners";
import { StreamsAppV2Cleaner } from "../streams-bootstrap-v2/cleaners";

function pipelineComponents(yaml: string, defaults: string) {
  const root = project({ "pipelines/defaults.yaml": defaults, "pipelines/team/pipeline.yaml": yaml });
  return generate({ pipelinePaths: ["pipelines/team/pipeline.yaml"], configDir: root, cwd: root, env: {}, registry: new ComponentRegistry() }).pipelines[0]
    .components;
}

const DEFAULTS = `
kubernetes-app: {namespace: ns}
streams-bootstrap: {values: {image: img, imageTag: "1.0.0"}}
cleaner: {values: {labels: {from: cleaner}}, timeout: 10m}
streams-app-cleaner: {values: {labels: {from: streams-app-cleaner}}}
`;

describe("cleaners", () => {
  it("derive from the app: same values, -clean names, cleanup-job chart, cleaner defaults, no from/to", () => {
    const [app] = pipelineComponents(
      "- {type: streams-app, name: s, values: {labels: {own: x}}, from: {topics: {in: {}}}, to: {topics: {out: {}}}}\n",
      DEFAULTS,
    ) as StreamsApp[];
    const cleaner = app.cleaner();
    expect(cleaner.type).toBe("streams-app-cleaner");
    expect(cleaner.fullName).toBe("team-s-clean");
    expect(cleaner.helmReleaseName).toBe("team-s-clean");
    expect(cleaner.helmChart).toBe("bakdata-streams-bootstrap/streams-app-cleanup-job");
    expect(cleaner.from).toBeNull();
    expect(cleaner.to).toBeNull();
    expect(cleaner.values.labels).toEqual({ own: "x", from: "streams-app-cleaner" });
    expect(cleaner.values.nameOverride).toBeNull();
    expect((cleaner.values.kafka as Record<string, unknown>).inputTopics).toEqual(["in"]);
    expect(cleaner.data.timeout).toBe("10m");
  });

  it("follow KPOps' cleaner type chain for defaults", () => {
    expect(StreamsAppCleaner.defaultsTypes()).toEqual([
      "streams-app-cleaner",
      "streams-bootstrap-cleaner",
      "cleaner",
      "streams-bootstrap",
      "kafka-app",
      "helm-app",
      "kubernetes-app",
      "pipeline-component",
      "base-defaults-component",
    ]);
    expect(StreamsAppV2Cleaner.defaultsTypes().slice(0, 4)).toEqual(["streams-app-cleaner", "streams-bootstrap-cleaner", "cleaner", "streams-bootstrap-v2"]);
  });

  it("trim long names keeping the -clean suffix", () => {
    const name = "n".repeat(60);
    const [producer] = pipelineComponents(`- {type: producer-app, name: ${name}}\n`, DEFAULTS) as ProducerApp[];
    const cleaner = producer.cleaner();
    const fullName = `team-${name}-clean`;
    const hash = createHash("sha1").update(fullName).digest("hex").slice(0, 5);
    expect(cleaner.helmReleaseName).toBe(`${fullName.slice(0, 41)}-${hash}-clean`);
    expect(cleaner.helmReleaseName).toHaveLength(53);
    expect(cleaner.helmNameOverride).toHaveLength(63);
    expect(cleaner.helmNameOverride.endsWith("-clean")).toBe(true);
  });
});
