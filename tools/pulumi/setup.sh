#!/usr/bin/env bash
# Builds the Pulumi engine parts this project needs from the Go module proxy and caches them.
#
#   tools/pulumi/setup.sh            build what is missing (seconds when the cache is warm)
#   tools/pulumi/setup.sh --status   print what is cached and exit
#
# Cache: $KPOPS_TOOLS_CACHE (default $HOME/.cache/kpops-pulumi). Each binary is kept under
# builds/<name>-<key>/, where <key> hashes versions.env and the binary's wrapper module (go.mod,
# go.sum, *.go), so a version change rebuilds just that binary and an old build stays usable.
# bin/ holds hard links to the builds in use; bin/pulumi and the scripts put it on PATH.
# Go's own caches (GOMODCACHE, GOCACHE) stay under $HOME where Go places them.
# Build logs: builds/<name>-<key>/build.log ; build time and size: build-report.txt
# The build and cache helpers are shared with tools/kubernetes/setup.sh (tools/go-build.sh); builds
# run niced (KPOPS_BUILD_NICE, default 10).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

GO_BUILD_TAG=setup-pulumi
GO_BUILD_VERSIONS="$here/versions.env"
GO_BUILD_CACHE="${KPOPS_TOOLS_CACHE:-$HOME/.cache/kpops-pulumi}"
GO_BUILD_TAGS="osusergo,grpcnotrace"
# shellcheck source=../go-build.sh
source "$here/../go-build.sh"

cache="$GO_BUILD_CACHE"
bin="$cache/bin"
mkdir -p "$bin" "$cache/builds"

log() { go_build_log "$@"; }

if [[ "${1:-}" == "--status" ]]; then
  echo "cache: $cache"
  ls -la "$bin"
  cat "$cache/build-report.txt" 2>/dev/null || true
  exit 0
fi

go_build_require_go "the Pulumi CLI and plugins"

build pulumi "$here/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
  "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION"

build pulumi-language-nodejs "$here/nodejs-host" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
  "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_NODEJS_HOST_SDK_VERSION"

# Language hosts for programs in other languages that use the kpops package (examples/yaml, examples/python).
# YAML: pulumi-yaml at the version yaml/go.mod pins (the newest the proxy serves; see docs/engine.md).
yaml_version="$(sed -n 's/^require github.com\/pulumi\/pulumi-yaml v//p' "$here/yaml/go.mod")"
build pulumi-language-yaml "$here/yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
  "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$yaml_version"
# Python: like the nodejs host, built from sdk/v3 at the last version that held it; it runs its exec shim from PATH.
build pulumi-language-python "$here/python-host" github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python \
  "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_NODEJS_HOST_SDK_VERSION"
python_sdk_dir="$(module_dir "$here/python-host" github.com/pulumi/pulumi/sdk/v3)"
install -m 0755 "$python_sdk_dir/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"
# The Python SDK generator (pkg/v3's codegen at the CLI's version; the v3.68.0 host cannot generate SDKs).
build pulumi-python-sdkgen "$here/python-sdkgen" . ""
# The upstream kubernetes main embeds files generated at release time; copy their sources from the module.
k8s_dir="$(module_dir "$here/kubernetes" github.com/pulumi/pulumi-kubernetes/provider/v4)"
if [[ -z "$k8s_dir" ]]; then log "could not download github.com/pulumi/pulumi-kubernetes/provider/v4"; exit 1; fi
for f in schema.json terraform-mapping.json; do
  if ! cmp -s "$k8s_dir/cmd/pulumi-resource-kubernetes/$f" "$here/kubernetes/$f"; then
    cp "$k8s_dir/cmd/pulumi-resource-kubernetes/$f" "$here/kubernetes/$f"
    chmod u+w "$here/kubernetes/$f"
  fi
done
build pulumi-resource-kubernetes "$here/kubernetes" . \
  "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$PULUMI_KUBERNETES_VERSION"

# Our bridge of the Terraform kafka provider: generate its Pulumi schema with our tfgen, then embed it.
kafka_ldflags="-X kpops.local/tools/pulumi-resource-kafka/provider.Version=$PULUMI_KAFKA_VERSION"
build pulumi-tfgen-kafka "$here/kafka" ./cmd/pulumi-tfgen-kafka "$kafka_ldflags"
kafka_schema="$here/kafka/cmd/pulumi-resource-kafka/schema.json"
if [[ ! -s "$kafka_schema" ]]; then
  schema_dir="$(mktemp -d)"
  (cd "$schema_dir" && "$bin/pulumi-tfgen-kafka" schema --out . >"$schema_dir/tfgen.log" 2>&1) || {
    log "generating the kafka schema failed:"; tail -n 20 "$schema_dir/tfgen.log" >&2; exit 1; }
  cp "$schema_dir/schema.json" "$kafka_schema"
  rm -rf "$schema_dir"
fi
build pulumi-resource-kafka "$here/kafka" ./cmd/pulumi-resource-kafka "$kafka_ldflags"

# The dynamic-provider shim ships inside the @pulumi/pulumi npm package.
shim="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [[ -f "$shim" ]]; then
  ln -sfn "$shim" "$bin/pulumi-resource-pulumi-nodejs"
else
  log "note: $shim is missing; run npm ci first so dynamic providers work"
fi

log "ready: $bin"
