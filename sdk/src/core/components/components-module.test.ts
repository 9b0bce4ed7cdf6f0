import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isKpopsError } from "../errors";
import { loadComponentsModule, registryWithModule } from "./components-module";
import { BUILT_IN_COMPONENTS } from "./registry";

const sdkIndex = resolve(__dirname, "../../index.ts");

describe("components_module loading (core)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kpops-components-module-"));
    // A TypeScript module, loaded without a build step, with two classes, a non-class export and a class that
    // takes a built-in type name.
    writeFileSync(
      join(dir, "custom.ts"),
      [
        `import { StreamsApp, ProducerApp } from ${JSON.stringify(sdkIndex)};`,
        "export class MyStreamsApp extends StreamsApp {}",
        "export class EventProducer extends ProducerApp {}",
        "export class StreamsAppImpostor extends StreamsApp { static override get type(): string { return 'streams-app'; } }",
        "export const notAComponent = 42;",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "broken.js"), "throw new Error('boom\\nsecond line');\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads every exported component class of a .ts module, by path relative to cwd", () => {
    const classes = loadComponentsModule("./custom.ts", dir);
    expect(classes.map((cls) => cls.type).sort()).toEqual(["event-producer", "my-streams-app", "streams-app"]);
  });

  it("adds custom types to the built-in registry and never replaces a built-in type", () => {
    const registry = registryWithModule("./custom.ts", dir);
    expect(registry.has("my-streams-app")).toBe(true);
    expect(registry.get("event-producer").name).toBe("EventProducer");
    const builtIn = BUILT_IN_COMPONENTS.find((cls) => cls.type === "streams-app");
    expect(registry.get("streams-app")).toBe(builtIn);
  });

  it("gives the built-in registry when no module is configured", () => {
    const registry = registryWithModule(null, dir);
    expect(registry.has("my-streams-app")).toBe(false);
    expect(registry.has("streams-app")).toBe(true);
  });

  it("reports a missing module and a module that throws as KPOps errors on components_module", () => {
    for (const [spec, message] of [
      ["./missing.ts", "components module not found"],
      ["./broken.js", "cannot load components module: boom"],
    ] as const) {
      let caught: unknown;
      try {
        loadComponentsModule(spec, dir);
      } catch (error) {
        caught = error;
      }
      expect(isKpopsError(caught)).toBe(true);
      expect((caught as Error).message).toContain(message);
      expect((caught as Error).message).not.toContain("second line");
      expect((caught as Error).message).toContain("components_module");
    }
  });
});
