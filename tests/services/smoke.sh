#!/usr/bin/env bash
# Smoke test of the local real services (scripts/services/start.sh):
# start Kafka, Connect and the Schema Registry in a fresh services dir (the cluster and the chart
# repository: tests/engine/kubernetes-charts.test.ts), then
#   1. the broker answers and a topic can be created and described (TopicCommand),
#   2. records can be produced to it (ConsoleProducer),
#   3. an Avro schema registers over the Confluent REST API and reads back, and a
#      breaking change is refused (global compatibility BACKWARD),
#   4. a FileStream sink connector is created over Connect's REST API and RUNNING,
#   5. the connector writes the topic's records into its file,
# and stop everything again. Any failed step fails the run (exit 1) with the
# relevant log tail. Ends with "N passed, N failed".
#
# Settings: KPOPS_SERVICES_DIR (default: a new temp dir, removed afterwards),
# KPOPS_SMOKE_KEEP=1 leaves the services running for a look (stop.sh stops them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OWN_DIR=0
if [[ -z "${KPOPS_SERVICES_DIR:-}" ]]; then
  KPOPS_SERVICES_DIR="$(mktemp -d /tmp/kpops-services-smoke.XXXXXX)"
  OWN_DIR=1
fi
mkdir -p "$KPOPS_SERVICES_DIR"
export KPOPS_SERVICES_DIR
# shellcheck source=../../scripts/services/common.sh
. "$ROOT/scripts/services/common.sh"

PASSED=0 FAILED=0
STEP=""
TOPIC="kpops-smoke-$$"
SUBJECT="$TOPIC-value"
CONNECTOR="$TOPIC-file-sink"
SINK_FILE="$KPOPS_SERVICES_DIR/sink-output.txt"

say() { printf '[smoke] %s\n' "$*" >&2; }
pass() { PASSED=$((PASSED + 1)); say "ok   - $1"; }

finish() {
  local status=$?
  if [[ $status -ne 0 ]]; then
    FAILED=$((FAILED + 1))
    say "FAIL - ${STEP:-setup} (exit $status)"
    for name in kafka connect schema-registry; do
      [[ -f "$LOG_DIR/$name.log" ]] && show_log_tail "$LOG_DIR/$name.log" 25
    done
  fi
  if [[ "${KPOPS_SMOKE_KEEP:-0}" == 1 && $status -eq 0 ]]; then
    say "services left running (KPOPS_SERVICES_DIR=$KPOPS_SERVICES_DIR)"
  else
    local pids=() name pid left=0
    for name in kafka connect schema-registry; do
      pid="$(pid_of "$name")" && pids+=("$pid")
    done
    if "$ROOT/scripts/services/stop.sh"; then
      # Nothing of ours may be left running.
      for pid in "${pids[@]}"; do
        if process_alive "$pid"; then
          say "FAIL - pid $pid still running after stop.sh"
          left=1
        fi
      done
      if [[ $left == 1 ]]; then
        FAILED=$((FAILED + 1))
      elif [[ $status -eq 0 ]]; then
        pass "stop.sh stops all ${#pids[@]} services"
      fi
    else
      say "FAIL - stop.sh failed"
      FAILED=$((FAILED + 1))
    fi
    if [[ $OWN_DIR == 1 && $status -eq 0 && $FAILED -eq 0 ]]; then
      rm -rf "$KPOPS_SERVICES_DIR"
    elif [[ $OWN_DIR == 1 ]]; then
      say "logs kept in $LOG_DIR"
    fi
  fi
  echo "services smoke: $PASSED passed, $FAILED failed"
  [[ $FAILED -eq 0 ]] || exit 1
}
trap finish EXIT

fail() {
  say "$*"
  exit 1
}

json_get() { # json_get EXPR: evaluate a Python expression on the JSON in stdin (as j)
  python3 -c 'import json, sys
j = json.load(sys.stdin)
v = eval(sys.argv[1])
print(v if isinstance(v, str) else json.dumps(v))' "$1"
}

