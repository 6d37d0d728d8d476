#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) and runs each for a while.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]     default: 30 seconds, every target
#
# Each target is the library's sources compiled together with Fuzz/Targets/NAME.swift and
# the test helpers it shares with the unit tests (Tests/PasswordPolicyTests/Reference).
# Corpora grow in Fuzz/out/corpus/NAME (ignored by git), seeded from Fuzz/Corpus/NAME;
# a crash leaves its input in Fuzz/out/ and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=()
  for file in Fuzz/Targets/*.swift; do targets+=("$(basename "$file" .swift)"); done
fi
scripts/install-deps.sh
mkdir -p Fuzz/out/bin
library=$(find Sources/PasswordPolicy -name '*.swift' | sort)
shared=$(find Tests/PasswordPolicyTests/Reference Fuzz/Support -name '*.swift' | sort)
status=0
for target in "${targets[@]}"; do
  binary="Fuzz/out/bin/$target"
  echo "== building $target" >&2
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -D FUZZING -module-name FuzzTarget \
    -I Sources/CPCRE2 -I Sources/CSystemRandom $library $shared "Fuzz/Targets/$target.swift" -lpcre2-8 -o "$binary" 2> "Fuzz/out/$target.build.log" \
    || { cat "Fuzz/out/$target.build.log" >&2; exit 1; }
  corpus="Fuzz/out/corpus/$target"
  mkdir -p "$corpus"
  echo "== running $target for ${seconds}s" >&2
  if ! SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
      -artifact_prefix="Fuzz/out/$target-" -print_final_stats=1 "$corpus" "Fuzz/Corpus/$target" 2> "Fuzz/out/$target.log"; then
    echo "!! $target found a problem; see Fuzz/out/$target.log" >&2
    tail -40 "Fuzz/out/$target.log" >&2
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "Fuzz/out/$target.log" | sed "s/^/$target /" >&2 || true
done
exit $status
