/**
 * Bad-input corpus (tests/bad-input/cases.yaml): every case runs `bin/kpops generate ...` as a subprocess and
 * must fail cleanly:
 *   - exit code 1 and nothing on stdout;
 *   - no stack trace (no stderr line starting with "    at ");
 *   - one stderr line that names the file (basename), the step (when the case has one), the field (when it has
 *     one) and every `also` substring.
 * A case's `generated` file (hostile input too large for git) is written before the run and removed after it.
 * Needs the built CLI (`npm run build`). Run: npx jest tests/unit/bad-input.test.ts
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { type Generated, writeGenerated } from "../support/hostile-files";

interface BadInputCase {
  id: string;
  cwd?: string;
  args: string[];
  file: string | null;
  step: string | null;
  field: string | null;
  also?: string[];
  unreadable?: string[];
  generated?: Generated;
}


const ROOT = resolve(__dirname, "../..");
const CORPUS = join(ROOT, "tests", "bad-input");
const KPOPS = join(ROOT, "bin", "kpops");
const NOBODY = 65534;

const cases: BadInputCase[] = (parse(readFileSync(join(CORPUS, "cases.yaml"), "utf8")) as { cases: BadInputCase[] }).cases;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCase(c: BadInputCase): Run {
  const cwd = join(CORPUS, c.cwd ?? join("cases", c.id));
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.NAMESPACE;
  delete env.DOCKER_REGISTRY;
  for (const key of Object.keys(env)) if (key.startsWith("KPOPS_")) delete env[key];
  const unreadable = (c.unreadable ?? []).map((p) => join(cwd, p));
  const modes = unreadable.map((p) => statSync(p).mode & 0o777);
  // root reads files of any mode, so a case with unreadable files runs as `nobody`
  const asNobody = unreadable.length > 0 && typeof process.getuid === "function" && process.getuid() === 0;
  const generated = c.generated ? writeGenerated(cwd, c.generated) : undefined;
  try {
    unreadable.forEach((p) => chmodSync(p, 0o000));
    const res = spawnSync(KPOPS, ["generate", ...c.args], {
      cwd,
      env,
      encoding: "utf8",
      timeout: 60_000,
      ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    return { status: res.status, stdout: res.stdout ?? "", stderr: (res.stderr ?? "") + (res.error ? String(res.error) : "") };
  } finally {
    unreadable.forEach((p, i) => chmodSync(p, modes[i]));
    if (generated) rmSync(generated, { force: true });
  }
}

/** What the error line must contain; file and step case-sensitive, field and `also` case-insensitive. */
function requiredParts(c: BadInputCase): { text: string; exact: boolean }[] {
  const parts: { text: string; exact: boolean }[] = [];
  if (c.file) parts.push({ text: c.file, exact: true });
  if (c.step) parts.push({ text: c.step, exact: true });
  if (c.field) parts.push({ text: c.field, exact: false });
  for (const a of c.also ?? []) parts.push({ text: a, exact: false });
  return parts;
}

function lineNames(line: string, part: { text: string; exact: boolean }): boolean {
  return part.exact ? line.includes(part.text) : line.toLowerCase().includes(part.text.toLowerCase());
}

describe("kpops generate rejects bad input with one clear error line", () => {
  test("the corpus has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const res = runCase(c);
    const stderrLines = res.stderr.split("\n");
    const parts = requiredParts(c);
    const naming = stderrLines.filter((line) => parts.every((p) => lineNames(line, p)));
    const problems: string[] = [];
    if (res.status !== 1) problems.push(`exit code ${res.status}, expected 1`);
    if (res.stdout !== "") problems.push(`stdout not empty: ${res.stdout.slice(0, 200)}`);
    if (stderrLines.some((l) => l.startsWith("    at "))) problems.push("stderr holds a stack trace");
    if (naming.length === 0)
      problems.push(`no stderr line names all of ${JSON.stringify(parts.map((p) => p.text))}; stderr: ${res.stderr.trim().slice(0, 600)}`);
    // one assertion on the list of problems, so a failure shows all of them and the stderr at once
    expect(problems).toEqual([]);
  });
});
