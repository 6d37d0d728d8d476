import Foundation
import Testing

/// `pwpolicy bench` and `pwpolicy audit`: counts that agree with `check`, summaries,
/// exit status, and no password in any output.
@Suite struct BenchAuditCommandTests {
    let directory: TemporaryDirectory
    let basic: String

    init() throws {
        directory = try TemporaryDirectory()
        basic = try directory.write("basic.json", TestPolicies.basic)
    }

    /// Lines with every kind of verdict under `TestPolicies.basic`: valid, too short, too
    /// long, disallowed, forbidden first character, too few classes, CRLF, empty, not
    /// UTF-8, and one over `check`'s 64 KiB line limit.
    static func mixedInput() -> [UInt8] {
        var bytes: [UInt8] = []
        for line in ["abcDEF12", "short", "abcDEF12abcDEF12", "abc DEF12", "/bcDEF12", "abcdefgh", "ABCdef34\r", "", "Xy1!Xy1!Xy"] {
            bytes += Array(line.utf8) + [0x0A]
        }
        bytes += Array("abcD".utf8) + [0xFF] + Array("F12".utf8) + [0x0A]
        bytes += Array(String(repeating: "aB3", count: 30_000).utf8) + [0x0A]
        bytes += Array("lastLine9".utf8)   // no final LF
        return bytes
    }

    /// The codes `check --format jsonl` reports per line (empty for a valid line).
    func checkCodes(_ input: [UInt8], policy: String) throws -> [[String]] {
        let result = try CommandRunner.run(["check", "-p", policy, "--format", "jsonl"], input: input)
        #expect(result.status == 0 || result.status == 1)
        return try result.lines.map { line in
            let object = try parseJSON(line)
            let violations = try #require(object["violations"] as? [[String: Any]])
            return violations.compactMap { $0["code"] as? String }
        }
    }

    // MARK: bench

    @Test func benchValidCountIsCheckValidCount() throws {
        let input = BenchAuditCommandTests.mixedInput()
        let file = directory.url.appendingPathComponent("mixed.txt")
        try Data(input).write(to: file)
        let verdicts = try checkCodes(input, policy: basic)
        let result = try CommandRunner.run(["bench", "-p", basic, "--input", file.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try parseJSON(result.stdout)
        #expect(Set(object.keys) == ["passwords", "valid", "nsPerPassword", "passwordsPerSecond", "batchMBPerSecond", "batchPasswordsPerSecond"])
        #expect(object["passwords"] as? Int == verdicts.count)
        #expect(object["valid"] as? Int == verdicts.filter(\.isEmpty).count)
        #expect(((object["nsPerPassword"] as? NSNumber)?.doubleValue ?? -1) > 0)
        #expect(((object["passwordsPerSecond"] as? NSNumber)?.doubleValue ?? -1) > 0)
        #expect(((object["batchMBPerSecond"] as? NSNumber)?.doubleValue ?? -1) > 0)
        #expect(((object["batchPasswordsPerSecond"] as? NSNumber)?.doubleValue ?? -1) > 0)

        // --count keeps the first lines.
        let first = try CommandRunner.run(["bench", "-p", basic, "--input", file.path, "--count", "3", "--format", "json"])
        let firstObject = try parseJSON(first.stdout)
        #expect(firstObject["passwords"] as? Int == 3)
        #expect(firstObject["valid"] as? Int == verdicts.prefix(3).filter(\.isEmpty).count)
    }

    @Test func benchOnAPresetAgreesWithCheck() throws {
        // A seeded file of printable ASCII lines, judged by a preset.
        var state: UInt64 = 42
        var bytes: [UInt8] = []
        for _ in 0..<3_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = 4 + Int((state >> 33) % 21)
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(0x20 + UInt8((state >> 33) % 95))
            }
            bytes.append(0x0A)
        }
        let file = directory.url.appendingPathComponent("ascii.txt")
        try Data(bytes).write(to: file)
        for preset in ["tencentcloud.cvm.linux", "huaweicloud.dms.kafka"] {
            let verdicts = try checkCodes(bytes, policy: preset)
            let result = try CommandRunner.run(["bench", "-p", preset, "--input", file.path, "--format", "json"])
            let object = try parseJSON(result.stdout)
            #expect(object["passwords"] as? Int == 3_000)
            #expect(object["valid"] as? Int == verdicts.filter(\.isEmpty).count, "\(preset)")
        }
    }

