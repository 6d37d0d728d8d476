#!/usr/bin/env bash
# Installs PCRE2's headers if missing, then runs the whole test suite.
#
# On CI (CI=true), or when FUZZ_SECONDS is set, every fuzz target first runs for a short
# time (FUZZ_SECONDS, default 30) so that a regression the fuzzers know about is caught.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ -n "${FUZZ_SECONDS:-}" ] || [ "${CI:-}" = "true" ]; then
  Fuzz/run.sh "${FUZZ_SECONDS:-30}"
fi
swift test "$@"
