/**
 * Generates the package schema (`schema.json`) from the TypeScript sources: every resource's inputs are the
 * properties of its `Args` interface (inherited ones included) and its outputs the `Output` fields of its class,
 * each with the JSDoc written there as its description. A property whose type the schema cannot express fails the
 * generation unless {@link TYPESCRIPT_ONLY} says why it is left out, and a property without JSDoc fails it too, so
 * the schema never silently lags behind the code.
 */
import * as path from "path";
import ts from "typescript";
import { KPOPS_PACKAGE, KPOPS_PLUGIN_VERSION } from "../../../sdk/src/pulumi/providers/package";
import { builtInTypesOfKind } from "../../../sdk/src/core/components/registry";
import { BUILT_IN_COMPONENTS } from "../../../sdk/src/core/components/registry";
import type { ComponentKind } from "../../../sdk/src/core/plan/types";
import { EnumTypeSpec, MappingContext, ObjectTypeSpec, PropertySpec, SchemaTypeError, TypeSpec, mapType } from "./type-mapping";
import { PACKAGE_RESOURCES, PackageResource, repositoryRoot } from "./resources";

/** Properties of args interfaces that only a TypeScript program can pass (objects, classes, functions). */
export const TYPESCRIPT_ONLY: Readonly<Record<string, string>> = {
  "DeploymentArgs.kubernetesProvider": "a @pulumi/kubernetes Provider object",
  "DeploymentArgs.kafkaProvider": "a @pulumi/kafka Provider object",
  "DeploymentArgs.backend": "resource factories",
  "DeploymentArgs.adopt": "what the managed operations (kpops deploy) found to import",
  "GenerateArgs.componentClasses": "TypeScript classes",
  "ProjectArgs.pipelines": "pipelines loaded in the program",
  "PipelineArgs.pipeline": "a pipeline loaded in the program",
};

/** Properties whose TypeScript type is wider than what other languages can pass; the schema takes this form. */
export const NARROWED: Readonly<Record<string, TypeSpec>> = {
  // an object or a module path in TypeScript; a module path from other languages
  "DeploymentArgs.schemaProvider": { type: "string" },
};

/** Properties kept secret in state and previews. */
const SECRET_PROPERTIES = new Set(["credentials", "password", "saslPassword"]);

/** The Pulumi package schema. */
export interface PackageSchema {
  name: string;
  displayName: string;
  version: string;
  description: string;
  repository?: string;
  keywords: string[];
  license: string;
  config: Record<string, never>;
  provider: { description: string; type: "object" };
  resources: Record<string, ResourceSpec>;
  types: Record<string, ObjectTypeSpec | EnumTypeSpec>;
  language: Record<string, unknown>;
}

/** A resource of the schema. */
export interface ResourceSpec {
  description: string;
  isComponent?: boolean;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs?: string[];
  properties: Record<string, PropertySpec>;
  required?: string[];
}

/** The type node under `pulumi.Input<…>` / `pulumi.Output<…>` wrappers of a declared property. */
function unwrappedTypeNode(node: ts.TypeNode | undefined): ts.TypeNode | undefined {
  if (node && ts.isTypeReferenceNode(node) && node.typeArguments?.length === 1 && /(^|\.)(Input|Output)$/.test(node.typeName.getText())) {
    return unwrappedTypeNode(node.typeArguments[0]);
  }
  return node;
}

/** The declared type of a property, class field or getter. */
function declaredTypeNode(declaration: ts.Declaration | undefined): ts.TypeNode | undefined {
  return declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration) || ts.isGetAccessorDeclaration(declaration))
    ? declaration.type
    : undefined;
}

/** Whether a class field or getter is declared as a `pulumi.Output<…>`. */
function isOutputField(symbol: ts.Symbol): boolean {
  const node = declaredTypeNode(symbol.valueDeclaration);
  return node !== undefined && ts.isTypeReferenceNode(node) && /(^|\.)Output$/.test(node.typeName.getText());
}

