#!/usr/bin/env bash
# Runs the JMH benchmarks (benchmarks module) and prints the target ratios. Never part of `verify`.
#
#   tools/bench.sh                          # everything (about 15 minutes)
#   tools/bench.sh 'Merkle|HashBaseline'    # a regex: only matching benchmarks
#   tools/bench.sh -p n=1024 -wi 3 Merkle   # further JMH options pass through
#   JMH_OPTS='-f 2 -t 1' tools/bench.sh     # replace the defaults (JMH refuses a repeated option)
#   SKIP_BUILD=1 tools/bench.sh ...         # reuse benchmarks/target/benchmarks.jar
#
# Warm-up and measurement iterations are set per benchmark class (@Warmup, @Measurement): the
# crypto and JSON paths need far longer JIT warm-up than raw hashing on these shared cores.
#
# Results: target/benchmarks/results-<UTC time>.json (JMH JSON), then a Markdown table and the
# target lines from org.citygate.benchmarks.BenchReport.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# One fork, one thread: this box has 2 shared cores; keep the second for the JIT, GC and neighbours.
JMH_OPTS="${JMH_OPTS:--f 1 -t 1}"
JAR=benchmarks/target/benchmarks.jar

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi

mkdir -p target/benchmarks
results="target/benchmarks/results-$(date -u +%Y%m%dT%H%M%SZ).json"
echo "nproc=$(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)  $(java -version 2>&1 | head -1)"
# CpuTimeProfiler adds CPU time per operation, which neighbours on the shared cores disturb far less
# than wall time; BenchReport judges the targets on it.
# shellcheck disable=SC2086 # JMH_OPTS is a word list on purpose
java -jar "$JAR" $JMH_OPTS -prof org.citygate.benchmarks.CpuTimeProfiler -rf json -rff "$results" "$@"

echo
echo "Results: $results"
java -cp "$JAR" org.citygate.benchmarks.BenchReport "$results"