# ------------------------------------------------------------------ start
STEP="start.sh starts kafka, connect and schema-registry"
started="$(now)"
"$ROOT/scripts/services/start.sh" kafka connect schema-registry >"$KPOPS_SERVICES_DIR/start.out"
set -a
# shellcheck disable=SC1091
. "$ENV_FILE"
set +a
[[ -n "${KAFKA_BOOTSTRAP:-}" && -n "${KAFKA_CONNECT_URL:-}" && -n "${SCHEMA_REGISTRY_URL:-}" ]] ||
  fail "start.sh did not write all three URLs to $ENV_FILE: $(cat "$ENV_FILE")"
cmp -s "$KPOPS_SERVICES_DIR/start.out" "$ENV_FILE" || fail "start.sh printed something other than its env file"
pass "$STEP in $(elapsed "$started")s ($KAFKA_BOOTSTRAP, $KAFKA_CONNECT_URL, $SCHEMA_REGISTRY_URL)"

STEP="a second start.sh reuses the running services"
again="$("$ROOT/scripts/services/start.sh" kafka connect schema-registry 2>/dev/null)"
[[ "$again" == "$(cat "$ENV_FILE")" ]] || fail "second start printed: $again"
pass "$STEP"

kafka_tool() { # kafka_tool MAIN ARGS...: a Kafka command-line tool on the broker's classpath
  "$SERVICES_SCRIPTS/kafka-tool.sh" "$@"
}

# ------------------------------------------------------------------ kafka
STEP="broker answers a metadata request"
python3 "$SERVICES_SCRIPTS/kafka_probe.py" "$KAFKA_BOOTSTRAP" >/dev/null || fail "no metadata from $KAFKA_BOOTSTRAP"
pass "$STEP"

STEP="create topic $TOPIC (TopicCommand)"
kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
  --create --topic "$TOPIC" --partitions 2 --replication-factor 1 >&2
described="$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
  --describe --topic "$TOPIC")"
grep -q "PartitionCount: 2" <<<"$described" || fail "describe shows no 2 partitions: $described"
pass "$STEP"

STEP="produce 3 records to $TOPIC (ConsoleProducer)"
printf 'smoke-record-1\nsmoke-record-2\nsmoke-record-3\n' |
  kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$TOPIC" >&2
pass "$STEP"

# ------------------------------------------------------------------ schema registry
STEP="register an Avro schema for $SUBJECT"
schema='{"type":"record","name":"SmokeRecord","namespace":"dev.kpops.smoke","fields":[{"name":"id","type":"long"},{"name":"text","type":"string"}]}'
body="$(python3 -c 'import json, sys; print(json.dumps({"schemaType": "AVRO", "schema": sys.argv[1]}))' "$schema")"
ct='Content-Type: application/vnd.schemaregistry.v1+json'
registered="$(curl -sS --fail-with-body -X POST -H "$ct" --data "$body" "$SCHEMA_REGISTRY_URL/subjects/$SUBJECT/versions")" ||
  fail "POST /subjects/$SUBJECT/versions failed: $registered"
schema_id="$(json_get 'j["id"]' <<<"$registered")"
subjects="$(curl -sS --fail-with-body "$SCHEMA_REGISTRY_URL/subjects")"
[[ "$(json_get "'$SUBJECT' in j" <<<"$subjects")" == true ]] || fail "GET /subjects lacks $SUBJECT: $subjects"
latest="$(curl -sS --fail-with-body "$SCHEMA_REGISTRY_URL/subjects/$SUBJECT/versions/latest")"
[[ "$(json_get 'j["version"]' <<<"$latest")" == 1 ]] || fail "latest version is not 1: $latest"
[[ "$(json_get 'json.loads(j["schema"])["name"]' <<<"$latest")" == SmokeRecord ]] || fail "schema did not read back: $latest"
by_id="$(curl -sS --fail-with-body "$SCHEMA_REGISTRY_URL/schemas/ids/$schema_id")" || fail "GET /schemas/ids/$schema_id failed: $by_id"
again="$(curl -sS --fail-with-body -X POST -H "$ct" --data "$body" "$SCHEMA_REGISTRY_URL/subjects/$SUBJECT/versions")"
[[ "$(json_get 'j["id"]' <<<"$again")" == "$schema_id" ]] || fail "registering the same schema again gave a new id: $again"
pass "$STEP (id $schema_id)"

