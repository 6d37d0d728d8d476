#!/usr/bin/env bash
# The main job on the built-in presets: list them, explain one, judge passwords against
# each, combine two, generate compliant passwords, and lint the preset files.
# Installs PCRE2's headers first if they are missing, then builds pwpolicy.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
echo "building pwpolicy..." >&2
swift build -c release --product pwpolicy >&2
bin="$(swift build -c release --show-bin-path)/pwpolicy"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step pwpolicy presets
"$bin" presets

step pwpolicy explain -p tencentcloud.cvm.windows
"$bin" explain -p tencentcloud.cvm.windows

# Sample passwords (demo data, never real secrets): the seeds' own examples first.
samples=$'zy456987\n12D3E@!r5ed\nabc123ABC!@#\n/abc123ABC!@#\nshort\nAa1-Aa1-Aa1-Aa1\nPass word 12\n'
for preset in huaweicloud.dcs huaweicloud.dms.kafka tencentcloud.cvm.linux tencentcloud.cvm.windows tencentcloud.mongodb tencentcloud.redis \
              aws.rds.mysql aws.rds.oracle azure.vm.windows oci.dbsystem; do
  step "printf '...' | pwpolicy check -p $preset"
  printf '%s' "$samples" | "$bin" check -p "$preset" || true
done

step pwpolicy explain -p aws.rds.oracle
"$bin" explain -p aws.rds.oracle

step "pwpolicy presets --vendor web | head -5   (website rules from Apple's password-manager-resources)"
"$bin" presets --vendor web | head -5 || true

step "pwpolicy explain -p web.apple.com; pwpolicy generate -p web.chase.com --count 2"
"$bin" explain -p web.apple.com
"$bin" generate -p web.chase.com --count 2

step "pwpolicy convert -p aws.rds.mysql --to vault   (a Vault password policy whose passwords RDS accepts)"
"$bin" convert -p aws.rds.mysql --to vault

step "pwpolicy generate -p aws.rds.postgresql -p azure.sql.database --count 3   (a password both services accept)"
"$bin" generate -p aws.rds.postgresql -p azure.sql.database --count 3

step "printf 'abc123ABC!@#\\nabcdefgh12\\n' | pwpolicy check -p tencentcloud.cvm.linux -p tencentcloud.cvm.windows --format jsonl"
printf 'abc123ABC!@#\nabcdefgh12\n' | "$bin" check -p tencentcloud.cvm.linux -p tencentcloud.cvm.windows --format jsonl || true

for preset in tencentcloud.cvm.linux huaweicloud.dms.kafka tencentcloud.mongodb; do
  step "pwpolicy generate -p $preset --count 3 --format json"
  "$bin" generate -p "$preset" --count 3 --format json
done

step "pwpolicy generate -p tencentcloud.cvm.linux -p tencentcloud.cvm.windows --length 12-16 --count 3 --exclude Il1O0"
"$bin" generate -p tencentcloud.cvm.linux -p tencentcloud.cvm.windows --length 12-16 --count 3 --exclude Il1O0

step "pwpolicy generate --count 2000 ... | pwpolicy check ...   (every generated password is accepted)"
"$bin" generate -p huaweicloud.dcs --count 2000 | "$bin" check -p huaweicloud.dcs | grep -c ': ok$' | sed 's/$/ of 2000 accepted/'

step "pwpolicy lint policies/*/*.json   (every preset file, $(ls policies/*/*.json | wc -l) of them)"
"$bin" lint policies/*/*.json | grep -vc ': ok$' | sed 's/$/ files with problems/' || true
"$bin" lint policies/*/*.json > /dev/null && echo "all preset files lint clean"
