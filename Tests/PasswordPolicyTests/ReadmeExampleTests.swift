import Foundation
import Testing
@testable import PasswordPolicy

/// README.md's library example is real code: it is this test target's ReadmeExample.swift.
@Suite struct ReadmeExampleTests {
    static func lines(between begin: String, and end: String, in text: String) -> [String] {
        let all = text.components(separatedBy: "\n")
        guard let start = all.firstIndex(where: { $0.contains(begin) }),
              let stop = all[start...].firstIndex(where: { $0.contains(end) }) else { return [] }
        return Array(all[(start + 1)..<stop])
    }

    @Test func readmeShowsTheCompiledExample() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Tests/PasswordPolicyTests/ReadmeExample.swift"), encoding: .utf8)
        let fromSource = ReadmeExampleTests.lines(between: "README-BEGIN", and: "README-END", in: source)
            .map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0 }
        let fromReadme = ReadmeExampleTests.lines(between: "<!-- example:begin -->", and: "<!-- example:end -->", in: readme)
            .filter { !$0.hasPrefix("```") }
        #expect(!fromSource.isEmpty)
        #expect(fromReadme == fromSource)
    }

    @Test func exampleRunsAndPrintsWhatItSays() throws {
        let printed = try readmeExample()
        #expect(printed.map { $0.split(separator: ":")[0] } == ["length.short", "classes.insufficient", "leading.forbidden"])
        #expect(printed.first == "length.short: too short: 4 characters, at least 12 required")
    }
}
