#!/usr/bin/env bash
# The project's whole test run (README: `npm test`; CI: .ci/run):
#   set-up (scripts/setup.sh), unit tests (jest), the KPOps conformance corpus (bin/conformance), its manifest-mode
#   cases (bin/conformance --stream, charts through a chart mirror of ../shared/charts),
#   the comparison with the reference KPOps 12.0.3 from PyPI (11.0.0 for the v2 cases), the engine tests, the
#   end-to-end tests (whole pipelines deployed on local Kafka, Connect, a registry and a Kubernetes cluster), and the
#   managed operations on the same local services (npm run test:operations).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
section() { printf '\n=== %s ===\n' "$*"; }

section "set-up"
scripts/setup.sh

section "type check"
npx tsc -p tsconfig.json

section "unit tests"
npx jest --silent

section "conformance: ../shared/conformance"
bin/conformance "${KPOPS_CONFORMANCE_CASES:-$root/../shared/conformance/cases.yaml}"

section "conformance: ../shared/conformance/manifest (--operation-mode manifest|argo)"
npm run --silent conformance:manifest

if [[ -x bin/compare-reference ]]; then
  section "comparison with the reference KPOps 12.0.3 (and 11.0.0 for the v2 cases)"
  scripts/setup-reference.sh >/dev/null
  bin/compare-reference
fi

section "offline engine"
npm run --silent test:engine

section "end to end: whole pipelines on local Kafka, Connect, a Schema Registry and a Kubernetes cluster"
npm run --silent test:e2e

section "operations in managed mode on real services (kpops deploy|destroy|reset|clean)"
npm run --silent test:operations
