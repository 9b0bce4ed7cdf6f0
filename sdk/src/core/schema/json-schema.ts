/**
 * JSON Schemas for editors (yaml-language-server): `kpops schema pipeline|defaults|config`, built from the same
 * model specs that validate the input, custom component types included.
 */
import type { ComponentClass } from "../components/base/pipeline-component";
import { ComponentRegistry } from "../components/registry";
import { KpopsConfigModel } from "../config/config-model";
import type { FieldSpec, FieldType, ModelSpec } from "../model/field-types";

type Schema = Record<string, unknown>;

class SchemaBuilder {
  readonly defs: Record<string, Schema> = {};
  private readonly names = new Map<ModelSpec, string>();

  /**
   * @param partial no field is required (fields may come from defaults)
   * @param typeRequired component schemas require `type`
   */
  constructor(
    private readonly partial = false,
    private readonly typeRequired = true,
  ) {}

  ref(spec: ModelSpec, build: () => Schema = () => this.model(spec)): Schema {
    let name = this.names.get(spec);
    if (!name) {
      name = this.uniqueName(spec.name);
      this.names.set(spec, name);
      this.defs[name] = {};
      this.defs[name] = build();
    }
    return { $ref: `#/$defs/${name}` };
  }

  private uniqueName(base: string): string {
    let name = base;
    for (let i = 2; name in this.defs; i++) name = `${base}${i}`;
    return name;
  }

  model(spec: ModelSpec, extraProperties: Record<string, Schema> = {}, extraRequired: string[] = []): Schema {
    const properties: Record<string, Schema> = { ...extraProperties };
    const required: string[] = [...extraRequired];
    for (const fieldSpec of spec.fields) {
      if (fieldSpec.hiddenInSchema || fieldSpec.excluded) continue;
      properties[fieldSpec.key] = this.field(fieldSpec);
      if (fieldSpec.required && !this.partial) required.push(fieldSpec.key);
    }
    const schema: Schema = { title: spec.name, type: "object", properties };
    if (spec.description) schema.description = spec.description;
    if (required.length > 0) schema.required = required;
    if (spec.extra === "forbid") schema.additionalProperties = false;
    if (spec.extra === "allow") schema.additionalProperties = true;
    return schema;
  }

  field(spec: FieldSpec): Schema {
    let schema = this.type(spec.type);
    if (spec.nullable && spec.type.kind !== "none" && spec.type.kind !== "any") schema = { anyOf: [schema, { type: "null" }] };
    const result: Schema = { ...schema, title: spec.title ?? titleCase(spec.key) };
    if (spec.description) result.description = spec.description;
    if (spec.default !== undefined) result.default = spec.default;
    else if (!spec.required && spec.nullable) result.default = null;
    return result;
  }

  type(type: FieldType): Schema {
    switch (type.kind) {
      case "string": {
        const schema: Schema = { type: "string" };
        if (type.pattern) schema.pattern = type.pattern.source;
        if (type.maxLength !== undefined) schema.maxLength = type.maxLength;
        return schema;
      }
      case "int": {
        const schema: Schema = { type: "integer" };
        if (type.min !== undefined) schema.minimum = type.min;
        if (type.max !== undefined) schema.maximum = type.max;
        return schema;
      }
      case "number":
        return { type: "number" };
      case "bool":
        return { type: "boolean" };
      case "enum":
        return { type: "string", enum: [...type.values] };
      case "model":
        return this.ref(type.model());
      case "dict":
        return { type: "object", additionalProperties: type.values ? this.type(type.values) : true };
      case "list":
        return { type: "array", items: type.items ? this.type(type.items) : {} };
      case "union":
        return { anyOf: type.options.map((option) => this.type(option)) };
      case "none":
        return { type: "null" };
      case "any":
        return {};
    }
  }

  component(cls: ComponentClass): Schema {
    const spec = cls.modelSpec();
    return this.ref(spec, () => {
      const schema = this.model(
        { ...spec, name: cls.name },
        { type: { const: cls.type, title: "Type", description: "Component type (the class name in kebab case)" } },
        this.typeRequired ? ["type"] : [],
      );
      // Types upstream removed are still read (with a warning); editors show `deprecated` ones struck through.
      if (cls.replacedBy) {
        schema.deprecated = true;
        schema.description = `Deprecated: use '${cls.replacedBy}'. ${String(schema.description ?? "")}`.trim();
      }
      return schema;
    });
  }
}

function titleCase(key: string): string {
  return key
    .replace(/[_.-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .trim()
    .replace(/\b\w/g, (c) => c.toUpperCase());
}

/** Classes that declare themselves abstract are not pipeline steps (KPOps skips ABCs in the pipeline schema). */
export function isAbstractClass(cls: ComponentClass): boolean {
  return Object.prototype.hasOwnProperty.call(cls, "isAbstract") && cls.isAbstract;
}

/**
 * Schema of `pipeline*.yaml`: a list of steps, one of the concrete component types (by `type`). Unlike KPOps,
 * only `type` is required, because the other required fields usually come from defaults.
 */
export function pipelineSchema(registry = new ComponentRegistry()): Schema {
  // Only `type` is required: name, namespace, values etc. usually come from defaults files.
  const builder = new SchemaBuilder(true, true);
  const concrete = registry.all().filter((cls) => !isAbstractClass(cls));
  const refs = concrete.map((cls) => builder.component(cls));
  const mapping: Record<string, string> = {};
  concrete.forEach((cls, i) => {
    mapping[cls.type] = refs[i].$ref as string;
  });
  return sortKeys({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: builder.defs,
    title: "KPOps pipeline schema",
    type: "array",
    items: { oneOf: refs, discriminator: { propertyName: "type", mapping } },
  });
}

/** Schema of `defaults*.yaml`: one optional section per component type (abstract ones included), all fields optional. */
export function defaultsSchema(registry = new ComponentRegistry()): Schema {
  const builder = new SchemaBuilder(true, false);
  const properties: Record<string, Schema> = {};
  for (const cls of registry.all()) properties[cls.type] = builder.component(cls);
  const internalTypes = ["base-defaults-component", "cleaner", "streams-bootstrap-cleaner", "streams-app-cleaner", "producer-app-cleaner", "consumer-app-cleaner", "consumer-producer-app-cleaner"];
  for (const mixin of internalTypes) {
    if (!(mixin in properties)) properties[mixin] = { type: "object", title: mixin, additionalProperties: true };
  }
  return sortKeys({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: builder.defs,
    title: "KPOps defaults schema",
    type: "object",
    properties,
    additionalProperties: false,
  });
}

/** Schema of `config*.yaml`. */
export function configSchema(): Schema {
  const builder = new SchemaBuilder();
  const schema = builder.model(KpopsConfigModel);
  return sortKeys({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $defs: builder.defs,
    ...schema,
    title: "KpopsConfig",
    additionalProperties: false,
  });
}

function sortKeys(value: unknown): Schema {
  return sortDeep(value) as Schema;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (typeof value === "object" && value !== null) {
    const result: Schema = {};
    for (const key of Object.keys(value).sort()) result[key] = sortDeep((value as Schema)[key]);
    return result;
  }
  return value;
}
