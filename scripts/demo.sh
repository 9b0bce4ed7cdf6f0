#!/usr/bin/env bash
# The main job on the bundled example (README: `npm run demo`): deploy a whole KPOps pipeline for real.
#   1. set-up (scripts/setup.sh: npm, the offline Pulumi engine, the local cluster's binaries, the build);
#   2. `kpops generate` of the example: the enriched pipeline;
#   3. the local services on loopback (scripts/services/start.sh): Kafka, Kafka Connect, a Schema Registry, a
#      Kubernetes cluster (simulated nodes) and a Helm chart repository serving bakdata's streams-bootstrap charts;
#   4. `pulumi up` of the example with the repository's program (stack `demo`, state in .pulumi-state): its topics,
#      connector and Helm releases (the real charts, through a chart mirror of bakdata's repository URL);
#   5. what was created where, asked of the services themselves (scripts/demo-report.mjs);
#   6. `pulumi destroy` (apps and connectors go, topics stay, as in KPOps) and the services stopped.
#
# Usage: npm run demo [-- [--keep | --preview] [EXAMPLE_DIR]]     (default examples/word-count)
#   --keep     leave the stack deployed and the services running, and print how to reach them
#   --preview  no services: `pulumi preview --diff` on the offline engine with the charts read from
#              ../shared/charts (what the demo did before deploys were possible)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode=deploy example=examples/word-count
for arg in "$@"; do
  case "$arg" in
    --keep) mode=keep ;;
    --preview) mode=preview ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "demo: unknown option $arg (expected --keep, --preview, --help)" >&2; exit 1 ;;
    *) example="$arg" ;;
  esac
done
[[ -f "$example/config.yaml" ]] || { echo "demo: $example has no config.yaml (expected a KPOps project folder)" >&2; exit 1; }

scripts/setup.sh
section() { printf '\n=== %s ===\n' "$*"; }

section "kpops generate ($example)"
(cd "$example" && "$root/bin/kpops" generate pipelines)

services_dir="${KPOPS_SERVICES_DIR:-/tmp/kpops-demo-services}"
if [[ $mode != preview && ! -f "$services_dir/env" ]]; then
  # fresh services hold nothing: a stack 'demo' left by an earlier run (killed, or --keep and stopped) is stale
  bin/pulumi stack rm demo --yes --force --non-interactive >/dev/null 2>&1 || true
fi
bin/pulumi stack select demo --create --non-interactive >/dev/null
bin/pulumi config set kpops:project "$example" --stack demo

if [[ $mode == preview ]]; then
  section "pulumi preview ($example, stack demo, offline)"
  export KUBECONFIG="${KPOPS_DEMO_KUBECONFIG:-/dev/null}"
  export KPOPS_CHART_MIRRORS="https://bakdata.github.io/streams-bootstrap/=$root/../shared/charts/streams-bootstrap"
  bin/pulumi preview --diff --stack demo --non-interactive
  exit 0
fi

export KPOPS_SERVICES_DIR="$services_dir"
stop_services() { scripts/services/stop.sh >/dev/null 2>&1 || true; }
if [[ $mode == deploy ]]; then trap stop_services EXIT; fi

section "local services (loopback only; logs in $services_dir/logs)"
scripts/services/start.sh >"$services_dir.env"
set -a
# shellcheck disable=SC1090
. "$services_dir.env"
set +a
cat "$services_dir.env"
# The project's settings point at localhost defaults; KPOps' own environment variables point it at these services.
export KPOPS_KAFKA_BROKERS="$KAFKA_BOOTSTRAP" KPOPS_KAFKA_CONNECT__URL="$KAFKA_CONNECT_URL"
export KPOPS_SCHEMA_REGISTRY__URL="$SCHEMA_REGISTRY_URL"
export KPOPS_CHART_MIRRORS="https://bakdata.github.io/streams-bootstrap/=$KPOPS_CHART_REPO_URL"
bin/pulumi config set kpops:localChartsDir "" --stack demo

section "pulumi up ($example, stack demo)"
started=$(date +%s)
bin/pulumi up --yes --skip-preview --stack demo --non-interactive
echo "up took $(($(date +%s) - started)) s"

section "what was created where"
mapfile -t topics < <(bin/pulumi stack output topics --json --stack demo | node -e 'for (const t of JSON.parse(require("fs").readFileSync(0, "utf8"))) console.log(t)')
namespace="$(cd "$example" && "$root/bin/kpops" generate pipelines 2>/dev/null | node -e 'const y = require("yaml"); const steps = y.parseAllDocuments(require("fs").readFileSync(0, "utf8")).flatMap((d) => d.toJS()); console.log((steps.find((s) => s.namespace) ?? {}).namespace ?? "default")')"
node scripts/demo-report.mjs "$namespace" "${topics[@]}"

if [[ $mode == keep ]]; then
  section "left running"
  cat <<EOF
The stack 'demo' stays deployed and the services keep running (state: $services_dir).
  set -a; . $services_dir.env; set +a       # the services' addresses, KUBECONFIG included
  bin/pulumi stack --stack demo             # the deployed resources
  kubectl get deploy,job -n $namespace      # the apps (kubectl from the Debian package kubernetes-client)
  bin/pulumi destroy --stack demo --yes     # take the apps and connectors down (topics stay)
  scripts/services/stop.sh                  # stop the services (KPOPS_SERVICES_DIR=$services_dir)
EOF
  exit 0
fi

section "pulumi destroy (apps and connectors go, topics stay)"
bin/pulumi destroy --yes --skip-preview --stack demo --non-interactive
section "stopping the services"
