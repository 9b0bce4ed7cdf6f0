/**
 * The one runner of `kpops generate` cases, behind `bin/conformance` and `bin/compare-reference`.
 *
 * Usage:
 *   bin/conformance [options] CASES.yaml [CASES.yaml ...]
 *   bin/compare-reference [options] [CASES.yaml ...]        (default: tests/reference/cases.yaml)
 *
 * Options:
 *   --kpops CMD            the kpops executable under test (default: <repo>/bin/kpops)
 *   --reference            test the reference Python kpops instead (path from scripts/setup-reference.sh, with the
 *                          Python test components of tests/reference/python_components on PYTHONPATH); a
 *                          self-check of a corpus. Each case runs with the release it was recorded with (its
 *                          `reference`, default 12.0.3) and is judged as that release; with --kpops-version X.Y.Z,
 *                          every case runs with that release.
 *   --kpops-version V      the upstream KPOps version the cases are judged against (default: the version the kpops
 *                          under test reports with --version). A case with `since: "12"` is skipped below 12, one
 *                          with `until: "11"` above 11.
 *   --env K=V              extra environment for every case (repeatable)
 *   --only TEXT            run only cases whose id contains TEXT (repeatable)
 *   --jobs N               cases run in parallel (default 6)
 *   --full                 print every difference of a failing case, not only the first 8
 *   --stream               outputs and expected files are streams of YAML documents (the manifest cases of
 *                          /work/shared/conformance/manifest/cases.yaml), compared as lists of documents; an
 *                          empty stream is no document
 *
 * A cases file has the format of /work/shared/conformance/cases.yaml (see its header): per case `id`, `cwd`
 * (relative to the cases file), `args`, `env`, `since` / `until`, and one of `expect` (YAML file, relative to the
 * cases file), `error` (substrings of the error message), `checks`, `same_as`, or `expect: held back` (the case
 * runs, and is reported as skipped with its exit code). `reference: "11.0.0"` names the upstream release a case is
 * recorded with (scripts/record-reference.sh; default 12.0.3); only --reference runs it, the kpops under test is
 * judged by its own version. Error substrings match case-sensitively unless the file
 * says `error_match: case-insensitive` at its top level.
 *
 * Our CLI gets the test component types through KPOPS_COMPONENTS_MODULE=tests/conformance/components.ts (unless
 * that variable is already set). NAMESPACE and DOCKER_REGISTRY are removed from the environment of every case.
 * Outputs are compared as parsed YAML with mapping key order. Expected files are read as YAML 1.1 with PyYAML's
 * resolvers (PyYAML wrote them), our output as YAML 1.2 (the reference's as PyYAML's 1.1).
 * Some checkouts store the corpus' symbolic links as small files holding the link target; a case whose folder has
 * such files runs in a staged copy where they are links again.
 *
 * Prints one line per case (PASS / FAIL / SKIP) with the differences under each failure, then the summary
 * `N passed, N failed, N skipped, N cases`. Exit code: 0 when no case failed, 1 otherwise, 2 on a usage error.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { parse, parseAllDocuments, type CollectionTag, type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions, type ToJSOptions } from "yaml";

const REPO = resolve(__dirname, "../..");

// ---------------------------------------------------------------- command line

export interface Options {
  kpops: string;
  reference: boolean;
  kpopsVersion?: string;
  env: Record<string, string>;
  only: string[];
  jobs: number;
  full: boolean;
  /** Outputs and expected files are YAML document streams (`--stream`). */
  stream: boolean;
  files: string[];
}

export class UsageError extends Error {}

/** The upstream release a case is recorded with when it names none (the release the core follows). */
export const DEFAULT_REFERENCE = "12.0.3";

/** The reference kpops executable of a release: scripts/setup-reference.sh installs it (once) and names it. */
export type ReleaseResolver = (release: string) => string;

const setupReference: ReleaseResolver = (release) =>
  execFileSync("bash", [join(REPO, "scripts", "setup-reference.sh"), release], { encoding: "utf8" }).trim();

