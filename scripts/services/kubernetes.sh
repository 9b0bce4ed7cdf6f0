# The local Kubernetes cluster of scripts/services/start.sh: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok (simulated nodes), all on 127.0.0.1, from the
# binaries tools/kubernetes/setup.sh builds. Sourced by start.sh after common.sh; defines
# start_kubernetes, which sets KUBECONFIG and KUBERNETES_SERVER.

# Every pod of the cluster runs on kwok's simulated nodes: nothing is pulled or executed, a pod is
# Running and Ready as soon as it is scheduled, and a Job's pods complete right after.
KUBE_COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
KUBE_NODES="${KPOPS_KUBERNETES_NODES:-1}"

# kube_api PATH [CURL ARGS...]: a request to the API server as the cluster's admin.
kube_api() {
  local path="$1"
  shift
  curl -sS --fail-with-body --cacert "$KUBE_DIR/certs/apiserver.crt" \
    -H "Authorization: Bearer $(cut -d, -f1 "$KUBE_DIR/tokens.csv")" "$@" "$KUBERNETES_SERVER$path"
}

# kube_nodes_ready: every simulated node is Ready and carries no taint (the node-lifecycle controller
# removes node.kubernetes.io/not-ready once kwok reports the node Ready), and the default service
# account exists, without which no pod of the default namespace is admitted.
kube_nodes_ready() {
  kube_api /api/v1/namespaces/default/serviceaccounts/default >/dev/null || return 1
  kube_api "/api/v1/nodes?labelSelector=type%3Dkwok" | python3 -c '
import json, sys
nodes = json.load(sys.stdin)["items"]
def ready(node):
    conditions = node.get("status", {}).get("conditions", [])
    return any(c["type"] == "Ready" and c["status"] == "True" for c in conditions) and not node["spec"].get("taints")
sys.exit(0 if len(nodes) >= int(sys.argv[1]) and all(map(ready, nodes)) else 1)' "$KUBE_NODES"
}

