import { createHash } from "node:crypto";
import { helmNameOverride, helmReleaseName, isValidKubernetesName, toCamelCase, toKebabCase, trimName } from "./naming";

describe("naming", () => {
  it("derives component types from class names in kebab case", () => {
    expect(toKebabCase("StreamsApp")).toBe("streams-app");
    expect(toKebabCase("ScheduledProducer")).toBe("scheduled-producer");
    expect(toKebabCase("ProducerAppV2")).toBe("producer-app-v2");
    expect(toKebabCase("SimpleInflateConnectors")).toBe("simple-inflate-connectors");
    expect(toKebabCase("HTTPSink")).toBe("http-sink");
  });

  it("camelCases snake_case value keys as pyhumps does", () => {
    expect(toCamelCase("image_tag")).toBe("imageTag");
    expect(toCamelCase("max_RAM_percentage")).toBe("maxRAMPercentage");
  });

  it("keeps names that fit", () => {
    expect(trimName(53, "short")).toBe("short");
    expect(trimName(5, "abcde")).toBe("abcde");
  });

  it("trims long names to exactly N: first N-len(suffix) chars minus 6, '-', 5 hex of SHA-1, suffix", () => {
    const name = "x".repeat(30) + "y".repeat(40);
    const hash = createHash("sha1").update(name).digest("hex").slice(0, 5);
    expect(trimName(53, name)).toBe(`${name.slice(0, 47)}-${hash}`);
    expect(trimName(53, name)).toHaveLength(53);
    expect(trimName(53, name, "-clean")).toBe(`${name.slice(0, 41)}-${hash}-clean`);
    expect(trimName(53, name, "-clean")).toHaveLength(53);
  });

  it("reproduces the release name of KPOps' first-pipeline snapshot", () => {
    const fullName = `resources-first-pipeline-${Array(12).fill("a-long-name").join("-")}`;
    expect(helmReleaseName(fullName)).toBe("resources-first-pipeline-a-long-name-a-long-nam-68327");
    expect(helmNameOverride(fullName)).toBe("resources-first-pipeline-a-long-name-a-long-name-a-long-n-68327");
  });

  it("validates Kubernetes names", () => {
    expect(isValidKubernetesName("my-app.v1")).toBe(true);
    expect(isValidKubernetesName("illegal_name")).toBe(false);
    expect(isValidKubernetesName("Upper")).toBe(false);
    expect(isValidKubernetesName("-lead")).toBe(false);
    expect(isValidKubernetesName("trail-")).toBe(false);
    expect(isValidKubernetesName("12345")).toBe(false);
    expect(isValidKubernetesName("a".repeat(254))).toBe(false);
  });
});
