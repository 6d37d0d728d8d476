#!/usr/bin/env bash
# pwpolicy audit against the streaming C reference (Benchmarks/C/stream_audit.c):
# builds both, generates the seeded 10M-line corpus (Benchmarks/C/generate_corpus.c) and
# the awkward one (edge_corpus.py), checks that both programs give the same valid count on
# each, then times them back to back with /usr/bin/time (and hyperfine when installed).
#
#   Benchmarks/scripts/audit-vs-c.sh [PRESET] [LINES]    default tencentcloud.cvm.linux 10000000
set -euo pipefail
cd "$(dirname "$0")/../.."
preset="${1:-tencentcloud.cvm.linux}"
lines="${2:-10000000}"
work="${AUDIT_WORK:-/tmp/pwpolicy-audit-vs-c}"
mkdir -p "$work"
cc -O2 -o "$work/stream_audit" Benchmarks/C/stream_audit.c $(pkg-config --cflags --libs libpcre2-8)
cc -O2 -o "$work/generate_corpus" Benchmarks/C/generate_corpus.c
swift build -c release --product pwpolicy >&2
pwpolicy="$(swift build -c release --show-bin-path)/pwpolicy"
file="policies/${preset%%.*}/${preset#*.}.json"
mapfile -t rule < <(python3 Benchmarks/scripts/c-rule-arguments.py "$file")
[ -s "$work/corpus-$lines.txt" ] || "$work/generate_corpus" "$lines" > "$work/corpus-$lines.txt"
python3 Benchmarks/scripts/edge_corpus.py > "$work/edge.txt"
status=0
for corpus in "$work/corpus-$lines.txt" "$work/edge.txt"; do
  c_valid=$("$work/stream_audit" "${rule[@]}" < "$corpus" | awk '/^valid/ {print $2}')
  swift_valid=$("$pwpolicy" audit -p "$preset" --input "$corpus" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["valid"])' || true)
  echo "$(basename "$corpus"): C valid $c_valid, pwpolicy audit valid $swift_valid"
  [ "$c_valid" = "$swift_valid" ] || { echo "!! the valid counts differ" >&2; status=1; }
done
corpus="$work/corpus-$lines.txt"
for run in 1 2 3; do
  /usr/bin/time -f "C stream_audit:        %e s wall, %U+%S s CPU, %M KB" "$work/stream_audit" "${rule[@]}" < "$corpus" > /dev/null
  /usr/bin/time -f "pwpolicy audit --jobs 1: %e s wall, %U+%S s CPU, %M KB" "$pwpolicy" audit -p "$preset" --input "$corpus" --jobs 1 > /dev/null || true
  /usr/bin/time -f "pwpolicy audit --jobs 2: %e s wall, %U+%S s CPU, %M KB" "$pwpolicy" audit -p "$preset" --input "$corpus" --jobs 2 > /dev/null || true
done
if command -v hyperfine > /dev/null; then
  hyperfine -w 1 -r 5 \
    -n "C stream_audit" "$work/stream_audit ${rule[*]@Q} < $corpus" \
    -n "audit --jobs 1" "$pwpolicy audit -p $preset --input $corpus --jobs 1" \
    -n "audit --jobs 2" "$pwpolicy audit -p $preset --input $corpus --jobs 2" -i || true
fi
exit $status