    @Test func benchBuiltInCorpusIsSeeded() throws {
        let one = try CommandRunner.run(["bench", "-p", "tencentcloud.cvm.linux", "--count", "20000"])
        #expect(one.status == 0)
        #expect(one.lines.count == 6)
        #expect(one.lines[0] == "passwords: 20000")
        #expect(one.lines[1].hasPrefix("valid: "))
        #expect(one.lines[2].hasPrefix("ns per password: "))
        #expect(one.lines[3].hasPrefix("passwords per second: "))
        #expect(one.lines[4].hasPrefix("batch MB per second: "))
        #expect(one.lines[5].hasPrefix("batch passwords per second: "))
        let two = try CommandRunner.run(["bench", "-p", "tencentcloud.cvm.linux", "--count", "20000"])
        #expect(one.lines[1] == two.lines[1])
        let valid = Int(one.lines[1].dropFirst("valid: ".count)) ?? -1
        #expect(valid > 1_000 && valid < 19_000)
    }

    @Test func benchUsageErrors() throws {
        #expect(try CommandRunner.run(["bench", "-p", basic, "--count", "0"]).status == 2)
        #expect(try CommandRunner.run(["bench", "-p", "no.such.preset"]).status == 2)
        let missing = try CommandRunner.run(["bench", "-p", basic, "--input", directory.url.appendingPathComponent("absent.txt").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("absent.txt"))
        #expect(try CommandRunner.run(["bench"]).status == 2)
    }

    // MARK: audit

    /// The summary `check` implies: count and first five line numbers per code.
    func expectedSummary(_ verdicts: [[String]]) -> [String: (count: Int, lines: [Int])] {
        var summary: [String: (count: Int, lines: [Int])] = [:]
        for (index, codes) in verdicts.enumerated() {
            for code in Set(codes) {
                var entry = summary[code] ?? (0, [])
                entry.count += 1
                if entry.lines.count < 5 { entry.lines.append(index + 1) }
                summary[code] = entry
            }
        }
        return summary
    }

    func auditSummary(_ result: CommandRunner.Result) throws -> (total: Int, valid: Int, invalid: Int, codes: [String: (count: Int, lines: [Int])]) {
        let object = try parseJSON(result.stdout)
        #expect(Set(object.keys) == ["total", "valid", "invalid", "violations"])
        var codes: [String: (count: Int, lines: [Int])] = [:]
        for violation in try #require(object["violations"] as? [[String: Any]]) {
            #expect(Set(violation.keys) == ["code", "count", "firstLines"])
            let code = try #require(violation["code"] as? String)
            codes[code] = (try #require(violation["count"] as? Int), try #require(violation["firstLines"] as? [Int]))
        }
        return (try #require(object["total"] as? Int), try #require(object["valid"] as? Int), try #require(object["invalid"] as? Int), codes)
    }

    @Test func auditSummaryMatchesCheck() throws {
        let input = BenchAuditCommandTests.mixedInput()
        let verdicts = try checkCodes(input, policy: basic)
        let expected = expectedSummary(verdicts)
        // From standard input and from a file, on one and on several workers.
        let file = directory.url.appendingPathComponent("mixed.txt")
        try Data(input).write(to: file)
        for arguments in [["audit", "-p", basic, "--format", "json"], ["audit", "-p", basic, "--input", file.path, "--jobs", "1", "--format", "json"], ["audit", "-p", basic, "--input", file.path, "--jobs", "3", "--format", "json"]] {
            let result = try CommandRunner.run(arguments, input: arguments.contains("--input") ? [] : input)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            let summary = try auditSummary(result)
            #expect(summary.total == verdicts.count)
            #expect(summary.valid == verdicts.filter(\.isEmpty).count)
            #expect(summary.invalid == summary.total - summary.valid)
            #expect(Set(summary.codes.keys) == Set(expected.keys), "\(arguments)")
            for (code, entry) in expected {
                #expect(summary.codes[code]?.count == entry.count, "\(code)")
                #expect(summary.codes[code]?.lines == entry.lines, "\(code)")
            }
        }
        // The text summary says the same.
        let text = try CommandRunner.run(["audit", "-p", basic, "--input", file.path])
        #expect(text.status == 1)
        #expect(text.lines.prefix(3) == ["total: \(verdicts.count)", "valid: \(verdicts.filter(\.isEmpty).count)", "invalid: \(verdicts.filter { !$0.isEmpty }.count)"])
        #expect(text.lines.contains("violations:"))
        let short = try #require(expected["length.short"])
        #expect(text.lines.contains { $0.hasPrefix("  length.short: \(short.count) (line") })
        #expect(text.stderr.isEmpty)   // no progress bar: standard error is not a terminal
    }

    @Test func auditExitStatus() throws {
        let valid = try CommandRunner.run(["audit", "-p", basic], input: "abcDEF12\nabc123!!\n")
        #expect(valid.status == 0)
        #expect(valid.lines == ["total: 2", "valid: 2", "invalid: 0"])
        let empty = try CommandRunner.run(["audit", "-p", basic, "--format", "json"], input: "")
        #expect(empty.status == 0)
        #expect(empty.stdout == "{\"total\": 0, \"valid\": 0, \"invalid\": 0, \"violations\": []}\n")
        #expect(try CommandRunner.run(["audit", "-p", basic], input: "abcDEF12\nx\n").status == 1)
        #expect(try CommandRunner.run(["audit", "-p", basic, "--jobs", "0"], input: "").status == 2)
        #expect(try CommandRunner.run(["audit", "-p", "tencentcloud.cvm"], input: "").status == 2)
        let missing = try CommandRunner.run(["audit", "-p", basic, "--input", "/nonexistent/passwords.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/passwords.txt"))
    }

    /// A file of several chunks (1 MiB each) with a known verdict on every line, a line
    /// of 2 MiB (streamed, judged by its length) and one of 100 KiB inside a chunk.
    @Test func auditLargeFile() throws {
        // 10 lines per block: 6 valid, 4 with known codes.
        let block = ["abcDEF12", "short", "ABCdef34", "abc DEF12", "Xy1!Xy1!Xy", "/bcDEF12", "abcDEF12\r", "abcdefgh", "qwERty12", "zzTOP99!"]
        let blocks = 40_000   // 400,000 lines, about 4 MiB
        var bytes: [UInt8] = []
        bytes.reserveCapacity(blocks * 100 + (3 << 20))
        let blockBytes = Array(block.joined(separator: "\n").utf8) + [0x0A]
        for index in 0..<blocks {
            bytes += blockBytes
            if index == blocks / 2 {
                bytes += Array(repeating: UInt8(ascii: "a"), count: 2 << 20) + [0x0A]
                bytes += Array(repeating: UInt8(ascii: "b"), count: 100 << 10) + [0x0A]
            }
        }
        let file = directory.url.appendingPathComponent("large.txt")
        try Data(bytes).write(to: file)
        let started = Date()
        let result = try CommandRunner.run(["audit", "-p", basic, "--input", file.path, "--format", "json"])
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(result.status == 1)
        let summary = try auditSummary(result)
        let lines = blocks * 10 + 2
        #expect(summary.total == lines)
        #expect(summary.valid == blocks * 6)
        // Lines of the long ones: after block blocks/2, i.e. after (blocks/2 + 1) * 10 lines.
        let longLine = (blocks / 2 + 1) * 10 + 1
        #expect(summary.codes["length.short"]?.count == blocks)
        #expect(summary.codes["length.short"]?.lines == [2, 12, 22, 32, 42])
        #expect(summary.codes["charset.disallowed"]?.count == blocks * 2)   // the space and the "/"
        #expect(summary.codes["leading.forbidden"]?.count == blocks)
        #expect(summary.codes["leading.forbidden"]?.lines == [6, 16, 26, 36, 46])
        #expect(summary.codes["classes.insufficient"]?.count == blocks * 2)   // "short" and "abcdefgh"
        #expect(summary.codes["length.long"]?.count == 2)
        #expect(summary.codes["length.long"]?.lines == [longLine, longLine + 1])
        // Same answer on one worker.
        let single = try auditSummary(try CommandRunner.run(["audit", "-p", basic, "--input", file.path, "--jobs", "1", "--format", "json"]))
        #expect(single.total == summary.total && single.valid == summary.valid)
        #expect(single.codes.mapValues(\.count) == summary.codes.mapValues(\.count))
        // The file (over 1 MiB) is mapped; through a pipe it is read: the same report.
        let piped = try CommandRunner.run(["audit", "-p", basic, "--format", "json"], input: bytes)
        #expect(piped.stdout == result.stdout)
    }

    /// The awkward lines of `mixedInput` (CR LF, empty, not UTF-8, over 64 KiB, no final LF)
    /// repeated past 1 MiB, so that `audit --input` maps the file: the same report as
    /// reading it from a pipe, on one worker and on three.
    @Test func auditMappedFileEqualsRead() throws {
        let once = BenchAuditCommandTests.mixedInput()
        var bytes: [UInt8] = []
        while bytes.count < 3 << 20 { bytes += once + [0x0A] }
        bytes += Array("abcD\r".utf8)   // a last line without LF, ending in CR
        let file = directory.url.appendingPathComponent("mapped.txt")
        try Data(bytes).write(to: file)
        let piped = try CommandRunner.run(["audit", "-p", basic, "--format", "json"], input: bytes)
        #expect(piped.status == 1)
        for jobs in ["1", "3"] {
            let mapped = try CommandRunner.run(["audit", "-p", basic, "--input", file.path, "--jobs", jobs, "--format", "json"])
            #expect(mapped.status == 1)
            #expect(mapped.stdout == piped.stdout, "--jobs \(jobs)")
        }
    }

    // MARK: secrecy

    @Test func noPasswordInAnyOutput() throws {
        let secrets = ["Qx7vWp2mLk", "/Zr8Kt4Nq9Yb", "Jm5Yq8 Ty2Wk", "Vv3Vv3Vv3Vv3Vv3Vv3"]
        var input: [UInt8] = []
        for secret in secrets { input += Array(secret.utf8) + [0x0A] }
        input += Array("Gz9Wq4".utf8) + [0xFF] + Array("Rn6Ks".utf8) + [0x0D, 0x0A]
        let file = directory.url.appendingPathComponent("secrets.txt")
        try Data(input).write(to: file)
        let fragments = secrets + ["Gz9Wq4", "Rn6Ks"]
        for arguments in [
            ["bench", "-p", basic, "--input", file.path], ["bench", "-p", basic, "--input", file.path, "--format", "json"],
            ["audit", "-p", basic, "--input", file.path], ["audit", "-p", basic, "--input", file.path, "--format", "json"],
            ["audit", "-p", basic], ["audit", "-p", "tencentcloud.cvm.linux", "--format", "json"],
        ] {
            let result = try CommandRunner.run(arguments, input: arguments.contains("--input") ? [] : input)
            for fragment in fragments {
                #expect(!result.stdout.contains(fragment), "stdout of \(arguments)")
                #expect(!result.stderr.contains(fragment), "stderr of \(arguments)")
            }
        }
    }
}
