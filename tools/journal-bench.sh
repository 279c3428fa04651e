#!/usr/bin/env bash
# The gateway journal's storage benchmark (docs/journal.md): SQLite against H2 MVStore, RocksDB
# and a hand-written segment log, each in a fresh JVM, same run. Not part of the tests.
# Usage: tools/journal-bench.sh [--rounds 2] [--slices 10] [--slice-ms 100] [--only a,b]
#        SKIP_BUILD=1 tools/journal-bench.sh ...   reuse the last build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="$ROOT/gateway/target/journal-bench.classpath"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -pl gateway -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
fi
CP="$ROOT/gateway/target/test-classes:$ROOT/gateway/target/classes:$(cat "$CP_FILE")"
exec java -cp "$CP" org.citygate.gateway.journal.bench.JournalStoreBench \
  --dir "$ROOT/gateway/target/journal-bench" "$@"