/** Parses the command line; `defaultFiles` are the cases files used when none is named. */
export function parseArgs(argv: readonly string[], defaultFiles: readonly string[] = []): Options {
  const opts: Options = { kpops: join(REPO, "bin", "kpops"), reference: false, env: {}, only: [], jobs: 6, full: false, stream: false, files: [] };
  const value = (i: number, flag: string): string => {
    if (i >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--kpops") opts.kpops = value(++i, a);
    else if (a === "--reference") opts.reference = true;
    else if (a === "--kpops-version") {
      opts.kpopsVersion = value(++i, a);
      if (!/^\d+(\.\d+)*$/.test(opts.kpopsVersion)) throw new UsageError(`--kpops-version: not a version: ${opts.kpopsVersion}`);
    } else if (a === "--env") {
      const kv = value(++i, a);
      const eq = kv.indexOf("=");
      if (eq <= 0) throw new UsageError(`--env takes K=V, got ${kv}`);
      opts.env[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a === "--only") opts.only.push(value(++i, a));
    else if (a === "--jobs") {
      opts.jobs = Number(value(++i, a));
      if (!Number.isInteger(opts.jobs) || opts.jobs < 1) throw new UsageError(`--jobs takes a positive integer`);
    } else if (a === "--full") opts.full = true;
    else if (a === "--stream") opts.stream = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else opts.files.push(resolve(a));
  }
  if (opts.files.length === 0) opts.files.push(...defaultFiles.map((f) => resolve(f)));
  if (opts.files.length === 0) throw new UsageError("no cases file");
  return opts;
}

/** Whether a case runs an operation in manifest or argo mode (its output is a stream of manifests). */
function isManifestCase(c: Case): boolean {
  const args = (c.args ?? []).map(String);
  const at = args.indexOf("--operation-mode");
  return at >= 0 && ["manifest", "argo"].includes(args[at + 1] ?? "");
}

/**
 * Cases files whose cases all render manifests (shared/conformance/manifest) need no flags: their outputs are
 * compared as YAML streams, and, for our CLI, the streams-bootstrap repository is mirrored to the charts the file's
 * header names (`../../charts/streams-bootstrap`, used in place) unless KPOPS_CHART_MIRRORS is set already.
 */
function applyManifestDefaults(opts: Options, files: readonly CasesFile[]): void {
  const manifestFiles = files.filter((file) => file.cases.length > 0 && file.cases.every(isManifestCase));
  if (manifestFiles.length === 0 || manifestFiles.length !== files.length) return;
  opts.stream = true;
  if (opts.reference || process.env.KPOPS_CHART_MIRRORS || opts.env.KPOPS_CHART_MIRRORS) return;
  const charts = resolve(manifestFiles[0].dir, "../../charts/streams-bootstrap");
  if (existsSync(charts)) opts.env.KPOPS_CHART_MIRRORS = `https://bakdata.github.io/streams-bootstrap/=${charts}`;
}

/** Fills in what the kpops under test needs: the reference's test components, or ours. */
function prepare(opts: Options): void {
  if (opts.reference) {
    // scripts/setup-reference.sh installs the release named (a full version).
    if (opts.kpopsVersion && !/^\d+\.\d+\.\d+$/.test(opts.kpopsVersion)) {
      throw new UsageError(`with --reference, --kpops-version names a release to install (e.g. 11.0.0), not ${opts.kpopsVersion}`);
    }
    const pyPath = join(REPO, "tests", "reference", "python_components");
    opts.env.PYTHONPATH = [pyPath, process.env.PYTHONPATH].filter(Boolean).join(delimiter);
  } else if (!process.env.KPOPS_COMPONENTS_MODULE && !opts.env.KPOPS_COMPONENTS_MODULE) {
    // our CLI loads the test component types from this module (config field `components_module`)
    opts.env.KPOPS_COMPONENTS_MODULE = join(REPO, "tests", "conformance", "components.ts");
  }
}

// ---------------------------------------------------------------- versions

/** The first dotted version in `kpops --version`'s output ("KPOps 11.0.0 (...)", "kpops, version 11.0.0"). */
export function versionIn(text: string): string | undefined {
  return /\b(\d+\.\d+\.\d+)\b/.exec(text)?.[1];
}

/**
 * Compares `version` with a case's bound, to the bound's precision: against "11", 11.0.0 and 11.4.2 are equal.
 * Returns <0, 0 or >0.
 */
export function compareToBound(version: string, bound: string): number {
  const v = version.split(".").map(Number);
  const b = String(bound).split(".").map(Number);
  for (let i = 0; i < b.length; i++) {
    const d = (v[i] ?? 0) - b[i];
    if (d !== 0) return d;
  }
  return 0;
}

/** Why a case does not apply to upstream `version`, or undefined when it does. */
export function versionSkip(c: Pick<Case, "since" | "until">, version: string): string | undefined {
  if (c.since !== undefined && compareToBound(version, String(c.since)) < 0) return `since KPOps ${c.since}; following ${version}`;
  if (c.until !== undefined && compareToBound(version, String(c.until)) > 0) return `until KPOps ${c.until}; following ${version}`;
  return undefined;
}

// ---------------------------------------------------------------- YAML reading

// The `yaml` package's YAML 1.1 schema is wider than PyYAML's resolvers (which wrote the expected files):
// PyYAML reads y/n/Y/N as strings, and an exponent float only with a dot and a signed exponent (`1e3` is a
// string, `1.0e+3` a float). Narrow those tags to PyYAML's patterns.
const PY_TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const PY_FALSE = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const PY_FLOAT_EXP = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9][0-9_]*[eE][-+][0-9]+)$/;
const PY_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/;
type Tag = ScalarTag | CollectionTag;
function pyyamlTags(tags: Tag[]): Tag[] {
  return tags.map((t) => {
    const scalar = t as ScalarTag;
    if (t.tag === "tag:yaml.org,2002:bool" && scalar.identify) return { ...scalar, test: scalar.identify(true) ? PY_TRUE : PY_FALSE };
    if (t.tag === "tag:yaml.org,2002:float" && scalar.test?.source.includes("[eE]")) return { ...scalar, test: PY_FLOAT_EXP };
    if (t.tag === "tag:yaml.org,2002:float" && scalar.test?.source.includes("\\.[0-9_]*$")) return { ...scalar, test: PY_FLOAT };
    return t;
  });
}

