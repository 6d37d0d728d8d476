import Foundation
import Testing

/// Usage errors and policies that cannot be loaded: exit status 2, a message on standard
/// error that names what was wrong, nothing on standard output.
@Suite struct ErrorTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test func unknownPresetSuggestsTheNearest() throws {
        try #require(CommandRunner.presetIDs.contains("tencentcloud.cvm.linux"), "the preset is missing from policies/")
        for command in ["check", "explain"] {
            let result = try CommandRunner.run([command, "-p", "tencentcloud.cvm.linx"], input: "abc\n")
            #expect(result.status == 2)
            #expect(result.stdoutBytes.isEmpty)
            #expect(result.stderr.contains(#"unknown preset "tencentcloud.cvm.linx""#))
            #expect(result.stderr.contains(#"did you mean "tencentcloud.cvm.linux"?"#))
            #expect(result.stderr.contains("\(CommandRunner.presetIDs.count) presets are built in: `pwpolicy presets` lists them"))
        }
    }

    @Test func unknownPresetWithoutPresetsStillSaysSo() throws {
        let result = try CommandRunner.run(["check", "-p", "no-such-preset"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains(#"unknown preset "no-such-preset""#))
    }

    @Test func missingPolicyFileIsNamed() throws {
        let result = try CommandRunner.run(["check", "-p", "missing/policy.json"], input: "abc\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing/policy.json"))
        #expect(result.stderr.contains("No such file"))
        #expect(result.stdoutBytes.isEmpty)
    }

    @Test func badPolicyFileNamesTheFileAndKeyPath() throws {
        let wrongType = try directory.write("wrong-type.json", #"{"id": "t.t", "length": {"min": "eight"}, "classes": [{"name": "a", "set": "a"}]}"#)
        let result = try CommandRunner.run(["check", "-p", wrongType], input: "abc\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("wrong-type.json"))
        #expect(result.stderr.contains("length.min"))
        #expect(result.stdoutBytes.isEmpty)
    }

    @Test func pcre2ErrorIsReportedWithOffset() throws {
        let badSet = try directory.write("bad-set.json", #"{"id": "t.t", "length": {"min": 1}, "classes": [{"name": "a", "set": "a-z"}, {"name": "b", "set": "[:nope:]"}]}"#)
        let result = try CommandRunner.run(["explain", "-p", badSet])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad-set.json"))
        #expect(result.stderr.contains("classes[1].set"))
        #expect(result.stderr.contains("PCRE2 error at offset"))
    }

    @Test func malformedJSONIsReportedWithLineAndColumn() throws {
        let malformed = try directory.write("malformed.json", "{\"id\": \"t.t\",\n  \"length\": {\"min\": 1,},\n}")
        let result = try CommandRunner.run(["check", "-p", malformed], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("malformed.json"))
        #expect(result.stderr.contains("line 2"))
    }

    @Test(arguments: [
        ["check"],
        ["explain"],
        ["check", "-p"],
        ["check", "-p", "x.json", "--format", "xml"],
        ["presets", "--format", "jsonl"],
        ["lint"],
        ["frobnicate"],
        ["check", "--no-such-option"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments, input: "")
        #expect(result.status == 2, "\(arguments)")
        #expect(!result.stderr.isEmpty)
        #expect(result.stdoutBytes.isEmpty)
    }

    @Test func invalidPasswordRulesExitTwo() throws {
        // Password Rules strings are policies (ConvertCommandTests has the details); an
        // invalid one is a policy that cannot be loaded.
        let valid = try CommandRunner.run(["check", "-p", "rules:minlength: 8;"], input: "")
        #expect(valid.status == 0)
        let result = try CommandRunner.run(["check", "-p", "rules:minlength: eight;"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("Password Rules"))
    }

    @Test func helpExitsZero() throws {
        let result = try CommandRunner.run(["--help"])
        #expect(result.status == 0)
        for command in ["presets", "explain", "check", "lint"] { #expect(result.stdout.contains(command)) }
        let check = try CommandRunner.run(["check", "--help"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("--context"))
    }
}
