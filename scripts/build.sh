#!/usr/bin/env bash
# Builds the TypeScript package: sdk/src -> sdk/dist (tsc), then bundles the kpops CLI into one file,
# sdk/dist/kpops.cjs (esbuild), because resolving and loading dozens of modules costs more than the
# work of a small `kpops generate`, the kpops provider plugin into provider/dist/pulumi-resource-kpops.cjs
# and the repository's Pulumi program into program/index.built.cjs (our code in one file each; the npm packages
# they use load from node_modules).
#   scripts/build.sh              build
#   scripts/build.sh --if-stale   build only when a source file is newer than the last build
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stamp=sdk/dist/.build-stamp
if [[ "${1:-}" == "--if-stale" && -f "$stamp" && -f sdk/dist/kpops.cjs ]] &&
  [[ -f provider/dist/pulumi-resource-kpops.cjs && -f program/index.built.cjs ]] &&
  [[ -z "$(find sdk/src sdk/package.json provider/src program/index.ts -newer "$stamp" \( -name '*.ts' -o -name '*.json' \) -print -quit)" ]]; then
  exit 0
fi
echo "[build] compiling sdk (tsc), bundling the CLI and the provider plugin (esbuild)" >&2
# tsc leaves the output of moved or deleted sources behind; the package must not ship them
rm -rf sdk/dist
npx --no-install tsc -p sdk/tsconfig.json
# tsx loads a user's .ts components module at run time, and the Pulumi SDK is loaded only by what needs the engine
# (manifest mode); both stay outside the bundle, loaded from node_modules.
npx --no-install esbuild sdk/src/cli/run.ts --bundle --platform=node --target=node20 \
  --external:tsx --external:tsx/* --external:@pulumi/* --external:@platformatic/* --log-level=warning --outfile=sdk/dist/kpops.cjs
# the repository's Pulumi program with our code in one file (program/run.js loads it when it is newer than the
# sources, else the TypeScript through tsx): saves the program start the transpiling of every module
npx --no-install esbuild program/index.ts --bundle --platform=node --target=node20 --packages=external \
  --log-level=warning --outfile=program/index.built.cjs
rm -rf provider/dist
npx --no-install esbuild provider/src/main.ts --bundle --platform=node --target=node20 --packages=external \
  --log-level=warning --outfile=provider/dist/pulumi-resource-kpops.cjs
touch "$stamp"