/** Parses YAML as written by PyYAML ("1.1") or by us ("1.2"), mappings as Maps (key order, any key). */
export function parseYaml(text: string, version: "1.1" | "1.2"): unknown {
  const options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = { mapAsMap: true, uniqueKeys: false, maxAliasCount: -1 };
  if (version === "1.1") Object.assign(options, { version: "1.1", customTags: pyyamlTags });
  return parse(text, options);
}

/** Parses a stream of YAML documents (see {@link parseYaml}) into the list of its documents; `[]` for none. */
export function parseYamlStream(text: string, version: "1.1" | "1.2"): unknown[] {
  const options: ParseOptions & DocumentOptions & SchemaOptions = { uniqueKeys: false };
  if (version === "1.1") Object.assign(options, { version: "1.1", customTags: pyyamlTags });
  return parseAllDocuments(text, options).map((doc) => {
    if (doc.errors.length > 0) throw doc.errors[0];
    return doc.toJS({ mapAsMap: true, maxAliasCount: -1 });
  });
}

/** A mapping with its key order: parsed YAML made comparable. */
export interface OrderedMap {
  __map: [string, Value][];
}
export type Value = null | boolean | number | string | Value[] | OrderedMap;

/** Turns parsed YAML into plain comparable values: mappings become {__map: [[key, value], ...]} keeping order. */
export function normalize(v: unknown): Value {
  if (v instanceof Map) return { __map: [...v.entries()].map(([k, x]) => [String(k), normalize(x)]) };
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v !== null && typeof v === "object") return { __map: Object.entries(v).map(([k, x]) => [k, normalize(x)]) };
  return v === undefined ? null : (v as Value);
}

// ---------------------------------------------------------------- comparison

function show(v: unknown): string {
  const s = JSON.stringify(v, (_k, x) => (isMap(x) ? Object.fromEntries(x.__map) : x));
  return s === undefined ? "undefined" : s.length > 160 ? s.slice(0, 157) + "..." : s;
}

function isMap(v: unknown): v is OrderedMap {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Array.isArray((v as OrderedMap).__map);
}

function joinPath(where: string, key: string): string {
  const k = key.replace(/\./g, "\\.");
  return where ? `${where}.${k}` : k;
}

