#!/usr/bin/env bash
# npm run schema: schema.json from the code (provider/src/schema), then the Python SDK sdk/python from schema.json
# (pulumi-python-sdkgen, built by tools/pulumi/setup.sh). Both are committed; the tests fail when they drift.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npx --no-install tsx provider/src/schema/write.ts
sdkgen="${KPOPS_TOOLS_CACHE:-$HOME/.cache/kpops-pulumi}/bin/pulumi-python-sdkgen"
if [[ ! -x "$sdkgen" ]]; then
  echo "schema: $sdkgen is not built yet; run npm run setup first" >&2
  exit 1
fi
generated="$(mktemp -d)"
trap 'rm -rf "$generated"' EXIT
"$sdkgen" schema.json "$generated"
# keep what a local install leaves beside the sources (egg-info, caches); replace the generated files
rm -rf sdk/python/pulumi_kpops/*.py sdk/python/pulumi_kpops/*.json sdk/python/pulumi_kpops/README.md sdk/python/pulumi_kpops/py.typed
mkdir -p sdk/python
cp -r "$generated"/. sdk/python/
echo "wrote sdk/python"
