#!/usr/bin/env bash
# Start local real services for tests and the demo, on 127.0.0.1 only:
#   kafka            Apache Kafka broker, KRaft mode (combined broker+controller)
#   connect          Kafka Connect, distributed mode, one worker, FileStream connectors
#   schema-registry  Apicurio Registry with the Confluent-compatible REST API
#   kubernetes       etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok
#                    (simulated nodes: pods run, Deployments become ready, Jobs complete)
#   charts           a Helm chart repository serving bakdata's streams-bootstrap charts
#
# Usage: scripts/services/start.sh [kafka] [connect] [schema-registry] [kubernetes] [charts]
#   No argument starts all five. connect and schema-registry bring kafka along.
#   A service that already runs (per its pid file) is left alone.
#
# Prints on stdout, and writes to $KPOPS_SERVICES_DIR/env (default /tmp/kpops-services/env):
#   KAFKA_BOOTSTRAP=127.0.0.1:PORT
#   KAFKA_CONNECT_URL=http://127.0.0.1:PORT
#   SCHEMA_REGISTRY_URL=http://127.0.0.1:PORT/apis/ccompat/v7
#   KUBECONFIG=$KPOPS_SERVICES_DIR/kubeconfig
#   KUBERNETES_SERVER=https://127.0.0.1:PORT
#   KPOPS_CHART_REPO_URL=http://127.0.0.1:PORT
# Progress and errors go to stderr; logs are under $KPOPS_SERVICES_DIR/logs.
#
# Settings (environment):
#   KPOPS_SERVICES_DIR     state, logs and data (default /tmp/kpops-services)
#   KPOPS_SERVICES_CACHE   downloaded jars (default $HOME/.cache/kpops-services)
#   KPOPS_SERVICES_TIMEOUT seconds to wait for each service (default 120)
#   KPOPS_KUBERNETES_CACHE the cluster's binaries and Helm (default $HOME/.cache/kpops-kubernetes;
#                          built by tools/kubernetes/setup.sh on the first start)
#   KPOPS_KUBERNETES_NODES number of simulated nodes (default 1)
#   KPOPS_CHARTS_SOURCE    the charts to serve, <version>/<chart>/ (default ../shared/charts/streams-bootstrap)
#   KAFKA_PORT, KAFKA_CONTROLLER_PORT, CONNECT_PORT, SCHEMA_REGISTRY_PORT,
#   SCHEMA_REGISTRY_MANAGEMENT_PORT, KUBERNETES_API_PORT, KUBERNETES_ETCD_PORT,
#   KUBERNETES_ETCD_PEER_PORT, KUBERNETES_CONTROLLER_MANAGER_PORT, KUBERNETES_SCHEDULER_PORT,
#   KUBERNETES_KWOK_PORT, KPOPS_CHART_REPO_PORT: fixed ports (default: free ephemeral ports)
#   KAFKA_HEAP_OPTS, CONNECT_HEAP_OPTS, SCHEMA_REGISTRY_HEAP_OPTS: JVM heap flags
#   KAFKA_JVM_OPTS: extra JVM flags for all three
#   KAFKA_BROKER_PROPERTIES: extra broker settings, `key=value` separated by newlines or commas, appended to
#     the generated kafka.properties (a later line wins), e.g. `num.partitions=3`
#   SCHEMA_REGISTRY_STORAGE: kafka (default; schemas in topic kafkasql-journal)
#     or memory (in-process H2, lost at stop; starts a few seconds faster)
#   SCHEMA_REGISTRY_COMPATIBILITY: global compatibility level set at start (default
#     BACKWARD, Confluent's default)
#   JAVA: java for Kafka and Connect (17+); SCHEMA_REGISTRY_JAVA: java 21+ for the registry
set -euo pipefail

# shellcheck source=common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"
# shellcheck source=kubernetes.sh
. "$SERVICES_SCRIPTS/kubernetes.sh"
# shellcheck source=charts.sh
. "$SERVICES_SCRIPTS/charts.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
}

