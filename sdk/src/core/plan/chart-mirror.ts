/**
 * Chart mirrors: a setting that reads the charts of a Helm chart repository from somewhere else (a local folder
 * or another repository), without editing the pipeline. Users without internet map bakdata's streams-bootstrap
 * repository to a folder of its charts; the tests map it to `../shared/charts/streams-bootstrap`.
 *
 * The setting is not a `config.yaml` key (that file stays what upstream KPOps reads): it is the environment
 * variable `KPOPS_CHART_MIRRORS` (CLI and ready program), stack config `kpops:chartMirrors` (ready program) or
 * `chartMirrors` (Project / Pipeline args). Its text is a list of `URL=MIRROR` entries separated by commas or
 * new lines, or a JSON object `{"URL": "MIRROR"}`; a relative folder is taken from the directory the setting was
 * read in (the working directory for the variable).
 *
 * The mirror is applied once, while a release is planned (`HelmApp.planRelease`): the plan's chart then says
 * where it is read from (`ChartPlan.mirror`), for the Pulumi layer, manifest mode and the operations alike.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { KpopsError } from "../errors";
import type { ChartMirror, ChartMirrorSource, ChartPlan } from "./types";

/** The environment variable of the chart-mirror setting. */
export const CHART_MIRRORS_ENV = "KPOPS_CHART_MIRRORS";

const REMOTE = /^(https?|oci):\/\//i;

/** A repository URL as compared: without trailing slashes. */
function normalizeUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/**
 * Parses the chart-mirror setting (see the module comment). `baseDir` anchors relative folders; `source` names
 * where the text came from in errors (e.g. `KPOPS_CHART_MIRRORS`).
 */
export function parseChartMirrors(text: string, baseDir: string, source: string = CHART_MIRRORS_ENV): ChartMirror[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  let pairs: Array<[string, unknown]>;
  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new KpopsError(`${source}: not a JSON object: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new KpopsError(`${source}: not a JSON object of URL -> mirror`);
    pairs = Object.entries(parsed);
  } else {
    pairs = trimmed
      .split(/[,\n]/)
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        // the URL ends at the first '=' that follows its scheme
        const at = entry.indexOf("=", entry.indexOf("://") + 3);
        if (entry.indexOf("://") < 0 || at < 0) throw new KpopsError(`${source}: '${entry}' is not URL=MIRROR (e.g. https://bakdata.github.io/streams-bootstrap/=./charts)`);
        return [entry.slice(0, at), entry.slice(at + 1)] as [string, unknown];
      });
  }
  return pairs.map(([url, mirror]) => {
    if (!REMOTE.test(url.trim())) throw new KpopsError(`${source}: '${url}' is not a chart repository URL (http://, https:// or oci://)`);
    if (typeof mirror !== "string" || mirror.trim() === "") throw new KpopsError(`${source}: the mirror of '${url}' is empty`);
    const target = mirror.trim();
    return { url: normalizeUrl(url), mirror: REMOTE.test(target) ? target : path.resolve(baseDir, target) };
  });
}

/** The chart mirrors of `KPOPS_CHART_MIRRORS` in `env` (relative folders from `cwd`); none when it is unset. */
export function chartMirrorsFromEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ChartMirror[] {
  const text = env[CHART_MIRRORS_ENV];
  return text === undefined ? [] : parseChartMirrors(text, cwd);
}

/** Where a folder mirror holds `chart` at `version`, as a chart Helm can load at that version. */
function findInFolder(folder: string, chart: string, version: string | undefined): string | undefined {
  if (version !== undefined) {
    const packaged = path.join(folder, `${chart}-${version}.tgz`);
    if (fs.existsSync(packaged)) return packaged;
    const versioned = path.join(folder, version, chart);
    if (chartVersion(versioned) !== undefined) return atVersion(versioned, version);
  }
  const flat = path.join(folder, chart);
  const flatVersion = chartVersion(flat);
  if (flatVersion === undefined) return undefined;
  if (version === undefined || flatVersion === version) return flat;
  // chart sources as a release tags them (Chart.yaml keeps a development version), in a folder named by the release
  return path.basename(folder) === version ? atVersion(flat, version) : undefined;
}

