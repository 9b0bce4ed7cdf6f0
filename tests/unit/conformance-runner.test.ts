/**
 * The cases runner behind bin/conformance and bin/compare-reference, driven against a fake kpops (a shell script)
 * so that every verdict is known in advance.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareToBound, diff, main, normalize, parseArgs, parseYaml, parseYamlStream, versionIn, versionSkip } from "../conformance/run-cases";

describe("versions", () => {
  it("reads the version from both CLIs' --version output", () => {
    expect(versionIn("KPOps 12.0.3 (KPOps for Pulumi 0.1.0)\n")).toBe("12.0.3");
    expect(versionIn("kpops, version 11.0.0")).toBe("11.0.0");
    expect(versionIn("no version here")).toBeUndefined();
  });

  it("compares a version with a bound to the bound's precision", () => {
    expect(compareToBound("11.4.2", "11")).toBe(0);
    expect(compareToBound("12.0.3", "11")).toBeGreaterThan(0);
    expect(compareToBound("11.0.0", "12")).toBeLessThan(0);
    expect(compareToBound("12", "12.0.3")).toBeLessThan(0);
  });

  it("skips since-12 cases when following 11 and until-11 cases when following 12, with the reason", () => {
    expect(versionSkip({ since: "12" }, "11.0.0")).toBe("since KPOps 12; following 11.0.0");
    expect(versionSkip({ since: "12" }, "12.0.3")).toBeUndefined();
    expect(versionSkip({ until: "11" }, "12")).toBe("until KPOps 11; following 12");
    expect(versionSkip({ until: "11" }, "11.0.0")).toBeUndefined();
    expect(versionSkip({}, "12")).toBeUndefined();
  });
});

describe("YAML reading and comparison", () => {
  it("reads document streams (--stream) as lists of documents, each keeping its key order; empty text is no document", () => {
    expect(parseYamlStream("", "1.1")).toEqual([]);
    const docs = normalize(parseYamlStream("---\nkind: A\nenabled: yes\n\n---\nkind: B\n", "1.1"));
    expect(docs).toEqual([{ __map: [["kind", "A"], ["enabled", true]] }, { __map: [["kind", "B"]] }]);
    expect(diff(docs, normalize(parseYamlStream("---\nkind: A\nenabled: true\n", "1.2")))).toEqual(["<root>: list length expected 2, got 1"]);
    expect(() => parseYamlStream("---\na: [\n", "1.2")).toThrow();
  });

  it("reads expected files with PyYAML's YAML 1.1 resolvers and our output as YAML 1.2", () => {
    const text = "a: y\nb: yes\nc: 1e3\nd: 1.0e+3\ne: 010\nf: on\n";
    const py = parseYaml(text, "1.1") as Map<string, unknown>;
    expect([...py.values()]).toEqual(["y", true, "1e3", 1000, 8, true]);
    const ours = parseYaml(text, "1.2") as Map<string, unknown>;
    expect([...ours.values()]).toEqual(["y", "yes", 1000, 1000, 10, "on"]);
  });

  it("compares mapping key order, integer-like keys included", () => {
    const expected = normalize(parseYaml("b: 1\n'2': x\na: 2\n", "1.2"));
    expect(diff(expected, normalize(parseYaml("b: 1\n'2': x\na: 2\n", "1.2")))).toEqual([]);
    expect(diff(expected, normalize(parseYaml("'2': x\nb: 1\na: 2\n", "1.2")))).toEqual([
      "<root>: key order differs: expected [b, 2, a], got [2, b, a]",
    ]);
  });

  it("names each differing path", () => {
    const e = normalize(parseYaml("- name: x\n  values: {a.b: 1, list: [1, 2]}\n", "1.2"));
    const a = normalize(parseYaml("- name: y\n  values: {a.b: 2, list: [1], extra: true}\n", "1.2"));
    expect(diff(e, a)).toEqual([
      '0.name: expected "x", got "y"',
      "0.values.a\\.b: expected 1, got 2",
      "0.values.list: list length expected 2, got 1",
      "0.values.extra: unexpected (got true)",
    ]);
  });
});

describe("parseArgs", () => {
  it("keeps compare-reference's options and takes the default corpus only when no file is named", () => {
    const opts = parseArgs(["--kpops", "/x/kpops", "--env", "A=b=c", "--only", "one", "--only", "two", "--jobs", "2", "--full", "--kpops-version", "11"], ["/d/cases.yaml"]);
    expect(opts).toMatchObject({ kpops: "/x/kpops", env: { A: "b=c" }, only: ["one", "two"], jobs: 2, full: true, kpopsVersion: "11", files: ["/d/cases.yaml"] });
    expect(parseArgs(["/e/cases.yaml"], ["/d/cases.yaml"]).files).toEqual(["/e/cases.yaml"]);
    expect(() => parseArgs(["--kpops-version", "twelve", "/e/cases.yaml"])).toThrow("not a version");
    expect(() => parseArgs(["--bogus", "/e/cases.yaml"])).toThrow("unknown option");
    expect(() => parseArgs([])).toThrow("no cases file");
  });
});

describe("a run against a fake kpops", () => {
  let dir: string;
  let fake: string;
  const lines: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kpops-runner-"));
    // The fake prints the file named by its last argument, or fails with a message, and reports a version.
    fake = join(dir, "fake-kpops");
    writeFileSync(
      fake,
      [
        "#!/usr/bin/env bash",
        'if [[ "$1" == "--version" ]]; then echo "KPOps 11.0.0 (fake)"; exit 0; fi',
        'last="${@: -1}"',
        'if [[ "$last" == fail:* ]]; then echo "Error: ${last#fail:}" >&2; exit 1; fi',
        'if [[ -L "$last" ]]; then echo "- linked: true"; fi',
        'cat "$last"',
      ].join("\n"),
    );
    chmodSync(fake, 0o755);
    mkdirSync(join(dir, "p", "real"), { recursive: true });
    writeFileSync(join(dir, "p", "a.yaml"), "- name: a\n  flag: y\n  values: {z: 1, a: 2}\n");
    writeFileSync(join(dir, "p", "order.yaml"), "- name: a\n  flag: y\n  values: {a: 2, z: 1}\n");
    writeFileSync(join(dir, "p", "real", "x.yaml"), "- name: x\n");
    // a symbolic link stored as a plain file holding its target
    writeFileSync(join(dir, "p", "link.yaml"), "./real/x.yaml");
    writeFileSync(join(dir, "expected-a.yaml"), "- name: a\n  flag: y\n  values:\n    z: 1\n    a: 2\n");
    writeFileSync(join(dir, "expected-link.yaml"), "- linked: true\n- name: x\n");
    const cases = [
      "cases:",
      "  - {id: pass-expect, cwd: p, args: [generate, a.yaml], expect: expected-a.yaml}",
      "  - {id: fail-order, cwd: p, args: [generate, order.yaml], expect: expected-a.yaml}",
      "  - {id: pass-error, cwd: p, args: [generate, 'fail:Boom happened'], error: [Boom]}",
      "  - {id: fail-error-case, cwd: p, args: [generate, 'fail:Boom happened'], error: [boom]}",
      "  - {id: fail-error-success, cwd: p, args: [generate, a.yaml], error: [Boom]}",
      "  - {id: pass-same-as, cwd: p, args: [generate, a.yaml], same_as: pass-expect}",
      "  - id: pass-checks",
      "    cwd: p",
      "    args: [generate, a.yaml]",
      "    checks:",
      "      - {path: 0.name, equals: a}",
      "      - {path: 0.values, equals: {z: 1, a: 2}}",
      "      - {path: 0.missing, absent: true}",
      "  - id: fail-check-map-order",
      "    cwd: p",
      "    args: [generate, a.yaml]",
      "    checks: [{path: 0.values, equals: {a: 2, z: 1}}]",
      "  - {id: skip-held-back, cwd: p, args: [generate, a.yaml], expect: held back}",
      "  - {id: skip-since-12, cwd: p, args: [generate, 'fail:never run'], expect: expected-a.yaml, since: '12'}",
      "  - {id: pass-until-11, cwd: p, args: [generate, a.yaml], expect: expected-a.yaml, until: '11'}",
      "  - {id: pass-link, cwd: p, args: [generate, link.yaml], expect: expected-link.yaml}",
      "",
    ];
    writeFileSync(join(dir, "cases.yaml"), cases.join("\n"));
    writeFileSync(join(dir, "insensitive.yaml"), `error_match: case-insensitive\ncases:\n${cases.slice(1, 4).join("\n").replace(/- \{id: /g, "- {id: i-")}\n  - {id: i-case, cwd: p, args: [generate, 'fail:Boom happened'], error: [boom]}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const runWith = async (argv: string[]) => {
    lines.length = 0;
    const code = await main(["--kpops", fake, "--jobs", "3", ...argv], [], (line) => lines.push(line));
    return { code, verdicts: lines.filter((l) => /^(PASS|FAIL|SKIP) /.test(l)).map((l) => l.split(" ").slice(0, 2).join(" ")) };
  };

  it("gives each case its verdict, in file order, and the summary line", async () => {
    const { code, verdicts } = await runWith([join(dir, "cases.yaml")]);
    expect(verdicts).toEqual([
      "PASS pass-expect",
      "FAIL fail-order",
      "PASS pass-error",
      "FAIL fail-error-case",
      "FAIL fail-error-success",
      "PASS pass-same-as",
      "PASS pass-checks",
      "FAIL fail-check-map-order",
      "SKIP skip-held-back",
      "SKIP skip-since-12",
      "PASS pass-until-11",
      "PASS pass-link",
    ]);
    expect(code).toBe(1);
    expect(lines[0]).toBe(`kpops under test: ${fake}, judged as KPOps 11.0.0`);
    expect(lines).toContain("SKIP skip-held-back (expected output held back; ran with exit code 0)");
    expect(lines).toContain("SKIP skip-since-12 (since KPOps 12; following 11.0.0)");
    expect(lines).toContain("    0.values: key order differs: expected [z, a], got [a, z]");
    expect(lines).toContain('    error message lacks: "boom"');
    expect(lines).toContain("note: 1 symbolic links of the corpus were stored as plain files; restored them in a staged copy");
    expect(lines[lines.length - 1]).toBe("\n6 passed, 4 failed, 2 skipped, 12 cases");
    // the corpus itself is left as it was
    expect(lstatSync(join(dir, "p", "link.yaml")).isSymbolicLink()).toBe(false);
  });

  it("follows --kpops-version over the CLI's own version", async () => {
    const { verdicts } = await runWith(["--kpops-version", "12", "--only", "since", "--only", "until", join(dir, "cases.yaml")]);
    expect(verdicts).toEqual(["FAIL skip-since-12", "SKIP pass-until-11"]);
    expect(lines).toContain("SKIP pass-until-11 (until KPOps 11; following 12)");
  });

  it("runs a same_as case's reference even when --only leaves it out", async () => {
    const { code, verdicts } = await runWith(["--only", "same-as", join(dir, "cases.yaml")]);
    expect(verdicts).toEqual(["PASS pass-same-as"]);
    expect(code).toBe(0);
  });

  it("matches error substrings ignoring case only where the cases file says so", async () => {
    const { code, verdicts } = await runWith([join(dir, "insensitive.yaml")]);
    expect(verdicts).toEqual(["PASS i-pass-expect", "FAIL i-fail-order", "PASS i-pass-error", "PASS i-case"]);
    expect(code).toBe(1);
  });

  it("with --reference, runs each case with the release it is recorded with and judges it as that release", async () => {
    writeFileSync(
      join(dir, "releases.yaml"),
      [
        "cases:",
        "  - {id: r-default, cwd: p, args: [generate, a.yaml], expect: expected-a.yaml}",
        "  - {id: r-eleven, cwd: p, args: [generate, a.yaml], expect: expected-a.yaml, reference: '11.0.0'}",
        "  - {id: r-eleven-until-11, cwd: p, args: [generate, a.yaml], expect: expected-a.yaml, reference: '11.0.0', until: '11'}",
        "  - {id: r-default-until-11, cwd: p, args: [generate, a.yaml], expect: expected-a.yaml, until: '11'}",
        "",
      ].join("\n"),
    );
    const asked: string[] = [];
    const resolver = (release: string) => {
      asked.push(release);
      return fake;
    };
    lines.length = 0;
    const code = await main(["--reference", "--jobs", "1", join(dir, "releases.yaml")], [], (l) => lines.push(l), resolver);
    const verdicts = lines.filter((l) => /^(PASS|FAIL|SKIP) /.test(l)).map((l) => l.split(" ").slice(0, 2).join(" "));
    expect(verdicts).toEqual(["PASS r-default", "PASS r-eleven", "PASS r-eleven-until-11", "SKIP r-default-until-11"]);
    expect(code).toBe(0);
    expect([...new Set(asked)].sort()).toEqual(["11.0.0", "12.0.3"]);
    expect(lines[0]).toContain("KPOps 12.0.3");
    expect(lines[0]).toContain("(2 cases)");
    // --kpops-version runs every case with that one release
    asked.length = 0;
    lines.length = 0;
    await main(["--reference", "--kpops-version", "11.0.0", join(dir, "releases.yaml")], [], (l) => lines.push(l), resolver);
    expect([...new Set(asked)]).toEqual(["11.0.0"]);
    expect(lines.some((l) => l.startsWith("PASS r-default-until-11"))).toBe(true);
  });

  it("rejects a reference that names no release", () => {
    writeFileSync(join(dir, "bad-ref.yaml"), "cases:\n  - {id: x, cwd: p, args: [generate, a.yaml], expect: expected-a.yaml, reference: '12'}\n");
    return expect(main(["--kpops", fake, join(dir, "bad-ref.yaml")], [], () => undefined)).rejects.toThrow(/reference must name a release/);
  });

  it("leaves no staged copy behind", () => {
    expect(existsSync(join(dir, "p", "link.yaml"))).toBe(true);
    expect(() => readlinkSync(join(dir, "p", "link.yaml"))).toThrow();
  });
});
