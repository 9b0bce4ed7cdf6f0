import { dumpModel } from "./dump";
import { field, t, type ModelSpec } from "./field-types";
import { validateModel } from "./validate";

const Inner: ModelSpec = { name: "Inner", extra: "ignore", fields: [field("x", t.int(), { default: 1 })] };
const Model: ModelSpec = {
  name: "Model",
  extra: "allow",
  fields: [
    field("image_tag", t.string(), { key: "imageTag", nullable: true }),
    field("count", t.int(), { nullable: true }),
    field("flag", t.bool(), { default: false }),
    field("inner", t.model(() => Inner), { default: {} }),
    field("topics", t.list(t.string()), { default: [], emptyAsNull: true }),
    field("skipped", t.string(), { default: "s", skipGenerate: true }),
  ],
};

describe("validateModel", () => {
  it("accepts the output key and the snake_case name, orders fields by declaration, extras after", () => {
    const value = validateModel(Model, { extra2: 2, image_tag: "1.0", extra1: 1 });
    expect(Object.keys(value)).toEqual(["imageTag", "count", "flag", "inner", "topics", "skipped", "extra2", "extra1"]);
    expect(value.imageTag).toBe("1.0");
    expect(value.inner).toEqual({ x: 1 });
  });

  it("reads the alias when both alias and snake_case name are given; the unused name stays as an extra key", () => {
    const value = validateModel(Model, { imageTag: "alias", image_tag: "name" });
    expect(value.imageTag).toBe("alias");
    expect(value.image_tag).toBe("name");
    expect(validateModel(Model, { image_tag: "name" })).not.toHaveProperty("image_tag");
  });

  it("converts like pydantic's lax mode: numeric strings to int, 'true' to bool", () => {
    const value = validateModel(Model, { count: "4", flag: "true" });
    expect(value.count).toBe(4);
    expect(value.flag).toBe(true);
  });

  it("does not turn numbers into strings", () => {
    expect(() => validateModel(Model, { imageTag: 1 })).toThrow("field 'imageTag': Input should be a valid string");
  });

  it("reports nested paths", () => {
    expect(() => validateModel(Model, { inner: { x: "a" } })).toThrow("field 'inner.x'");
  });

  it("treats null as the default for SerializeAsOptional fields", () => {
    expect(validateModel(Model, { topics: null }).topics).toEqual([]);
  });

  it("unions: an option of the value's own type first, then every option in lax mode (pydantic's smart mode)", () => {
    const Cpu: ModelSpec = { name: "Cpu", extra: "forbid", fields: [field("cpu", t.union(t.string({ pattern: /^\d+m$/ }), t.int({ min: 1 })), { nullable: true })] };
    expect(validateModel(Cpu, { cpu: "300m" }).cpu).toBe("300m");
    expect(validateModel(Cpu, { cpu: 2 }).cpu).toBe(2);
    // "2" fails the pattern of the string option and is read by the int option, as KPOps 12.0.3 does (cpa-stateful-values)
    expect(validateModel(Cpu, { cpu: "2" }).cpu).toBe(2);
    // no option takes it: the error of the option of its own type
    expect(() => validateModel(Cpu, { cpu: "half" })).toThrow("String should match pattern");
    expect(() => validateModel(Cpu, { cpu: 0.5 })).toThrow("field 'cpu'");
  });

  it("forbids extras where the model does", () => {
    const strict: ModelSpec = { name: "Strict", extra: "forbid", fields: [] };
    expect(() => validateModel(strict, { nope: 1 })).toThrow("field 'nope': Extra inputs are not permitted");
  });
});

describe("dumpModel", () => {
  const value = validateModel(Model, { image_tag: null, extra: null, topics: [] });

  it("python mode keeps nulls and renders empty optional collections as null", () => {
    expect(dumpModel(Model, value, "python")).toEqual({
      imageTag: null,
      count: null,
      flag: false,
      inner: { x: 1 },
      topics: null,
      skipped: "s",
      extra: null,
    });
  });

  it("generate mode drops nulls, empty optional collections and generate-skipped fields", () => {
    expect(dumpModel(Model, value, "generate")).toEqual({ flag: false, inner: { x: 1 } });
  });
});