/** Collects the differences between expected `e` and actual `a` as "path: message" lines into `out`. */
export function diff(e: Value, a: Value, where = "", out: string[] = []): string[] {
  const at = where || "<root>";
  if (isMap(e) && isMap(a)) {
    const ek = e.__map.map(([k]) => k);
    const ak = a.__map.map(([k]) => k);
    const aIndex = new Map(a.__map);
    for (const [k, ev] of e.__map) {
      if (!aIndex.has(k)) out.push(`${joinPath(where, k)}: missing (expected ${show(ev)})`);
      else diff(ev, aIndex.get(k) as Value, joinPath(where, k), out);
    }
    const eSet = new Set(ek);
    for (const [k, av] of a.__map) if (!eSet.has(k)) out.push(`${joinPath(where, k)}: unexpected (got ${show(av)})`);
    const common = ek.filter((k) => aIndex.has(k));
    const commonA = ak.filter((k) => eSet.has(k));
    if (common.join("\u0000") !== commonA.join("\u0000"))
      out.push(`${at}: key order differs: expected [${common.join(", ")}], got [${commonA.join(", ")}]`);
    return out;
  }
  if (Array.isArray(e) && Array.isArray(a)) {
    if (e.length !== a.length) out.push(`${at}: list length expected ${e.length}, got ${a.length}`);
    for (let i = 0; i < Math.min(e.length, a.length); i++) diff(e[i], a[i], joinPath(where, String(i)), out);
    return out;
  }
  if (JSON.stringify(e) !== JSON.stringify(a)) out.push(`${at}: expected ${show(e)}, got ${show(a)}`);
  return out;
}

/** Resolves a dot/index path (`\.` is a literal dot) in a normalized value. */
export function lookup(root: Value, path: string): { found: false } | { found: true; value: Value } {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    if (path[i] === "\\" && path[i + 1] === ".") {
      cur += ".";
      i++;
    } else if (path[i] === ".") {
      parts.push(cur);
      cur = "";
    } else cur += path[i];
  }
  parts.push(cur);
  let v = root;
  for (const part of parts) {
    if (Array.isArray(v) && /^\d+$/.test(part) && Number(part) < v.length) v = v[Number(part)];
    else if (isMap(v) && v.__map.some(([k]) => k === part)) v = (v.__map.find(([k]) => k === part) as [string, Value])[1];
    else return { found: false };
  }
  return { found: true, value: v };
}

// ---------------------------------------------------------------- cases

export interface Check {
  path: string;
  equals?: Value;
  absent?: boolean;
}

export interface Case {
  id: string;
  cwd?: string;
  args?: string[];
  env?: Record<string, string>;
  expect?: string;
  error?: string[];
  checks?: Check[];
  same_as?: string;
  since?: string;
  until?: string;
  reference?: string;
}

export interface CasesFile {
  file: string;
  dir: string;
  errorIgnoresCase: boolean;
  cases: Case[];
}

/** Reads a cases file; a check's `equals` keeps its mapping order (it is compared like output). */
export function readCasesFile(file: string): CasesFile {
  const doc = normalize(parseYaml(readFileSync(file, "utf8"), "1.2"));
  const get = (m: Value, key: string): Value | undefined => (isMap(m) ? m.__map.find(([k]) => k === key)?.[1] : undefined);
  const plain = (v: Value | undefined): unknown =>
    isMap(v) ? Object.fromEntries(v.__map.map(([k, x]) => [k, plain(x)])) : Array.isArray(v) ? v.map(plain) : v;
  const errorMatch = get(doc, "error_match");
  if (errorMatch !== undefined && errorMatch !== "case-sensitive" && errorMatch !== "case-insensitive") {
    throw new Error(`${file}: error_match must be case-sensitive or case-insensitive`);
  }
  const cases = ((get(doc, "cases") ?? []) as Value[]).map((entry) => {
    const c = plain(entry) as Case;
    const checks = get(entry, "checks");
    if (Array.isArray(checks)) {
      c.checks = checks.map((k) => ({ ...(plain(k) as Check), ...(get(k, "equals") !== undefined ? { equals: get(k, "equals") } : {}) }));
    }
    if (typeof c.id !== "string") throw new Error(`${file}: a case without an id`);
    if (c.reference !== undefined && !/^\d+\.\d+\.\d+$/.test(String(c.reference))) {
      throw new Error(`${file}: case ${c.id}: reference must name a release (e.g. "11.0.0"), not ${JSON.stringify(c.reference)}`);
    }
    return c;
  });
  return { file, dir: dirname(file), errorIgnoresCase: errorMatch === "case-insensitive", cases };
}

