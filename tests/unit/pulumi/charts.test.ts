/**
 * Our minimal charts (charts/): each is a valid chart with the streams-bootstrap values interface the Pulumi layer
 * passes (the templates were also rendered with Helm's engine, v3.18.6, during development).
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { REPO_ROOT } from "./harness";

const charts = ["streams-app", "producer-app", "consumer-app"];
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

  it("maps kafka.* to the app's environment like streams-bootstrap", () => {
    const helpers = read(chart, "templates/_helpers.tpl");
    for (const variable of ["BOOTSTRAP_SERVERS", "INPUT_TOPICS", "OUTPUT_TOPIC", "ERROR_TOPIC", "LABELED_OUTPUT_TOPICS", "SCHEMA_REGISTRY_URL"]) {
      expect(helpers).toContain(`{{ $prefix }}${variable}`);
    }
    expect(helpers).toContain('printf "KAFKA_%s"');
    expect(helpers).toContain('required "kafka.bootstrapServers is required"');
  });
});

it("renders a Deployment for streams and consumer apps and a Job/CronJob/Deployment for producers", () => {
  expect(read("streams-app", "templates/deployment.yaml")).toContain("kind: Deployment");
  expect(read("consumer-app", "templates/deployment.yaml")).toContain("kind: Deployment");
  const producer = read("producer-app", "templates/job.yaml");
  for (const kind of ["kind: Job", "kind: CronJob", "kind: Deployment"]) expect(producer).toContain(kind);
});
