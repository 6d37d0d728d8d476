import Testing
@testable import PasswordPolicy

/// Okta password policy complexity settings, both ways.
@Suite struct OktaConversionTests {
    /// "Policy Settings example" of Okta's Policy API reference, Password Policy,
    /// https://developer.okta.com/docs/reference/api/policy/ (quoted as documented, inside
    /// braces to make one JSON document).
    static let documentedSettings = """
    {
       "settings": {
         "password": {
           "complexity": {
             "minLength": 8,
             "minLowerCase": 1,
             "minUpperCase": 1,
             "minNumber": 1,
             "minSymbol": 0,
             "excludeUsername": true,
             "dictionary": {
                            "common": {
                                "exclude": false
                            }
                        },
             "excludeAttributes": []
           },
           "age": {
             "maxAgeDays": 0,
             "expireWarnDays": 0,
             "minAgeMinutes": 0,
             "historyCount": 0
           },
           "lockout": {
             "maxAttempts": 10,
             "autoUnlockMinutes": 0,
             "showLockoutFailures": false
           }
         },
         "recovery": {
           "factors": {
             "recovery_question": {
               "status": "ACTIVE",
               "properties": {
                 "complexity": {
                   "minLength": 4
                 }
               }
             },
             "okta_email": {
               "status": "ACTIVE",
               "properties": {
                 "recoveryToken": {
                   "tokenLifetimeMinutes": 60
                 }
               }
             },
             "okta_sms": {
               "status": "INACTIVE"
             },
             "okta_call": {
               "status": "INACTIVE"
             }
           }
         },
         "delegation": {
           "options": {
             "skipUnlock": false
           }
         }
       }
    }
    """

    @Test func documentedSampleReadsAndRoundTripsExactly() throws {
        let okta = try OktaPasswordComplexity(json: Self.documentedSettings)
        #expect(okta.minLength == 8 && okta.minLowerCase == 1 && okta.minUpperCase == 1 && okta.minNumber == 1 && okta.minSymbol == 0)
        #expect(okta.excludeUsername && !okta.excludeCommonPasswords && okta.excludeAttributes.isEmpty)
        #expect(okta.otherSettings.count == 2, "age and lockout are kept as notes")
        let compiled = try CompiledPolicy(okta.policy(id: "example.okta"))
        #expect(compiled.isValid("abcDEF12", context: ["username": "jdoe"]))
        #expect(compiled.validate("abcDEFGH").map(\.code) == [.classTooFew], "a number is required")
        #expect(!compiled.isValid("jdoeABC12", context: ["username": "jdoe"]), "excludeUsername")
        let export = compiled.oktaPasswordComplexity()
        #expect(export.losses.isEmpty, "\(export.losses)")
        var expected = okta
        expected.otherSettings = []
        #expect(export.settings == expected)
        let again = try CompiledPolicy(OktaPasswordComplexity(json: export.settings.json).policy())
        let first = try PasswordGenerator(compiled), second = try PasswordGenerator(again)
        for length in [8, 9, 12] { #expect(try first.count(length: length) == second.count(length: length)) }
    }

    @Test func absentKeysTakeOktasDefaults() throws {
        // The Complexity object's documented defaults: minLength 8, every count 1, excludeUsername true.
        #expect(try OktaPasswordComplexity(json: "{}") == OktaPasswordComplexity())
        let policy = try OktaPasswordComplexity(json: #"{"minLength": 12, "excludeAttributes": ["firstName", "lastName"]}"#).policy()
        #expect(policy.length == LengthRange(min: 12, max: nil))
        #expect(policy.requirements.count == 4)
        #expect(policy.forbidContext == ["username", "firstName", "lastName"])
    }

    @Test func everyPresetConvertsAndLosslessOnesRoundTrip() throws {
        for preset in Presets.all where !preset.id.hasPrefix("web.") {
            let compiled = try CompiledPolicy(preset)
            let export = compiled.oktaPasswordComplexity()
            let back = try OktaPasswordComplexity(json: export.settings.json)
            #expect(back == export.settings, "\(preset.id)")
            #expect(back.minLength == preset.length.min)
            guard export.losses.isEmpty else { continue }
            let convertedPolicy = try CompiledPolicy(back.policy())
            let original = try PasswordGenerator(compiled), converted = try PasswordGenerator(convertedPolicy)
            guard !preset.allowsOtherCharacters else {
                // Counting runs over the classes' characters, which differ while both accept
                // any character: check that each side accepts what the other generates.
                for password in try original.generate(count: 50) { #expect(convertedPolicy.isValid(password), "\(preset.id)") }
                for password in try converted.generate(count: 50) { #expect(compiled.isValid(password), "\(preset.id)") }
                continue
            }
            for length in [preset.length.min, preset.length.min + 1] {
                #expect(try original.count(length: length) == converted.count(length: length), "\(preset.id)")
            }
        }
    }

    @Test func badDocumentsNameLineAndColumn() {
        let cases: [(String, ConversionError.Code, Int?, String)] = [
            ("{\n  \"minSymbol\": 2\n}", .invalidValue, 2, "0 (no) or 1 (yes)"),
            ("{\n  \"minLength\": \"8\"\n}", .invalidValue, 2, "minLength"),
            ("{\"minLenght\": 8}", .invalidValue, nil, "minLenght"),
            ("{\"settings\": {\"password\": {}}}", .invalidValue, 1, "complexity"),
            ("{\"minLength\": 8,", .syntax, 1, "key"),
            ("{\n \"excludeAttributes\": [\"firstName\", \"firstName\"]\n}", .invalidValue, 2, "listed twice"),
        ]
        for (text, code, line, words) in cases {
            do {
                _ = try OktaPasswordComplexity(json: text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.code == code, "\(text): \(error)")
                if let line { #expect(error.line == line, "\(error)") }
                #expect(error.message.contains(words), "\(error)")
                #expect(error.description.hasPrefix("okta: "))
            }
        }
    }
}
