#!/usr/bin/env bash
# The main job on the bundled example (README: `npm run demo`):
#   1. set-up (scripts/setup.sh: npm, the offline Pulumi engine, the build);
#   2. `kpops generate` of the example: the enriched pipeline, as KPOps 11 prints it;
#   3. `pulumi preview --diff` of the same project with the repository's program (Pulumi.yaml) on the
#      offline engine: every topic, Helm release and connector a deploy would create, in data-flow order.
# Usage: npm run demo [-- EXAMPLE_DIR]   (default examples/word-count)
# No cluster or broker is needed for the preview; the stack `demo` lives in .pulumi-state.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
example="${1:-examples/word-count}"

printf '\n=== kpops generate (%s) ===\n' "$example"
(cd "$example" && "$root/bin/kpops" generate pipelines)

printf '\n=== pulumi preview (%s, stack demo, offline) ===\n' "$example"
export KUBECONFIG="${KPOPS_DEMO_KUBECONFIG:-/dev/null}"
bin/pulumi stack select demo --create --non-interactive >/dev/null
bin/pulumi config set kpops:project "$example" --stack demo
bin/pulumi preview --diff --stack demo --non-interactive
