import Foundation
import Testing

/// `pwpolicy blocklist build` and `info` end to end: both input formats, both structures,
/// a policy naming the built file, the summary, and bad input.
@Suite struct BlocklistBuildCommandTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// A made-up hash, SHA-1 of "zebra crossing 1999" (twice, once with CRLF) and of
    /// "purple monkey dishwasher 42", HIBP-style, and an empty line: 5 lines, 3 entries.
    static let hibp = [
        "2B2A4F0E4A0D9C5A8D8C1B7E6B5F3A9C2D1E0F11:3", "\(sha1Hex("zebra crossing 1999")):12\r", "",
        "\(sha1Hex("purple monkey dishwasher 42")):1", "\(sha1Hex("zebra crossing 1999")):12",
    ].joined(separator: "\n") + "\n"

    /// SHA-1 as HIBP writes it (upper-case hex), from coreutils' `printf %s TEXT | sha1sum`:
    /// an oracle independent of the command under test.
    static func sha1Hex(_ text: String) -> String {
        [
            "zebra crossing 1999": "623980A994ADF368E00E59091E79EEC603AF9A82",
            "purple monkey dishwasher 42": "F3CB468C4BF20B3F4042C92AE39A22DDB859AAF6",
            "x": "11F6AD8EC52A2984ABAAFD7C3B516503785C2072",
        ][text] ?? ""
    }

    func policy(list: String, caseInsensitive: Bool = false) throws -> String {
        try directory.write("policy.json", #"{"format": 1, "id": "test.pwbl", "length": {"min": 4}, "classes": [{"name": "p", "set": "\\x{20}-\\x{7E}"}], "allowOther": true, "forbidList": [{"list": "\#(list)", "code": "breached", "caseInsensitive": \#(caseInsensitive)}]}"#)
    }

    @Test(arguments: [false, true])
    func aFileBuiltFromHIBPLinesRejectsAListedPassword(exact: Bool) throws {
        let input = try directory.write("hibp.txt", Self.hibp)
        let output = directory.url.appendingPathComponent("breached.pwbl").path
        let build = try CommandRunner.run(["blocklist", "build", "--input", input, "--output", output, "--format", "sha1"] + (exact ? ["--exact"] : []), input: "")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("3 entries from 5 lines (1 duplicates dropped)"))
        #expect(build.stdout.contains(exact ? "0 (exact table)" : "0.3906 % (1 in 256"))
        let check = try CommandRunner.run(["check", "-p", try policy(list: "breached.pwbl")], input: "zebra crossing 1999\nzebra crossing 2000\n")
        #expect(check.status == 1)
        #expect(check.lines.count == 2)
        #expect(check.lines[0].hasPrefix("line 1: ") && check.lines[0].contains(exact ? "is in the list" : "is probably in the list"))
        #expect(check.lines[1] == "line 2: ok")
        #expect(!check.stdout.contains("zebra"))
        let info = try CommandRunner.run(["blocklist", "info", output], input: "")
        #expect(info.status == 0)
        #expect(info.stdout.contains("entries: 3"))
        #expect(info.stdout.contains(exact ? "structure: exact sorted table" : "structure: binary fuse filter"))
        #expect(info.stdout.contains(exact ? "false-positive rate: 0 (exact)" : "false-positive rate: 0.3906 % (1 in 256)"))
    }

    @Test func aCaseInsensitiveFileFromLinesFoldsAtLookup() throws {
        let input = try directory.write("lines.txt", "Hunter22Hunter\nCorrect Horse\n")
        let output = directory.url.appendingPathComponent("team.pwbl").path
        let build = try CommandRunner.run(["blocklist", "build", "--input", input, "--output", output, "--case-insensitive", "--normalize", "nfc"], input: "")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stdout.contains("Hunter") && !build.stderr.contains("Hunter"))
        let check = try CommandRunner.run(["check", "-p", try policy(list: "team.pwbl")], input: "hunter22hunter\nHUNTER22HUNTER\nhunter22hunter2\n")
        #expect(check.lines.map { $0.hasSuffix(": ok") } == [false, false, true])
        let info = try CommandRunner.run(["blocklist", "info", output], input: "")
        #expect(info.stdout.contains("case-insensitive: yes") && info.stdout.contains("normalization: nfc"))
    }

    @Test func manyPartitionsGiveTheSameMembership() throws {
        // An input the size estimate spreads over several temporary partition files.
        let lines = (0..<3000).map { "spread-\($0)" }
        let input = try directory.write("many.txt", lines.joined(separator: "\n") + "\n")
        let output = directory.url.appendingPathComponent("many.pwbl").path
        let build = try CommandRunner.run(["blocklist", "build", "--input", input, "--output", output, "--partition-entries", "500"], input: "")
        #expect(build.status == 0, "\(build.stderr)")
        let info = try CommandRunner.run(["blocklist", "info", output], input: "")
        #expect(info.stdout.contains("entries: 3000"))
        #expect(!info.stdout.contains("partitions: 1\n"))
        let check = try CommandRunner.run(["check", "-p", try policy(list: "many.pwbl")], input: lines.joined(separator: "\n") + "\n")
        #expect(check.lines.count == 3000)
        #expect(check.lines.allSatisfy { !$0.hasSuffix(": ok") }, "no false negatives")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func badInputIsRefusedWithoutQuotingIt() throws {
        let input = try directory.write("bad.txt", "\(Self.sha1Hex("x")):1\nsecret-password:2\n")
        let output = directory.url.appendingPathComponent("bad.pwbl").path
        let build = try CommandRunner.run(["blocklist", "build", "--input", input, "--output", output, "--format", "sha1"], input: "")
        #expect(build.status == 2)
        #expect(build.stderr.contains("line 2 is not SHA1HEX:COUNT"))
        #expect(!build.stderr.contains("secret"))
        #expect(!FileManager.default.fileExists(atPath: output))
        let usage = try CommandRunner.run(["blocklist", "build", "--input", input, "--output", output, "--format", "sha1", "--case-insensitive"], input: "")
        #expect(usage.status == 2)
    }

    @Test func aCorruptFileNamedByAPolicyIsAnErrorAtItsKeyPath() throws {
        let input = try directory.write("lines.txt", "abcdefgh\n")
        let output = directory.url.appendingPathComponent("list.pwbl").path
        _ = try CommandRunner.run(["blocklist", "build", "--input", input, "--output", output], input: "")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        bytes[bytes.count - 1] ^= 1
        try bytes.write(to: URL(fileURLWithPath: output))
        let policy = try policy(list: "list.pwbl")
        let check = try CommandRunner.run(["check", "-p", policy], input: "abcdefgh\n")
        #expect(check.status == 2)
        #expect(check.stderr.contains("forbidList[0].list") && check.stderr.contains("checksum"))
        let lint = try CommandRunner.run(["lint", policy], input: "")
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("forbidList[0].list: the blocklist file"))
        let info = try CommandRunner.run(["blocklist", "info", output], input: "")
        #expect(info.status == 2 && info.stderr.contains("checksum"))
    }

    /// README's walk-through: the committed synthetic sample, built, then used with ASVS L3.
    @Test func theReadmeSampleWorksWithASVSLevel3() throws {
        let sample = CommandRunner.packageRoot.appendingPathComponent("Examples/Blocklist/hibp-sample.txt").path
        let output = directory.url.appendingPathComponent("breached.pwbl").path
        let build = try CommandRunner.run(["blocklist", "build", "--input", sample, "--output", output, "--format", "sha1"], input: "")
        #expect(build.stdout.hasPrefix("wrote \(output): 6 entries from 6 lines (0 duplicates dropped)"))
        let check = try CommandRunner.run(["check", "-p", "owasp.asvs-5.l3", "--forbid-list", output],
                                          input: "zebra crossing 1999\nzebra crossing 2000\nquiet river stone 2024\n")
        #expect(check.lines.count == 3)
        #expect(check.lines[0].hasPrefix("line 1: is probably in the list"))
        #expect(check.lines[1] == "line 2: ok")
        #expect(check.lines[2].hasPrefix("line 3: is probably in the list"))
    }
}
