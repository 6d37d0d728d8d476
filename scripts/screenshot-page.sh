#!/usr/bin/env bash
# Takes docs/preflight-page.png: the pre-flight page of one preset (default
# tencentcloud.cvm.linux) in headless Chromium, after a short password was typed.
#   scripts/screenshot-page.sh [preset]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-tencentcloud.cvm.linux}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build --product pwpolicy >/dev/null
"$(swift build --show-bin-path)/pwpolicy" export -p "$preset" --to html-page 2>/dev/null > "$work/page.html"
# Type a sample password the way a user would: set the value, fire an input event.
sed -i 's#</body>#<script>const f = document.getElementById("password"); f.value = "/abc12"; f.dispatchEvent(new Event("input"));</script></body>#' "$work/page.html"
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=900,600 --screenshot="$PWD/docs/preflight-page.png" "file://$work/page.html" 2>/dev/null
echo "wrote docs/preflight-page.png" >&2
