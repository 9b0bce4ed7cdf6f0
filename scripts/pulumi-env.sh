# Sourced by bin/pulumi and the scripts: the project's offline Pulumi environment.
# Sets PATH to the cached engine binaries, a project-local PULUMI_HOME and file backend,
# and turns off every network reach of the CLI (update check, plugin download, registry).
kpops_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kpops_tools="${KPOPS_TOOLS_CACHE:-$HOME/.cache/kpops-pulumi}/bin"
export PATH="$kpops_tools:$PATH"
# Python programs run on the checkout's .venv (scripts/setup.sh: pulumi from PyPI, the kpops SDK sdk/python). The
# python host we can build (v3.68.0) does not read Pulumi.yaml's virtualenv option from this CLI, so it is told here.
if [[ -x "$kpops_root/.venv/bin/python" ]]; then export PULUMI_PYTHON_CMD="${PULUMI_PYTHON_CMD:-$kpops_root/.venv/bin/python}"; fi
export PULUMI_HOME="${PULUMI_HOME:-$kpops_root/.pulumi-home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$kpops_root/.pulumi-state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_DISABLE_REGISTRY_RESOLVE=true
# Plugins come from PULUMI_HOME (installed by scripts/setup.sh), never from PATH.
export PULUMI_IGNORE_AMBIENT_PLUGINS=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK="${PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK-}"
if [[ "$PULUMI_BACKEND_URL" == file://* ]]; then mkdir -p "${PULUMI_BACKEND_URL#file://}"; fi
mkdir -p "$PULUMI_HOME"
