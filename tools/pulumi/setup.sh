#!/usr/bin/env bash
# Builds the Pulumi engine parts this project needs from the Go module proxy and caches them.
#
#   tools/pulumi/setup.sh            build what is missing (seconds when the cache is warm)
#   tools/pulumi/setup.sh --status   print what is cached and exit
#
# Cache: $KPOPS_TOOLS_CACHE (default $HOME/.cache/kpops-pulumi)/<key>/bin, where <key> hashes
# versions.env and the wrapper modules (go.mod, go.sum, main.go), so a version change builds anew and an old one stays usable.
# Go's own caches (GOMODCACHE, GOCACHE) stay under $HOME as Go places them.
# Logs of each build: <cache>/<key>/logs/<binary>.log ; build times and sizes: <cache>/<key>/build-report.txt
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod

cache_root="${KPOPS_TOOLS_CACHE:-$HOME/.cache/kpops-pulumi}"
key="$(cat "$here/versions.env" "$here"/*/go.mod "$here"/*/go.sum "$here"/*/*.go | sha256sum | cut -c1-16)"
cache="$cache_root/$key"
bin="$cache/bin"
mkdir -p "$bin" "$cache/logs"

log() { printf '[setup-pulumi] %s\n' "$*" >&2; }

if [[ "${1:-}" == "--status" ]]; then
  echo "cache: $cache"
  ls -la "$bin"
  exit 0
fi

if ! command -v go >/dev/null; then
  log "Go is not installed; it is needed to build the Pulumi CLI and plugins (see README)."
  exit 1
fi

# build NAME DIR PACKAGE LDFLAGS: go build one binary in a wrapper module, timing it.
build() {
  local name="$1" dir="$2" pkg="$3" ldflags="$4"
  if [[ -x "$bin/$name" ]]; then
    return 0
  fi
  log "building $name (cold builds take minutes; log: $cache/logs/$name.log)"
  local start end
  start=$(date +%s)
  if ! (cd "$dir" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w $ldflags" -o "$bin/$name.tmp" "$pkg") >"$cache/logs/$name.log" 2>&1; then
    log "building $name failed; the last lines of its log:"
    tail -n 20 "$cache/logs/$name.log" >&2
    exit 1
  fi
  mv "$bin/$name.tmp" "$bin/$name"
  end=$(date +%s)
  printf '%s\tcold build %ss\t%s\n' "$name" "$((end - start))" "$(du -h "$bin/$name" | cut -f1)" >>"$cache/build-report.txt"
  log "built $name in $((end - start))s"
}

build pulumi "$here/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
  "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION"

build pulumi-language-nodejs "$here/nodejs-host" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
  "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_NODEJS_HOST_SDK_VERSION"

if [[ ! -x "$bin/pulumi-resource-kubernetes" ]]; then
  # The upstream main embeds files generated at release time; copy the sources of them from the module.
  k8s_dir="$(cd "$here/kubernetes" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4)"
  cp "$k8s_dir/cmd/pulumi-resource-kubernetes/schema.json" "$here/kubernetes/schema.json"
  cp "$k8s_dir/cmd/pulumi-resource-kubernetes/terraform-mapping.json" "$here/kubernetes/terraform-mapping.json"
  chmod u+w "$here/kubernetes/schema.json" "$here/kubernetes/terraform-mapping.json"
  build pulumi-resource-kubernetes "$here/kubernetes" . \
    "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PULUMI_KUBERNETES_VERSION"
fi

# The dynamic-provider shim ships inside the @pulumi/pulumi npm package.
shim="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [[ -f "$shim" ]]; then
  ln -sf "$shim" "$bin/pulumi-resource-pulumi-nodejs"
else
  log "note: $shim is missing; run npm ci first so dynamic providers work"
fi

ln -sfn "$cache" "$cache_root/current"
log "ready: $bin"