want_kafka=0 want_connect=0 want_sr=0 want_k8s=0 want_charts=0
if [[ $# -eq 0 ]]; then
  want_kafka=1 want_connect=1 want_sr=1 want_k8s=1 want_charts=1
fi
for arg in "$@"; do
  case "$arg" in
    kafka) want_kafka=1 ;;
    connect | kafka-connect) want_connect=1 ;;
    schema-registry | registry | sr) want_sr=1 ;;
    kubernetes | k8s) want_k8s=1 ;;
    charts | chart-repo) want_charts=1 ;;
    all) want_kafka=1 want_connect=1 want_sr=1 want_k8s=1 want_charts=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage; die "unknown service '$arg' (expected kafka, connect, schema-registry, kubernetes, charts)" ;;
  esac
done
if [[ $want_connect == 1 || $want_sr == 1 ]]; then
  want_kafka=1 # both keep their state in Kafka topics
fi

command -v python3 >/dev/null || die "python3 not found (used to pick ports and probe the broker)"
command -v curl >/dev/null || die "curl not found (used to probe the services)"
JAVA_BIN=""
if [[ $want_kafka == 1 ]]; then
  JAVA_BIN="${JAVA:-$(find_java 17 || true)}"
  [[ -n "$JAVA_BIN" ]] || die "no Java 17+ found (set JAVA or JAVA_HOME)"
fi

mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR" "$CONF_DIR"
JVM_COMMON=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true ${KAFKA_JVM_OPTS:-})
LOG4J_CONF="$SERVICES_TOOLS/log4j2.properties"

