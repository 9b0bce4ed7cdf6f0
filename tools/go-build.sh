# Shared by tools/pulumi/setup.sh and tools/kubernetes/setup.sh: build Go commands of a wrapper
# module from the Go module proxy and cache the binaries, keyed by the pinned versions.
# Source it after setting:
#   GO_BUILD_TAG        prefix of the progress lines, e.g. setup-pulumi
#   GO_BUILD_VERSIONS   the versions.env file whose content is part of every key
#   GO_BUILD_CACHE      the cache folder: builds/<name>-<key>/ and bin/ (hard links to the builds in use)
#   GO_BUILD_TAGS       optional: go build -tags
#   KPOPS_BUILD_NICE    optional: niceness of the go builds (default 10: they share the machine with tests)
# It defines functions and exports the Go settings; it runs no build by itself.

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod

go_build_log() { printf '[%s] %s\n' "$GO_BUILD_TAG" "$*" >&2; }

# go_build_require_go: fail with a clear message when there is no Go toolchain.
go_build_require_go() {
  if ! command -v go >/dev/null; then
    go_build_log "Go is not installed; it is needed to build $1 (see README)."
    exit 1
  fi
}

# key_of DIR: a short hash of the versions file and the wrapper module in DIR (go.mod, go.sum, *.go).
key_of() {
  local dir="$1"
  # shellcheck disable=SC2046
  cat "$GO_BUILD_VERSIONS" "$dir/go.mod" "$dir/go.sum" $(find "$dir" -name '*.go' | sort) | sha256sum | cut -c1-16
}

# build_dir NAME DIR: where the build of NAME from the wrapper module in DIR is cached.
build_dir() { echo "$GO_BUILD_CACHE/builds/$1-$(key_of "$2")"; }

# build NAME DIR PACKAGE LDFLAGS: go build one command of the wrapper module in DIR, unless cached,
# then hard-link it into bin/. The build log stays in builds/<name>-<key>/build.log and the time
# and size are appended to build-report.txt.
build() {
  local name="$1" dir="$2" pkg="$3" ldflags="$4"
  local out
  out="$(build_dir "$name" "$dir")"
  mkdir -p "$GO_BUILD_CACHE/bin"
  if [[ ! -x "$out/$name" ]]; then
    mkdir -p "$out"
    go_build_log "building $name (a cold build takes minutes; log: $out/build.log)"
    local start end
    start=$(date +%s)
    if ! (cd "$dir" && nice -n "${KPOPS_BUILD_NICE:-10}" go build -trimpath ${GO_BUILD_TAGS:+-tags "$GO_BUILD_TAGS"} \
        -ldflags "-s -w $ldflags" -o "$out/$name.tmp" "$pkg") >"$out/build.log" 2>&1; then
      go_build_log "building $name failed; the last lines of its log:"
      tail -n 20 "$out/build.log" >&2
      exit 1
    fi
    mv "$out/$name.tmp" "$out/$name"
    end=$(date +%s)
    printf '%s\t%s\tbuild %ss\t%s\n' "$(date -u +%FT%TZ)" "$name" "$((end - start))" "$(du -h "$out/$name" | cut -f1)" \
      >>"$GO_BUILD_CACHE/build-report.txt"
    go_build_log "built $name in $((end - start))s"
  fi
  # A hard link, not a symlink: the Pulumi CLI looks for its bundled plugins next to its resolved path.
  ln -f "$out/$name" "$GO_BUILD_CACHE/bin/$name"
}

# module_dir DIR MODULE: the folder of MODULE (at the version DIR's go.mod requires) in the module
# cache, downloading it first if needed.
module_dir() {
  (cd "$1" && go mod download -json "$2") | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}
