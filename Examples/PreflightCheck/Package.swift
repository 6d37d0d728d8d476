// swift-tools-version: 6.1
// A consumer of swift-password-policy that uses only its public API, as a tool that checks a
// password before calling a cloud API would. scripts/test.sh builds it with warnings as errors.
import PackageDescription

let package = Package(
    name: "PreflightCheck",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Published packages name the repository instead:
        // .package(url: "https://github.com/<owner>/swift-password-policy", from: "0.2.0"),
        .package(name: "swift-password-policy", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "PreflightCheck",
            dependencies: [.product(name: "PasswordPolicy", package: "swift-password-policy")]
        ),
    ]
)