# Services started by this run, stopped again if a later step fails.
STARTED=()
on_exit() {
  local status=$?
  if [[ $status -ne 0 && ${#STARTED[@]} -gt 0 ]]; then
    log "start failed; stopping what this run started: ${STARTED[*]}"
    "$SERVICES_SCRIPTS/stop.sh" "${STARTED[@]}" >&2 || true
  fi
}
trap on_exit EXIT

# launch NAME DIR COMMAND...: run COMMAND detached in DIR, its output in logs/NAME.log.
launch() {
  local name="$1" dir="$2"
  shift 2
  local logfile="$LOG_DIR/$name.log"
  : >"$logfile"
  # setsid: the service outlives this script and a Ctrl-C in its terminal. It
  # and the subshell exec, so the recorded pid is the JVM's own.
  (cd "$dir" && exec setsid "$@" </dev/null >>"$logfile" 2>&1) &
  echo $! >"$RUN_DIR/$name.pid"
  STARTED+=("$name")
}

# wait_ready NAME DESCRIPTION COMMAND...: poll COMMAND until it succeeds; fail
# with the log tail if the process dies or the timeout passes.
wait_ready() {
  local name="$1" what="$2"
  shift 2
  local pid deadline
  pid="$(cat "$RUN_DIR/$name.pid")"
  deadline=$(($(date +%s) + SERVICES_TIMEOUT))
  until "$@" >/dev/null 2>&1; do
    if ! process_alive "$pid"; then
      show_log_tail "$LOG_DIR/$name.log" 60
      die "$name exited before it was ready ($what); log: $LOG_DIR/$name.log"
    fi
    if [[ $(date +%s) -ge $deadline ]]; then
      show_log_tail "$LOG_DIR/$name.log" 60
      die "$name not ready after ${SERVICES_TIMEOUT}s ($what); log: $LOG_DIR/$name.log"
    fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------- kafka
start_kafka() {
  local started port cport cluster_id props data
  started="$(now)"
  ensure_kafka_libs
  port="$(pick_port "${KAFKA_PORT:-}")"
  cport="$(pick_port "${KAFKA_CONTROLLER_PORT:-}")"
  while [[ "$cport" == "$port" ]]; do cport="$(free_port)"; done
  data="$DATA_DIR/kafka"
  rm -rf "$data"
  mkdir -p "$data"
  props="$CONF_DIR/kafka.properties"
  cat >"$props" <<EOF
# Written by scripts/services/start.sh: one combined broker+controller, loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
EOF
  if [[ -n "${KAFKA_BROKER_PROPERTIES:-}" ]]; then
    printf '# From KAFKA_BROKER_PROPERTIES:\n%s\n' "$(printf '%s' "$KAFKA_BROKER_PROPERTIES" | tr ',' '\n')" >>"$props"
  fi
  # A random cluster id; one that starts with "-" would be read as an option by the storage tool (1 start in 64).
  cluster_id="$(python3 -c 'import base64, uuid
ids = (base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode() for _ in iter(int, 1))
print(next(i for i in ids if not i.startswith("-")))')"
  log "kafka: formatting storage in $data (cluster $cluster_id)"
  if ! "$JAVA_BIN" "${JVM_COMMON[@]}" -Xmx256m -Dlog4j2.configurationFile="$LOG4J_CONF" \
      -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" \
      >"$LOG_DIR/kafka-format.log" 2>&1; then
    show_log_tail "$LOG_DIR/kafka-format.log"
    die "kafka: storage format failed (see $LOG_DIR/kafka-format.log)"
  fi
  log "kafka: starting broker on 127.0.0.1:$port (controller 127.0.0.1:$cport)"
  # shellcheck disable=SC2086
  launch kafka "$DATA_DIR" "$JAVA_BIN" ${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m} "${JVM_COMMON[@]}" \
    -Dlog4j2.configurationFile="$LOG4J_CONF" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$props"
  wait_ready kafka "metadata request on 127.0.0.1:$port" \
    python3 "$SERVICES_SCRIPTS/kafka_probe.py" "127.0.0.1:$port" 2
  KAFKA_BOOTSTRAP="127.0.0.1:$port"
  log "kafka: ready at $KAFKA_BOOTSTRAP in $(elapsed "$started")s"
}

# ---------------------------------------------------------------- connect
connect_ready() { # connect_ready URL: REST answers and lists the FileStream plugins
  curl -sf "$1/" >/dev/null &&
    curl -sf "$1/connector-plugins" | grep -q FileStreamSinkConnector &&
    curl -sf "$1/connector-plugins" | grep -q FileStreamSourceConnector
}

start_connect() {
  local started port props
  started="$(now)"
  ensure_connect_libs
  port="$(pick_port "${CONNECT_PORT:-}")"
  mkdir -p "$DATA_DIR/connect"
  props="$CONF_DIR/connect-distributed.properties"
  cat >"$props" <<EOF
# Written by scripts/services/start.sh: one distributed-mode worker, loopback only.
bootstrap.servers=$KAFKA_BOOTSTRAP
group.id=kpops-local-connect
listeners=http://127.0.0.1:$port
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$port
rest.advertised.listener=http
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
config.storage.topic=_kpops-connect-configs
config.storage.replication.factor=1
offset.storage.topic=_kpops-connect-offsets
offset.storage.replication.factor=1
offset.storage.partitions=1
status.storage.topic=_kpops-connect-status
status.storage.replication.factor=1
status.storage.partitions=1
offset.flush.interval.ms=1000
scheduled.rebalance.max.delay.ms=0
# The FileStream connectors are on the worker's classpath (connect-file jar);
# the service loader finds them without scanning every jar.
plugin.discovery=service_load
EOF
  log "kafka-connect: starting worker on 127.0.0.1:$port"
  # shellcheck disable=SC2086
  launch connect "$DATA_DIR/connect" "$JAVA_BIN" ${CONNECT_HEAP_OPTS:--Xms128m -Xmx512m} "${JVM_COMMON[@]}" \
    -Dlog4j2.configurationFile="$LOG4J_CONF" -Djava.io.tmpdir="$DATA_DIR/connect" \
    -cp "$CONNECT_LIBS/*" org.apache.kafka.connect.cli.ConnectDistributed "$props"
  KAFKA_CONNECT_URL="http://127.0.0.1:$port"
  CONNECT_STARTED="$started"
}

await_connect() {
  wait_ready connect "GET $KAFKA_CONNECT_URL/connector-plugins lists FileStream" \
    connect_ready "$KAFKA_CONNECT_URL"
  log "kafka-connect: ready at $KAFKA_CONNECT_URL in $(elapsed "$CONNECT_STARTED")s"
}

# ---------------------------------------------------------------- schema registry
start_schema_registry() {
  local started port mport sr_java data
  started="$(now)"
  sr_java="${SCHEMA_REGISTRY_JAVA:-$(find_java 21 || true)}"
  [[ -n "$sr_java" ]] || die "schema-registry: Apicurio Registry $APICURIO_VERSION needs Java 21+; none found (set SCHEMA_REGISTRY_JAVA)"
  [[ "$(java_major "$sr_java")" -ge 21 ]] 2>/dev/null ||
    die "schema-registry: Apicurio Registry $APICURIO_VERSION needs Java 21+, $sr_java is $(java_major "$sr_java")"
  ensure_apicurio
  port="$(pick_port "${SCHEMA_REGISTRY_PORT:-}")"
  mport="$(pick_port "${SCHEMA_REGISTRY_MANAGEMENT_PORT:-}")"
  while [[ "$mport" == "$port" ]]; do mport="$(free_port)"; done
  data="$DATA_DIR/schema-registry"
  rm -rf "$data"
  mkdir -p "$data"
  local storage=()
  case "${SCHEMA_REGISTRY_STORAGE:-kafka}" in
    kafka)
      # Schemas live in the Kafka topic kafkasql-journal (as Confluent's in _schemas).
      # A short consumer poll timeout takes ~20 s off its start-up, spent waiting
      # on empty polls of its topics.
      storage=(-Dapicurio.storage.kind=kafkasql
        -Dapicurio.kafkasql.bootstrap.servers="$KAFKA_BOOTSTRAP"
        -Dapicurio.kafkasql.consumer.poll.timeout=100) ;;
    memory)
      storage=(-Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2) ;;
    *) die "SCHEMA_REGISTRY_STORAGE must be kafka or memory, not '$SCHEMA_REGISTRY_STORAGE'" ;;
  esac
  log "schema-registry: starting Apicurio Registry $APICURIO_VERSION on 127.0.0.1:$port (storage: ${SCHEMA_REGISTRY_STORAGE:-kafka})"
  # Quarkus reads these as system properties; run in $data so that any file it writes lands there.
  # shellcheck disable=SC2086
  launch schema-registry "$data" "$sr_java" ${SCHEMA_REGISTRY_HEAP_OPTS:--Xms64m -Xmx384m} \
    "${JVM_COMMON[@]}" -Djava.io.tmpdir="$data" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport" \
    -Dquarkus.http.access-log.enabled=false \
    '-Dquarkus.log.category."org.apache.kafka".level=WARN' \
    "${storage[@]}" -Dapicurio.storage.snapshot.location="$data" \
    -jar "$APICURIO_HOME/quarkus-run.jar"
  SCHEMA_REGISTRY_URL="http://127.0.0.1:$port/apis/ccompat/v7"
  SR_STARTED="$started"
}

await_schema_registry() {
  wait_ready schema-registry "GET $SCHEMA_REGISTRY_URL/subjects" \
    curl -sf "$SCHEMA_REGISTRY_URL/subjects"
  # Apicurio starts with no compatibility rule (reported as NONE); Confluent's
  # registry defaults to BACKWARD. Set the global level like Confluent's.
  local level="${SCHEMA_REGISTRY_COMPATIBILITY:-BACKWARD}" answer
  if ! answer="$(curl -sS --fail-with-body -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
      --data "{\"compatibility\":\"$level\"}" "$SCHEMA_REGISTRY_URL/config" 2>&1)"; then
    show_log_tail "$LOG_DIR/schema-registry.log" 20
    die "schema-registry: could not set global compatibility $level: $answer"
  fi
  log "schema-registry: ready at $SCHEMA_REGISTRY_URL in $(elapsed "$SR_STARTED")s"
}

