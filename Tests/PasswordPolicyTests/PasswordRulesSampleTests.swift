import Testing
@testable import PasswordPolicy

/// Every site of the sample of apple/password-manager-resources' quirks
/// (Fixtures/password-rules-sample.json): imported without errors, canonical form stable,
/// converted to a policy that judges every probe exactly as the rules do, and written back
/// to the same rules.
@Suite("Password Rules: sample of real sites")
struct PasswordRulesSampleTests {
    static let sites: [(site: String, rules: String)] = (try? PasswordRulesTesting.sample()) ?? []
    /// The sites whose custom classes hold characters outside printable ASCII, which the
    /// reference ignores.
    static let sitesWithIgnoredCharacters: Set<String> = ["axa.de", "dkb.de", "posteo.de"]

    @Test("the sample holds at least 50 sites")
    func sampleSize() {
        #expect(Self.sites.count >= 50)
    }

    @Test("each site imports, converts exactly, and judges probes as the rules do", arguments: sites)
    func site(_ site: String, _ text: String) throws {
        let result = PasswordRules.parse(text)
        #expect(result.errors.isEmpty, "\(site): \(result.errors)")
        if Self.sitesWithIgnoredCharacters.contains(site) {
            #expect(!result.warnings.isEmpty && result.warnings.allSatisfy { $0.message.contains("only printable ASCII") }, "\(site): \(result.warnings)")
        } else {
            #expect(result.warnings.isEmpty, "\(site): \(result.warnings)")
        }
        let rules = result.rules
        #expect(PasswordRules.parse(rules.description).rules == rules, "\(site): \(rules)")

        let policy = rules.policy(id: "sample." + site)
        let compiled = try CompiledPolicy(policy)
        let back = compiled.passwordRules()
        #expect(back.isExact, "\(site): \(back.losses)")
        var distinct: [[PasswordRulesCharacterClass]] = []
        for rule in rules.required where !distinct.contains(rule) { distinct.append(rule) }
        var expected = rules
        expected.required = distinct
        #expect(back.rules == expected, "\(site): \(back.rules) instead of \(expected)")
        #expect(compiled.passwordRules(approximation: .looser) == back)

        // Passwords built from the rules satisfy the converted policy; and on probes near
        // them and random ones, the policy and the rules always agree.
        let witnesses = (0..<6).compactMap { PasswordRulesTesting.witness(for: rules, variant: $0) }
        #expect(!witnesses.isEmpty, "\(site): no password built")
        for password in witnesses {
            #expect(compiled.isValid(password), "\(site): \(password)")
        }
        var random = PasswordRulesTesting.Random(seed: UInt64(truncatingIfNeeded: site.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        var disagreements: [String] = []
        for probe in PasswordRulesTesting.probes(around: witnesses, count: 300, random: &random)
        where PasswordRulesTesting.satisfies(probe, rules) != compiled.isValid(probe) {
            disagreements.append(probe)
        }
        #expect(disagreements.isEmpty, "\(site): the policy and the rules disagree on \(disagreements.prefix(5))")
    }
}
