// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "swift-password-policy",
    // Synchronization's Mutex sets the floor on Apple platforms; Linux needs glibc's getrandom.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        .library(name: "PasswordPolicy", targets: ["PasswordPolicy"]),
        .executable(name: "pwpolicy", targets: ["pwpolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation`: a command plugin only, nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // Tests only: Insecure.SHA1, the oracle the library's own SHA-1 (Blocklist/SHA1.swift) is
        // checked against. The library itself stays PCRE2 + the standard library.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // A thin C module over the system's PCRE2 (8-bit code units). Nothing but
        // Sources/PasswordPolicy/PCRE2 imports it (scripts/check-structure.py checks).
        //
        // Sources/PasswordPolicy is layered; each folder uses only those before it:
        // Support <- JSON <- Model <- Blocklist <- PCRE2 <- Compiled <- Validation, Generation
        //   <- Lint, Explain, Intersection, Interop <- Presets
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // getrandom(2) for the CSPRNG on Linux: Swift's Glibc module does not declare it.
        .systemLibrary(name: "CSystemRandom"),
        // SHA-1's block function with the x86 SHA extensions (header only; a no-op elsewhere).
        .systemLibrary(name: "CBlocklist"),
        // For the batch API's block scan (header only): the high bit of each of 16 bytes as
        // an integer (x86 PMOVMSKB; a loop elsewhere), a CPUID check, and the SSSE3/AVX2
        // nibble-lookup kernels that turn 64 bytes into bit masks.
        .systemLibrary(name: "CByteClasses"),
        .target(
            name: "PasswordPolicy",
            dependencies: ["CPCRE2", "CBlocklist", "CByteClasses", .target(name: "CSystemRandom", condition: .when(platforms: [.linux, .android]))],
            exclude: ["Blocklist/CommonPasswords.md"]
        ),
        .executableTarget(
            name: "pwpolicy",
            dependencies: [
                "PasswordPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PasswordPolicyTests",
            dependencies: ["PasswordPolicy", .product(name: "Crypto", package: "swift-crypto")],
            // A copy of ../shared/spec/conformance, read by path when ../shared is absent.
            exclude: ["Conformance", "BadPolicies", "Fixtures"]
        ),
        .testTarget(
            name: "pwpolicyTests",
            dependencies: ["pwpolicy"]
        ),
    ]
)
