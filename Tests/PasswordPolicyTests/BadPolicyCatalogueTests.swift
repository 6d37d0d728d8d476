import Foundation
import Testing
@testable import PasswordPolicy

/// The catalogue in BadPolicies/: each file is a broken policy, and catalogue.json says the
/// key path and the words its error must have. Every one is refused with that error,
/// alone or among others; none crashes, hangs or passes.
@Suite struct BadPolicyCatalogueTests {
    struct Entry: Decodable, CustomTestStringConvertible, Sendable {
        var file: String
        var keyPath: String
        var contains: String
        var testDescription: String { file }
    }

    static let directory = TestSupport.packageRoot.appendingPathComponent("Tests/PasswordPolicyTests/BadPolicies")

    /// The catalogue's entries. A catalogue that cannot be read or decoded is an error: it
    /// fails the tests below rather than leaving them nothing to check.
    static func entries() throws -> [Entry] {
        let data = try Data(contentsOf: directory.appendingPathComponent("catalogue.json"))
        return try JSONDecoder().decode([Entry].self, from: data)
    }

    @Test func catalogueIsComplete() throws {
        let entries = try BadPolicyCatalogueTests.entries()
        try #require(!entries.isEmpty, "the catalogue lists no bad policies")
        #expect(entries.count >= 45)
        let files = try FileManager.default.contentsOfDirectory(atPath: BadPolicyCatalogueTests.directory.path).filter { $0 != "catalogue.json" }
        #expect(Set(files) == Set(entries.map(\.file)))
    }

    // A throwing argument expression: if the catalogue cannot be read, this test fails.
    @Test(arguments: try BadPolicyCatalogueTests.entries())
    func refusedWithItsError(entry: Entry) throws {
        let bytes = try Array(Data(contentsOf: BadPolicyCatalogueTests.directory.appendingPathComponent(entry.file)))
        let error = try #require(throws: PolicyError.self) { _ = try CompiledPolicy(Policy(json: bytes)) }
        #expect(error.problems.contains { $0.keyPath == entry.keyPath && $0.description.contains(entry.contains) }, "\(error.problems)")
    }
}
