import Foundation
import Testing
@testable import PasswordPolicy

/// Runs every judged password of `../shared/spec/conformance` against its policy.
@Suite struct ConformanceTests {
    struct Vector: Decodable {
        var passwordHex: String
        var valid: Bool
        var codes: [String]
    }

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.conformanceDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func vectorsArePresent() {
        #expect(ConformanceTests.names.count >= 3)
    }

    @Test(arguments: ConformanceTests.names)
    func vectors(name: String) throws {
        let directory = TestSupport.conformanceDirectory
        let policyData = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        let compiled = try CompiledPolicy(Policy(json: Array(policyData)))
        let lines = try String(contentsOf: directory.appendingPathComponent(name + ".jsonl"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.isEmpty }
        #expect(!lines.isEmpty)
        for (number, line) in lines.enumerated() {
            let vector = try JSONDecoder().decode(Vector.self, from: Data(line.utf8))
            let bytes = TestSupport.bytes(hex: vector.passwordHex)
            let violations = compiled.validate(utf8: bytes)
            let codes = violations.codes.map(\.rawValue)
            #expect(codes == vector.codes.sorted(), "\(name).jsonl line \(number + 1)")
            #expect(violations.isEmpty == vector.valid, "\(name).jsonl line \(number + 1)")
            #expect(compiled.isValid(utf8: bytes) == vector.valid, "isValid, \(name).jsonl line \(number + 1)")
            if let text = String(validating: bytes, as: UTF8.self) {
                #expect(compiled.validate(text).codes == violations.codes, "String API, \(name).jsonl line \(number + 1)")
                #expect(compiled.isValid(text) == vector.valid, "String isValid, \(name).jsonl line \(number + 1)")
            }
        }
    }
}
