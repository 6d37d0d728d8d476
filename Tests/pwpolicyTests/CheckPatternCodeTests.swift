import Foundation
import Testing

/// `check --format jsonl` reports a forbidden pattern's own code beside `pattern.forbidden`.
@Suite struct CheckPatternCodeTests {
    @Test func patternViolationCarriesTheEntrysCode() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("p.json", #"{"id": "t.p", "length": {"min": 1}, "classes": [{"name": "a", "set": "a-zA-Z0-9"}], "forbidPatterns": [{"pattern": "(?i)pass", "code": "t.noPass", "message": "no pass"}]}"#)
        let result = try CommandRunner.run(["check", "-p", file, "--format", "jsonl"], input: "xPaSSx\nfine\n")
        #expect(result.status == 1)
        let first = try parseJSON(result.lines[0])
        let violations = try #require(first["violations"] as? [[String: Any]])
        #expect(violations.count == 1)
        #expect(violations[0]["code"] as? String == "pattern.forbidden")
        #expect(violations[0]["pattern"] as? String == "t.noPass")
        #expect(result.lines[1] == #"{"line": 2, "valid": true, "violations": []}"#)
    }
}
