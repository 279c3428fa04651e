#!/usr/bin/env bash
# The README's main job: installs what is missing, builds, and runs the Citygate demo.
# Today the demo is the offline proof pipeline (signed batches, epoch log, proof bundles and
# their verification); ingest, storage, anchoring and settlement join it as they land.
# Usage: tools/demo.sh [OUTPUT_DIR]   (default: target/demo)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${1:-target/demo}"

tools/install.sh
echo "citygate: building (tests skipped; run the README's test command for them)"
./mvnw -B -q -DskipTests package
JAR="$(ls proofs/target/citygate-proofs-*-cli.jar)"

java -cp "$JAR" org.citygate.proofs.demo.ProofDemo "$OUT"
echo
echo "citygate: checking the written bundles again with the stand-alone verifier:"
echo "  tools/citygate-verify --quiet $OUT/bundles/*.json"
status=0
tools/citygate-verify --quiet "$OUT"/bundles/*.json || status=$?
# The tampered bundle must fail (exit 1); anything else is a demo failure.
if [ "$status" -ne 1 ]; then
  echo "citygate: unexpected verifier exit status $status (want 1: the tampered bundle fails)" >&2
  exit 1
fi
echo "citygate: demo finished: genuine bundles consistent (not yet anchored on chain), the tampered one caught."
