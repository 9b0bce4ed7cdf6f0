import { generate } from "../../generate/generate";
import { BASE_DEFAULTS, project } from "../../../../../tests/support/test-project";
import { fitLabelValues } from "./kubernetes-labels";
import type { HelmApp } from "./helm-app";

const LONG = "a-very-long-pipeline-name-that-goes-on-and-on-data-v1-production-order-enricher1"; // 80 characters

describe("label values that fit Kubernetes (63 characters)", () => {
  it("shortens over-long values in label maps at any depth to 63 characters with a stable hash, and reports each", () => {
    const values = { labels: { team: LONG, short: "ok" }, service: { labels: { app: LONG } }, podLabels: { x: LONG }, other: { name: LONG } };
    const notes = fitLabelValues(values);
    expect(LONG).toHaveLength(80);
    expect(values.labels.team).toHaveLength(63);
    expect(values.labels.team.startsWith(LONG.slice(0, 50))).toBe(true);
    expect(values.labels.team).toMatch(/-[0-9a-f]{5}$/);
    expect(values.service.labels.app).toBe(values.labels.team);
    expect(values.podLabels.x).toBe(values.labels.team);
    expect(values.labels.short).toBe("ok");
    expect(values.other.name).toBe(LONG);
    expect(notes.map((n) => n.split(":")[0]).sort()).toEqual(["values.labels.team", "values.podLabels.x", "values.service.labels.app"]);
    const again = { labels: { team: `${LONG}` } };
    fitLabelValues(again);
    expect(again.labels.team).toBe(values.labels.team);
    const other = { labels: { team: `${LONG}x` } };
    fitLabelValues(other);
    expect(other.labels.team).not.toBe(values.labels.team);
  });

  it("generate prints the value as KPOps does and reports it; the deployed values carry the shortened value", () => {
    const root = project({
      "pipelines/defaults.yaml": BASE_DEFAULTS,
      "pipelines/p/pipeline.yaml": `- {type: streams-app, name: app, values: {labels: {owner: "${LONG}"}}}\n`,
    });
    const result = generate({ pipelinePaths: ["pipelines"], configDir: root, cwd: root, env: {} });
    expect((result.components[0].values as { labels: Record<string, string> }).labels.owner).toBe(LONG);
    expect(result.warnings).toEqual([expect.stringMatching(/^pipelines\/p\/pipeline\.yaml: step 'app': values\.labels\.owner: label value of 80 characters is deployed as '/)]);
    const app = result.pipelines[0].components[0] as HelmApp;
    expect((app.deployedValues().values.labels as Record<string, string>).owner).toHaveLength(63);
    expect((app.values.labels as Record<string, string>).owner).toBe(LONG);
  });
});