# ---------------------------------------------------------------- main
KAFKA_BOOTSTRAP="" KAFKA_CONNECT_URL="" SCHEMA_REGISTRY_URL=""
KUBECONFIG_FILE="" KUBERNETES_SERVER="" KPOPS_CHART_REPO_URL=""
total_started="$(now)"

if [[ $want_kafka == 1 ]]; then
  if pid_of kafka >/dev/null && [[ -n "$(env_value KAFKA_BOOTSTRAP)" ]]; then
    KAFKA_BOOTSTRAP="$(env_value KAFKA_BOOTSTRAP)"
    log "kafka: already running at $KAFKA_BOOTSTRAP"
  else
    start_kafka
  fi
fi
# Connect and the registry start side by side: each spends much of its start-up
# waiting on the broker, so together they take little longer than one.
launched_connect=0 launched_sr=0
if [[ $want_connect == 1 ]]; then
  if pid_of connect >/dev/null && [[ -n "$(env_value KAFKA_CONNECT_URL)" ]]; then
    KAFKA_CONNECT_URL="$(env_value KAFKA_CONNECT_URL)"
    log "kafka-connect: already running at $KAFKA_CONNECT_URL"
  else
    start_connect
    launched_connect=1
  fi
fi
if [[ $want_sr == 1 ]]; then
  if pid_of schema-registry >/dev/null && [[ -n "$(env_value SCHEMA_REGISTRY_URL)" ]]; then
    SCHEMA_REGISTRY_URL="$(env_value SCHEMA_REGISTRY_URL)"
    log "schema-registry: already running at $SCHEMA_REGISTRY_URL"
  else
    start_schema_registry
    launched_sr=1
  fi
