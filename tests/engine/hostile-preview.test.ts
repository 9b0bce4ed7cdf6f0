/**
 * Hostile input (aliases that expand without bound, very deep nesting, a very large file, invalid UTF-8) in a real
 * `pulumi preview` of the repository's ready program: each case of the bad-input corpus
 * (tests/bad-input/cases.yaml, ids `hostile-*`) fails with one error naming the file, and no JavaScript stack trace.
 *
 * Timings are printed, not asserted: how long the program's node process lived (its uptime at exit, written by a
 * preloaded script), next to that of a baseline preview that fails at once on a trivial mistake (a step without a
 * type), so the difference is what the hostile file costs; and each preview's wall time.
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

/** The uptime (seconds) of the program's node process that exited last, written by the preloaded script. */
function programSeconds(): number {
  const lines = fs.existsSync(timingFile) ? fs.readFileSync(timingFile, "utf8").trim().split("\n") : [];
  fs.rmSync(timingFile, { force: true });
  return Number(lines.at(-1));
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
  return { ...result, seconds, program: programSeconds() };
}

let baseline: { seconds: number; program: number };

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "kpops-hostile-preview-"));
  timingFile = path.join(work, "program-uptime.txt");
  const preload = path.join(work, "uptime-at-exit.js");
  fs.writeFileSync(preload, `process.on("exit", () => require("fs").appendFileSync(${JSON.stringify(timingFile)}, process.uptime() + "\\n"));\n`);
  stack = initWorkStack(work, `hostile-${process.pid}`, { NODE_OPTIONS: `--require ${preload}` });
  const run = previewCase({ id: "baseline", args: ["pipelines/p/pipeline.yaml"] }, "- {name: untyped}\n");
  expect(run.status).not.toBe(0);
  expect(run.output).toMatch(/Every component must have a type defined/);
  baseline = run;
});

afterAll(() => {
  console.log(
    [
      `program process lifetime (and preview wall time) per hostile case; baseline, a step without a type: ${baseline.program.toFixed(2)} s (${baseline.seconds.toFixed(2)} s)`,
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
  const { status, output, seconds, program } = previewCase(c);
  const extra = program - baseline.program;
  timings.push(`  ${c.id.padEnd(32)} ${program.toFixed(2)} s (${extra >= 0 ? "+" : ""}${extra.toFixed(2)} s over the baseline; preview ${seconds.toFixed(2)} s)`);
  expect(status).not.toBe(0);
  const errors = errorLines(output);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(c.file);
  for (const part of c.also ?? []) expect(errors[0].toLowerCase()).toContain(part.toLowerCase());
  expect(stackFrames(output)).toEqual([]);
});
