import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultsFilePaths, mergeDefaults, readDefaultsFile } from "./defaults-files";

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "kpops-defaults-")));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("defaults files", () => {
  const root = tree({
    "base/defaults.yaml": "streams-app: {values: {image: base}}\n",
    "base/defaults_dev.yaml": "kubernetes-app: {namespace: base-dev}\n",
    "base/parent/defaults.yaml": "kubernetes-app: {namespace: parent}\n",
    "base/parent/defaults_dev.yaml": "kubernetes-app: {namespace: parent-dev}\n",
    "base/parent/deep/defaults.yaml": "kubernetes-app: {namespace: deep}\n",
    "base/parent/deep/pipeline.yaml": "[]\n",
    "defaults.yaml": "kubernetes-app: {namespace: above-base}\n",
  });
  const pipeline = join(root, "base/parent/deep/pipeline.yaml");

  it("walks from the pipeline directory up to and including the base dir, env file before plain file", () => {
    expect(defaultsFilePaths(pipeline, join(root, "base"), "dev").map((p) => p.slice(root.length + 1))).toEqual([
      "base/parent/deep/defaults.yaml",
      "base/parent/defaults_dev.yaml",
      "base/parent/defaults.yaml",
      "base/defaults_dev.yaml",
      "base/defaults.yaml",
    ]);
  });

  it("reads no env files without an environment", () => {
    expect(defaultsFilePaths(pipeline, join(root, "base")).map((p) => p.slice(root.length + 1))).toEqual([
      "base/parent/deep/defaults.yaml",
      "base/parent/defaults.yaml",
      "base/defaults.yaml",
    ]);
  });

  it("a plain file in a deeper directory beats an env file higher up", () => {
    const files = defaultsFilePaths(pipeline, join(root, "base"), "dev").map((p) => readDefaultsFile(p, (t) => t));
    expect(mergeDefaults(["kubernetes-app"], files)).toEqual({ namespace: "deep" });
  });

  it("the type chain is the outer loop: any file's section of a more specific type beats a parent type", () => {
    const files = [
      { path: "local_dev", sections: { "kubernetes-app": { namespace: "k8s-local" }, "helm-app": { version: "1" } } },
      { path: "base", sections: { "streams-app": { namespace: "streams-base" } } },
    ];
    expect(mergeDefaults(["streams-app", "helm-app", "kubernetes-app"], files)).toEqual({ namespace: "streams-base", version: "1" });
  });

  it("applies phase-A substitution to the file text", () => {
    const file = readDefaultsFile(join(root, "base/defaults.yaml"), (text) => text.replace("base", "replaced"));
    expect(file.sections).toEqual({ "streams-app": { values: { image: "replaced" } } });
  });

  it("rejects a defaults file that is not a mapping, naming the file", () => {
    const bad = tree({ "defaults.yaml": "- a\n" });
    expect(() => readDefaultsFile(join(bad, "defaults.yaml"), (t) => t)).toThrow(/defaults\.yaml: defaults files should be structured as map/);
  });
});
