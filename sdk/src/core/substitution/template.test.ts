import { normaliseKey, substituteOnce, substituteWithRecord } from "./template";

describe("placeholder syntax", () => {
  const values = { name: "app", "component.name": "comp", "pipeline.name": "pipe", ENV_VAR: "env" };

  it("replaces $name and ${name}", () => {
    expect(substituteWithRecord("$name/${name}", values)).toBe("app/app");
  });

  it("allows dots in names, looked up with __", () => {
    expect(substituteWithRecord("${component.name}-${pipeline.name}", values)).toBe("comp-pipe");
    expect(substituteWithRecord("${pipeline__name}", values)).toBe("pipe");
    expect(normaliseKey("a.b.c")).toBe("a__b__c");
  });

  it("is case-insensitive in the pattern (environment variables in capitals)", () => {
    expect(substituteWithRecord("$ENV_VAR ${ENV_VAR}", values)).toBe("env env");
  });

  it("turns $$ into $", () => {
    expect(substituteWithRecord("cost: $$5 and $$name", values)).toBe("cost: $5 and $name");
  });

  it("leaves unknown placeholders untouched", () => {
    expect(substituteWithRecord("${NAMESPACE} Flatten$Value $1 ${unclosed", values)).toBe("${NAMESPACE} Flatten$Value $1 ${unclosed");
  });

  it("does not resolve the documented-but-wrong ${pipeline_name_0} form", () => {
    expect(substituteWithRecord("${pipeline_name_0}", { "pipeline.name_0": "a" })).toBe("${pipeline_name_0}");
    expect(substituteWithRecord("${pipeline.name_0}", { "pipeline.name_0": "a" })).toBe("a");
  });

  it("substituteOnce makes a single pass", () => {
    const lookup = (name: string) => ({ a: "${b}", b: "x" })[name];
    expect(substituteOnce("${a}", lookup)).toBe("${b}");
  });
});
