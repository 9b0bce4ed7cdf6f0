/**
 * Our minimal charts (charts/): each is a valid chart with the streams-bootstrap values interface the Pulumi layer
 * passes. What they render is tested through the provider's Helm engine in tests/engine/charts-render.test.ts (the
 * streams app's Deployment with APP_BOOTSTRAP_SERVERS / INPUT_TOPICS / OUTPUT_TOPIC / ERROR_TOPIC, the producer's Job
 * with BOOTSTRAP_SERVERS / OUTPUT_TOPIC, the consumer's Deployment and Secret with INPUT_TOPICS / GROUP_ID); the
 * template-text checks left here cover what that test does not render yet.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { REPO_ROOT } from "./harness";

const charts = ["streams-app", "producer-app", "consumer-app"];
/** The APP_* variables of kafka.* that tests/engine/charts-render.test.ts does not render for the chart. */
const NOT_RENDERED: Record<string, string[]> = {
  "streams-app": ["LABELED_OUTPUT_TOPICS", "SCHEMA_REGISTRY_URL"],
  "producer-app": ["INPUT_TOPICS", "ERROR_TOPIC", "LABELED_OUTPUT_TOPICS", "SCHEMA_REGISTRY_URL"],
  "consumer-app": ["BOOTSTRAP_SERVERS", "OUTPUT_TOPIC", "ERROR_TOPIC", "LABELED_OUTPUT_TOPICS", "SCHEMA_REGISTRY_URL"],
};
const read = (chart: string, file: string) => fs.readFileSync(path.join(REPO_ROOT, "charts", chart, file), "utf8");

describe.each(charts)("charts/%s", (chart) => {
  it("has a v2 Chart.yaml named after the streams-bootstrap chart", () => {
    const meta = YAML.parse(read(chart, "Chart.yaml"));
    expect(meta).toMatchObject({ apiVersion: "v2", name: chart, type: "application" });
    expect(meta.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("declares the streams-bootstrap values interface", () => {
    const values = YAML.parse(read(chart, "values.yaml"));
    for (const key of ["image", "imageTag", "kafka", "commandLine", "env", "secrets", "resources", "nameOverride", "fullnameOverride"]) {
      expect(values).toHaveProperty(key);
    }
    expect(values.kafka).toHaveProperty("bootstrapServers");
  });

  it("maps the rest of kafka.* to the app's environment like streams-bootstrap (not rendered by charts-render)", () => {
    const helpers = read(chart, "templates/_helpers.tpl");
    for (const variable of NOT_RENDERED[chart]) expect(helpers).toContain(`{{ $prefix }}${variable}`);
    expect(helpers).toContain('printf "KAFKA_%s"');
    expect(helpers).toContain('required "kafka.bootstrapServers is required"');
  });
});

it("has a CronJob and a Deployment variant for producers besides the Job (charts-render renders the Job)", () => {
  const producer = read("producer-app", "templates/job.yaml");
  for (const kind of ["kind: CronJob", "kind: Deployment"]) expect(producer).toContain(kind);
});
