/**
 * Runs the conformance cases of a cases file (format: the header of /work/shared/conformance/cases.yaml) against
 * `bin/kpops`, with the test components of ./components.ts loaded through KPOPS_COMPONENTS_MODULE.
 * Prints one line per case and finally `N passed, M failed, K skipped`; exits 1 on any failure.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

interface Check {
  path: string;
  equals?: unknown;
  absent?: boolean;
}

interface Case {
  id: string;
  cwd: string;
  args: string[];
  env?: Record<string, string>;
  expect?: string;
  checks?: Check[];
  error?: string[];
  same_as?: string;
}

interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(__dirname, "../..");
const KPOPS = join(ROOT, "bin/kpops");
const COMPONENTS = join(__dirname, "components.ts");

function parseYaml(text: string): unknown {
  return parse(text, { version: "1.1", uniqueKeys: false });
}

/** Compares parsed YAML including mapping key order; returns the first difference, or undefined. */
export function difference(actual: unknown, expected: unknown, path = "$"): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const diff = difference(actual[i], expected[i], `${path}[${i}]`);
      if (diff) return diff;
    }
    return undefined;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return `${path}: expected a mapping, got ${JSON.stringify(actual)}`;
    const expectedKeys = Object.keys(expected);
    const actualKeys = Object.keys(actual);
    for (const key of expectedKeys) if (!(key in actual)) return `${path}: missing key '${key}'`;
    for (const key of actualKeys) if (!(key in expected)) return `${path}: unexpected key '${key}'`;
    if (expectedKeys.join("\u0000") !== actualKeys.join("\u0000")) {
      return `${path}: key order differs: expected [${expectedKeys.join(", ")}], got [${actualKeys.join(", ")}]`;
    }
    for (const key of expectedKeys) {
      const diff = difference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
      if (diff) return diff;
    }
    return undefined;
  }
  if (actual !== expected && !(actual instanceof Date && expected instanceof Date && actual.getTime() === expected.getTime())) {
    return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  return undefined;
}

/** Splits a check path on dots, `\.` being a literal dot. */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < path.length; i++) {
    if (path[i] === "\\" && path[i + 1] === ".") {
      current += ".";
      i++;
    } else if (path[i] === ".") {
      parts.push(current);
      current = "";
    } else current += path[i];
  }
  parts.push(current);
  return parts;
}

function lookup(data: unknown, parts: string[]): { found: boolean; value?: unknown } {
  let current = data;
  for (const part of parts) {
    if (Array.isArray(current) && /^\d+$/.test(part) && Number(part) < current.length) current = current[Number(part)];
    else if (typeof current === "object" && current !== null && !Array.isArray(current) && part in current) {
      current = (current as Record<string, unknown>)[part];
    } else return { found: false };
  }
  return { found: true, value: current };
}

/**
 * The corpus lost its symbolic links in some checkouts (a link became a small file holding the target path).
 * Cases run in a staged copy where such files are links again.
 */
function stage(sourceDir: string, staged: Map<string, string>): { dir: string; restored: number } {
  const existing = staged.get(sourceDir);
  if (existing) return { dir: existing, restored: 0 };
  const dir = mkdtempSync(join(tmpdir(), "kpops-conformance-"));
  cpSync(sourceDir, dir, { recursive: true, verbatimSymlinks: true });
  let restored = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && lstatSync(full).size < 256) {
        const text = readFileSync(full, "utf8");
        if (/^\.{1,2}\/[\w./-]+$/.test(text) || /^[\w-]+$/.test(text)) {
          const target = resolve(dirname(full), text);
          if (text !== entry.name && existsSync(target) && target !== full) {
            unlinkSync(full);
            symlinkSync(text, full);
            restored++;
          }
        }
      }
    }
  };
  walk(dir);
  staged.set(sourceDir, dir);
  return { dir, restored };
}

function run(testCase: Case, cwd: string): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, KPOPS_COMPONENTS_MODULE: COMPONENTS, ...(testCase.env ?? {}) };
  delete env.NAMESPACE;
  delete env.DOCKER_REGISTRY;
  const result = spawnSync(KPOPS, testCase.args, { cwd, env, encoding: "utf8" });
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

function main(casesFile: string): number {
  const casesDir = dirname(resolve(casesFile));
  const cases = (parse(readFileSync(casesFile, "utf8")) as { cases: Case[] }).cases;
  const staged = new Map<string, string>();
  const outputs = new Map<string, RunResult>();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let restoredLinks = 0;
  const byId = new Map(cases.map((c) => [c.id, c]));
  const runCase = (testCase: Case): RunResult => {
    const cached = outputs.get(testCase.id);
    if (cached) return cached;
    const { dir, restored } = stage(resolve(casesDir, testCase.cwd), staged);
    restoredLinks += restored;
    const result = run(testCase, dir);
    outputs.set(testCase.id, result);
    return result;
  };
  for (const testCase of cases) {
    const result = runCase(testCase);
    const firstError = result.stderr.trim().split("\n")[0] ?? "";
    let failure: string | undefined;
    if (testCase.expect === "held back") {
      skipped++;
      console.log(`SKIP ${testCase.id} (expected output held back; ran with exit code ${result.status}${result.status ? `: ${firstError}` : ""})`);
      continue;
    }
    if (testCase.error) {
      if (result.status === 0) failure = "expected a non-zero exit code";
      else {
        const text = result.stderr + result.stdout;
        const missing = testCase.error.filter((s) => !text.includes(s));
        if (missing.length > 0) failure = `message lacks ${missing.map((s) => `'${s}'`).join(", ")}: ${firstError}`;
      }
    } else if (result.status !== 0) {
      failure = `exit code ${result.status}: ${firstError}`;
    } else {
      const actual = parseYaml(result.stdout);
      if (testCase.expect) {
        const expected = parseYaml(readFileSync(resolve(casesDir, testCase.expect), "utf8"));
        failure = difference(actual, expected);
      }
      if (!failure && testCase.same_as) {
        const other = byId.get(testCase.same_as);
        if (!other) failure = `unknown case '${testCase.same_as}'`;
        else failure = difference(actual, parseYaml(runCase(other).stdout));
      }
      for (const check of testCase.checks ?? []) {
        if (failure) break;
        const { found, value } = lookup(actual, splitPath(check.path));
        if (check.absent) {
          if (found) failure = `${check.path}: expected absent, got ${JSON.stringify(value)}`;
        } else if (!found) failure = `${check.path}: missing`;
        else if (difference(value, check.equals)) failure = `${check.path}: expected ${JSON.stringify(check.equals)}, got ${JSON.stringify(value)}`;
      }
    }
    if (failure) {
      failed++;
      console.log(`FAIL ${testCase.id}: ${failure}`);
    } else {
      passed++;
      console.log(`PASS ${testCase.id}`);
    }
  }
  for (const dir of staged.values()) rmSync(dir, { recursive: true, force: true });
  if (restoredLinks > 0) console.log(`note: ${restoredLinks} symbolic links of the corpus were stored as plain files; restored them in a staged copy`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: bin/conformance CASES.yaml");
    process.exit(2);
  }
  process.exit(main(file));
}
