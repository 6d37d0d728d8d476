#!/bin/bash
# Instructions per password of violationCodes / isValid / validate (UTF-8, whole corpus)
# for two checkouts of the library, under valgrind's cachegrind: a count that load on the
# machine does not change (README, "Performance").
#
#   Benchmarks/scripts/instruction-count/run.sh OLD_CHECKOUT NEW_CHECKOUT [PRESET...]
#
# Needs valgrind. Each checkout is built in release in a scratch package under /tmp.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd); shift 2
presets=("${@:-tencentcloud.cvm.linux}")
build() {  # checkout -> binary path
    local dir; dir=$(mktemp -d /tmp/pwpolicy-icount.XXXXXX)
    mkdir -p "$dir/Sources/harness" && cp "$here/harness.swift" "$dir/Sources/harness/main.swift"
    cat > "$dir/Package.swift" <<PKG
// swift-tools-version: 6.0
import PackageDescription
let package = Package(name: "harness", platforms: [.macOS(.v15)], dependencies: [.package(path: "$1")],
  targets: [.executableTarget(name: "harness", dependencies: [.product(name: "PasswordPolicy", package: "$(basename "$1")")])])
PKG
    swift build -c release --package-path "$dir" >&2
    echo "$dir/.build/release/harness"
}
count() {  # binary mode preset -> instructions
    MODE=$2 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$1" "$3" 2>&1 | awk '/I *refs/ {gsub(",", "", $4); print $4}'
}
for side in old new; do
    bin=$(build "${!side}")
    for preset in "${presets[@]}"; do
        base=$(count "$bin" none "$preset")
        for mode in codes isvalid validate; do
            echo "$side $preset $mode $(( ($(count "$bin" "$mode" "$preset") - base) / 3000000 )) instructions/password"
        done
    done
done
