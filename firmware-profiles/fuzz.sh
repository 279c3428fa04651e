#!/usr/bin/env bash
# Long fuzzing runs of the firmware-profile decoders with Jazzer's standalone driver.
#
#   firmware-profiles/fuzz.sh TARGET [SECONDS]      e.g. fuzz.sh SenmlCborFuzzTest 600
#   firmware-profiles/fuzz.sh --write-seeds         regenerate the checked-in seed corpus
#
# TARGET is one of SenmlCborFuzzTest, SenmlJsonFuzzTest, JsonMappingFuzzTest, BinaryLayoutFuzzTest.
# The corpus grows in firmware-profiles/target/fuzz-corpus/TARGET (seeded from the checked-in
# seeds); a crashing input is written to firmware-profiles/target/fuzz-findings/. Copy a finding
# into src/test/resources/org/citygate/profiles/fuzz/TARGETInputs/fuzz/ so that every build
# replays it, then fix the decoder.
set -euo pipefail
target="${1:?usage: fuzz.sh TARGET [SECONDS]}"
seconds="${2:-300}"
module="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$module")"
cd "$root"
./mvnw -B -q -pl firmware-profiles -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp_file="$module/target/test-classpath.txt"
classpath="$module/target/test-classes:$module/target/classes:$(cat "$cp_file")"
if [ "$target" = "--write-seeds" ]; then
  exec java -cp "$classpath" org.citygate.profiles.fuzz.SeedCorpusWriter "$module"
fi
corpus="$module/target/fuzz-corpus/$target"
findings="$module/target/fuzz-findings"
mkdir -p "$corpus" "$findings"
cp -n "$module/src/test/resources/org/citygate/profiles/fuzz/${target}Inputs/fuzz/"* "$corpus/" || true
exec java -Xmx1g -cp "$classpath" \
  com.code_intelligence.jazzer.Jazzer \
  --target_class="org.citygate.profiles.fuzz.$target" \
  -max_total_time="$seconds" -rss_limit_mb=2048 -artifact_prefix="$findings/" "$corpus"
