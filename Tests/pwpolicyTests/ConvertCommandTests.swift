import Foundation
import Testing

/// `pwpolicy convert`, and `-p 'rules:...'` in the other commands.
@Suite struct ConvertCommandTests {
    @Test func canonicalFormOfRules() throws {
        let result = try CommandRunner.run(["convert", "-p", "rules:maxlength: 20;minlength:8;  required: [-_],digit;allowed:lower", "--to", "rules"])
        #expect(result.status == 0)
        #expect(result.lines == ["required: digit, [-_]; allowed: lower, digit, [-_]; minlength: 8; maxlength: 20;"])
        #expect(result.stderr.isEmpty)
    }

    @Test func warningsGoToStandardError() throws {
        let result = try CommandRunner.run(["convert", "-p", "rules:required: [ab-c]; minlength: 8; minlength: 10", "--to", "rules"])
        #expect(result.status == 0)
        #expect(result.lines == ["required: [abc]; allowed: [abc]; minlength: 10;"])
        let warnings = result.stderr.split(separator: "\n").map(String.init)
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.hasPrefix("pwpolicy: warning: Password Rules: ") })
        #expect(warnings[0].contains("offset 13: '-' is ignored"))
        #expect(warnings[1].contains("the reference keeps the largest value, 10"))
    }

    @Test func invalidRulesExitTwoWithTheReason() throws {
        for rules in ["minlength: eight", "Required: upper", "required: upper [a]", "required: lettres"] {
            for command in [["convert", "-p", "rules:" + rules, "--to", "rules"], ["check", "-p", "rules:" + rules]] {
                let result = try CommandRunner.run(command, input: "abc\n")
                #expect(result.status == 2, "\(command)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.hasPrefix("pwpolicy: error: the Password Rules \"\(rules)\" are not valid:\n  offset "), "\(result.stderr)")
                #expect(result.stderr.contains("discards every rule"))
            }
        }
    }

    @Test func presetToRulesReportsEachLoss() throws {
        let result = try CommandRunner.run(["convert", "-p", "tencentcloud.cvm.windows", "--to", "rules"])
        #expect(result.status == 0)
        #expect(result.lines == ["required: lower; required: upper; required: digit; required: [-!#$%&'()*+,.:;<=>?@[^_`{|}~]]; allowed: upper, lower, digit, [-!#$%&'()*+,.:;<=>?@[^_`{|}~]]; minlength: 12; maxlength: 16;"])
        let losses = result.stderr.split(separator: "\n").map(String.init)
        #expect(losses.count == 2)
        #expect(losses[0].hasPrefix("pwpolicy: loss: forbidLeading: "))
        #expect(losses[1].hasPrefix("pwpolicy: loss: require[0]: at least 3 of lower, upper, digits, specials"))
        #expect(losses[1].hasSuffix("(stricter)"))

        let looser = try CommandRunner.run(["convert", "-p", "tencentcloud.cvm.windows", "--to", "rules", "--approximation", "looser"])
        #expect(looser.status == 0)
        #expect(looser.lines.first?.hasPrefix("required: upper, lower, digit, [") == true)
        #expect(looser.stderr.contains("(looser)"))

        let exact = try CommandRunner.run(["convert", "-p", "tencentcloud.cvm.windows", "--to", "rules", "--exact"])
        #expect(exact.status == 1)
        #expect(exact.lines.count == 1)
        #expect(exact.stderr.contains("pwpolicy: error: 2 rules could not be carried over exactly"))
    }

    @Test func everyPresetRoundTripsThroughTheCommand() throws {
        for id in CommandRunner.presetIDs where !id.hasPrefix("web.") {
            let first = try CommandRunner.run(["convert", "-p", id, "--to", "rules"])
            #expect(first.status == 0, "\(id)")
            let rules = try #require(first.lines.first)
            let again = try CommandRunner.run(["convert", "-p", "rules:" + rules, "--to", "rules", "--exact"])
            #expect(again.status == 0, "\(id): \(again.stderr)")
            #expect(again.lines == [rules])
            #expect(again.stderr.isEmpty)
        }
    }

    @Test func rulesToPolicyFile() throws {
        let directory = try TemporaryDirectory()
        let result = try CommandRunner.run(["convert", "-p", "rules:minlength: 8; required: digit; allowed: lower", "--to", "json", "--id", "example.site"])
        #expect(result.status == 0)
        let object = try parseJSON(result.stdout)
        #expect(object["id"] as? String == "example.site")
        #expect((object["classes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["lower", "digit"])
        let file = try directory.write("converted.json", result.stdout)
        let check = try CommandRunner.run(["check", "-p", file], input: "abcdefg1\nabcdefgh\n")
        #expect(check.lines == ["line 1: ok", "line 2: " + (check.lines.last?.dropFirst(8) ?? "")])
        #expect(check.status == 1)
        let back = try CommandRunner.run(["convert", "-p", file, "--to", "rules", "--exact"])
        #expect(back.status == 0)
        #expect(back.lines == ["required: digit; allowed: lower, digit; minlength: 8;"])
    }

    @Test func presetToJSON() throws {
        let result = try CommandRunner.run(["convert", "-p", "tencentcloud.redis", "--to", "json"])
        #expect(result.status == 0)
        #expect(try parseJSON(result.stdout)["id"] as? String == "tencentcloud.redis")
    }

    @Test func rulesWorkWhereverAPolicyDoes() throws {
        // A '/' in the rules does not make the value a file path.
        let rules = "rules:minlength: 6; maxlength: 10; required: digit; allowed: lower, [/]"
        let check = try CommandRunner.run(["check", "-p", rules], input: "abc/12\nabcdef\nab\n")
        #expect(check.status == 1)
        #expect(check.lines.count == 3)
        #expect(check.lines[0] == "line 1: ok")
        #expect(check.lines[1].hasPrefix("line 2: "))
        #expect(check.lines[2].hasPrefix("line 3: too short"))

        let explain = try CommandRunner.run(["explain", "-p", rules])
        #expect(explain.status == 0)
        #expect(explain.lines.first == "passwordrules.imported")

        // Several policies at once, one of them rules: their intersection.
        let both = try CommandRunner.run(["convert", "-p", "tencentcloud.mongodb", "-p", "rules:maxlength: 12; max-consecutive: 2", "--to", "rules"])
        #expect(both.status == 0)
        #expect(both.lines.first?.hasSuffix("max-consecutive: 2; minlength: 8; maxlength: 12;") == true)
    }

    @Test func usageErrors() throws {
        let missingTarget = try CommandRunner.run(["convert", "-p", "tencentcloud.redis"])
        #expect(missingTarget.status == 2)
        let badTarget = try CommandRunner.run(["convert", "-p", "tencentcloud.redis", "--to", "yaml"])
        #expect(badTarget.status == 2)
        let unknown = try CommandRunner.run(["convert", "-p", "no.such.preset", "--to", "rules"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown preset"))
    }
}

/// `pwpolicy convert --to aws-iam` and `-p aws-iam:...`.
@Suite struct AWSIAMConvertCommandTests {
    @Test func inlineSettingsRoundTrip() throws {
        let settings = #"{"MinimumPasswordLength": 10, "RequireNumbers": true}"#
        let result = try CommandRunner.run(["convert", "-p", "aws-iam:" + settings, "--to", "aws-iam"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("\"MinimumPasswordLength\": 10"))
        #expect(result.stdout.contains("\"RequireNumbers\": true"))
        #expect(result.stdout.contains("\"RequireSymbols\": false"))
    }

    @Test func lossesGoToStandardErrorAndStrictExitsOne() throws {
        let result = try CommandRunner.run(["convert", "-p", "aws.iam.default", "--to", "aws-iam", "--strict"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("pwpolicy: loss: require[0]: IAM cannot say \"at least 3 of 4\""))
        #expect(result.stdout.contains("\"MinimumPasswordLength\": 8"))
    }

    @Test func invalidSettingsExitTwoWithThePlace() throws {
        let result = try CommandRunner.run(["convert", "-p", "aws-iam:{\"MinimumPasswordLength\": 200}", "--to", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("aws-iam: line 1, column 27: MinimumPasswordLength: must be 6 to 128, not 200"))
    }
}