# kube_node_json NAME: a Node that kwok takes over (allocatable room for any test's pods).
kube_node_json() {
  cat <<EOF
{"apiVersion": "v1", "kind": "Node",
 "metadata": {"name": "$1",
   "annotations": {"kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0"},
   "labels": {"type": "kwok", "kubernetes.io/hostname": "$1", "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}},
 "status": {"allocatable": {"cpu": "32", "memory": "256Gi", "pods": "110"},
            "capacity": {"cpu": "32", "memory": "256Gi", "pods": "110"}}}
EOF
}

write_kubeconfig() { # write_kubeconfig FILE: admin access, the CA inline so that the file stands alone
  local ca token
  ca="$(base64 -w0 "$KUBE_DIR/certs/apiserver.crt")"
  token="$(cut -d, -f1 "$KUBE_DIR/tokens.csv")"
  : >"$1.tmp"
  chmod 600 "$1.tmp"
  cat >>"$1.tmp" <<EOF
# Written by scripts/services/start.sh: the local cluster on loopback, as a member of system:masters.
apiVersion: v1
kind: Config
clusters:
- name: kpops-local
  cluster:
    server: $KUBERNETES_SERVER
    certificate-authority-data: $ca
contexts:
- name: kpops-local
  context:
    cluster: kpops-local
    user: kpops-admin
    namespace: default
current-context: kpops-local
users:
- name: kpops-admin
  user:
    token: $token
EOF
  mv "$1.tmp" "$1"
}

start_kubernetes() {
  local started etcd_port etcd_peer api_port cm_port sched_port kwok_port i
  started="$(now)"
  ensure_kubernetes_binaries
  command -v openssl >/dev/null || die "kubernetes: openssl not found (used to make the service-account key)"
  rm -rf "$KUBE_DIR" "$DATA_DIR/etcd"
  mkdir -p "$KUBE_DIR/certs" "$DATA_DIR/etcd"
  chmod 700 "$KUBE_DIR" "$DATA_DIR/etcd"
  openssl genrsa -out "$KUBE_DIR/sa.key" 2048 2>/dev/null
  openssl rsa -in "$KUBE_DIR/sa.key" -pubout -out "$KUBE_DIR/sa.pub" 2>/dev/null
  # One static token, a member of system:masters, new at every start.
  echo "$(python3 -c 'import secrets; print(secrets.token_hex(24))'),kpops-admin,kpops-admin,system:masters" \
    >"$KUBE_DIR/tokens.csv"
  chmod 600 "$KUBE_DIR/tokens.csv" "$KUBE_DIR/sa.key"

  local ports=() port
  for port in "${KUBERNETES_ETCD_PORT:-}" "${KUBERNETES_ETCD_PEER_PORT:-}" "${KUBERNETES_API_PORT:-}" \
      "${KUBERNETES_CONTROLLER_MANAGER_PORT:-}" "${KUBERNETES_SCHEDULER_PORT:-}" "${KUBERNETES_KWOK_PORT:-}"; do
    port="$(pick_port "$port")"
    while [[ " ${ports[*]} " == *" $port "* ]]; do port="$(free_port)"; done
    ports+=("$port")
  done
  read -r etcd_port etcd_peer api_port cm_port sched_port kwok_port <<<"${ports[*]}"

  log "kubernetes: starting etcd on 127.0.0.1:$etcd_port"
  # No fsync: the data lives only as long as the services (stop.sh removes it).
  launch etcd "$DATA_DIR/etcd" "$KUBE_BIN/etcd" --name kpops-local --data-dir "$DATA_DIR/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "kpops-local=http://127.0.0.1:$etcd_peer" --log-level warn --unsafe-no-fsync
  wait_ready etcd "GET http://127.0.0.1:$etcd_port/health" \
    sh -c "curl -sf http://127.0.0.1:$etcd_port/health | grep -q '\"health\":\"true\"'"

  KUBERNETES_SERVER="https://127.0.0.1:$api_port"
  log "kubernetes: starting kube-apiserver on $KUBERNETES_SERVER"
  # It writes a self-signed certificate for 127.0.0.1 into certs/ (the kubeconfig's CA). No endpoint
  # reconciler: the built-in kubernetes Service would point at 127.0.0.1, which Endpoints refuse.
  launch kube-apiserver "$KUBE_DIR" "$KUBE_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$etcd_port" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port="$api_port" --cert-dir="$KUBE_DIR/certs" --token-auth-file="$KUBE_DIR/tokens.csv" \
    --authorization-mode=RBAC --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$KUBE_DIR/sa.pub" --service-account-signing-key-file="$KUBE_DIR/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 --allow-privileged=true --enable-priority-and-fairness=false \
    --endpoint-reconciler-type=none --profiling=false
  wait_ready kube-apiserver "GET $KUBERNETES_SERVER/readyz" kube_api /readyz

  KUBECONFIG_FILE="$SERVICES_DIR/kubeconfig"
  write_kubeconfig "$KUBECONFIG_FILE"
  local kc=(--kubeconfig="$KUBECONFIG_FILE" --authentication-kubeconfig="$KUBECONFIG_FILE"
    --authorization-kubeconfig="$KUBECONFIG_FILE" --leader-elect=false --bind-address=127.0.0.1)
  log "kubernetes: starting kube-controller-manager, kube-scheduler and kwok"
  # All controllers but those that need a cloud or real volumes; node-lifecycle must stay (it lifts
  # the not-ready taint from new nodes).
  launch kube-controller-manager "$KUBE_DIR" "$KUBE_BIN/kube-controller-manager" "${kc[@]}" \
    --secure-port="$cm_port" --service-account-private-key-file="$KUBE_DIR/sa.key" \
    --root-ca-file="$KUBE_DIR/certs/apiserver.crt" --use-service-account-credentials=false \
    --controllers='*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route,-persistentvolume-binder,-attachdetach' \
    --profiling=false
  launch kube-scheduler "$KUBE_DIR" "$KUBE_BIN/kube-scheduler" "${kc[@]}" --secure-port="$sched_port" --profiling=false
  # The heartbeat-with-lease stage leaves the node's status alone for minutes and expects kwok to
  # renew the node's Lease; without the lease duration the node-lifecycle controller marks it not ready.
  launch kwok "$KUBE_DIR" "$KUBE_BIN/kwok" --kubeconfig="$KUBECONFIG_FILE" \
    --config="$KUBE_TOOLS/share/kwok-stages.yaml" --manage-all-nodes=true --node-ip=127.0.0.1 \
    --node-lease-duration-seconds=40 --server-address="127.0.0.1:$kwok_port"
  for ((i = 0; i < KUBE_NODES; i++)); do
    kube_api /api/v1/nodes -X POST -H 'Content-Type: application/json' \
      --data "$(kube_node_json "kwok-node-$i")" >/dev/null ||
      die "kubernetes: could not create the node kwok-node-$i"
  done
  local component
  for component in kube-controller-manager kube-scheduler kwok; do
    process_alive "$(cat "$RUN_DIR/$component.pid")" || {
      show_log_tail "$LOG_DIR/$component.log" 40
      die "kubernetes: $component exited at start; log: $LOG_DIR/$component.log"
    }
  done
  wait_ready kube-controller-manager "$KUBE_NODES simulated node(s) Ready and untainted, default service account" \
    kube_nodes_ready
  log "kubernetes: ready at $KUBERNETES_SERVER with $KUBE_NODES simulated node(s) in $(elapsed "$started")s; KUBECONFIG=$KUBECONFIG_FILE"
}

# kubernetes_running: the whole cluster of an earlier start still runs.
kubernetes_running() {
  local component
  for component in "${KUBE_COMPONENTS[@]}"; do
    pid_of "$component" >/dev/null || return 1
  done
  [[ -n "$(env_value KUBECONFIG)" && -f "$(env_value KUBECONFIG)" ]]
}
