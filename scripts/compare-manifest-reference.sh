#!/usr/bin/env bash
# Compares our manifest mode with upstream KPOps (12.0.3, or the release given) on the same charts, document by
# document: every case of ../shared/conformance/manifest/cases.yaml (the held-back ones too) and
# deploy|destroy|reset|clean in manifest and argo mode of examples/word-count and examples/multi-pipeline.
#
# Upstream needs the Helm CLI and bakdata's repository: it runs bin/helm through a shim first on PATH that replaces
# https://bakdata.github.io/streams-bootstrap/ with the loopback chart repository of `scripts/services/start.sh
# charts` (started in a folder of its own and stopped at the end), which serves ../shared/charts/streams-bootstrap.
# Ours reads the same chart sources through KPOPS_CHART_MIRRORS. Outputs are parsed (PyYAML) and compared as lists
# of documents. Not part of `npm test` (it installs the reference from PyPI when it is missing).
#
# Usage: scripts/compare-manifest-reference.sh [12.0.3|11.0.0]      exit 1 when any output differs
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
release="${1:-12.0.3}"
reference="$(bash "$root/scripts/setup-reference.sh" "$release")"
python="$(dirname "$reference")/python"
shared="$(cd "$root/../shared" && pwd)"
"$root/scripts/build.sh" --if-stale >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/kpops-manifest-compare-XXXXXX")"
export KPOPS_SERVICES_DIR="$work/services"
cleanup() { "$root/scripts/services/stop.sh" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"$root/scripts/services/start.sh" charts >&2
repo_url="$(sed -n 's/^KPOPS_CHART_REPO_URL=//p' "$KPOPS_SERVICES_DIR/env")"

mkdir -p "$work/bin"
cat >"$work/bin/helm" <<EOF
#!/usr/bin/env bash
args=()
for a in "\$@"; do [[ "\$a" == "https://bakdata.github.io/streams-bootstrap/" ]] && a="$repo_url"; args+=("\$a"); done
export HELM_CONFIG_HOME="$work/helm/config" HELM_CACHE_HOME="$work/helm/cache" HELM_DATA_HOME="$work/helm/data"
exec "$root/bin/helm" "\${args[@]}"
EOF
chmod +x "$work/bin/helm"

export REFERENCE="$reference" OURS="$root/bin/kpops" ROOT="$root" SHARED="$shared" WORK="$work"
status=0
"$python" - <<'EOF' || status=$?
import os, subprocess, sys, yaml

root, shared, work = os.environ["ROOT"], os.environ["SHARED"], os.environ["WORK"]
base = {k: v for k, v in os.environ.items() if k not in ("NAMESPACE", "DOCKER_REGISTRY")}
base["PATH"] = f"{work}/bin:{base['PATH']}"
reference_env = {**base, "PYTHONPATH": f"{root}/tests/reference/python_components", "NO_COLOR": "1"}
ours_env = {**base, "KPOPS_COMPONENTS_MODULE": f"{root}/tests/conformance/components.ts",
            "KPOPS_CHART_MIRRORS": f"https://bakdata.github.io/streams-bootstrap/={shared}/charts/streams-bootstrap"}

runs = []
cases_dir = f"{shared}/conformance/manifest"
for case in yaml.safe_load(open(f"{cases_dir}/cases.yaml"))["cases"]:
    runs.append((case["id"], os.path.normpath(f"{cases_dir}/{case['cwd']}"), [str(a) for a in case["args"]]))
for example in ("word-count", "multi-pipeline"):
    for operation in ("deploy", "destroy", "reset", "clean"):
        for mode in ("manifest", "argo"):
            runs.append((f"{example} {operation} {mode}", f"{root}/examples/{example}", [operation, "pipelines", "--operation-mode", mode]))

def run(cmd, cwd, env):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1:] or [f"exit {p.returncode}"]
    return list(yaml.safe_load_all(p.stdout)), None

differ = 0
for name, cwd, args in runs:
    theirs, their_error = run([os.environ["REFERENCE"], *args], cwd, reference_env)
    ours, our_error = run([os.environ["OURS"], *args], cwd, ours_env)
    if their_error or our_error:
        same = bool(their_error) and bool(our_error)
        detail = f"upstream: {their_error}, ours: {our_error}"
    else:
        same = theirs == ours
        detail = f"{len(theirs)} documents" if same else f"upstream {len(theirs)} documents, ours {len(ours)}"
    differ += not same
    print(f"{'SAME' if same else 'DIFF'} {name} ({detail})", flush=True)
print(f"\n{len(runs) - differ} same, {differ} different, {len(runs)} runs")
sys.exit(1 if differ else 0)
EOF
exit "$status"
