import Testing
@testable import PasswordPolicy

/// HashiCorp Vault password policies (HCL), both ways.
@Suite struct VaultConversionTests {
    /// The sample policies of Vault's documentation, "Password policies",
    /// https://developer.hashicorp.com/vault/docs/concepts/password-policies
    /// (quoted with their lengths; the performance samples there have no length and are
    /// fragments).
    static let documentedSamples: [(name: String, hcl: String)] = [
        ("20 lowercase", """
        length = 20
        rule "charset" {
          charset = "abcdefghijklmnopqrstuvwxyz"
        }
        """),
        ("one of each", """
        length = 20
        rule "charset" {
          charset = "abcdefghijklmnopqrstuvwxyz"
          min-chars = 1
        }
        rule "charset" {
          charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
          min-chars = 1
        }
        rule "charset" {
          charset = "0123456789"
          min-chars = 1
        }
        rule "charset" {
          charset = "!@#$%^&*"
          min-chars = 1
        }
        """),
        ("charset example", """
        length = 20
        rule "charset" {
          charset = "abcde"
          min-chars = 1
        }
        rule "charset" {
          charset = "01234"
          min-chars = 1
        }
        """),
        ("min-chars absent", """
        length = 8
        rule "charset" {
          charset = "abcde"
        }
        rule "charset" {
          charset = "01234"
          min-chars = 1
        }
        """),
        ("default policy", """
        length = 20

        rule "charset" {
          charset = "abcdefghijklmnopqrstuvwxyz"
          min-chars = 1
        }
        rule "charset" {
          charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
          min-chars = 1
        }
        rule "charset" {
          charset = "0123456789"
          min-chars = 1
        }
        rule "charset" {
          charset = "-"
          min-chars = 1
        }
        """),
    ]

    @Test func documentedSamplesReadAndRoundTripExactly() throws {
        for (name, hcl) in Self.documentedSamples {
            let vault = try VaultPasswordPolicy(hcl: hcl)
            let compiled = try CompiledPolicy(vault.policy(id: "example.vault"))
            let export = try compiled.vaultPasswordPolicy(length: vault.length)
            #expect(export.losses.isEmpty, "\(name): \(export.losses)")
            #expect(export.isCompliant, "\(name)")
            let again = try CompiledPolicy(VaultPasswordPolicy(hcl: export.settings.hcl).policy())
            let first = try PasswordGenerator(compiled), second = try PasswordGenerator(again)
            #expect(try first.count(length: vault.length) == second.count(length: vault.length), "\(name)")
        }
    }

    @Test func documentedMeaningHolds() throws {
        // "The password 04031945 may result from this policy, even though no alphabetical
        // characters are in it." The point holds (digits only), but that very password holds 5
        // and 9, which neither charset has: Vault cannot generate it.
        let eight = try CompiledPolicy(VaultPasswordPolicy(hcl: Self.documentedSamples[3].hcl).policy())
        #expect(eight.isValid("04031241"))
        #expect(!eight.isValid("04031945"))
        #expect(!eight.isValid("abcdeabc"), "one of 01234 is required")
        #expect(!eight.isValid("0403194"), "Vault generates exactly 8 characters")
        #expect(!eight.isValid("0403194f"), "f is in no charset")
        // 26 lowercase letters, exactly 20 of them: 26^20.
        let lower = try PasswordGenerator(CompiledPolicy(VaultPasswordPolicy(hcl: Self.documentedSamples[0].hcl).policy()))
        var expected = PasswordCount(1)
        for _ in 0..<20 { expected = expected * PasswordCount(26) }
        #expect(try lower.count(length: 20) == expected)
        // "The following policy is NOT valid and will be rejected: length = 20"
        #expect(throws: ConversionError.self) { try VaultPasswordPolicy(hcl: "length = 20") }
    }

    @Test func everyPresetConvertsAndVaultPasswordsPassThePolicy() throws {
        var compliant = 0, exactAtLength = 0
        for preset in Presets.all where !preset.id.hasPrefix("web.") {
            let compiled = try CompiledPolicy(preset)
            let export: VaultExport
            do { export = try compiled.vaultPasswordPolicy() } catch {
                Issue.record("\(preset.id): \(error)")
                continue
            }
            let back = try VaultPasswordPolicy(hcl: export.settings.hcl)
            #expect(back == export.settings, "\(preset.id): the HCL reads back as written")
            let vaultPolicy = try CompiledPolicy(back.policy())
            // Vault has one length: where nothing but the length range was lost, the passwords
            // of that length are the same set.
            if export.losses.allSatisfy({ $0.keyPath == "length" }) {
                exactAtLength += 1
                let original = try PasswordGenerator(compiled), converted = try PasswordGenerator(vaultPolicy)
                #expect(try original.count(length: back.length) == converted.count(length: back.length), "\(preset.id)")
            }
            guard export.isCompliant else { continue }
            compliant += 1
            // Passwords Vault could generate: our exact generator over the HCL's own rules.
            let generator = try PasswordGenerator(vaultPolicy)
            for password in try generator.generate(count: 20) {
                #expect(compiled.validate(password).isEmpty, "\(preset.id): a password the Vault policy generates fails the policy")
            }
        }
        #expect(compliant > 20, "most presets have no rule Vault cannot guarantee")
        #expect(exactAtLength > 5, "\(exactAtLength) presets convert exactly at one length")
    }

