import Foundation
import Testing

/// `pwpolicy check`: verdicts, formats, line splitting, exit status.
@Suite struct CheckTests {
    let directory: TemporaryDirectory
    let basic: String

    init() throws {
        directory = try TemporaryDirectory()
        basic = try directory.write("basic.json", TestPolicies.basic)
    }

    @Test func allValidExitsZero() throws {
        let result = try CommandRunner.run(["check", "-p", basic], input: "abcDEF12\nabc123!!\n")
        #expect(result.status == 0)
        #expect(result.lines == ["line 1: ok", "line 2: ok"])
        #expect(result.stderr.isEmpty)
    }

    @Test func anyInvalidExitsOne() throws {
        let result = try CommandRunner.run(["check", "-p", basic], input: "abcDEF12\nshort\n")
        #expect(result.status == 1)
        #expect(result.lines.count == 2)
        #expect(result.lines[0] == "line 1: ok")
        #expect(result.lines[1].hasPrefix("line 2: too short: 5 characters, at least 8 required; "))
    }

    @Test func textJoinsEveryMessage() throws {
        // Too short, only one class, starts with the forbidden /.
        let result = try CommandRunner.run(["check", "-p", basic], input: "/ab\n")
        #expect(result.status == 1)
        let line = try #require(result.lines.first)
        #expect(line.hasPrefix("line 1: "))
        let messages = line.dropFirst("line 1: ".count).components(separatedBy: "; ")
        #expect(messages.count >= 3)
        #expect(messages.contains { $0.hasPrefix("too short") })
        #expect(messages.contains { $0.hasPrefix("must not start with") })
    }