/** Whether a type node admits `undefined` (an output that only some resources have). */
function admitsUndefined(node: ts.TypeNode | undefined): boolean {
  return node !== undefined && ts.isUnionTypeNode(node) && node.types.some((t) => t.kind === ts.SyntaxKind.UndefinedKeyword);
}

/** The type token of the enum of the built-in KPOps types that deploy as `kind`. */
function stepTypeEnumToken(kind: ComponentKind): string {
  return `${KPOPS_PACKAGE}:index:${kind}Type`;
}

/** The enum of the built-in KPOps types of a step kind, with each type's description from its class. */
function stepTypeEnum(kind: ComponentKind, types: readonly string[]): EnumTypeSpec {
  const describe = (type: string) => BUILT_IN_COMPONENTS.find((cls) => cls.type === type)?.description;
  return {
    type: "string",
    description: `The built-in KPOps component types that deploy as ${kind}.`,
    enum: types.map((value) => ({ value, ...(describe(value) ? { description: describe(value) } : {}) })),
  };
}

/** What a step component of `kind` is, before the class's own description. */
function stepDescription(kind: ComponentKind, types: readonly string[]): string {
  return types.length > 0
    ? `A step of kind ${kind} (KPOps types ${types.map((t) => `\`${t}\``).join(", ")}, and custom types that extend them), deployed on its own.`
    : `A step of a custom KPOps type that extends no deployable built-in (kind ${kind}), deployed on its own.`;
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker, where: string): string {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const defaults = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === "default")
    .map((tag) => ts.displayPartsToString(tag.text).trim());
  if (text === "") {
    throw new SchemaTypeError(`${where} has no JSDoc description; every property of the schema needs one`);
  }
  return defaults.length > 0 ? `${text}\nDefault: ${defaults.join(" ")}` : text;
}

function withEnum(spec: TypeSpec & { enumValues?: string[] }, description: string): PropertySpec {
  const { enumValues, ...type } = spec;
  return enumValues ? { ...type, description: `${description}\nOne of: ${enumValues.map((v) => `"${v}"`).join(", ")}.` } : { ...type, description };
}

/** Builds the schema from the sources; `root` is the repository. */
export function generateSchema(root: string = repositoryRoot): PackageSchema {
  const files = [...new Set(PACKAGE_RESOURCES.map((r) => path.join(root, r.file)))];
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const types = new Map<string, ObjectTypeSpec>();

  const describeProperties = (type: ts.Type, owner: string, keep: (symbol: ts.Symbol) => boolean): { properties: Record<string, PropertySpec>; required: string[] } => {
    const properties: Record<string, PropertySpec> = {};
    const required: string[] = [];
    for (const symbol of checker.getPropertiesOfType(type)) {
      const declaration = symbol.declarations?.[0];
      const declaredIn = declaration?.parent && (ts.isInterfaceDeclaration(declaration.parent) || ts.isClassDeclaration(declaration.parent)) ? declaration.parent.name?.text : owner;
      const key = `${declaredIn}.${symbol.name}`;
      if (key in TYPESCRIPT_ONLY || !keep(symbol) || typeof symbol.name !== "string" || symbol.name.startsWith("__")) {
        continue;
      }
      const description = docOf(symbol, checker, key);
      const node = unwrappedTypeNode(declaredTypeNode(symbol.valueDeclaration));
      const spec = NARROWED[key] ?? mapType(node ? checker.getTypeFromTypeNode(node) : checker.getTypeOfSymbol(symbol), context, key);
      properties[symbol.name] = { ...withEnum(spec, description), ...(SECRET_PROPERTIES.has(symbol.name) ? { secret: true } : {}) };
      if (!(symbol.flags & ts.SymbolFlags.Optional) && !admitsUndefined(node)) {
        required.push(symbol.name);
      }
    }
    return { properties, required };
  };

  const context: MappingContext = {
    checker,
    types,
    describeInterface: (declaration) => {
      const symbol = checker.getSymbolAtLocation(declaration.name)!;
      const { properties, required } = describeProperties(checker.getDeclaredTypeOfSymbol(symbol), declaration.name.text, () => true);
      return { type: "object", description: docOf(symbol, checker, declaration.name.text), properties, ...(required.length > 0 ? { required } : {}) };
    },
  };

  const findDeclaration = <T extends ts.Node>(resource: PackageResource, name: string, guard: (node: ts.Node) => node is T): T => {
    const source = program.getSourceFile(path.join(root, resource.file));
    const found = source?.statements.find((node): node is T & ts.Statement => guard(node) && (node as unknown as { name?: ts.Identifier }).name?.text === name);
    if (!found) {
      throw new SchemaTypeError(`${resource.file} declares no ${name}`);
    }
    return found;
  };

  const resources: Record<string, ResourceSpec> = {};
  const enums = new Map<string, EnumTypeSpec>();
  for (const resource of PACKAGE_RESOURCES) {
    const args = findDeclaration(resource, resource.args, ts.isInterfaceDeclaration);
    const cls = findDeclaration(resource, resource.className, ts.isClassDeclaration);
    const classSymbol = checker.getSymbolAtLocation(cls.name!)!;
    const inputs = describeProperties(checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(args.name)!), resource.args, () => true);
    const declared = describeProperties(checker.getDeclaredTypeOfSymbol(classSymbol), resource.className, (s) => s.valueDeclaration?.parent === cls && isOutputField(s));
    const outputs = resource.isComponent ? declared : { properties: { ...inputs.properties, ...declared.properties }, required: [...new Set([...inputs.required, ...declared.required])] };
    let description = docOf(classSymbol, checker, resource.className);
    if (resource.stepKind !== undefined) {
      // the `type` of a step component: an enum of the built-in types of its kind (a custom type: any string)
      const kind = resource.stepKind;
      const types = builtInTypesOfKind(kind);
      description = `${stepDescription(kind, types)}\n\n${description}`;
      if (types.length > 0 && inputs.properties.type !== undefined) {
        enums.set(stepTypeEnumToken(kind), stepTypeEnum(kind, types));
        const { type: _string, ...rest } = inputs.properties.type;
        inputs.properties.type = { ...rest, $ref: `#/types/${stepTypeEnumToken(kind)}` };
      }
    }
    resources[resource.token] = {
      description,
      ...(resource.isComponent ? { isComponent: true } : {}),
      inputProperties: inputs.properties,
      // the engine drops empty lists from a schema it reads; leave them out, so get-schema serves this file as it is
      ...(inputs.required.length > 0 ? { requiredInputs: inputs.required } : {}),
      properties: outputs.properties,
      ...(outputs.required.length > 0 ? { required: outputs.required } : {}),
    };
  }

  const allTypes: [string, ObjectTypeSpec | EnumTypeSpec][] = [...[...types.entries()].map(([name, spec]): [string, ObjectTypeSpec] => [`${KPOPS_PACKAGE}:index:${name}`, spec]), ...enums.entries()];
  const sortedTypes = Object.fromEntries(allTypes.sort(([a], [b]) => a.localeCompare(b)));
  return {
    name: KPOPS_PACKAGE,
    displayName: "KPOps",
    version: KPOPS_PLUGIN_VERSION,
    description: "KPOps (Kafka pipeline operations) on Pulumi: KPOps projects and pipelines as components, and Schema Registry subjects and Kafka Connect connectors as resources.",
    keywords: ["kafka", "kpops", "kafka-connect", "schema-registry", "category/utility", "kind/component"],
    license: "MIT",
    config: {},
    provider: { description: "The kpops provider. It takes no configuration: every resource names the services it talks to.", type: "object" },
    resources,
    types: sortedTypes,
    language: {
      nodejs: { packageName: "@kpops/pulumi", respectSchemaVersion: true },
      python: { packageName: "pulumi_kpops", respectSchemaVersion: true, pyproject: { enabled: true } },
    },
  };
}

/** The schema as it is written to `schema.json`. */
export function schemaFileText(schema: PackageSchema = generateSchema()): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
