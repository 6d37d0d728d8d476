#!/usr/bin/env bash
# Installs what the package needs to build on Debian/Ubuntu: PCRE2's headers (libpcre2-dev)
# and pkg-config. Does nothing when they are already there.
set -euo pipefail
if pkg-config --exists libpcre2-8 2>/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "libpcre2-8 not found: install PCRE2's development files (brew install pcre2, dnf install pcre2-devel, ...)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing libpcre2-dev and pkg-config..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libpcre2-dev pkg-config >/dev/null
