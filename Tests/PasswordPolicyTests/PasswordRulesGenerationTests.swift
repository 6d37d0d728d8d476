import Testing
@testable import PasswordPolicy

/// Passwords generated for Password Rules: for every site of the sample, and for the presets
/// through their stricter and looser rules.
@Suite("Password Rules: generated passwords")
struct PasswordRulesGenerationTests {
    /// Lengths from the policy's minimum to at most 24 more, within its maximum.
    static func lengths(_ range: LengthRange) -> ClosedRange<Int> {
        let low = range.min
        let high = Swift.min(range.max ?? low + 24, low + 24)
        return low...Swift.max(low, high)
    }

    static func seed(_ text: String) -> UInt64 {
        UInt64(truncatingIfNeeded: text.utf8.reduce(5381) { $0 &* 33 &+ Int($1) })
    }

    @Test("passwords generated for each site validate under its converted policy and satisfy its rules", arguments: PasswordRulesSampleTests.sites)
    func site(_ site: String, _ text: String) throws {
        let rules = PasswordRules.parse(text).rules
        let compiled = try CompiledPolicy(rules.policy(id: "sample." + site))
        let generator = try compiled.generator()
        var random = PasswordRulesTesting.Random(seed: Self.seed(site))
        let passwords = try generator.generate(count: 25, lengths: Self.lengths(compiled.policy.length), using: &random)
        #expect(passwords.count == 25)
        for password in passwords {
            #expect(compiled.isValid(password), "\(site): \(password)")
            #expect(PasswordRulesTesting.satisfies(password, rules), "\(site): \(password)")
        }
    }

    @Test("stricter rules generate passwords the preset accepts; the preset's passwords pass the looser rules", arguments: Presets.ids)
    func preset(_ id: String) throws {
        let preset = try CompiledPolicy(#require(Presets.policy(id: id)))
        var random = PasswordRulesTesting.Random(seed: Self.seed(id))

        let stricter = preset.passwordRules(approximation: .stricter).rules
        let fromRules = try CompiledPolicy(stricter.policy(id: "stricter." + id)).generator()
        // What the language cannot say (patterns, context, "n > 1 of a class") is reported
        // as a loss; a password refused only for it is no counterexample.
        var inexpressible: Set<ViolationCode> = [.contextContained]
        if !preset.policy.forbidPatterns.isEmpty { inexpressible.insert(.patternForbidden) }
        if !preset.policy.forbidLists.isEmpty { inexpressible.insert(.blocklistContained) }
        if preset.policy.requirements.contains(where: { if case .count(_, let min?, _) = $0 { min > 1 } else { false } }) { inexpressible.insert(.classTooFew) }
        for password in try fromRules.generate(count: 50, lengths: Self.lengths(preset.policy.length), using: &random) {
            let codes = Set(preset.validate(password).map(\.code))
            #expect(codes.isSubset(of: inexpressible), "\(id): \(password) from \(stricter)")
        }

        let looser = preset.passwordRules(approximation: .looser).rules
        for password in try preset.generator().generate(count: 50, lengths: Self.lengths(preset.policy.length), using: &random) {
            #expect(PasswordRulesTesting.satisfies(password, looser), "\(id): \(password) against \(looser)")
        }
    }
}
