import Foundation
import Testing

/// `pwpolicy lint FILE...`: every problem of every file, with file and key path.
@Suite struct LintTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test func cleanFileIsOK() throws {
        // TestPolicies.basic without its forbidLeading "/", which lint warns never applies.
        let file = try directory.write("clean.json", TestPolicies.basic.replacingOccurrences(of: ",\n  \"forbidLeading\": \"/\"", with: ""))
        let result = try CommandRunner.run(["lint", file])
        #expect(result.status == 0)
        #expect(result.lines == ["\(file): ok"])
    }

    @Test func everyPresetFileIsClean() throws {
        let files = CommandRunner.presetFiles
        try #require(!files.isEmpty, "no preset files found in policies/")
        let result = try CommandRunner.run(["lint"] + files)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.lines == files.map { "\($0): ok" })
    }

    @Test func everyProblemIsListedWithItsKeyPath() throws {
        let file = try directory.write("bad.json", """
        {"id": "Bad Id", "length": {"min": 10, "max": 8},
         "classes": [{"name": "d", "set": "0-9"}, {"name": "x", "set": "[:alpa:]"}],
         "require": [{"atLeast": 3}, {"class": "nope", "min": 1}],
         "forbidPatterns": [{"pattern": "(abc", "code": "c", "message": "m"}]}
        """)
        let result = try CommandRunner.run(["lint", file])
        #expect(result.status == 1)
        let expected = ["id", "length", "require[0].atLeast", "require[1].class", "classes[1].set", "forbidPatterns[0].pattern"]
        for keyPath in expected {
            #expect(result.lines.contains { $0.hasPrefix("\(file): \(keyPath): ") }, "\(keyPath)")
        }
        #expect(result.lines.contains { $0.contains("PCRE2 error at offset 4") })
        #expect(result.lines.count == expected.count)
    }

    @Test func contradictionsAreFound() throws {
        let file = try directory.write("contradiction.json", """
        {"id": "t.contradiction", "length": {"min": 4, "max": 5},
         "classes": [{"name": "digits", "set": "0-9"}, {"name": "specials", "chars": "!#"}],
         "require": [{"class": "digits", "min": 3}, {"class": "specials", "min": 3}]}
        """)
        let result = try CommandRunner.run(["lint", file])
        #expect(result.status == 1)
        #expect(result.lines.contains { $0.hasPrefix("\(file): length.max: ") && $0.contains("6 characters") })
    }

    @Test func unknownKeyAndSyntaxErrors() throws {
        let unknown = try directory.write("unknown.json", #"{"id": "a.b", "length": {"min": 8, "mx": 9}, "classes": [{"name": "a", "set": "a"}]}"#)
        let syntax = try directory.write("syntax.json", "{\"id\": \"a.b\",\n \"classes\": [,]}")
        let result = try CommandRunner.run(["lint", unknown, syntax])
        #expect(result.status == 1)
        #expect(result.lines.contains { $0.hasPrefix("\(unknown): length.mx: ") && $0.contains("unknown key") })
        #expect(result.lines.contains { $0.hasPrefix("\(syntax): ") && $0.contains("line 2") })
    }

    @Test func everyFileIsReportedAndAnUnreadableOneExitsTwo() throws {
        let clean = try directory.write("clean.json", TestPolicies.basic)
        let bad = try directory.write("bad.json", #"{"id": "a.b"}"#)
        let missing = directory.url.appendingPathComponent("missing.json").path
        let result = try CommandRunner.run(["lint", clean, missing, bad])
        #expect(result.status == 2)
        #expect(result.lines.first == "\(clean): ok")
        #expect(result.lines.contains { $0.hasPrefix("\(bad): ") })
        #expect(result.stderr.contains(missing))
    }
}

/// The library's catalogue of broken policy files, run through `pwpolicy lint` in one go:
/// every file is reported with the key path and words the catalogue gives.
@Suite struct LintCatalogueTests {
    struct Entry: Decodable {
        var file: String
        var keyPath: String
        var contains: String
    }

    @Test func everyBrokenFileIsReported() throws {
        let directory = CommandRunner.packageRoot.appendingPathComponent("Tests/PasswordPolicyTests/BadPolicies")
        // A missing or unreadable catalogue fails the test: it must never pass by checking nothing.
        let data = try Data(contentsOf: directory.appendingPathComponent("catalogue.json"))
        let entries = try JSONDecoder().decode([Entry].self, from: data)
        try #require(!entries.isEmpty, "the catalogue lists no files")
        let paths = entries.map { directory.appendingPathComponent($0.file).path }
        let result = try CommandRunner.run(["lint"] + paths)
        #expect(result.status == 1)
        #expect(!result.lines.contains { $0.hasSuffix(": ok") })
        for (entry, path) in zip(entries, paths) {
            let prefix = entry.keyPath.isEmpty ? "\(path): " : "\(path): \(entry.keyPath): "
            #expect(result.lines.contains { $0.hasPrefix(prefix) && $0.contains(entry.contains) }, "\(entry.file)")
        }
    }
}
