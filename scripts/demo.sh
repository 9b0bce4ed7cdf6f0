#!/usr/bin/env bash
# The main job on the bundled example: set up, then print the enriched word-count pipeline that
# `kpops generate` makes of examples/word-count, then preview it with the offline Pulumi engine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
example="${1:-examples/word-count}"
echo "=== kpops generate $example ==="
(cd "$example" && "$root/bin/kpops" generate pipelines)
