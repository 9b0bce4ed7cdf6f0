# Shared by scripts/services/start.sh, stop.sh and tests/services/smoke.sh.
# Source it; it defines settings and helpers and runs nothing.

SERVICES_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SERVICES_SCRIPTS/../.." && pwd)"
SERVICES_TOOLS="$REPO_ROOT/tools/services"

# Where the running services keep pid files, logs, configs and data.
SERVICES_DIR="${KPOPS_SERVICES_DIR:-/tmp/kpops-services}"
# Where downloaded jars are kept between runs.
SERVICES_CACHE="${KPOPS_SERVICES_CACHE:-$HOME/.cache/kpops-services}"
ENV_FILE="$SERVICES_DIR/env"
RUN_DIR="$SERVICES_DIR/run"
LOG_DIR="$SERVICES_DIR/logs"
DATA_DIR="$SERVICES_DIR/data"
CONF_DIR="$SERVICES_DIR/conf"

# How long to wait for each service to become ready, in seconds.
SERVICES_TIMEOUT="${KPOPS_SERVICES_TIMEOUT:-120}"

pom_property() { # pom_property POM NAME -> value of <NAME>...</NAME>
  sed -n "s:.*<$2>\\(.*\\)</$2>.*:\\1:p" "$1" | head -n1
}

KAFKA_VERSION="$(pom_property "$SERVICES_TOOLS/kafka/pom.xml" kafka.version)"
APICURIO_VERSION="$(pom_property "$SERVICES_TOOLS/schema-registry/pom.xml" apicurio.version)"
KAFKA_LIBS="$SERVICES_CACHE/$KAFKA_VERSION/kafka-libs"
CONNECT_LIBS="$SERVICES_CACHE/$KAFKA_VERSION/connect-libs"
APICURIO_HOME="$SERVICES_CACHE/apicurio-$APICURIO_VERSION/app"

# The local Kubernetes cluster and the Helm CLI, built by tools/kubernetes/setup.sh.
KUBE_TOOLS="${KPOPS_KUBERNETES_CACHE:-$HOME/.cache/kpops-kubernetes}"
KUBE_BIN="$KUBE_TOOLS/bin"
# The cluster's keys, certificates and token; the kubeconfig is $SERVICES_DIR/kubeconfig.
KUBE_DIR="$SERVICES_DIR/kubernetes"
# The chart repository's packaged charts and index (repo/) and Helm's own folders (helm/).
CHARTS_DIR="$SERVICES_DIR/charts"

log() { printf '[services] %s\n' "$*" >&2; }

die() {
  printf '[services] ERROR: %s\n' "$*" >&2
  exit 1
}

# show_log_tail FILE [LINES]: the end of a log, on stderr, for error reports.
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    printf '[services] ---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf '[services] ---- end of %s ----\n' "$file" >&2
  fi
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

port_in_use() { # port_in_use PORT: true if something listens on 127.0.0.1:PORT
  python3 -c 'import socket, sys
s = socket.socket()
s.settimeout(0.5)
sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"
}

# pick_port VALUE: VALUE if set (and free), else a free ephemeral port.
pick_port() {
  local wanted="${1:-}"
  if [[ -n "$wanted" && "$wanted" != 0 ]]; then
    if port_in_use "$wanted"; then
      die "port 127.0.0.1:$wanted is already in use"
    fi
    echo "$wanted"
  else
    free_port
  fi
}

# process_alive PID: the process exists and has not exited. A service that exited stays a zombie
# until init reaps it (start.sh is long gone, so it is not the parent), which can take seconds.
process_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ "$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null)" != Z ]]
}

pid_of() { # pid_of NAME: the pid recorded for a service, if that process still runs
  local file="$RUN_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" ]] && process_alive "$pid" || return 1
  # Guard against a reused pid: the process must still be the program we started.
  local program
  case "$1" in
    kafka | connect | schema-registry) program=java ;;
    charts) program=http.server ;;
    *) program="$1" ;; # etcd, kube-apiserver, ... kwok: the binary's own name
  esac
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$program"; then
    return 1
  fi
  echo "$pid"
}

java_major() { # java_major JAVA -> feature version, e.g. 17
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

# find_java MIN [PREFERRED]: a java binary of at least version MIN.
find_java() {
  local min="$1" candidate major
  for candidate in "${2:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if [[ -n "$major" && "$major" -ge "$min" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# ensure_maven_output NAME POM GOAL DIR PROPERTY: run `mvn GOAL` on POM so that it
# fills DIR (passed as -DPROPERTY=...), unless DIR is already complete for this
# very pom. Downloads happen only on the first run or after the pom changes.
ensure_maven_output() {
  local name="$1" pom="$2" goal="$3" dir="$4" property="$5"
  local stamp marker="$dir/.kpops-complete" tmp started mvn_log
  stamp="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$stamp" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found: Maven is needed to fetch the $name jars"
  mkdir -p "$(dirname "$dir")" "$LOG_DIR"
  tmp="$dir.tmp.$$"
  rm -rf "$tmp"
  mvn_log="$LOG_DIR/maven-$name.log"
  log "fetching $name from Maven Central into $dir (first run only) ..."
  started="$(now)"
  if ! mvn -B -q -f "$pom" "$goal" "-D$property=$tmp" \
      "-Dmarkers.dir=$tmp.markers" >"$mvn_log" 2>&1; then
    show_log_tail "$mvn_log"
    rm -rf "$tmp" "$tmp.markers"
    die "Maven could not fetch $name (see $mvn_log)"
  fi
  rm -rf "$dir" "$tmp.markers"
  echo "$stamp" >"$tmp/.kpops-complete"
  mv "$tmp" "$dir"
  log "fetched $name in $(elapsed "$started")s"
}

ensure_kafka_libs() {
  ensure_maven_output kafka-libs "$SERVICES_TOOLS/kafka/pom.xml" \
    dependency:copy-dependencies "$KAFKA_LIBS" libs.dir
}

ensure_connect_libs() {
  ensure_maven_output connect-libs "$SERVICES_TOOLS/connect/pom.xml" \
    dependency:copy-dependencies "$CONNECT_LIBS" libs.dir
}

ensure_apicurio() {
  ensure_maven_output apicurio "$SERVICES_TOOLS/schema-registry/pom.xml" \
    dependency:unpack "$APICURIO_HOME" app.dir
}

# env_value NAME: a value from the state file written by start.sh.
env_value() {
  [[ -f "$ENV_FILE" ]] && sed -n "s/^$1=//p" "$ENV_FILE" | tail -n1
}

# ensure_kubernetes_binaries: the cluster's binaries and Helm, built on the first start only
# (tools/kubernetes/setup.sh: about 30 minutes cold, instant when its cache is warm).
ensure_kubernetes_binaries() {
  "$REPO_ROOT/tools/kubernetes/setup.sh" ||
    die "could not build the local Kubernetes binaries (tools/kubernetes/setup.sh; logs in $KUBE_TOOLS/builds/)"
}
