/**
 * `schema.json` is generated from the code: the committed file must be exactly what the generator makes of the
 * sources, and a change of an args interface without regenerating it must fail here.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtInTypesOfKind } from "../../../sdk/src/core/components/registry";
import { COMPONENT_KINDS } from "../../../sdk/src/core/plan/types";
import { components } from "../components";
import { customResources } from "../custom-resources";
import { generateSchema, schemaFileText } from "./generate";
import { repositoryRoot } from "./resources";

/** A copy of the sources (sdk/src) under a temporary root, with `edit` applied to one file. */
function editedCopy(file: string, edit: (text: string) => string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-schema-"));
  fs.cpSync(path.join(repositoryRoot, "sdk/src"), path.join(root, "sdk/src"), { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, "sdk/package.json"), path.join(root, "sdk/package.json"));
  fs.symlinkSync(path.join(repositoryRoot, "node_modules"), path.join(root, "node_modules"));
  const target = path.join(root, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, "utf8")));
  return root;
}

describe("schema.json", () => {
  const committed = fs.readFileSync(path.join(repositoryRoot, "schema.json"), "utf8");

  it("is what the generator makes of the code (run `npm run schema` after changing args)", () => {
    expect(schemaFileText()).toBe(committed);
  });

  it("describes exactly the resources the plugin serves, each with a description on every property", () => {
    const schema = JSON.parse(committed);
    const served = [...Object.keys(components), ...Object.keys(customResources)].sort();

    expect(Object.keys(schema.resources).sort()).toEqual(served);
    for (const [token, resource] of Object.entries<any>(schema.resources)) {
      expect(resource.description).not.toBe("");
      for (const [name, property] of Object.entries<any>({ ...resource.inputProperties, ...resource.properties })) {
        expect(`${token}.${name}: ${property.description}`).toMatch(/: \S/);
      }
    }
    expect(schema.resources["kpops:index:Project"].isComponent).toBe(true);
    expect(schema.resources["kpops:index:KafkaConnector"].properties.credentials.secret).toBe(true);
  });

  it("has a step component per kind of the core, with the step's outputs and its kind's KPOps types as the `type` enum", () => {
    const schema = JSON.parse(committed);
    for (const kind of COMPONENT_KINDS) {
      const resource = schema.resources[`kpops:index:${kind}`];
      expect(resource.isComponent).toBe(true);
      expect(resource.requiredInputs).toEqual(["path", "step"]);
      expect(Object.keys(resource.properties).sort()).toEqual(["connectorName", "releaseName", "stepName", "stepType", "subjectNames", "topicNames"]);
      expect(resource.required.sort()).toEqual(["stepName", "stepType", "subjectNames", "topicNames"]);
      const types = builtInTypesOfKind(kind);
      if (types.length === 0) {
        // the generic step: any (custom) type
        expect(resource.inputProperties.type.type).toBe("string");
        continue;
      }
      expect(resource.inputProperties.type.$ref).toBe(`#/types/kpops:index:${kind}Type`);
      expect(schema.types[`kpops:index:${kind}Type`].enum.map((e: { value: string }) => e.value)).toEqual(types);
    }
    expect(builtInTypesOfKind("StreamsApp")).toEqual(["streams-app", "streams-app-v2"]);
    expect(builtInTypesOfKind("KafkaSinkConnector")).toEqual(["kafka-sink-connector"]);
  });

  it("drifts when a component's arguments change", () => {
    const root = editedCopy("sdk/src/pulumi/components/project.ts", (text) =>
      text.replace("export interface ProjectArgs extends DeploymentArgs, GenerateArgs {", "$&\n  /** A new argument. */\n  readonly extra?: string;"),
    );

    const schema = generateSchema(root);

    expect(schema.resources["kpops:index:Project"].inputProperties.extra).toEqual({ type: "string", description: "A new argument." });
    expect(schemaFileText(schema)).not.toBe(committed);
  });

  it("drifts when a step component's arguments change", () => {
    const root = editedCopy("sdk/src/pulumi/components/step.ts", (text) =>
      text.replace(/export interface StepComponentArgs extends [^{]*\{/, "$&\n  /** A new argument. */\n  readonly extra?: number;"),
    );

    const schema = generateSchema(root);

    for (const kind of COMPONENT_KINDS) {
      expect(schema.resources[`kpops:index:${kind}`].inputProperties.extra).toEqual({ type: "number", description: "A new argument." });
    }
  });

  it("refuses a property without a description", () => {
    const root = editedCopy("sdk/src/pulumi/components/project.ts", (text) =>
      text.replace("export interface ProjectArgs extends DeploymentArgs, GenerateArgs {", "$&\n  readonly undocumented?: string;"),
    );

    expect(() => generateSchema(root)).toThrow("ProjectArgs.undocumented has no JSDoc description; every property of the schema needs one");
  });
});