STEP="the registry enforces BACKWARD compatibility"
config="$(curl -sS --fail-with-body "$SCHEMA_REGISTRY_URL/config")"
[[ "$(json_get 'j["compatibilityLevel"]' <<<"$config")" == BACKWARD ]] || fail "global compatibility is not BACKWARD: $config"
breaking='{"type":"record","name":"SmokeRecord","namespace":"dev.kpops.smoke","fields":[{"name":"id","type":"string"}]}'
body="$(python3 -c 'import json, sys; print(json.dumps({"schema": sys.argv[1]}))' "$breaking")"
verdict="$(curl -sS --fail-with-body -X POST -H "$ct" --data "$body" \
  "$SCHEMA_REGISTRY_URL/compatibility/subjects/$SUBJECT/versions/latest")" || fail "compatibility check failed: $verdict"
[[ "$(json_get 'j["is_compatible"]' <<<"$verdict")" == false ]] || fail "a breaking change passed as compatible: $verdict"
code="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H "$ct" --data "$body" "$SCHEMA_REGISTRY_URL/subjects/$SUBJECT/versions")"
[[ "$code" == 409 ]] || fail "registering a breaking change answered HTTP $code, not 409"
pass "$STEP"

# ------------------------------------------------------------------ connect
STEP="create FileStream sink connector $CONNECTOR and see it RUNNING"
config="$(python3 -c 'import json, sys
print(json.dumps({
    "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
    "tasks.max": "1",
    "topics": sys.argv[1],
    "file": sys.argv[2],
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.storage.StringConverter",
}))' "$TOPIC" "$SINK_FILE")"
created="$(curl -sS --fail-with-body -X PUT -H 'Content-Type: application/json' --data "$config" \
  "$KAFKA_CONNECT_URL/connectors/$CONNECTOR/config")" || fail "PUT /connectors/$CONNECTOR/config failed: $created"
state="" deadline=$(($(date +%s) + 60))
while [[ $(date +%s) -lt $deadline ]]; do
  status="$(curl -sS "$KAFKA_CONNECT_URL/connectors/$CONNECTOR/status" || true)"
  state="$(json_get 'j["connector"]["state"] + "/" + ",".join(t["state"] for t in j["tasks"])' <<<"$status" 2>/dev/null || true)"
  [[ "$state" == RUNNING/RUNNING ]] && break
  [[ "$state" == *FAILED* ]] && fail "connector failed: $status"
  sleep 0.5
done
[[ "$state" == RUNNING/RUNNING ]] || fail "connector/task not RUNNING after 60s: ${status:-no status}"
listed="$(curl -sS --fail-with-body "$KAFKA_CONNECT_URL/connectors")"
[[ "$(json_get "'$CONNECTOR' in j" <<<"$listed")" == true ]] || fail "GET /connectors lacks $CONNECTOR: $listed"
pass "$STEP"

STEP="the sink connector writes the 3 records to its file"
deadline=$(($(date +%s) + 60))
until [[ -f "$SINK_FILE" && $(grep -c '^smoke-record-' "$SINK_FILE") -ge 3 ]]; do
  [[ $(date +%s) -lt $deadline ]] || fail "sink file has $(cat "$SINK_FILE" 2>/dev/null | wc -l) of 3 records after 60s"
  sleep 0.5
done
pass "$STEP"

STEP="delete the connector"
curl -sS --fail-with-body -X DELETE "$KAFKA_CONNECT_URL/connectors/$CONNECTOR" >/dev/null || fail "DELETE failed"
pass "$STEP"
