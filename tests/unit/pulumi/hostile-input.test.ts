/**
 * The Pulumi layer loads KPOps files through the same core loader as `kpops generate`: the hostile cases and the
 * new issue-8 cases of the bad-input corpus (tests/bad-input/cases.yaml) make `new Project(...)` fail with one
 * error naming the file (and what `kpops generate` names), never hang or exhaust memory.
 */
import { readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import type * as pulumiLayer from "../../../sdk/src/pulumi";
import { type Generated, writeGenerated } from "../../support/hostile-files";
import { installMocks, recordingBackend } from "./harness";

interface BadInputCase {
  id: string;
  args: string[];
  file: string | null;
  also?: string[];
  generated?: Generated;
}

const CORPUS = resolve(__dirname, "../../bad-input");
const cases = (parse(readFileSync(join(CORPUS, "cases.yaml"), "utf8")) as { cases: BadInputCase[] }).cases.filter(
  (c) => c.id.startsWith("hostile-") || c.id === "no-pipeline-file" || c.id === "source-connector-from",
);

let layer: typeof pulumiLayer;
beforeAll(async () => {
  await installMocks();
  layer = await import("../../../sdk/src/pulumi");
});

test("the corpus has the hostile cases", () => {
  expect(cases.length).toBeGreaterThanOrEqual(10);
});

test.each(cases.map((c) => [c.id, c] as const))("Project over %s fails with the loader's error", (_id, c) => {
  const cwd = join(CORPUS, "cases", c.id);
  const generated = c.generated ? writeGenerated(cwd, c.generated) : undefined;
  let message = "";
  try {
    const recorder = recordingBackend(layer.defaultBackend as any);
    new layer.Project(`hostile-${c.id}`, { projectDir: cwd, pipelinePaths: c.args.filter((a) => !a.startsWith("-")), backend: recorder.backend });
  } catch (error) {
    message = String((error as Error).message);
  } finally {
    if (generated) rmSync(generated, { force: true });
  }
  expect(message).toMatch(/^kpops: /);
  expect(message.split("\n")).toHaveLength(1);
  if (c.file) expect(message).toContain(c.file);
  for (const part of c.also ?? []) expect(message.toLowerCase()).toContain(part.toLowerCase());
});
