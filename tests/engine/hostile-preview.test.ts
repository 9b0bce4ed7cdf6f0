/**
 * Hostile input (aliases that expand without bound, very deep nesting, a very large file, invalid UTF-8) in a real
 * `pulumi preview` of the repository's ready program: each case of the bad-input corpus
 * (tests/bad-input/cases.yaml, ids `hostile-*`) fails with one error naming the file, and no JavaScript stack trace.
 *
 * Timings are printed, not asserted. A preloaded script (program-timing-preload.js) marks, in the program's node
 * process, when program/index.ts has imported the SDK and when the program throws: the time between the two is what
 * the program spends on the input before it fails. Printed next to the same for a baseline that fails at once on a
 * trivial mistake (a step without a type), with the process uptime at the error and the preview's wall time.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { type Generated, writeGenerated } from "../support/hostile-files";
import { WorkStack, initWorkStack } from "./engine-env";

interface BadInputCase {
  id: string;
  args: string[];
  file: string;
  also?: string[];
  generated?: Generated;
}

const CORPUS = path.resolve(__dirname, "../bad-input");
const cases = (parse(fs.readFileSync(path.join(CORPUS, "cases.yaml"), "utf8")) as { cases: BadInputCase[] }).cases.filter((c) =>
  c.id.startsWith("hostile-"),
);

const stackFrames = (output: string) => output.split("\n").filter((line) => /^\s+at .+\.(ts|js|cjs|mjs):\d+/.test(line));
/** The error diagnostics of our program (the engine also repeats the message on the Project's progress line). */
const errorLines = (output: string) => output.split("\n").filter((line) => /^\s*error: kpops: /.test(line));

let work: string;
let stack: WorkStack;
const timings: string[] = [];
let timingFile: string;

/** The marks the preloaded script wrote for the last preview (seconds of process uptime), then forgets them. */
function programMarks(): Record<string, number> {
  const text = fs.existsSync(timingFile) ? fs.readFileSync(timingFile, "utf8") : "";
  fs.rmSync(timingFile, { force: true });
  const marks: Record<string, number> = {};
  for (const line of text.trim().split("\n")) {
    const [label, seconds] = line.split(" ");
    if (label) marks[label] = Number(seconds);
  }
  return marks;
}

/** "<work> ms after the SDK import (error at <uptime> s of process uptime)". */
function describeMarks(marks: Record<string, number>): string {
  const work = (marks.thrown - marks.imported) * 1000;
  return `${work.toFixed(0)} ms after the SDK import (error at ${marks.thrown?.toFixed(2)} s of process uptime)`;
}

/** Copies corpus case `id` (writing its generated file) to a fresh folder and previews it: status, output, seconds. */
function previewCase(c: Pick<BadInputCase, "id" | "args" | "generated">, baseline?: string) {
  const project = path.join(work, c.id);
  if (baseline === undefined) fs.cpSync(path.join(CORPUS, "cases", c.id), project, { recursive: true });
  else {
    fs.mkdirSync(path.join(project, "pipelines/p"), { recursive: true });
    fs.writeFileSync(path.join(project, "config.yaml"), "pipeline_base_dir: pipelines\nkafka_brokers: 127.0.0.1:1\n");
    fs.writeFileSync(path.join(project, "pipelines/p/pipeline.yaml"), baseline);
  }
  if (c.generated) writeGenerated(project, c.generated);
  expect(stack.run("config", "set", "kpops:project", project).status).toBe(0);
  expect(stack.run("config", "set", "kpops:pipelines", JSON.stringify(c.args)).status).toBe(0);
  const started = process.hrtime.bigint();
  const result = stack.run("preview");
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(project, { recursive: true, force: true });
  return { ...result, seconds, marks: programMarks() };
}

let baseline: { seconds: number; marks: Record<string, number> };

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-hostile-preview-"));
  timingFile = path.join(work, "program-timing.txt");
  const preload = path.join(__dirname, "program-timing-preload.js");
  stack = initWorkStack(work, `hostile-${process.pid}`, { NODE_OPTIONS: `--require ${preload}`, KPOPS_TIMING_FILE: timingFile });
  const run = previewCase({ id: "baseline", args: ["pipelines/p/pipeline.yaml"] }, "- {name: untyped}\n");
  expect(run.status).not.toBe(0);
  expect(run.output).toMatch(/Every component must have a type defined/);
  baseline = run;
});

afterAll(() => {
  console.log(
    [
      `pulumi preview of the ready program: when the program fails, per hostile case (and the preview's wall time)`,
      `  ${"baseline: a step without a type".padEnd(32)} ${describeMarks(baseline.marks)}; preview ${baseline.seconds.toFixed(2)} s`,
      ...timings,
    ].join("\n"),
  );
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("the corpus has the hostile cases of issue 8", () => {
  expect(cases.map((c) => c.id)).toEqual(
    expect.arrayContaining(["hostile-billion-laughs", "hostile-deep-flow", "hostile-large-file", "hostile-invalid-utf8"]),
  );
});

test.each(cases.map((c) => [c.id, c] as const))("%s: preview fails with one error naming the file, no stack trace", (_id, c) => {
  const { status, output, seconds, marks } = previewCase(c);
  timings.push(`  ${c.id.padEnd(32)} ${describeMarks(marks)}; preview ${seconds.toFixed(2)} s`);
  // the preloaded script saw the program start and throw (so the figures above are of this failure)
  expect(marks.imported).toBeLessThan(marks.thrown);
  expect(status).not.toBe(0);
  const errors = errorLines(output);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(c.file);
  for (const part of c.also ?? []) expect(errors[0].toLowerCase()).toContain(part.toLowerCase());
  expect(stackFrames(output)).toEqual([]);
});
