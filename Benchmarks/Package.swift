// swift-tools-version: 6.1
// The benchmark suite of swift-password-policy: a package of its own, so that the
// library's dependency graph stays untouched. Run from the repository root with
//
//     swift package --package-path Benchmarks benchmark
//
// (see README.md, "Performance").
import PackageDescription

let package = Package(
    name: "swift-password-policy-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-password-policy", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // Insecure.SHA1, measured against the library's own SHA-1 (BlocklistBenchmarks).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The system's PCRE2 (8-bit), for the one-anchored-pattern baseline. The main
        // package's CPCRE2 is internal to it, so the benchmarks declare their own.
        .systemLibrary(
            name: "CPCRE2Bench",
            path: "Sources/CPCRE2Bench",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // The hand-written C baseline: one 256-entry table, one loop.
        .target(name: "CTableLoop", path: "Sources/CTableLoop"),
        // The seeded corpus and the baselines, shared by the benchmark targets.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                "CPCRE2Bench",
                "CTableLoop",
                .product(name: "PasswordPolicy", package: "swift-password-policy"),
            ],
            path: "Sources/BenchmarkSupport"
        ),
        .executableTarget(
            name: "PasswordPolicyBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                "CTableLoop",
                .product(name: "PasswordPolicy", package: "swift-password-policy"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/PasswordPolicyBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
