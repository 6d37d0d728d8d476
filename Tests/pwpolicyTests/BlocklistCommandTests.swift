import Foundation
import Testing

/// `forbidList` through the CLI: the built-in list in the NIST preset, list files named by a
/// policy file (relative to it) or by `--forbid-list`, and unreadable lists.
@Suite struct BlocklistCommandTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    static func policy(list: String) -> String {
        #"{"format": 1, "id": "test.lists", "length": {"min": 4}, "classes": [{"name": "p", "set": "\\x{20}-\\x{7E}"}], "allowOther": true, "forbidList": [{"list": "common"}, {"list": "\#(list)", "code": "breached", "message": "appears in a known data breach"}]}"#
    }

    @Test func nistPresetRejectsTheKeyboardWalkAndAcceptsAPassphrase() throws {
        let result = try CommandRunner.run(["check", "-p", "nist.sp800-63b-4.password"], input: "1qaz2wsx3edc4rfv\npurple tiger up\n")
        #expect(result.status == 1)
        #expect(result.lines == ["line 1: is one of the 30,000 most common passwords (common)", "line 2: ok"])
        #expect(!result.stdout.contains("1qaz2wsx3edc4rfv"))
    }

    @Test func aListFileNamedByThePolicyIsReadRelativeToIt() throws {
        _ = try directory.write("breached.txt", "xk9hunter22\r\nxk9letmein99\n\n")
        let policy = try directory.write("policy.json", Self.policy(list: "breached.txt"))
        let result = try CommandRunner.run(["check", "-p", policy], input: "xk9hunter22\nxk9letmein99\nxk9hunter23\n")
        #expect(result.lines == ["line 1: appears in a known data breach (breached)", "line 2: appears in a known data breach (breached)", "line 3: ok"])
        let lint = try CommandRunner.run(["lint", policy], input: "")
        #expect(lint.status == 0)
    }

    /// Combined with another policy, the file's list is still the one its rule names (before,
    /// the combination was compiled without it and was refused as "cannot be combined").
    @Test func aListFileSurvivesCombiningPolicies() throws {
        _ = try directory.write("breached.txt", "Xk9hunter22!\n")
        let policy = try directory.write("policy.json", Self.policy(list: "breached.txt"))
        let result = try CommandRunner.run(["check", "-p", policy, "-p", "tencentcloud.cvm.linux"], input: "Xk9hunter22!\nXk9hunter23!\nxk9hunter23\n")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.lines.first == "line 1: appears in a known data breach (breached)")
        #expect(result.lines.dropFirst().first == "line 2: ok")
        #expect(result.lines.count == 3)
    }

    /// Two policy files that each name `breached.txt`, relative to themselves, with other
    /// passwords in it: combined, both lists apply.
    @Test func twoListFilesOfOneNameBothApply() throws {
        let other = try TemporaryDirectory()
        _ = try directory.write("breached.txt", "Xk9hunter22!\n")
        _ = try other.write("breached.txt", "Xk9zebra33!\n")
        let first = try directory.write("policy.json", Self.policy(list: "breached.txt"))
        let second = try other.write("policy.json", Self.policy(list: "breached.txt"))
        let result = try CommandRunner.run(["check", "-p", first, "-p", second], input: "Xk9hunter22!\nXk9zebra33!\nXk9other44!\n")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.lines == ["line 1: appears in a known data breach (breached)", "line 2: appears in a known data breach (breached)", "line 3: ok"])
    }

    @Test func forbidListAddsAFileToAPreset() throws {
        let list = try directory.write("breached.txt", "zebra crossing 1999\n")
        let result = try CommandRunner.run(["check", "-p", "owasp.asvs-5.l3", "--forbid-list", list], input: "zebra crossing 1999\nzebra crossing 2000\n")
        #expect(result.lines.count == 2)
        #expect(result.lines[0].hasPrefix("line 1: is in the list"))
        #expect(result.lines[1] == "line 2: ok")
    }

    @Test func aMissingListFileIsReportedWithItsKeyPath() throws {
        let policy = try directory.write("policy.json", Self.policy(list: "missing.txt"))
        let check = try CommandRunner.run(["check", "-p", policy], input: "abcd\n")
        #expect(check.status == 2)
        #expect(check.stderr.contains("forbidList[1].list: cannot read the list file"))
        let lint = try CommandRunner.run(["lint", policy], input: "")
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("policy.json: forbidList[1].list: cannot read the list file"))
    }

    @Test func aListFileWithInvalidUTF8IsRefused() throws {
        let path = directory.url.appendingPathComponent("bad.txt").path
        try Data([0x61, 0x0A, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        let policy = try directory.write("policy.json", Self.policy(list: "bad.txt"))
        let check = try CommandRunner.run(["check", "-p", policy], input: "abcd\n")
        #expect(check.status == 2)
        #expect(check.stderr.contains("line 2 is not valid UTF-8"))
    }
}
