#!/usr/bin/env bash
# Installs what the package needs to build and test on Debian/Ubuntu: PCRE2's headers
# (libpcre2-dev), pkg-config, python3 (the structure check and the preset scripts), and
# Debian's chromium (the browser test of the pre-flight page runs it headless).
# Does nothing when they are already there.
set -euo pipefail
missing=()
pkg-config --exists libpcre2-8 2>/dev/null || missing+=(libpcre2-dev pkg-config)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing: ${missing[*]}: install PCRE2's development files (brew install pcre2, dnf install pcre2-devel, ...), python3 and Chromium" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing ${missing[*]}..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
