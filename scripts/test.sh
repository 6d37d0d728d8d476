#!/usr/bin/env bash
# Installs PCRE2's headers if missing, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift test "$@"
