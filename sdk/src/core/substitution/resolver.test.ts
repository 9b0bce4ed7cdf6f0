import { flattenInto, resolvePlaceholderKeys, SubstitutionResolver, TreeLayer } from "./resolver";

function layer(values: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(values).map(([k, v]) => [k.replace(/\./g, "__"), v]));
}

describe("phase-B substitution", () => {
  it("resolves chains of placeholders to a fixpoint", () => {
    const resolver = new SubstitutionResolver([layer({ a: "${b}", b: "${c}", c: "end" })]);
    expect(resolver.substitute("${a}")).toBe("end");
  });

  it("raises the KPOps cycle error", () => {
    const resolver = new SubstitutionResolver([layer({ l1: "${l2}", l2: "${l3}", l3: "${l1}" })]);
    expect(() => resolver.substitute("${l1}")).toThrow("An infinite loop condition detected");
  });

  it("raises the cycle error for an endlessly growing expansion (KPOps would not terminate)", () => {
    const resolver = new SubstitutionResolver([layer({ a: "x${a}" })]);
    expect(() => resolver.substitute("${a}")).toThrow("An infinite loop condition detected");
  });

  it("resolves nested placeholders from the inside out", () => {
    const resolver = new SubstitutionResolver([layer({ "component.type": "filter", "component.labels.filter": "yes" })]);
    expect(resolver.substitute("${component.labels.${component.type}}")).toBe("yes");
  });

  it("renders non-strings as Python's str(): True, None, lists", () => {
    const resolver = new SubstitutionResolver([layer({ b: true, n: null, l: ["a", "b"], i: 4 })]);
    expect(resolver.substitute("$b $n $l $i")).toBe("True None ['a', 'b'] 4");
  });

  it("uses the highest layer that has a name", () => {
    const resolver = new SubstitutionResolver([layer({ x: "component" }), layer({ x: "env", y: "env" })]);
    expect(resolver.substitute("$x $y")).toBe("component env");
  });

  it("substitutes keys and values of a tree; a key that becomes an existing one overwrites its value", () => {
    const resolver = new SubstitutionResolver([layer({ t: "a" })]);
    expect(resolver.substituteTree({ a: 1, "${t}": 2, list: ["${t}"] })).toEqual({ a: 2, list: ["a"] });
  });

  it("names the field of a cycle", () => {
    const resolver = new SubstitutionResolver([layer({ x: "${y}", y: "${x}" })]);
    expect(() => resolver.substituteTree({ values: { labels: { l: "${x}" } } })).toThrow("field 'values.labels.l'");
  });

  it("flattens mappings with dots (lists and scalars are leaves) and resolves placeholder keys", () => {
    const target = new Map<string, unknown>();
    const keys = flattenInto(target, { type: "filter", values: { labels: { "${component.type}": "v" }, list: [1] } }, "component");
    expect([...target.keys()]).toEqual(["component__type", "component__values__labels__${component__type}", "component__values__list"]);
    const resolver = new SubstitutionResolver([target]);
    resolvePlaceholderKeys(target, resolver, keys);
    expect(target.get("component__values__labels__filter")).toBe("v");
  });

  it("looks names up in a tree layer like the flattened map: leaves only, placeholder keys by their resolved form", () => {
    const tree = { type: "filter", values: { labels: { "${component.type}": "v", plain: "p" }, list: [1], nested: { a: 1 } } };
    const layer = new TreeLayer(tree, "component");
    const resolver = new SubstitutionResolver([layer]);
    layer.resolveKeysWith(resolver);
    expect(resolver.substitute("${component.values.labels.filter}/${component.values.labels.plain}/${component.values.list}")).toBe("v/p/[1]");
    expect(layer.has("component__values__nested")).toBe(false);
    expect(layer.has("component__values__nested__a")).toBe(true);
    expect(layer.has("config__values")).toBe(false);
  });

  it("deviation: substitutes values holding quotes, backslashes and newlines (KPOps' JSON text would break)", () => {
    const resolver = new SubstitutionResolver([layer({ q: 'say "hi"\\n', nl: "a\nb" })]);
    expect(resolver.substitute("${q}|${nl}")).toBe('say "hi"\\n|a\nb');
  });
});
