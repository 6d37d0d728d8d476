import Foundation
import Testing

/// `pwpolicy convert --to vault|keycloak|okta` and `-p vault:|keycloak:|okta:` as input.
@Suite struct ForeignFormatCommandTests {
    static let vaultHCL = """
    length = 20
    rule "charset" {
      charset = "abcdefghijklmnopqrstuvwxyz"
      min-chars = 1
    }
    rule "charset" {
      charset = "0123456789"
      min-chars = 2
    }
    """

    @Test func vaultReadFromAFileAndInlineRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("policy.hcl", Self.vaultHCL)
        for source in ["vault:" + file, "vault:" + Self.vaultHCL] {
            let result = try CommandRunner.run(["convert", "-p", source, "--to", "vault", "--strict"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == Self.vaultHCL + "\n")
            #expect(result.stderr.isEmpty)
        }
        let check = try CommandRunner.run(["check", "-p", "vault:" + file], input: "abcdefghijklmnopqr12\nabcdefghijklmnopqrs1\n")
        #expect(check.lines.first == "line 1: ok")
        #expect(check.status == 1)
    }

    @Test func vaultFromAPresetNamesLossesAndHonoursLengthAndStrict() throws {
        let result = try CommandRunner.run(["convert", "-p", "aws.iam.default", "--to", "vault", "--length", "32"])
        #expect(result.status == 0)
        #expect(result.lines.first == "length = 32")
        #expect(result.stderr.contains("pwpolicy: loss: require[0]: Vault cannot say \"at least 3 of 4\""))
        let strict = try CommandRunner.run(["convert", "-p", "aws.iam.default", "--to", "vault", "--strict"])
        #expect(strict.status == 1)
        let outside = try CommandRunner.run(["convert", "-p", "aws.iam.default", "--to", "vault", "--length", "200"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("outside the policy's range"))
        #expect(try CommandRunner.run(["convert", "-p", "aws.iam.default", "--to", "okta", "--length", "20"]).status == 2)
    }

    @Test func keycloakAndOktaBothWays() throws {
        let keycloak = try CommandRunner.run(["convert", "-p", "keycloak:length(10) and digits(2) and specialChars(1)", "--to", "keycloak", "--strict"])
        #expect(keycloak.status == 0, "\(keycloak.stderr)")
        #expect(keycloak.lines == ["length(10) and digits(2) and specialChars(1)"])
        let okta = try CommandRunner.run(["convert", "-p", #"okta:{"minLength": 12, "minSymbol": 0, "excludeUsername": false}"#, "--to", "okta", "--strict"])
        #expect(okta.status == 0, "\(okta.stderr)")
        let object = try parseJSON(okta.stdout)
        let complexity = ((object["settings"] as? [String: Any])?["password"] as? [String: Any])?["complexity"] as? [String: Any]
        #expect(complexity?["minLength"] as? Int == 12)
        #expect(complexity?["minSymbol"] as? Int == 0)
        #expect(complexity?["minNumber"] as? Int == 1)
        let check = try CommandRunner.run(["check", "-p", "keycloak:length(8) and upperCase(1)"], input: "abcdefgH\nabcdefgh\n")
        #expect(check.lines.first == "line 1: ok")
        #expect(check.status == 1)
    }

    @Test func badInputExitsTwoWithLineAndColumn() throws {
        let cases: [([String], String)] = [
            (["convert", "-p", "vault:length = 20\nrule \"charset\" { charset = \"abc\" min-chars = x }", "--to", "json"], "vault: line 2, column 46: min-chars must be"),
            (["convert", "-p", "keycloak:length(8) and digits(two)", "--to", "json"], "keycloak: line 1, column 22:"),
            (["convert", "-p", "okta:{\n\"minSymbol\": 2}", "--to", "json"], "okta: line 2, column 14:"),
            (["check", "-p", "keycloak:lenght(8)"], "unsupported policy \"lenght\""),
        ]
        for (arguments, words) in cases {
            let result = try CommandRunner.run(arguments, input: "x\n")
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(words), "\(result.stderr)")
        }
    }

    @Test func readmeExamplesShowWhatTheCommandPrints() throws {
        let readme = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples: [(shown: String, arguments: [String])] = [
            ("$ pwpolicy convert -p tencentcloud.cvm.linux --to vault", ["convert", "-p", "tencentcloud.cvm.linux", "--to", "vault"]),
            ("$ pwpolicy convert -p tencentcloud.cvm.linux --to keycloak", ["convert", "-p", "tencentcloud.cvm.linux", "--to", "keycloak"]),
            (#"$ pwpolicy convert -p 'okta:{"minLength": 10, "minSymbol": 0, "excludeAttributes": ["firstName"]}' --to keycloak"#,
             ["convert", "-p", #"okta:{"minLength": 10, "minSymbol": 0, "excludeAttributes": ["firstName"]}"#, "--to", "keycloak"]),
        ]
        for (shown, arguments) in examples {
            let result = try CommandRunner.run(arguments)
            #expect(result.status == 0)
            #expect(readme.contains(shown + "\n" + result.stdout + result.stderr + "```"), "README's example of \(shown) is out of date")
        }
    }
}