/** The `version` of the unpacked chart in `dir` (its Chart.yaml), or undefined when `dir` holds no chart. */
function chartVersion(dir: string): string | undefined {
  const file = path.join(dir, "Chart.yaml");
  if (!fs.existsSync(file)) return undefined;
  const chart = parseYaml(fs.readFileSync(file, "utf8")) as { version?: unknown } | null;
  return chart?.version === undefined || chart.version === null ? "" : String(chart.version);
}

/**
 * The chart sources in `dir` as the release `version` packages them: a copy whose Chart.yaml says that version
 * (what `helm package --version` does, so that the chart's labels name it), with its `file://` dependencies
 * copied into `charts/` (what `helm dependency build` does). Copies are kept under the system's temporary
 * folder, one per source content and version, and reused; `dir` itself when it already says `version`.
 */
function atVersion(dir: string, version: string): string {
  if (chartVersion(dir) === version) return dir;
  const fingerprint = createHash("sha256").update(`${fs.realpathSync(dir)}\0${version}\0${contentStamp(dir)}`).digest("hex").slice(0, 16);
  const target = path.join(os.tmpdir(), "kpops-chart-mirror", fingerprint, path.basename(dir));
  if (fs.existsSync(path.join(target, "Chart.yaml"))) return target;
  const staging = `${target}.${process.pid}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(dir, staging, { recursive: true });
  makeWritable(staging);
  const chartFile = path.join(staging, "Chart.yaml");
  const text = fs.readFileSync(chartFile, "utf8");
  fs.writeFileSync(chartFile, /^version:.*$/m.test(text) ? text.replace(/^version:.*$/m, `version: ${version}`) : `${text}\nversion: ${version}\n`);
  const dependencies = (parseYaml(text) as { dependencies?: Array<{ name?: string; repository?: string }> } | null)?.dependencies ?? [];
  for (const dependency of dependencies) {
    if (!dependency.name || !dependency.repository?.startsWith("file://")) continue;
    const source = path.resolve(dir, dependency.repository.slice("file://".length));
    fs.cpSync(source, path.join(staging, "charts", dependency.name), { recursive: true });
  }
  makeWritable(staging);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    // another process made the same copy first
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, "Chart.yaml"))) throw error;
  }
  return target;
}

/** A stamp of a folder's content: its files' paths, sizes and modification times. */
function contentStamp(dir: string): string {
  const parts: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = fs.statSync(full);
        parts.push(`${path.relative(dir, full)}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return parts.join("\n");
}

/** Copies of read-only sources (e.g. a shared folder) must be writable to be edited and removed. */
function makeWritable(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(full);
    else fs.chmodSync(full, 0o644);
  }
}

/**
 * The chart with its mirror, when one of `mirrors` maps its repository's URL (unchanged otherwise). A folder that
 * lacks the chart at the requested version is an error naming what was looked for.
 */
export function applyChartMirror(chart: ChartPlan, mirrors: readonly ChartMirror[] | undefined): ChartPlan {
  const repository = chart.repository;
  if (!repository || !mirrors || mirrors.length === 0) return chart;
  const entry = mirrors.find((m) => normalizeUrl(m.url) === normalizeUrl(repository.url));
  if (!entry) return chart;
  let mirror: ChartMirrorSource;
  if (REMOTE.test(entry.mirror)) mirror = { repositoryUrl: entry.mirror };
  else {
    const found = findInFolder(entry.mirror, chart.name, chart.version);
    if (found === undefined) {
      const wanted = chart.version === undefined ? "" : ` version ${chart.version}`;
      const layouts =
        chart.version === undefined
          ? `${chart.name}/`
          : `${chart.name}-${chart.version}.tgz, ${chart.version}/${chart.name}/, or ${chart.name}/ with Chart.yaml version ${chart.version} (any version in a folder named ${chart.version})`;
      throw new KpopsError(`chart mirror ${entry.mirror} (for ${repository.url}) has no chart '${chart.name}'${wanted}: looked for ${layouts}`);
    }
    mirror = { path: found };
  }
  return { ...chart, mirror };
}
