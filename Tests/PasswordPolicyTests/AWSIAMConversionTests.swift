import Testing
@testable import PasswordPolicy

/// AWS IAM `UpdateAccountPasswordPolicy` settings, both ways.
@Suite struct AWSIAMConversionTests {
    static let settings = """
    {
      "MinimumPasswordLength": 12,
      "RequireSymbols": true,
      "RequireNumbers": true,
      "RequireUppercaseCharacters": false,
      "RequireLowercaseCharacters": true,
      "MaxPasswordAge": 90,
      "PasswordReusePrevention": 5
    }
    """

    @Test func settingsBecomeThePolicyIAMEnforces() throws {
        let iam = try AWSIAMPasswordPolicy(json: Self.settings)
        let compiled = try CompiledPolicy(iam.policy(id: "example.iam"))
        // The API: at least 12 characters, at most 128; one symbol of its fixed list, one digit, one a-z.
        #expect(compiled.isValid("abcdefghij1!"))
        #expect(compiled.validate("abcdefghij1.").map(\.code) == [.classTooFew], ". is not one of IAM's symbols")
        #expect(compiled.validate("abcdefghi1!").map(\.code) == [.lengthShort])
        #expect(compiled.validate("ABCDEFGHIJ1!").map(\.code) == [.classTooFew])
        #expect(!compiled.isValid(String(repeating: "a1!", count: 43)), "129 characters")
        // Settings outside the content are kept as notes.
        #expect(compiled.policy.notes.count == 2)
        #expect(compiled.policy.notes[0].hasPrefix("MaxPasswordAge: 90"))
    }

    @Test func roundTripIsExact() throws {
        let iam = try AWSIAMPasswordPolicy(json: Self.settings)
        let policy = iam.policy()
        let export = try CompiledPolicy(policy).awsIAMPasswordPolicy()
        #expect(export.losses.isEmpty, "\(export.losses)")
        var expected = iam
        expected.otherParameters = [:]
        #expect(export.settings == expected)
        // And back again: the same accepted passwords, by exact counting.
        let again = try CompiledPolicy(export.settings.policy())
        let first = try PasswordGenerator(CompiledPolicy(policy)), second = try PasswordGenerator(again)
        for length in [12, 13, 20] {
            #expect(try first.count(length: length) == second.count(length: length))
        }
    }

    @Test func everyPresetConvertsAndLosslessOnesRoundTrip() throws {
        for preset in Presets.all {
            let compiled = try CompiledPolicy(preset)
            let export = compiled.awsIAMPasswordPolicy()
            #expect((6...128).contains(export.settings.minimumLength))
            guard export.losses.isEmpty else { continue }
            let back = try CompiledPolicy(export.settings.policy())
            let original = try PasswordGenerator(compiled), converted = try PasswordGenerator(back)
            for length in [preset.length.min, preset.length.min + 1] {
                #expect(try original.count(length: length) == converted.count(length: length), "\(preset.id)")
            }
        }
        // aws.iam.default asks for 3 of 4 classes, which IAM's settings cannot say.
        let iamDefault = try CompiledPolicy(#require(Presets.policy(id: "aws.iam.default"))).awsIAMPasswordPolicy()
        #expect(iamDefault.losses.map(\.keyPath) == ["require[0]"])
        #expect(iamDefault.settings.minimumPasswordLength == 8)
    }

    @Test func badDocumentsNameLineAndColumn() throws {
        let cases: [(String, ConversionError.Code, Int?)] = [
            ("{\n  \"MinimumPasswordLength\": 5\n}", .invalidValue, 2),
            ("{\n  \"RequireSymbols\": \"yes\"\n}", .invalidValue, 2),
            ("{\"MinimumPasswordLength\": 8,\n \"Unknown\": 1}", .invalidValue, nil),
            ("{\"MinimumPasswordLength\": 8,", .syntax, 1),
            ("[]", .invalidValue, 1),
        ]
        for (text, code, line) in cases {
            do {
                _ = try AWSIAMPasswordPolicy(json: text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.code == code, "\(text)")
                if let line { #expect(error.line == line, "\(error)") }
                #expect(error.description.hasPrefix("aws-iam: "))
            }
        }
    }
}

/// AWS's own examples of `UpdateAccountPasswordPolicy`, from the IAM User Guide, "Use
/// UpdateAccountPasswordPolicy with a CLI",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/iam_example_iam_UpdateAccountPasswordPolicy_section.html
@Suite struct AWSIAMDocumentedSampleTests {
    /// `aws iam update-account-password-policy --minimum-password-length 8 --require-numbers`
    /// ("a minimum length of eight characters and ... one or more numbers"), as request JSON.
    static let cliSample = #"{"MinimumPasswordLength": 8, "RequireNumbers": true}"#
    /// `Update-IAMAccountPasswordPolicy -AllowUsersToChangePasswords $true -HardExpiry $false
    /// -MaxPasswordAge 90 -MinimumPasswordLength 8 -PasswordReusePrevention 20
    /// -RequireLowercaseCharacters $true -RequireNumbers $true -RequireSymbols $true
    /// -RequireUppercaseCharacters $true`, as request JSON.
    static let powerShellSample = """
    {"AllowUsersToChangePassword": true, "HardExpiry": false, "MaxPasswordAge": 90, "MinimumPasswordLength": 8,
     "PasswordReusePrevention": 20, "RequireLowercaseCharacters": true, "RequireNumbers": true,
     "RequireSymbols": true, "RequireUppercaseCharacters": true}
    """

    @Test func documentedSamplesRoundTripExactly() throws {
        for sample in [Self.cliSample, Self.powerShellSample] {
            let iam = try AWSIAMPasswordPolicy(json: sample)
            let compiled = try CompiledPolicy(iam.policy())
            let export = compiled.awsIAMPasswordPolicy()
            #expect(export.losses.isEmpty, "\(export.losses)")
            var expected = iam
            expected.otherParameters = [:]
            #expect(export.settings == expected)
            let again = try CompiledPolicy(AWSIAMPasswordPolicy(json: export.settings.json).policy())
            let first = try PasswordGenerator(compiled), second = try PasswordGenerator(again)
            for length in [8, 9, 16] { #expect(try first.count(length: length) == second.count(length: length)) }
        }
        let cli = try CompiledPolicy(AWSIAMPasswordPolicy(json: Self.cliSample).policy())
        #expect(cli.isValid("abcdefg1") && !cli.isValid("abcdefgh") && !cli.isValid("abcdef1"))
        let full = try AWSIAMPasswordPolicy(json: Self.powerShellSample)
        #expect(full.otherParameters.count == 4, "age, reuse, expiry and change settings are kept")
        #expect(try CompiledPolicy(full.policy()).isValid("Abcdef1!") )
    }
}
