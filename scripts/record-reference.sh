#!/usr/bin/env bash
# record-reference.sh: (re)record the expected outputs of the reference corpus with upstream KPOps.
#
# For every case in tests/reference/cases.yaml (or the cases file given with --cases) it runs the reference
# `kpops generate` of the case's release (its `reference` field, default 12.0.3, the release the core follows;
# each release installed in its own venv by scripts/setup-reference.sh) in the case's cwd with the case's args and env
# (NAMESPACE and DOCKER_REGISTRY removed), with tests/reference/python_components on PYTHONPATH so that upstream
# discovers the test component types (a `kpops.components.<pkg>` namespace subpackage, as upstream expects).
#   - a case with `expect: <file>`: the command must succeed; its stdout is written to <file>
#   - a case with `error: [substrings]`: the command must fail; it is re-run with --verbose (upstream prints the
#     cause chain only then) and the error text (ANSI and traceback boxes stripped) is written to
#     expected/<id>.error.txt; every listed substring must occur in it, else the case is reported as BAD
# expected/PROVENANCE.md is rewritten from the cases file: which release (and its `kpops --version`) each
# expected file comes from.
#
# Usage:  bash scripts/record-reference.sh [--cases FILE] [CASE_ID ...]
# Exit code 1 if any case did not behave as its entry says (nothing is written for such a case).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CASES="$REPO/tests/reference/cases.yaml"
if [[ "${1:-}" == "--cases" ]]; then CASES="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2; fi

DEFAULT_RELEASE=12.0.3
KPOPS="$(bash "$REPO/scripts/setup-reference.sh" "$DEFAULT_RELEASE")"
PYTHON="$(dirname "$KPOPS")/python"
export PYTHONPATH="$REPO/tests/reference/python_components${PYTHONPATH:+:$PYTHONPATH}"

exec "$PYTHON" - "$REPO/scripts/setup-reference.sh" "$DEFAULT_RELEASE" "$CASES" "$@" <<'PY'
import os, re, subprocess, sys, yaml
from pathlib import Path

setup, default_release, cases_file, *only = sys.argv[1:]
base = Path(cases_file).parent
cases = yaml.safe_load(Path(cases_file).read_text())["cases"]
ansi = re.compile(r"\x1b\[[0-9;]*m")
bad = 0
known = {c["id"] for c in cases}
unknown = [cid for cid in only if cid not in known]
if unknown:
    sys.exit(f"record-reference: no such case: {', '.join(unknown)}")

releases = {}  # release -> (kpops path, its --version line)

def release_of(case):
    return str(case.get("reference") or default_release)

def kpops_for(case):
    release = release_of(case)
    if release not in releases:
        path = subprocess.run(["bash", setup, release], capture_output=True, text=True, check=True).stdout.strip()
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
        if release not in version:
            sys.exit(f"record-reference: {path} says {version!r}, expected release {release}")
        releases[release] = (path, version)
    return releases[release][0]

def env_for(case):
    env = dict(os.environ)
    env.pop("NAMESPACE", None)
    env.pop("DOCKER_REGISTRY", None)
    env.update({"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"})
    env.update({k: str(v) for k, v in (case.get("env") or {}).items()})
    return env

def run(case, extra=()):
    return subprocess.run([kpops_for(case), *map(str, case["args"]), *extra], cwd=base / case.get("cwd", "."),
                          env=env_for(case), capture_output=True, text=True, timeout=300)

def error_text(stderr):
    lines = [ansi.sub("", l).rstrip() for l in stderr.splitlines()]
    # drop Rich traceback boxes and debug/info log lines; keep the exception chain
    keep = [l for l in lines if l and l[0] not in "│╭╰" and not re.match(r"^\[(debug|info|warning) *\]", l)]
    return "\n".join(keep) + "\n"

for case in cases:
    cid = case["id"]
    if only and cid not in only:
        continue
    if "error" in case:
        res = run(case, ["--verbose"])
        text = error_text(res.stderr)
        missing = [s for s in case["error"] if s.lower() not in text.lower()]
        if res.returncode == 0 or missing:
            bad += 1
            print(f"BAD  {cid}: exit {res.returncode}, missing {missing}\n{text[-800:]}")
            continue
        (base / "expected").mkdir(exist_ok=True)
        (base / "expected" / f"{cid}.error.txt").write_text(text)
        print(f"ERR  {cid} ({release_of(case)})")
    elif isinstance(case.get("expect"), str) and case["expect"] != "held back":
        res = run(case)
        if res.returncode != 0:
            bad += 1
            print(f"BAD  {cid}: exit {res.returncode}\n{error_text(run(case, ['--verbose']).stderr)[-1500:]}")
            continue
        out = base / case["expect"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(res.stdout)
        print(f"OK   {cid} ({release_of(case)})")

# Provenance: every expected file of the cases file, with the release it is recorded with.
rows = []
for case in cases:
    if "error" in case:
        name = f"{case['id']}.error.txt"
    elif isinstance(case.get("expect"), str) and case["expect"] != "held back":
        name = Path(case["expect"]).name
    else:
        continue
    kpops_for(case)
    rows.append(f"| `{name}` | `{case['id']}` | {release_of(case)} | `{releases[release_of(case)][1]}` |")
(base / "expected").mkdir(exist_ok=True)
(base / "expected" / "PROVENANCE.md").write_text(
    "# Provenance of the expected outputs\n\n"
    "Every file in this folder was written by `scripts/record-reference.sh` from the stdout (or, for\n"
    "`*.error.txt`, the `--verbose` stderr) of the reference KPOps release named below (`pip install kpops==<release>`\n"
    "in its own venv, see `scripts/setup-reference.sh`), run with the cwd, args and env of its entry in\n"
    "`../cases.yaml` and `tests/reference/python_components` on PYTHONPATH. A case is recorded with the release\n"
    f"its entry names in `reference`, else {default_release}. Do not edit them by hand; re-record instead.\n\n"
    "| file | case | release | `kpops --version` |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")
sys.exit(1 if bad else 0)
PY