fi
# The cluster and the chart repository come up meanwhile (they need no broker).
if [[ $want_k8s == 1 ]]; then
  if kubernetes_running; then
    KUBECONFIG_FILE="$(env_value KUBECONFIG)" KUBERNETES_SERVER="$(env_value KUBERNETES_SERVER)"
    log "kubernetes: already running at $KUBERNETES_SERVER"
  else
    for component in "${KUBE_COMPONENTS[@]}"; do
      # What is left of a cluster whose other parts died is stopped before a fresh start.
      if pid_of "$component" >/dev/null; then "$SERVICES_SCRIPTS/stop.sh" kubernetes >&2; break; fi
    done
    start_kubernetes
  fi
fi
if [[ $want_charts == 1 ]]; then
  if pid_of charts >/dev/null && [[ -n "$(env_value KPOPS_CHART_REPO_URL)" ]]; then
    KPOPS_CHART_REPO_URL="$(env_value KPOPS_CHART_REPO_URL)"
    log "charts: already serving at $KPOPS_CHART_REPO_URL"
  else
    start_charts
  fi
fi
if [[ $launched_connect == 1 ]]; then await_connect; fi
if [[ $launched_sr == 1 ]]; then await_schema_registry; fi

# Keep what still runs from earlier starts in the state file as well.
if [[ -z "$KAFKA_BOOTSTRAP" ]] && pid_of kafka >/dev/null; then
  KAFKA_BOOTSTRAP="$(env_value KAFKA_BOOTSTRAP)"
fi
if [[ -z "$KAFKA_CONNECT_URL" ]] && pid_of connect >/dev/null; then
  KAFKA_CONNECT_URL="$(env_value KAFKA_CONNECT_URL)"
fi
if [[ -z "$SCHEMA_REGISTRY_URL" ]] && pid_of schema-registry >/dev/null; then
  SCHEMA_REGISTRY_URL="$(env_value SCHEMA_REGISTRY_URL)"
fi
if [[ -z "$KUBERNETES_SERVER" ]] && kubernetes_running; then
  KUBECONFIG_FILE="$(env_value KUBECONFIG)" KUBERNETES_SERVER="$(env_value KUBERNETES_SERVER)"
fi
if [[ -z "$KPOPS_CHART_REPO_URL" ]] && pid_of charts >/dev/null; then
  KPOPS_CHART_REPO_URL="$(env_value KPOPS_CHART_REPO_URL)"
fi

{
  [[ -n "$KAFKA_BOOTSTRAP" ]] && echo "KAFKA_BOOTSTRAP=$KAFKA_BOOTSTRAP"
  [[ -n "$KAFKA_CONNECT_URL" ]] && echo "KAFKA_CONNECT_URL=$KAFKA_CONNECT_URL"
  [[ -n "$SCHEMA_REGISTRY_URL" ]] && echo "SCHEMA_REGISTRY_URL=$SCHEMA_REGISTRY_URL"
  [[ -n "$KUBERNETES_SERVER" ]] && echo "KUBECONFIG=$KUBECONFIG_FILE" && echo "KUBERNETES_SERVER=$KUBERNETES_SERVER"
  [[ -n "$KPOPS_CHART_REPO_URL" ]] && echo "KPOPS_CHART_REPO_URL=$KPOPS_CHART_REPO_URL"
  true
} >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
cat "$ENV_FILE"
log "all requested services ready in $(elapsed "$total_started")s; state: $ENV_FILE"