    @Test func jsonlHasTheSpecifiedShapeInInputOrder() throws {
        let input = "abcDEF12\nshort\n\nABCdef34\n"
        let result = try CommandRunner.run(["check", "-p", basic, "--format", "jsonl"], input: input)
        #expect(result.status == 1)
        #expect(result.lines.count == 4)
        #expect(result.lines[0] == #"{"line": 1, "valid": true, "violations": []}"#)
        #expect(result.lines[1].hasPrefix(#"{"line": 2, "valid": false, "violations": [{"code": "length.short", "message": "too short: 5 characters"#))
        for (index, line) in result.lines.enumerated() {
            let object = try parseJSON(line)
            #expect(Set(object.keys) == ["line", "valid", "violations"])
            #expect(object["line"] as? Int == index + 1)
            let violations = try #require(object["violations"] as? [[String: Any]])
            #expect((object["valid"] as? Bool) == violations.isEmpty)
            for violation in violations {
                #expect(Set(violation.keys) == ["code", "message"])
                #expect(violation["code"] is String)
                #expect(!((violation["message"] as? String) ?? "").isEmpty)
            }
        }
        let codes = try (parseJSON(result.lines[2])["violations"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["length.short", "classes.insufficient"])
        #expect(try parseJSON(result.lines[3])["valid"] as? Bool == true)
    }

    @Test func jsonlEscapesMessages() throws {
        // A pattern's own message, with quotes, a backslash and a tab, is reported verbatim.
        let policy = try directory.write("pattern.json", #"""
        {"id": "test.pattern", "length": {"min": 1}, "classes": [{"name": "any", "set": "\\x{1}-\\x{10ffff}"}],
         "forbidPatterns": [{"pattern": "(?i)pass", "code": "test.pass", "message": "no \"pass\" \\ here\tplease"}]}
        """#)
        let result = try CommandRunner.run(["check", "-p", policy, "--format", "jsonl"], input: "xPASSx\n")
        #expect(result.status == 1)
        let line = try #require(result.lines.first)
        let violations = try #require(parseJSON(line)["violations"] as? [[String: Any]])
        #expect(violations.first?["code"] as? String == "pattern.forbidden")
        #expect((violations.first?["message"] as? String)?.hasPrefix("no \"pass\" \\ here\tplease") == true)
    }

    @Test func jsonlEscapesLineSeparators() throws {
        // U+2028 and U+2029 end a line to JavaScript: written as \u2028 and \u2029.
        let policy = try directory.write("separators.json", #"""
        {"id": "test.separators", "length": {"min": 1}, "classes": [{"name": "any", "set": "\\x{1}-\\x{10ffff}"}],
         "forbidPatterns": [{"pattern": "(?i)pass", "code": "test.pass", "message": "one\u2028two\u2029three é"}]}
        """#)
        let result = try CommandRunner.run(["check", "-p", policy, "--format", "jsonl"], input: "xPASSx\n")
        #expect(result.status == 1)
        let line = try #require(result.lines.first)
        #expect(line.contains(#"one\u2028two\u2029three é"#))
        #expect(!line.contains("\u{2028}") && !line.contains("\u{2029}"))
        let violations = try #require(parseJSON(line)["violations"] as? [[String: Any]])
        #expect((violations.first?["message"] as? String)?.hasPrefix("one\u{2028}two\u{2029}three é") == true)
    }

    @Test func crlfLosesOneCarriageReturn() throws {
        let result = try CommandRunner.run(["check", "-p", basic, "--format", "jsonl"], input: "abcDEF12\r\nabcDEF12\r\r\n")
        #expect(result.lines.count == 2)
        #expect(result.lines[0] == #"{"line": 1, "valid": true, "violations": []}"#)
        // The second CR is part of the password, and not an allowed character.
        #expect(result.lines[1].contains(#""code": "charset.disallowed""#))
        #expect(result.status == 1)
    }

    @Test func emptyLineIsAnEmptyPassword() throws {
        let result = try CommandRunner.run(["check", "-p", basic], input: "abcDEF12\n\nabcDEF12\n")
        #expect(result.lines.count == 3)
        #expect(result.lines[1].hasPrefix("line 2: too short: 0 characters"))
        #expect(result.status == 1)
        let alone = try CommandRunner.run(["check", "-p", basic], input: "\n")
        #expect(alone.lines.count == 1)
        #expect(alone.status == 1)
    }

    @Test func lastLineWithoutNewlineIsJudged() throws {
        let result = try CommandRunner.run(["check", "-p", basic], input: "short\nabcDEF12")
        #expect(result.lines.count == 2)
        #expect(result.lines.first?.hasPrefix("line 1: too short") == true)
        #expect(result.lines.last == "line 2: ok")
    }

    @Test func emptyInputGivesNoOutput() throws {
        for format in ["text", "jsonl"] {
            let result = try CommandRunner.run(["check", "-p", basic, "--format", format], input: "")
            #expect(result.status == 0)
            #expect(result.stdoutBytes.isEmpty)
            #expect(result.stderrBytes.isEmpty)
        }
    }

    @Test func invalidUTF8IsReportedAndTheRunGoesOn() throws {
        let input: [UInt8] = Array("abcDEF12\n".utf8) + [0x61, 0x62, 0xFF, 0x63, 0x0A] + [0xC3, 0x28, 0x0A] + Array("abcDEF12\n".utf8)
        let result = try CommandRunner.run(["check", "-p", basic, "--format", "jsonl"], input: input)
        #expect(result.status == 1)
        #expect(result.lines.count == 4)
        #expect(result.lines[0].contains(#""valid": true"#))
        #expect(result.lines[1].hasPrefix(#"{"line": 2, "valid": false, "violations": [{"code": "encoding.invalid""#))
        #expect(result.lines[2].hasPrefix(#"{"line": 3, "valid": false, "violations": [{"code": "encoding.invalid""#))
        #expect(result.lines[3] == #"{"line": 4, "valid": true, "violations": []}"#)
        // The output is valid UTF-8 JSON even though the input was not.
        for line in result.lines { _ = try parseJSON(line) }
    }

    @Test func overlongLineIsJudgedByLengthWithoutStoppingTheRun() throws {
        let input = Array("abcDEF12\n".utf8) + [UInt8](repeating: 0x61, count: 200_000) + Array("\r\nabcDEF12\n".utf8)
        let result = try CommandRunner.run(["check", "-p", basic, "--format", "jsonl"], input: input)
        #expect(result.status == 1)
        #expect(result.lines.count == 3)
        #expect(result.lines[1].hasPrefix(#"{"line": 2, "valid": false, "violations": [{"code": "length.long", "message": "too long: 200000 characters"#))
        #expect(result.lines[2] == #"{"line": 3, "valid": true, "violations": []}"#)
    }

    @Test func overlongLineBeyondThePolicyMaximumIsAClearError() throws {
        let unbounded = try directory.write("unbounded.json", #"{"id": "test.unbounded", "length": {"min": 1}, "classes": [{"name": "a", "set": "a"}]}"#)
        let input = [UInt8](repeating: 0x61, count: 100_000) + Array("\naaa\n".utf8)
        let result = try CommandRunner.run(["check", "-p", unbounded], input: input)
        #expect(result.status == 1)
        #expect(result.lines.count == 2)
        #expect(result.lines[0].contains("100000 bytes"))
        #expect(result.lines[0].contains("not judged"))
        #expect(result.lines[1] == "line 2: ok")
    }

    @Test func manyLinesStream() throws {
        // 200,000 lines, alternating valid and invalid: every verdict, in order.
        var input = [UInt8]()
        input.reserveCapacity(2_000_000)
        for index in 0..<200_000 { input += Array((index % 2 == 0 ? "abcDEF12\n" : "short\n").utf8) }
        let result = try CommandRunner.run(["check", "-p", basic], input: input)
        #expect(result.status == 1)
        let lines = result.lines
        #expect(lines.count == 200_000)
        #expect(lines.first == "line 1: ok")
        #expect(lines.last?.hasPrefix("line 200000: too short") == true)
        #expect(lines[99_998] == "line 99999: ok")
    }

    @Test func contextValuesAreForbidden() throws {
        let policy = try directory.write("context.json", TestPolicies.withContext)
        let input = "xxalice2024\nbob2024bob\n"
        let without = try CommandRunner.run(["check", "-p", policy], input: input)
        #expect(without.status == 0)
        let with = try CommandRunner.run(["check", "-p", policy, "--context", "username=ALICE", "--format", "jsonl"], input: input)
        #expect(with.status == 1)
        #expect(with.lines[0].contains(#""code": "context.contained""#))
        #expect(with.lines[1] == #"{"line": 2, "valid": true, "violations": []}"#)
        #expect(!with.stdout.contains("ALICE") && !with.stdout.contains("alice"))
    }

    @Test func contextNotUsedByThePolicyIsWarnedAbout() throws {
        let result = try CommandRunner.run(["check", "-p", basic, "--context", "username=alice"], input: "abcDEF12\n")
        #expect(result.status == 0)
        #expect(result.stderr.contains("--context username is ignored"))
        #expect(!result.stderr.contains("alice"))
    }

    @Test(arguments: [
        ["check", "-p", "test.json", "--context", "username"],
        ["check", "-p", "test.json", "--context", "=alice"],
        ["check", "-p", "test.json", "--context", "a=1", "--context", "a=2"],
    ])
    func malformedContextIsAUsageError(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments, input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--context"))
    }

    @Test func passwordsOnTheCommandLineAreRefusedWithoutBeingEchoed() throws {
        let result = try CommandRunner.run(["check", "-p", basic, "Tr0ub4dor&3xyz"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("standard input"))
        #expect(!result.stderr.contains("Tr0ub4dor"))
        #expect(result.stdoutBytes.isEmpty)
    }

    @Test func intersectionOfTwoPoliciesRequiresBoth() throws {
        let lowerDigits = try directory.write("lower-digits.json", """
        {"id": "test.short", "length": {"min": 6, "max": 10}, "classes": [{"name": "lower", "set": "a-z"}, {"name": "digits", "set": "0-9"}, {"name": "upper", "set": "A-Z"}]}
        """)
        // abcDEF12: 8 characters, valid under both. abcDEF12345: 11, too long for the second.
        // abc!12: too short for basic, and ! is not allowed in the second.
        let input = "abcDEF12\nabcDEF12345\nabc!12\n"
        let first = try CommandRunner.run(["check", "-p", basic], input: input)
        let second = try CommandRunner.run(["check", "-p", lowerDigits], input: input)
        let both = try CommandRunner.run(["check", "-p", basic, "-p", lowerDigits, "--format", "jsonl"], input: input)
        #expect(first.lines[1] == "line 2: ok")
        #expect(second.lines[0] == "line 1: ok")
        #expect(both.status == 1)
        #expect(both.lines[0] == #"{"line": 1, "valid": true, "violations": []}"#)
        #expect(both.lines[1].contains(#""code": "length.long""#))
        #expect(both.lines[2].contains(#""code": "charset.disallowed""#))
        #expect(both.lines[2].contains(#""code": "length.short""#))
    }

    @Test func presetIntersectionOfCVMLinuxAndWindowsIsTheWindowsRule() throws {
        let ids = CommandRunner.presetIDs
        try #require(ids.contains("tencentcloud.cvm.linux") && ids.contains("tencentcloud.cvm.windows"), "the CVM presets are missing from policies/")
        // Valid on Linux (8-16, 2 classes), too short and too few classes for Windows.
        let input = "abc12345\nabc123ABC!@#\n"
        let linux = try CommandRunner.run(["check", "-p", "tencentcloud.cvm.linux"], input: input)
        let both = try CommandRunner.run(["check", "-p", "tencentcloud.cvm.linux", "-p", "tencentcloud.cvm.windows", "--format", "jsonl"], input: input)
        let windows = try CommandRunner.run(["check", "-p", "tencentcloud.cvm.windows", "--format", "jsonl"], input: input)
        #expect(linux.status == 0)
        #expect(both.status == 1)
        #expect(both.lines[0].contains(#""code": "length.short""#))
        #expect(both.lines[1] == #"{"line": 2, "valid": true, "violations": []}"#)
        #expect(windows.lines.map { $0.contains(#""valid": true"#) } == both.lines.map { $0.contains(#""valid": true"#) })
    }

    @Test func seedExamplesPassTheirPresets() throws {
        let examples = [
            ("tencentcloud.redis", "zy456987"),
            ("tencentcloud.mongodb", "12D3E@!r5ed"),
            ("tencentcloud.cvm.linux", "abc123ABC!@#"),
            ("tencentcloud.cvm.windows", "abc123ABC!@#"),
        ]
        let ids = CommandRunner.presetIDs
        for (id, password) in examples where ids.contains(id) {
            let result = try CommandRunner.run(["check", "-p", id], input: password + "\n")
            #expect(result.status == 0, "\(id)")
            #expect(result.lines == ["line 1: ok"], "\(id)")
        }
    }
}
