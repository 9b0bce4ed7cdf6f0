#!/usr/bin/env bash
# One-time (and idempotent) set-up of a fresh clone, called by scripts/demo.sh and scripts/test.sh:
#   1. npm dependencies (npm ci, only when package-lock.json changed since the last run);
#   2. the Pulumi CLI, language host and plugins, built from the Go module proxy and cached under
#      $HOME (tools/pulumi/setup.sh; a cold build takes tens of minutes, a warm run seconds);
#   3. the plugins installed into the project's PULUMI_HOME (.pulumi-home), so the engine never downloads;
#   4. the local Kubernetes cluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok) and
#      the Helm CLI, built from the Go module proxy and cached under $HOME (tools/kubernetes/setup.sh; about
#      30 minutes cold, instant warm), used by scripts/services/start.sh kubernetes / charts;
#   5. the TypeScript build (sdk/dist, the bundled CLI sdk/dist/kpops.cjs used by bin/kpops, and the bundled
#      kpops provider plugin provider/dist), and the kpops plugin installed into PULUMI_HOME: a launcher
#      that runs this checkout's provider/dist on Node, at the version of the @kpops/pulumi package.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { printf '[setup] %s\n' "$*" >&2; }
start=$(date +%s)

stamp="node_modules/.kpops-lock-stamp"
if [[ ! -f "$stamp" ]] || ! cmp -s package-lock.json "$stamp"; then
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

tools/pulumi/setup.sh

source scripts/pulumi-env.sh
source tools/pulumi/versions.env
# install_plugin NAME VERSION: copy a cached plugin into the project's PULUMI_HOME, once per version.
install_plugin() {
  local name="$1" version="$2"
  if [[ ! -d "$PULUMI_HOME/plugins/resource-$name-v$version" ]]; then
    log "installing the $name plugin $version into $PULUMI_HOME"
    "$kpops_tools/pulumi" plugin install resource "$name" "$version" -f "$kpops_tools/pulumi-resource-$name" >/dev/null
  fi
}
install_plugin kubernetes "$PULUMI_KUBERNETES_VERSION"
install_plugin kafka "$PULUMI_KAFKA_VERSION"

tools/kubernetes/setup.sh

# Python programs (examples/python): a virtual environment in the checkout (.venv, named by their Pulumi.yaml) with
# the pulumi package from PyPI at the npm SDK's version and the generated kpops SDK (sdk/python, editable).
pulumi_python="$(node -p 'require("./package.json").dependencies["@pulumi/pulumi"]')"
venv_stamp=".venv/.kpops-pulumi-$pulumi_python-parver-0.5"
if [[ ! -f "$venv_stamp" ]] && command -v python3 >/dev/null; then
  log "creating .venv: pulumi $pulumi_python from PyPI and the kpops Python SDK (sdk/python)"
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "pulumi==$pulumi_python" "parver==0.5"
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps -e sdk/python
  touch "$venv_stamp"
fi

scripts/build.sh --if-stale

# The kpops plugin: reinstalled when the version or the checkout's path changes.
kpops_version="$(node -p 'require("./sdk/package.json").version')"
launcher="$(mktemp -d)/pulumi-resource-kpops"
printf '#!/bin/sh\n# the kpops provider plugin of the checkout %s\nexec node "%s/provider/dist/pulumi-resource-kpops.cjs" "$@"\n' "$root" "$root" >"$launcher"
chmod +x "$launcher"
installed="$PULUMI_HOME/plugins/resource-kpops-v$kpops_version"
if ! cmp -s "$launcher" "$installed/pulumi-resource-kpops"; then
  log "installing the kpops plugin $kpops_version into $PULUMI_HOME"
  rm -rf "$installed" "$installed.lock"
  "$kpops_tools/pulumi" plugin install resource kpops "$kpops_version" -f "$launcher" >/dev/null
fi
rm -rf "$(dirname "$launcher")"
log "ready in $(( $(date +%s) - start ))s"