// ---------------------------------------------------------------- staging (symbolic links stored as files)

/** Files of `dir` (recursively) that hold a symbolic link's target instead of being the link. */
export function linkStandIns(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && lstatSync(full).size < 256) {
        const text = readFileSync(full, "utf8");
        if (/^\.{1,2}\/[\w./-]+$/.test(text) || /^[\w-]+$/.test(text)) {
          const target = resolve(dirname(full), text);
          if (text !== entry.name && existsSync(target) && target !== full) found.push(full);
        }
      }
    }
  };
  walk(dir);
  return found;
}

class Stager {
  private readonly dirs = new Map<string, string>();
  restored = 0;

  /** The folder to run a case of `sourceDir` in: itself, or a copy with its link stand-ins made links again. */
  dirFor(sourceDir: string): string {
    let dir = this.dirs.get(sourceDir);
    if (dir !== undefined) return dir;
    const standIns = linkStandIns(sourceDir);
    dir = sourceDir;
    if (standIns.length > 0) {
      dir = mkdtempSync(join(tmpdir(), "kpops-conformance-"));
      cpSync(sourceDir, dir, { recursive: true, verbatimSymlinks: true });
      for (const source of standIns) {
        const copy = join(dir, source.slice(sourceDir.length));
        const target = readFileSync(copy, "utf8");
        unlinkSync(copy);
        symlinkSync(target, copy);
      }
      this.restored += standIns.length;
    }
    this.dirs.set(sourceDir, dir);
    return dir;
  }

  cleanUp(): void {
    for (const [source, dir] of this.dirs) if (dir !== source) rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- running

interface RunResult {
  code: number | string;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((done) => {
    const started = Date.now();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      done({ code: -1, stdout: "", stderr: String(error), ms: 0 });
      return;
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (error) => err.push(Buffer.from(String(error))));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({
        code: code === null ? `signal ${signal}` : code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8").replace(/\x1b\[[0-9;]*m/g, ""),
        ms: Date.now() - started,
      });
    });
  });
}

function caseEnv(c: Case, opts: Options): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, NO_COLOR: "1", TERM: "dumb", COLUMNS: "400" };
  delete env.NAMESPACE;
  delete env.DOCKER_REGISTRY;
  for (const [k, v] of Object.entries(c.env ?? {})) env[k] = String(v);
  return env;
}

function lastLines(text: string, n: number): string[] {
  const lines = text.trim().split("\n").filter((l) => l.trim());
  return lines.slice(-n).map((l) => (l.length > 300 ? l.slice(0, 297) + "..." : l));
}

export interface Result {
  status: "PASS" | "FAIL" | "SKIP";
  notes: string[];
  ms?: number;
}

interface Item {
  c: Case;
  file: CasesFile;
}

class Runner {
  private readonly runs = new Map<string, Promise<RunResult>>();
  readonly stager = new Stager();

  constructor(
    private readonly opts: Options,
    private readonly target: Target,
    private readonly byId: Map<string, Item>,
  ) {}

  /** Runs a case once; `same_as` and the case itself share the run. */
  runCase(item: Item): Promise<RunResult> {
    const key = `${item.file.file}\u0000${item.c.id}`;
    let pending = this.runs.get(key);
    if (!pending) {
      const cwd = this.stager.dirFor(resolve(item.file.dir, item.c.cwd ?? "."));
      let args = (item.c.args ?? []).map(String);
      // The reference CLI prints only the outermost exception message; --verbose prints the whole cause chain.
      if (this.opts.reference && item.c.error) args = [...args, "--verbose"];
      pending = run(this.target.kpopsFor(item.c), args, cwd, caseEnv(item.c, this.opts));
      this.runs.set(key, pending);
    }
    return pending;
  }

  private parseOutput(res: RunResult): { value: Value } | { error: string } {
    try {
      const version = this.opts.reference ? "1.1" : "1.2";
      return { value: normalize(this.opts.stream ? parseYamlStream(res.stdout, version) : parseYaml(res.stdout, version)) };
    } catch (error) {
      return { error: `output is not YAML: ${String((error as Error).message).split("\n")[0]}` };
    }
  }

