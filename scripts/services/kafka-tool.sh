#!/usr/bin/env bash
# Runs one of Kafka's own command-line tools on the broker's classpath (the jars start.sh fetched).
# Usage: scripts/services/kafka-tool.sh MAIN_CLASS ARGS...
#   e.g. scripts/services/kafka-tool.sh org.apache.kafka.tools.TopicCommand \
#          --bootstrap-server 127.0.0.1:PORT --describe --topic words
set -euo pipefail
# shellcheck source=common.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"
[[ $# -ge 1 ]] || die "usage: kafka-tool.sh MAIN_CLASS ARGS..."
[[ -d "$KAFKA_LIBS" ]] || die "no Kafka jars at $KAFKA_LIBS; run scripts/services/start.sh kafka first"
exec "${JAVA:-$(find_java 17)}" -Xmx256m -XX:TieredStopAtLevel=1 \
  -Dlog4j2.configurationFile="$SERVICES_TOOLS/log4j2-tools.properties" -cp "$KAFKA_LIBS/*" "$@"
