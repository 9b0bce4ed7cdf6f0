import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyChartMirror, chartMirrorsFromEnv, parseChartMirrors } from "./chart-mirror";
import type { ChartPlan } from "./types";

const BAKDATA = "https://bakdata.github.io/streams-bootstrap/";

function chart(name: string, version: string | undefined, url = BAKDATA): ChartPlan {
  return { reference: `repo/${name}`, name, version, repository: { name: "repo", url, insecureSkipTlsVerify: false } };
}

/** Writes an unpacked chart (Chart.yaml with `version`, one template) to `dir`. */
function writeChart(dir: string, name: string, version: string, extra = ""): void {
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: ${version}\n${extra}`);
  writeFileSync(join(dir, "templates", "cm.yaml"), "kind: ConfigMap\n");
}

describe("chart mirror setting", () => {
  it("reads URL=MIRROR entries (commas or new lines) and JSON objects; folders relative to the base", () => {
    expect(parseChartMirrors(`${BAKDATA}=charts, https://x.example/r=https://mirror.local/r/\noci://reg/x=/abs`, "/base")).toEqual([
      { url: "https://bakdata.github.io/streams-bootstrap", mirror: "/base/charts" },
      { url: "https://x.example/r", mirror: "https://mirror.local/r/" },
      { url: "oci://reg/x", mirror: "/abs" },
    ]);
    expect(parseChartMirrors(JSON.stringify({ [BAKDATA]: "../c", "https://a/": "http://m/" }), "/base/p")).toEqual([
      { url: "https://bakdata.github.io/streams-bootstrap", mirror: "/base/c" },
      { url: "https://a", mirror: "http://m/" },
    ]);
    expect(parseChartMirrors("  ", "/b")).toEqual([]);
    expect(chartMirrorsFromEnv({ KPOPS_CHART_MIRRORS: `${BAKDATA}=m` }, "/cwd")).toEqual([{ url: "https://bakdata.github.io/streams-bootstrap", mirror: "/cwd/m" }]);
    expect(chartMirrorsFromEnv({}, "/cwd")).toEqual([]);
  });

  it("rejects entries that are not URL=MIRROR with one message naming the setting", () => {
    expect(() => parseChartMirrors("charts", "/b")).toThrow("KPOPS_CHART_MIRRORS: 'charts' is not URL=MIRROR");
    expect(() => parseChartMirrors("ftp://x=y", "/b")).toThrow("is not a chart repository URL");
    expect(() => parseChartMirrors(`${BAKDATA}=`, "/b", "kpops:chartMirrors")).toThrow("kpops:chartMirrors: the mirror of");
    expect(() => parseChartMirrors("{nope", "/b")).toThrow("KPOPS_CHART_MIRRORS: not a JSON object");
  });
});

describe("applyChartMirror", () => {
  const root = mkdtempSync(join(tmpdir(), "kpops-mirror-"));
  // a folder per release of sources, whose Chart.yaml keep a development version (as bakdata's tags do)
  writeChart(join(root, "sources", "3.6.1", "streams-app"), "streams-app", "0.1.0");
  writeChart(join(root, "sources", "7.5.0", "lib"), "lib", "0.2.0");
  writeChart(join(root, "sources", "7.5.0", "streams-app"), "streams-app", "0.2.0", 'dependencies:\n  - name: lib\n    version: 0.2.0\n    repository: "file://../lib"\n');
  chmodSync(join(root, "sources", "3.6.1", "streams-app", "Chart.yaml"), 0o444);
  mkdirSync(join(root, "packages"));
  writeFileSync(join(root, "packages", "streams-app-3.6.1.tgz"), "not really a tarball");
  writeChart(join(root, "flat", "streams-app"), "streams-app", "2.0.0");

  it("leaves charts of other repositories, and all charts without mirrors, as they are", () => {
    const plan = chart("streams-app", "3.6.1", "https://other.example/");
    expect(applyChartMirror(plan, [{ url: BAKDATA, mirror: root }])).toBe(plan);
    expect(applyChartMirror(chart("a", "1"), [])).toEqual(chart("a", "1"));
  });

  it("maps to another repository by URL, trailing slashes aside", () => {
    expect(applyChartMirror(chart("streams-app", "3.6.1"), [{ url: BAKDATA.slice(0, -1), mirror: "http://127.0.0.1:1/r" }]).mirror).toEqual({ repositoryUrl: "http://127.0.0.1:1/r" });
  });

  it("finds a packaged chart, and an unpacked one whose Chart.yaml has the version", () => {
    expect(applyChartMirror(chart("streams-app", "3.6.1"), [{ url: BAKDATA, mirror: join(root, "packages") }]).mirror).toEqual({ path: join(root, "packages", "streams-app-3.6.1.tgz") });
    expect(applyChartMirror(chart("streams-app", "2.0.0"), [{ url: BAKDATA, mirror: join(root, "flat") }]).mirror).toEqual({ path: join(root, "flat", "streams-app") });
  });

  it("gives sources of a release (<version>/<chart>, or a folder named by the version) as a copy at that version, with file:// dependencies", () => {
    for (const mirror of [join(root, "sources"), join(root, "sources", "3.6.1")]) {
      const { path } = applyChartMirror(chart("streams-app", "3.6.1"), [{ url: BAKDATA, mirror }]).mirror as { path: string };
      expect(path).not.toContain(join(root, "sources"));
      expect(readFileSync(join(path, "Chart.yaml"), "utf8")).toContain("version: 3.6.1");
      expect(existsSync(join(path, "templates", "cm.yaml"))).toBe(true);
    }
    // the source stays as it was
    expect(readFileSync(join(root, "sources", "3.6.1", "streams-app", "Chart.yaml"), "utf8")).toContain("version: 0.1.0");
    const { path } = applyChartMirror(chart("streams-app", "7.5.0"), [{ url: BAKDATA, mirror: join(root, "sources") }]).mirror as { path: string };
    expect(readFileSync(join(path, "charts", "lib", "Chart.yaml"), "utf8")).toContain("name: lib");
  });

  it("says what it looked for when the folder lacks the chart at that version", () => {
    expect(() => applyChartMirror(chart("streams-app", "9.9.9"), [{ url: BAKDATA, mirror: join(root, "flat") }])).toThrow(
      /has no chart 'streams-app' version 9\.9\.9: looked for streams-app-9\.9\.9\.tgz, 9\.9\.9\/streams-app\//,
    );
  });
});
