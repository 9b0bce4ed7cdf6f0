# The Helm chart repository of scripts/services/start.sh: bakdata's streams-bootstrap charts, as
# they are in ../shared/charts/streams-bootstrap/<version>/<chart>, packaged with the Helm CLI at
# the version of their folder, indexed with `helm repo index` and served over HTTP on 127.0.0.1, as
# a user's chart repository would be. Sourced by start.sh after common.sh; defines start_charts,
# which sets KPOPS_CHART_REPO_URL.

# The chart sources: one folder per streams-bootstrap release, each with one folder per chart.
# Used in place and never written to; the repository keeps no copy of them.
CHARTS_SOURCE="${KPOPS_CHARTS_SOURCE:-$REPO_ROOT/../shared/charts/streams-bootstrap}"

# helm_local ARGS...: the cached Helm CLI with its config, cache and data inside the services dir,
# so that nothing of the user's own Helm set-up is read or changed.
helm_local() {
  HELM_CONFIG_HOME="$CHARTS_DIR/helm/config" HELM_CACHE_HOME="$CHARTS_DIR/helm/cache" \
    HELM_DATA_HOME="$CHARTS_DIR/helm/data" "$KUBE_BIN/helm" "$@"
}

# package_charts DIR: every application chart of every release under CHARTS_SOURCE, packaged into DIR
# at the release's version, then DIR/index.yaml for URL.
package_charts() {
  local repo="$1" url="$2" release version chart work count=0
  [[ -d "$CHARTS_SOURCE" ]] ||
    die "charts: no streams-bootstrap charts at $CHARTS_SOURCE (set KPOPS_CHARTS_SOURCE)"
  mkdir -p "$repo"
  for release in "$CHARTS_SOURCE"/*/; do
    version="$(basename "$release")"
    [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || continue
    # The charts refer to their library chart as file://../kafka-app and their sources are read-only:
    # Helm resolves and packages a scratch copy of each release folder.
    work="$CHARTS_DIR/work/$version"
    rm -rf "$work"
    mkdir -p "$work"
    cp -R "$release". "$work/"
    chmod -R u+w "$work"
    for chart in "$work"/*/; do
      [[ -f "$chart/Chart.yaml" ]] || continue
      # A library chart (kafka-app) is not installable; it travels inside the charts that use it.
      if grep -Eq '^type:[[:space:]]*library' "$chart/Chart.yaml"; then continue; fi
      if grep -q '^dependencies:' "$chart/Chart.yaml"; then
        helm_local dependency build "$chart" >>"$LOG_DIR/charts-package.log" 2>&1 || {
          show_log_tail "$LOG_DIR/charts-package.log"
          die "charts: helm dependency build failed for $version/$(basename "$chart")"
        }
      fi
      # Chart.yaml in the streams-bootstrap sources holds a placeholder version; their release
      # process publishes every chart at the release's version, and so do we.
      helm_local package "$chart" --version "$version" --destination "$repo" >>"$LOG_DIR/charts-package.log" 2>&1 || {
        show_log_tail "$LOG_DIR/charts-package.log"
        die "charts: helm package failed for $version/$(basename "$chart")"
      }
      count=$((count + 1))
    done
  done
  rm -rf "$CHARTS_DIR/work"
  [[ $count -gt 0 ]] || die "charts: no chart found under $CHARTS_SOURCE/<version>/"
  helm_local repo index "$repo" --url "$url" >>"$LOG_DIR/charts-package.log" 2>&1 || {
    show_log_tail "$LOG_DIR/charts-package.log"
    die "charts: helm repo index failed"
  }
  CHARTS_COUNT="$count"
}

start_charts() {
  local started port
  started="$(now)"
  ensure_kubernetes_binaries
  port="$(pick_port "${KPOPS_CHART_REPO_PORT:-}")"
  KPOPS_CHART_REPO_URL="http://127.0.0.1:$port"
  rm -rf "$CHARTS_DIR"
  mkdir -p "$CHARTS_DIR/repo"
  : >"$LOG_DIR/charts-package.log"
  package_charts "$CHARTS_DIR/repo" "$KPOPS_CHART_REPO_URL"
  log "charts: serving $CHARTS_COUNT packaged charts from $CHARTS_SOURCE at $KPOPS_CHART_REPO_URL"
  launch charts "$CHARTS_DIR/repo" python3 -m http.server --bind 127.0.0.1 --directory "$CHARTS_DIR/repo" "$port"
  wait_ready charts "GET $KPOPS_CHART_REPO_URL/index.yaml" curl -sf "$KPOPS_CHART_REPO_URL/index.yaml"
  log "charts: ready at $KPOPS_CHART_REPO_URL in $(elapsed "$started")s"
}
