#!/usr/bin/env bash
# Stop the local services that scripts/services/start.sh started, by their pid
# files, and remove their temporary data.
#
# Usage: scripts/services/stop.sh [kafka] [connect] [schema-registry]
#   No argument stops all three and removes $KPOPS_SERVICES_DIR (default
#   /tmp/kpops-services) except its logs/, kept for post-mortems.
#   Stopping kafka also stops connect and schema-registry, which need it.
# Settings: KPOPS_SERVICES_DIR; KPOPS_SERVICES_STOP_TIMEOUT (seconds before
# SIGKILL, default 30); KPOPS_SERVICES_KEEP_LOGS=0 also removes the logs.
set -euo pipefail

# shellcheck source=common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

STOP_TIMEOUT="${KPOPS_SERVICES_STOP_TIMEOUT:-30}"

stop_kafka=0 stop_connect=0 stop_sr=0 stop_all=0
if [[ $# -eq 0 ]]; then
  stop_all=1
fi
for arg in "$@"; do
  case "$arg" in
    kafka) stop_kafka=1 ;;
    connect | kafka-connect) stop_connect=1 ;;
    schema-registry | registry | sr) stop_sr=1 ;;
    all) stop_all=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown service '$arg' (expected kafka, connect, schema-registry)" ;;
  esac
done
if [[ $stop_all == 1 || $stop_kafka == 1 ]]; then
  stop_kafka=1 stop_connect=1 stop_sr=1
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
  while kill -0 "$pid" 2>/dev/null; do
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

if [[ $stop_all == 1 || $stop_kafka == 1 ]]; then
  rm -rf "$RUN_DIR" "$DATA_DIR" "$CONF_DIR" "$ENV_FILE"
  if [[ "${KPOPS_SERVICES_KEEP_LOGS:-1}" == 0 ]]; then
    rm -rf "$SERVICES_DIR"
  else
    log "logs kept in $LOG_DIR"
  fi
fi