    @Test func lossesChooseTheStricterSide() throws {
        let policy = Policy(id: "example.strict", length: LengthRange(min: 8, max: 30),
                            classes: [CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "upper", .set("A-Z")),
                                      CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "space", .chars(" "))],
                            requirements: [.atLeast(2, of: ["lower", "upper", "digits"]), .count(class: "space", min: nil, max: 1)],
                            forbidLeading: .chars("0123456789"))
        let export = try CompiledPolicy(policy).vaultPasswordPolicy()
        #expect(export.isCompliant)
        #expect(export.settings.length == 20)
        #expect(export.losses.map(\.keyPath) == ["length", "forbidLeading", "require[1]", "require[0]"])
        #expect(export.losses.allSatisfy { $0.message.hasSuffix("(stricter)") })
        // Digits are forbidden first, so they are left out; the space (at most one) too;
        // two of the remaining classes are required, one each.
        #expect(export.settings.rules == [
            .init(charset: "abcdefghijklmnopqrstuvwxyz", minChars: 1),
            .init(charset: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", minChars: 1),
        ])
    }

    @Test func badDocumentsNameLineAndColumn() {
        let cases: [(String, ConversionError.Code, Int, Int, String)] = [
            ("length = 20\nrule \"charset\" {\n  charset = \"abc\n}", .syntax, 3, 13, "not closed"),
            ("length = 3\nrule \"charset\" { charset = \"abc\" }", .invalidValue, 1, 10, "at least 4"),
            ("length = 20\nrule \"symbols\" { charset = \"abc\" }", .invalidValue, 2, 6, "unknown rule type"),
            ("length = 20\nrule \"charset\" {\n  charset = \"abc\"\n  min-char = 1\n}", .invalidValue, 4, 3, "unknown key \"min-char\""),
            ("length = 5\nrule \"charset\" {\n  charset = \"abc\"\n  min-chars = 6\n}", .invalidValue, 1, 10, "require at least 6"),
            ("length = 20\n/* a comment\nrule \"charset\" { charset = \"abc\" }", .syntax, 2, 1, "not closed with */"),
            ("length = 20\nrule \"charset\" { charset = \"a\\qb\" }", .syntax, 2, 30, "unknown escape"),
            ("length = 20\nrule \"charset\" { charset = \"a\\u0007\" }", .invalidValue, 2, 28, "not printable"),
            ("length = 20\nrule \"charset\" { charset = \"\" }", .invalidValue, 2, 28, "empty"),
            ("length = 20\nrule \"charset\" { min-chars = 1 }", .invalidValue, 2, 16, "no charset"),
            ("length = <<EOF\n20\nEOF", .syntax, 1, 10, "heredoc"),
        ]
        for (text, code, line, column, words) in cases {
            do {
                _ = try VaultPasswordPolicy(hcl: text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.code == code, "\(text): \(error)")
                #expect(error.line == line && error.column == column, "\(text): \(error)")
                #expect(error.message.contains(words), "\(error)")
                #expect(error.description.hasPrefix("vault: line \(line), column \(column): "))
            }
        }
    }

    @Test func commentsEscapesAndTooManyCharacters() throws {
        let vault = try VaultPasswordPolicy(hcl: """
        # a comment
        length = 12 // another
        /* and a
           block */ rule "charset" { charset = "\\"\\\\\\u00e9", min-chars = 1 }
        """)
        #expect(vault.rules == [.init(charset: "\"\\é", minChars: 1)])
        #expect(try VaultPasswordPolicy(hcl: vault.hcl) == vault)
        let wide = String(String.UnicodeScalarView((0x100..<0x202).compactMap(Unicode.Scalar.init)))
        #expect(throws: ConversionError.self) { try VaultPasswordPolicy(hcl: "length = 20\nrule \"charset\" { charset = \"\(wide)\" }") }
    }
}
