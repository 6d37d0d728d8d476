import Foundation
@testable import PasswordPolicy

/// Paths and small helpers shared by the test files.
enum TestSupport {
    /// The repository's root directory.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The conformance vectors: `../shared/spec/conformance` beside the checkout when it is
    /// there (the binding copy), otherwise the copy kept in this test target.
    static var conformanceDirectory: URL {
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/spec/conformance")
        if FileManager.default.fileExists(atPath: shared.appendingPathComponent("README.md").path) { return shared }
        return packageRoot.appendingPathComponent("Tests/PasswordPolicyTests/Conformance")
    }

    static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    static func policy(_ json: String) throws -> Policy { try Policy(json: json) }
    static func compile(_ json: String) throws -> CompiledPolicy { try CompiledPolicy(Policy(json: json)) }
}