  async evaluate(item: Item): Promise<Result> {
    const { c, file } = item;
    const outOfVersion = versionSkip(c, this.target.versionFor(c));
    if (outOfVersion) return { status: "SKIP", notes: [outOfVersion] };
    const res = await this.runCase(item);
    const firstError = res.stderr.trim().split("\n")[0] ?? "";
    if (c.expect === "held back") {
      return { status: "SKIP", notes: [`expected output held back; ran with exit code ${res.code}${res.code ? `: ${firstError}` : ""}`], ms: res.ms };
    }
    if (c.error) {
      if (res.code === 0) return { status: "FAIL", notes: ["expected an error, but the command succeeded"], ms: res.ms };
      const text = res.stderr + res.stdout;
      const fold = (s: string) => (file.errorIgnoresCase ? s.toLowerCase() : s);
      const missing = c.error.filter((s) => !fold(text).includes(fold(String(s))));
      if (missing.length) {
        const notes = [`error message lacks: ${missing.map((s) => JSON.stringify(s)).join(", ")}`];
        notes.push(...lastLines(res.stderr, 3).map((l) => `stderr: ${l}`));
        return { status: "FAIL", notes, ms: res.ms };
      }
      return { status: "PASS", notes: [], ms: res.ms };
    }
    if (res.code !== 0) return { status: "FAIL", notes: [`exit code ${res.code}`, ...lastLines(res.stderr, 4).map((l) => `stderr: ${l}`)], ms: res.ms };
    const parsed = this.parseOutput(res);
    if ("error" in parsed) return { status: "FAIL", notes: [parsed.error], ms: res.ms };
    const diffs: string[] = [];
    if (c.expect) {
      const text = readFileSync(resolve(file.dir, c.expect), "utf8");
      const expected = normalize(this.opts.stream ? parseYamlStream(text, "1.1") : parseYaml(text, "1.1"));
      diff(expected, parsed.value, "", diffs);
    }
    if (c.same_as) {
      const other = this.byId.get(c.same_as);
      if (!other) diffs.push(`same_as ${c.same_as}: no such case`);
      else {
        const otherRes = await this.runCase(other);
        const otherParsed = otherRes.code === 0 ? this.parseOutput(otherRes) : { error: `exit code ${otherRes.code}` };
        if ("error" in otherParsed) diffs.push(`same_as ${c.same_as}: that case has no output to compare with (${otherParsed.error})`);
        else diff(otherParsed.value, parsed.value, "", diffs);
      }
    }
    for (const check of c.checks ?? []) {
      const got = lookup(parsed.value, check.path);
      if (check.absent) {
        if (got.found) diffs.push(`${check.path}: expected absent, got ${show(got.value)}`);
      } else if (!got.found) diffs.push(`${check.path}: missing (expected ${show(check.equals)})`);
      else if (diff(check.equals ?? null, got.value).length) diffs.push(`${check.path}: expected ${show(check.equals)}, got ${show(got.value)}`);
    }
    return { status: diffs.length ? "FAIL" : "PASS", notes: diffs, ms: res.ms };
  }
}

