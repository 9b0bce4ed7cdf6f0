/**
 * TypeScript types -> Pulumi schema types. Works on the types the checker resolves, so `pulumi.Input<T>` and
 * `pulumi.Output<T>` are seen through, unions of string literals become strings with their values listed, and
 * an interface becomes an object type of the package (`#/types/kpops:index:<Name>`), generated once.
 */
import ts from "typescript";

/** A property or type of the Pulumi package schema (the part of the spec this package uses). */
export interface TypeSpec {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  $ref?: string;
  oneOf?: TypeSpec[];
}

/** A property with its description. */
export interface PropertySpec extends TypeSpec {
  description: string;
  secret?: boolean;
  /** The values a string property takes, when the TypeScript type is a union of string literals. */
  enumValues?: string[];
}

/** An object type of the package. */
export interface ObjectTypeSpec {
  type: "object";
  description: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

/** A string enum type of the package (e.g. the KPOps types a step component takes). */
export interface EnumTypeSpec {
  type: "string";
  description: string;
  enum: { value: string; description?: string }[];
}

/** Thrown when a type cannot be expressed; names the property. */
export class SchemaTypeError extends Error {}

/** The checker plus the object types found so far. */
export interface MappingContext {
  readonly checker: ts.TypeChecker;
  readonly types: Map<string, ObjectTypeSpec>;
  /** Describes the properties of an interface as an object type (set by the generator). */
  readonly describeInterface: (declaration: ts.InterfaceDeclaration) => ObjectTypeSpec;
}

const WRAPPERS = new Set(["Input", "Output", "OutputInstance", "Promise", "Readonly"]);

/** `pulumi.Input<T>`, `Output<T>`, `Promise<T>` and `Readonly<T>` -> `T`; `T | undefined` -> `T`. */
function unwrap(type: ts.Type, checker: ts.TypeChecker): ts.Type[] {
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    // Input<T> = T | Promise<T> | OutputInstance<T>: keep the plain members, drop the wrapped duplicates.
    const plain = members.filter((t) => !WRAPPERS.has(t.aliasSymbol?.name ?? t.getSymbol()?.name ?? ""));
    const chosen = plain.length > 0 ? plain : members;
    // `boolean` is the union `true | false`.
    if (chosen.length > 0 && chosen.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) {
      return [checker.getBooleanType()];
    }
    const booleans = chosen.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const rest = chosen.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    return [...(booleans.length > 0 ? [checker.getBooleanType()] : []), ...rest.flatMap((t) => unwrap(t, checker))];
  }
  const name = type.aliasSymbol?.name ?? type.getSymbol()?.name;
  if (name && WRAPPERS.has(name)) {
    const args = type.aliasTypeArguments ?? checker.getTypeArguments(type as ts.TypeReference);
    if (args.length === 1) {
      return unwrap(args[0], checker);
    }
  }
  return [type];
}

/** The schema type of a TypeScript type; `where` names the property for errors. */
export function mapType(type: ts.Type, context: MappingContext, where: string): TypeSpec & { enumValues?: string[] } {
  const { checker } = context;
  const members = unwrap(type, checker);
  if (members.length > 1) {
    if (members.every((t) => t.isStringLiteral())) {
      return { type: "string", enumValues: members.map((t) => (t as ts.StringLiteralType).value) };
    }
    return { oneOf: members.map((t) => mapType(t, context, where)) };
  }
  const [only] = members;
  if (only.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) {
    return only.isStringLiteral() ? { type: "string", enumValues: [only.value] } : { type: "string" };
  }
  if (only.flags & ts.TypeFlags.Number) {
    return { type: "number" };
  }
  if (only.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) {
    return { type: "boolean" };
  }
  if (checker.isArrayType(only)) {
    const [item] = checker.getTypeArguments(only as ts.TypeReference);
    return { type: "array", items: mapType(item, context, `${where}[]`) };
  }
  const stringIndex = only.getStringIndexType();
  if (stringIndex && only.getProperties().length === 0) {
    return { type: "object", additionalProperties: mapType(stringIndex, context, `${where}{}`) };
  }
  const declaration = only.getSymbol()?.declarations?.find(ts.isInterfaceDeclaration);
  if (declaration && !declaration.getSourceFile().isDeclarationFile) {
    const name = declaration.name.text;
    if (!context.types.has(name)) {
      context.types.set(name, { type: "object", description: "", properties: {} });
      context.types.set(name, context.describeInterface(declaration));
    }
    return { $ref: `#/types/kpops:index:${name}` };
  }
  throw new SchemaTypeError(`${where}: the type ${checker.typeToString(only)} has no form in the Pulumi schema`);
}
