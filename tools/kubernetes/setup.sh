#!/usr/bin/env bash
# Builds the local Kubernetes cluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# kwok) and the Helm CLI from the Go module proxy, and caches them.
#
#   tools/kubernetes/setup.sh            build what is missing (instant when the cache is warm)
#   tools/kubernetes/setup.sh --status   print what is cached and exit
#   tools/kubernetes/setup.sh --pin      rewrite the wrapper modules' go.mod from versions.env, then build
#
# Versions: tools/kubernetes/versions.env only; a go.mod that requires another version is an error.
# Cache: $KPOPS_KUBERNETES_CACHE (default $HOME/.cache/kpops-kubernetes), with the same scheme as
# tools/pulumi/setup.sh (tools/go-build.sh): builds/<name>-<key>/ per binary and its build.log, bin/
# with hard links to the builds in use, build-report.txt with build times and sizes. kwok's stage
# definitions are taken from the kwok module at build time into share/kwok-stages.yaml.
# Builds run niced (KPOPS_BUILD_NICE, default 10). A cold build took 32 minutes on 2 cores under load.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
GO_BUILD_TAG=setup-kubernetes
GO_BUILD_VERSIONS="$here/versions.env"
GO_BUILD_CACHE="${KPOPS_KUBERNETES_CACHE:-$HOME/.cache/kpops-kubernetes}"
GO_BUILD_TAGS=""
# shellcheck source=../go-build.sh
source "$here/../go-build.sh"
cache="$GO_BUILD_CACHE"
mkdir -p "$cache/bin" "$cache/builds" "$cache/share"

if [[ "${1:-}" == "--status" ]]; then
  echo "cache: $cache"
  ls -la "$cache/bin" "$cache/share"
  cat "$cache/build-report.txt" 2>/dev/null || true
  exit 0
fi

go_build_require_go "the local Kubernetes cluster and Helm"

# module:version pairs each wrapper module must require, from versions.env.
pins=(
  "k8s k8s.io/kubernetes v$KUBERNETES_VERSION"
  "etcd go.etcd.io/etcd/server/v3 v$ETCD_VERSION"
  "kwok sigs.k8s.io/kwok v$KWOK_VERSION"
  "helm helm.sh/helm/v3 v$HELM_VERSION"
)

# required_version DIR MODULE: the version DIR/go.mod requires of MODULE.
required_version() {
  sed -n -E "s#^[[:space:]]*(require[[:space:]]+)?$2[[:space:]]+(v[^[:space:]]+).*#\\2#p" "$here/$1/go.mod" | head -n1
}
# staging_versions: the distinct versions k8s/go.mod replaces the k8s.io staging modules with.
staging_versions() {
  sed -n -E 's#^[[:space:]]*(replace[[:space:]]+)?k8s\.io/[a-z-]+ => k8s\.io/[a-z-]+ (v[^[:space:]]+).*#\2#p' "$here/k8s/go.mod" | sort -u
}

if [[ "${1:-}" == "--pin" ]]; then
  for pin in "${pins[@]}"; do
    read -r dir module version <<<"$pin"
    (cd "$here/$dir" && go mod edit -require="$module@$version")
  done
  for staged in $(sed -n -E 's#^[[:space:]]*(replace[[:space:]]+)?(k8s\.io/[a-z-]+) => .*#\2#p' "$here/k8s/go.mod"); do
    (cd "$here/k8s" && go mod edit -replace="$staged=$staged@v$KUBERNETES_STAGING_VERSION")
  done
  go_build_log "go.mod files pinned to versions.env; the builds below update go.sum (commit both)"
fi

mismatch=0
for pin in "${pins[@]}"; do
  read -r dir module version <<<"$pin"
  found="$(required_version "$dir" "$module")"
  if [[ "$found" != "$version" ]]; then
    go_build_log "tools/kubernetes/$dir/go.mod requires $module ${found:-(nothing)}, versions.env says $version"
    mismatch=1
  fi
done
if [[ "$(staging_versions)" != "v$KUBERNETES_STAGING_VERSION" ]]; then
  go_build_log "tools/kubernetes/k8s/go.mod replaces the staging modules with $(staging_versions | tr '\n' ' ')" \
    "but versions.env says v$KUBERNETES_STAGING_VERSION"
  mismatch=1
fi
if [[ $mismatch == 1 ]]; then
  go_build_log "run tools/kubernetes/setup.sh --pin to bring the go.mod files in line with versions.env"
  exit 1
fi

# One setup at a time per cache (two test runs may start together); a warm run holds the lock only
# while it hashes.
exec 9>"$cache/.setup.lock"
flock 9

k8s_ldflags="-X k8s.io/component-base/version.gitVersion=v$KUBERNETES_VERSION
 -X k8s.io/component-base/version.gitMajor=${KUBERNETES_VERSION%%.*}
 -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$KUBERNETES_VERSION")
 -X k8s.io/component-base/version.gitTreeState=clean
 -X k8s.io/component-base/version.buildDate=$KUBERNETES_BUILD_DATE
 -X k8s.io/client-go/pkg/version.gitVersion=v$KUBERNETES_VERSION
 -X k8s.io/client-go/pkg/version.gitMajor=${KUBERNETES_VERSION%%.*}
 -X k8s.io/client-go/pkg/version.gitMinor=$(cut -d. -f2 <<<"$KUBERNETES_VERSION")"
k8s_ldflags="$(tr '\n' ' ' <<<"$k8s_ldflags")"

build etcd "$here/etcd" go.etcd.io/etcd/server/v3 ""
build kube-apiserver "$here/k8s" k8s.io/kubernetes/cmd/kube-apiserver "$k8s_ldflags"
build kube-controller-manager "$here/k8s" k8s.io/kubernetes/cmd/kube-controller-manager "$k8s_ldflags"
build kube-scheduler "$here/k8s" k8s.io/kubernetes/cmd/kube-scheduler "$k8s_ldflags"
# kwok's version constant is already its module's version.
build kwok "$here/kwok" sigs.k8s.io/kwok/cmd/kwok ""
# Helm's own version, and the Kubernetes version (the cluster's) that `helm template` and lint assume
# when no cluster is asked.
helm_minor="$(cut -d. -f2 <<<"$KUBERNETES_STAGING_VERSION")"
build helm "$here/helm" helm.sh/helm/v3/cmd/helm "$(echo \
  "-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
  "-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$helm_minor" \
  "-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$helm_minor")"

# kwok refuses to start without stages: the ones for fast simulated nodes and pods, straight from the
# kwok module (node set-up, node lease heartbeat, pods ready, pods of Jobs complete, pods deleted).
stages="$(build_dir kwok "$here/kwok")/kwok-stages.yaml"
if [[ ! -s "$stages" ]]; then
  kwok_dir="$(module_dir "$here/kwok" "sigs.k8s.io/kwok@v$KWOK_VERSION")"
  if [[ -z "$kwok_dir" ]]; then go_build_log "could not download sigs.k8s.io/kwok@v$KWOK_VERSION"; exit 1; fi
  {
    echo "# kwok v$KWOK_VERSION stages, from $kwok_dir/kustomize/stage (written by tools/kubernetes/setup.sh)"
    first=1
    for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
        pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
      [[ $first == 1 ]] || echo "---"
      first=0
      cat "$kwok_dir/kustomize/stage/$f"
    done
  } >"$stages.tmp"
  mv "$stages.tmp" "$stages"
fi
ln -f "$stages" "$cache/share/kwok-stages.yaml"