/** The upstream version to judge by: --kpops-version, else what the kpops under test says it is. */
function followedVersion(opts: Options): string {
  if (opts.kpopsVersion) return opts.kpopsVersion;
  let out = "";
  try {
    out = execFileSync(opts.kpops, ["--version"], { encoding: "utf8", env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? "");
  }
  const version = versionIn(out);
  if (!version) throw new UsageError(`cannot tell the KPOps version of ${opts.kpops} from its --version output (${JSON.stringify(out.trim())}); pass --kpops-version`);
  return version;
}

/** Which kpops runs a case and which upstream version judges it. */
interface Target {
  kpopsFor(c: Case): string;
  versionFor(c: Case): string;
  describe(cases: Case[]): string;
}

/** Ours (or --kpops): one executable, judged by one version. */
function singleTarget(opts: Options): Target {
  const version = followedVersion(opts);
  return {
    kpopsFor: () => opts.kpops,
    versionFor: () => version,
    describe: () => `kpops under test: ${opts.kpops}, judged as KPOps ${version}`,
  };
}

/** --reference: each case runs with the release it is recorded with (or --kpops-version's), judged as it. */
function referenceTarget(opts: Options, resolveRelease: ReleaseResolver): Target {
  const paths = new Map<string, string>();
  const releaseOf = (c: Case) => opts.kpopsVersion ?? String(c.reference ?? DEFAULT_REFERENCE);
  const kpopsFor = (c: Case) => {
    const release = releaseOf(c);
    let path = paths.get(release);
    if (path === undefined) {
      path = resolveRelease(release);
      paths.set(release, path);
    }
    return path;
  };
  return {
    kpopsFor,
    versionFor: releaseOf,
    describe: (cases) => {
      const counts = new Map<string, number>();
      for (const c of cases) counts.set(releaseOf(c), (counts.get(releaseOf(c)) ?? 0) + 1);
      const parts = [...counts].map(([release, n]) => `KPOps ${release} ${kpopsFor({ id: "", reference: release })} (${n} cases)`);
      return `kpops under test: the reference, each case judged as the release it runs with: ${parts.join(", ")}`;
    },
  };
}

/** Runs the cases and prints the report; returns the exit code. */
export async function main(
  argv: readonly string[],
  defaultFiles: readonly string[] = [],
  print: (line: string) => void = console.log,
  resolveRelease: ReleaseResolver = setupReference,
): Promise<number> {
  const opts = parseArgs(argv, defaultFiles);
  prepare(opts);
  const target = opts.reference ? referenceTarget(opts, resolveRelease) : singleTarget(opts);
  const files = opts.files.map(readCasesFile);
  applyManifestDefaults(opts, files);
  const all: Item[] = files.flatMap((file) => file.cases.map((c) => ({ c, file })));
  const byId = new Map<string, Item>();
  for (const item of all) if (!byId.has(item.c.id)) byId.set(item.c.id, item);
  const selected = all.filter(({ c }) => opts.only.length === 0 || opts.only.some((o) => c.id.includes(o)));
  const runner = new Runner(opts, target, byId);
  const results = new Map<Item, Result>();
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const item = selected[next++];
      results.set(item, await runner.evaluate(item));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.jobs, Math.max(1, selected.length)) }, worker));
  } finally {
    runner.stager.cleanUp();
  }
  const counts = { PASS: 0, FAIL: 0, SKIP: 0 };
  const limit = opts.full ? Infinity : 8;
  print(target.describe(selected.map(({ c }) => c)));
  for (const item of selected) {
    const r = results.get(item) as Result;
    counts[r.status]++;
    if (r.status === "SKIP") {
      print(`SKIP ${item.c.id} (${r.notes.join("; ")})`);
      continue;
    }
    print(`${r.status} ${item.c.id}${r.ms !== undefined ? ` (${r.ms} ms)` : ""}`);
    if (r.status === "FAIL") {
      for (const n of r.notes.slice(0, limit)) print(`    ${n}`);
      if (r.notes.length > limit) print(`    ... ${r.notes.length - limit} more differences (--full shows all)`);
    }
  }
  if (runner.stager.restored > 0) print(`note: ${runner.stager.restored} symbolic links of the corpus were stored as plain files; restored them in a staged copy`);
  print(`\n${counts.PASS} passed, ${counts.FAIL} failed, ${counts.SKIP} skipped, ${selected.length} cases`);
  return counts.FAIL ? 1 : 0;
}

const HELP = (() => {
  const src = readFileSync(__filename, "utf8");
  return src.slice(src.indexOf("/**") + 3, src.indexOf("*/")).replace(/^ \* ?/gm, "").trim() + "\n";
});

if (require.main === module) {
  // bin/compare-reference passes its default corpus as `--default-cases FILE` before the user's arguments.
  let argv = process.argv.slice(2);
  const defaults: string[] = [];
  while (argv[0] === "--default-cases" && argv.length > 1) {
    defaults.push(argv[1]);
    argv = argv.slice(2);
  }
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(HELP());
    process.exit(0);
  }
  main(argv, defaults).then(
    (code) => process.exit(code),
    (error) => {
      if (error instanceof UsageError) {
        console.error(`error: ${error.message}\n\n${HELP().split("\n\n")[1]}`);
        process.exit(2);
      }
      console.error(error && (error as Error).stack ? (error as Error).stack : String(error));
      process.exit(2);
    },
  );
}
