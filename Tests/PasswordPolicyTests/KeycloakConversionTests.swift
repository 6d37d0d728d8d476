import Testing
@testable import PasswordPolicy

/// Keycloak password policy strings, both ways.
@Suite struct KeycloakConversionTests {
    @Test func keycloaksOwnComplexExampleHoldsHere() throws {
        // Keycloak's PasswordPolicyTest.testComplex (keycloak/keycloak, the model tests):
        // new PasswordPolicy("length(8) and digits(2) and lowerCase(2) and upperCase(2) and specialChars(2) and notUsername()")
        // with validate(null, "jdoe", ...) not null for "12aaBB&", "aaaaBB&-", "12AABB&-", and null for "12aaBB&-".
        let keycloak = try KeycloakPasswordPolicy("length(8) and digits(2) and lowerCase(2) and upperCase(2) and specialChars(2) and notUsername()")
        let compiled = try CompiledPolicy(keycloak.policy())
        let context = ["username": "jdoe"]
        #expect(compiled.validate("12aaBB&", context: context).map(\.code) == [.lengthShort, .classTooFew], "7 characters, one special")
        #expect(!compiled.validate("aaaaBB&-", context: context).isEmpty)
        #expect(!compiled.validate("12AABB&-", context: context).isEmpty)
        #expect(compiled.validate("12aaBB&-", context: context).isEmpty)
        // regexPattern([a-z][a-z][a-z][a-z][0-9]) accepts "jdoe0" (the same test class).
        let pattern = try CompiledPolicy(KeycloakPasswordPolicy("regexPattern([a-z][a-z][a-z][a-z][0-9])").policy())
        #expect(pattern.isValid("jdoe0"))
        #expect(!pattern.isValid("jdoe0x"), "the whole password must match")
    }

    @Test func specialCharsIsNeitherLetterNorDigit() throws {
        let compiled = try CompiledPolicy(KeycloakPasswordPolicy("specialChars(1)").policy())
        // Character.isLetterOrDigit is false for punctuation, symbols, spaces, controls and marks...
        for special in ["!", " ", "€", "\u{0301}", "\t", "_"] { #expect(compiled.isValid("ab" + special), "\(special.unicodeScalars.first!.value)") }
        // ...and true for letters of any script and decimal digits of any script.
        for letterOrDigit in ["é", "ß", "Ж", "中", "٣", "५"] { #expect(!compiled.isValid("ab" + letterOrDigit), "\(letterOrDigit)") }
        // Outside the BMP, Keycloak sees two surrogates: such characters are not accepted here.
        #expect(!compiled.isValid("ab😀!"))
        let digits = try CompiledPolicy(KeycloakPasswordPolicy("digits").policy())
        #expect(digits.isValid("x٣"), "Character.isDigit: any Nd, default count 1")
        #expect(!digits.isValid("xx"))
    }

    @Test func readsEveryDocumentedIdAndKeepsTheRestAsNotes() throws {
        let text = "length(12) and maxLength(40) and upperCase and notEmail and passwordHistory(3) and forceExpiredPasswordChange(365) and hashIterations(27500) and hashAlgorithm(pbkdf2-sha256) and passwordBlacklist(100k_passwords.txt) and passwordAge(30) and maxAuthAge(300)"
        let keycloak = try KeycloakPasswordPolicy(text)
        #expect(keycloak.text == text)
        let policy = keycloak.policy()
        #expect(policy.length == LengthRange(min: 12, max: 40))
        #expect(policy.requirements == [.count(class: "upperCase", min: 1, max: nil)])
        #expect(policy.forbidContext == ["email"])
        for id in ["passwordHistory(3)", "forceExpiredPasswordChange(365)", "hashIterations(27500)", "hashAlgorithm(pbkdf2-sha256)", "passwordBlacklist(100k_passwords.txt)", "passwordAge(30)", "maxAuthAge(300)"] {
            #expect(policy.notes.contains { $0.hasPrefix(id + ":") }, "\(id) is kept as a note")
        }
        // Defaults without a value: length 8, maxLength 64.
        #expect(try KeycloakPasswordPolicy("length and maxLength").policy().length == LengthRange(min: 8, max: 64))
    }

    @Test func roundTripOfAKeycloakPolicyIsExact() throws {
        let keycloak = try KeycloakPasswordPolicy("length(10) and maxLength(20) and digits(2) and lowerCase(1) and specialChars(1) and regexPattern([^x]*)")
        let export = try CompiledPolicy(keycloak.policy()).keycloakPasswordPolicy()
        #expect(export.losses.isEmpty, "\(export.losses)")
        #expect(export.settings.text == "length(10) and maxLength(20) and lowerCase(1) and digits(2) and specialChars(1) and regexPattern([^x]*)")
        #expect(try KeycloakPasswordPolicy(export.settings.text) == export.settings)
    }

    @Test func everyPresetConverts() throws {
        for preset in Presets.all where !preset.id.hasPrefix("web.") {
            let compiled = try CompiledPolicy(preset)
            let export = compiled.keycloakPasswordPolicy()
            let back = try KeycloakPasswordPolicy(export.settings.text)
            #expect(back == export.settings, "\(preset.id)")
            let policy = back.policy()
            #expect(policy.length == preset.length, "\(preset.id)")
            // Presets allow a set of characters; Keycloak accepts any: always named.
            #expect(export.losses.contains { $0.keyPath == "classes" } || preset.allowsOtherCharacters, "\(preset.id)")
            // What was written holds: every password the preset generates passes the Keycloak policy
            // where the conversion lost nothing but the character set (Keycloak's classes are wider).
            guard export.losses.allSatisfy({ $0.keyPath == "classes" }) else { continue }
            let converted = try CompiledPolicy(policy)
            for password in try PasswordGenerator(compiled).generate(count: 10) {
                #expect(converted.validate(password).isEmpty, "\(preset.id)")
            }
        }
    }

    @Test func badStringsNameTheColumn() {
        let cases: [(String, ConversionError.Code, Int, String)] = [
            ("length(8) and digits(two)", .invalidValue, 22, "needs an integer"),
            ("length(8) and lenght(9)", .invalidValue, 15, "unsupported policy \"lenght\""),
            ("length(8 and digits(1)", .syntax, 7, "no closing parenthesis"),
            ("length(8) and  and digits(1)", .syntax, 15, "empty policy"),
            ("regexPattern([a-z)", .invalidValue, 14, "PCRE2"),
            ("length(-1)", .invalidValue, 8, "from 0 to"),
        ]
        for (text, code, column, words) in cases {
            do {
                _ = try KeycloakPasswordPolicy(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.code == code, "\(text): \(error)")
                #expect(error.line == 1 && error.column == column, "\(text): \(error)")
                #expect(error.message.contains(words), "\(error)")
                #expect(error.description.hasPrefix("keycloak: line 1, column \(column): "))
            }
        }
        #expect(throws: Never.self) { try KeycloakPasswordPolicy("  ") }
    }
}
