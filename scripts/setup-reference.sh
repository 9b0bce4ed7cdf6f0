#!/usr/bin/env bash
# setup-reference.sh: install an upstream Python KPOps release as a reference implementation.
#
# VERSION is 12.0.3 (the release the core follows; the default) or 11.0.0 (kept for inputs that use the v2
# component types, which 12 removed). It creates a Python 3.11 virtualenv at
# ${KPOPS_REFERENCE_HOME:-$HOME/.cache/kpops-reference}/venv-VERSION, installs kpops==VERSION from PyPI into
# it, and prints the path of its `kpops` executable on stdout. Running it again only prints the path.
#
# Usage:  bash scripts/setup-reference.sh [VERSION]    # install (or reuse) and print the kpops path
#         KPOPS=$(bash scripts/setup-reference.sh 11.0.0) && "$KPOPS" --version
#
# The reference `kpops generate` needs no helm binary (helm is only invoked by deploy/destroy/reset/clean
# and by the manifest/argo operation modes).
set -euo pipefail

KPOPS_VERSION="${1:-12.0.3}"
case "$KPOPS_VERSION" in
  11.0.0 | 12.0.3) ;;
  *) echo "setup-reference: unsupported version '$KPOPS_VERSION' (expected 12.0.3 or 11.0.0)" >&2; exit 1 ;;
esac
HOME_DIR="${KPOPS_REFERENCE_HOME:-$HOME/.cache/kpops-reference}"
VENV="$HOME_DIR/venv-$KPOPS_VERSION"
KPOPS_BIN="$VENV/bin/kpops"

installed_version() {
  "$VENV/bin/python" - <<'PY' 2>/dev/null || true
from importlib.metadata import version
print(version("kpops"))
PY
}

if [[ -x "$KPOPS_BIN" && "$(installed_version)" == "$KPOPS_VERSION" ]]; then
  echo "$KPOPS_BIN"
  exit 0
fi

PYTHON="${PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
      PYTHON="$candidate"; break
    fi
  done
fi
[[ -n "$PYTHON" ]] || { echo "setup-reference: no Python 3.11 interpreter found (set PYTHON=...)" >&2; exit 1; }

mkdir -p "$HOME_DIR"
if [[ ! -x "$VENV/bin/python" ]]; then
  echo "setup-reference: creating venv at $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi
echo "setup-reference: installing kpops==$KPOPS_VERSION" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "kpops==$KPOPS_VERSION" >&2

[[ "$(installed_version)" == "$KPOPS_VERSION" ]] || { echo "setup-reference: kpops $KPOPS_VERSION not installed" >&2; exit 1; }
echo "$KPOPS_BIN"
