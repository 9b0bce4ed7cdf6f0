#!/usr/bin/env bash
# Stop the local services that scripts/services/start.sh started, by their pid
# files, and remove their temporary data.
#
# Usage: scripts/services/stop.sh [kafka] [connect] [schema-registry] [kubernetes] [charts]
#   No argument stops all five and removes $KPOPS_SERVICES_DIR (default
#   /tmp/kpops-services) except its logs/, kept for post-mortems.
#   Stopping kafka also stops connect and schema-registry, which need it.
#   kubernetes (or any of its parts: etcd, kube-apiserver, ...) stops the whole cluster
#   and removes its data and kubeconfig.
# Settings: KPOPS_SERVICES_DIR; KPOPS_SERVICES_STOP_TIMEOUT (seconds before
# SIGKILL, default 30); KPOPS_SERVICES_KEEP_LOGS=0 also removes the logs.
set -euo pipefail

# shellcheck source=common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

STOP_TIMEOUT="${KPOPS_SERVICES_STOP_TIMEOUT:-30}"

stop_kafka=0 stop_connect=0 stop_sr=0 stop_k8s=0 stop_charts=0 stop_all=0
if [[ $# -eq 0 ]]; then
  stop_all=1
fi
for arg in "$@"; do
  case "$arg" in
    kafka) stop_kafka=1 ;;
    connect | kafka-connect) stop_connect=1 ;;
    schema-registry | registry | sr) stop_sr=1 ;;
    kubernetes | k8s | etcd | kube-apiserver | kube-controller-manager | kube-scheduler | kwok) stop_k8s=1 ;;
    charts | chart-repo) stop_charts=1 ;;
    all) stop_all=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown service '$arg' (expected kafka, connect, schema-registry, kubernetes, charts)" ;;
  esac
done
if [[ $stop_all == 1 || $stop_kafka == 1 ]]; then
  stop_kafka=1 stop_connect=1 stop_sr=1
fi
if [[ $stop_all == 1 ]]; then
  stop_k8s=1 stop_charts=1
fi

# stop_service NAME: SIGTERM, wait, then SIGKILL; remove the pid file.
stop_service() {
  local name="$1" pid file="$RUN_DIR/$1.pid" deadline
  if ! pid="$(pid_of "$name")"; then
    [[ -f "$file" ]] && log "$name: not running (stale pid file removed)"
    rm -f "$file"
    return 0
  fi
  log "$name: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(($(date +%s) + STOP_TIMEOUT))
  while process_alive "$pid"; do
    if [[ $(date +%s) -ge $deadline ]]; then
      log "$name: still running after ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$file"
  log "$name: stopped"
}

# drop_env NAME: remove a line from the state file.
drop_env() {
  if [[ -f "$ENV_FILE" ]]; then
    grep -v "^$1=" "$ENV_FILE" >"$ENV_FILE.tmp" || true
    mv "$ENV_FILE.tmp" "$ENV_FILE"
  fi
}

if [[ ! -d "$SERVICES_DIR" ]]; then
  log "nothing to stop: $SERVICES_DIR does not exist"
  exit 0
fi

if [[ $stop_charts == 1 ]]; then
  stop_service charts
  rm -rf "$CHARTS_DIR"
  drop_env KPOPS_CHART_REPO_URL
fi
# The cluster: its clients first, etcd last.
if [[ $stop_k8s == 1 ]]; then
  for component in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    stop_service "$component"
  done
  rm -rf "$KUBE_DIR" "$DATA_DIR/etcd" "$SERVICES_DIR/kubeconfig"
  drop_env KUBECONFIG
  drop_env KUBERNETES_SERVER
fi

# Clients first, the broker last.
if [[ $stop_sr == 1 ]]; then
  stop_service schema-registry
  rm -rf "$DATA_DIR/schema-registry"
  drop_env SCHEMA_REGISTRY_URL
fi
if [[ $stop_connect == 1 ]]; then
  stop_service connect
  rm -rf "$DATA_DIR/connect"
  drop_env KAFKA_CONNECT_URL
fi
if [[ $stop_kafka == 1 ]]; then
  stop_service kafka
  rm -rf "$DATA_DIR/kafka"
  drop_env KAFKA_BOOTSTRAP
fi

if [[ $stop_all == 1 ]] || { [[ $stop_kafka == 1 ]] && ! pid_of kube-apiserver >/dev/null && ! pid_of charts >/dev/null; }; then
  rm -rf "$RUN_DIR" "$DATA_DIR" "$CONF_DIR" "$ENV_FILE"
  if [[ "${KPOPS_SERVICES_KEEP_LOGS:-1}" == 0 ]]; then
    rm -rf "$SERVICES_DIR"
  else
    log "logs kept in $LOG_DIR"
  fi
fi
