#!/usr/bin/env bash
# Installs PCRE2's headers if missing, then runs the whole test suite:
#   1. scripts/check-structure.py: the C module is imported only by PCRE2/, the layers of
#      Sources/PasswordPolicy point one way, and files and functions stay small;
#   2. on CI (CI=true), or when FUZZ_SECONDS is set, every fuzz target for a short time
#      (FUZZ_SECONDS, default 15), so that a regression the fuzzers know about is caught;
#   3. Examples/PreflightCheck, a consumer of the public API only, built with warnings as errors;
#   4. swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
python3 scripts/check-structure.py
if [ -n "${FUZZ_SECONDS:-}" ] || [ "${CI:-}" = "true" ]; then
  Fuzz/run.sh "${FUZZ_SECONDS:-15}"
fi
echo "building Examples/PreflightCheck (public API only, warnings as errors)..." >&2
swift build --package-path Examples/PreflightCheck -Xswiftc -warnings-as-errors
swift test "$@"
