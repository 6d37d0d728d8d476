import Foundation
import Testing
@testable import PasswordPolicy

/// The `web.<domain>` presets: the website rules of apple/password-manager-resources
/// (quirks/password-rules.json), converted by scripts/import-web-presets.py. Each preset's
/// first note quotes the Password Rules string as published; these tests read it back, so
/// they judge every preset against its own upstream rule, not against the conversion alone.
@Suite("Presets: web.<domain> from Apple's Password Rules")
struct WebPresetTests {
    static let presets = Presets.policies(vendor: "web")
    static let ids = presets.map(\.id)

    /// The upstream commit every preset's source cites (policies/web/LICENSE says the same).
    static let upstreamCommit = "96cbab74681dcc296cae6fb205c4b047bc026c22"

    /// quirks/password-rules.json at that commit lists 434 sites, each imported.
    static let upstreamSiteCount = 434

    /// Sites whose rules admit no password at all. None does at this commit; a site that
    /// does must be listed here (and is then checked to admit none), never skipped.
    static let admitNoPassword: Set<String> = []

    static let publishedPrefix = "Password Rules as published: "

    @Test func everySiteIsAPreset() {
        #expect(Self.presets.count >= Self.upstreamSiteCount)
        #expect(Set(Self.ids).count == Self.ids.count)
        #expect(Self.ids.allSatisfy { $0.hasPrefix("web.") })
        #expect(Self.admitNoPassword.isSubset(of: Set(Self.ids)))
    }

    @Test func theUpstreamLicenseComesWithTheFiles() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("policies/web/LICENSE")
        let license = try String(contentsOf: url, encoding: .utf8)
        #expect(license.contains("policies/web/*.json"))
        #expect(license.contains("at commit\n\(Self.upstreamCommit)") || license.contains("at commit \(Self.upstreamCommit)"))
        #expect(license.contains("Copyright 2020 - 2026 Apple Inc."))
        #expect(license.contains("Permission is hereby granted, free of charge"))
    }

    /// The rules quoted in the preset's first note, parsed with the library's parser.
    static func publishedRules(_ policy: Policy) throws -> (text: String, parsed: PasswordRulesParseResult) {
        let first = try #require(policy.notes.first, "\(policy.id) has notes")
        #expect(first.hasPrefix(publishedPrefix), "\(policy.id): the first note quotes the rules")
        let text = String(first.dropFirst(publishedPrefix.count))
        return (text, PasswordRules.parse(text))
    }

    @Test(arguments: WebPresetTests.ids)
    func documentedAndFromItsPublishedRules(id: String) throws {
        let policy = try #require(Presets.policy(id: id))
        let domain = String(id.dropFirst("web.".count))
        #expect(policy.title == "\(domain), account password (Apple Password Rules)")
        let source = try #require(policy.source)
        #expect(source.contains("quirks/password-rules.json at commit \(Self.upstreamCommit)"))
        #expect(source.contains("https://github.com/apple/password-manager-resources/blob/\(Self.upstreamCommit)/quirks/password-rules.json"))

        let (text, parsed) = try Self.publishedRules(policy)
        #expect(parsed.errors.isEmpty, "\(id): \(text) parses without error: \(parsed.errors)")
        // Every warning of the parser (what it ignores) is recorded as a loss.
        let losses = policy.notes.filter { $0.hasPrefix("Loss (Password Rules parser warning") }
        #expect(losses.count == parsed.warnings.count, "\(id): one loss note per parser warning")
        #expect(policy.notes.last?.contains("onverted exactly") == true, "\(id): the last note states the conversion")

        // The preset is what the importer makes of the quoted rules.
        let converted = parsed.rules.policy(id: id)
        #expect(policy.length == converted.length, "\(id)")
        #expect(policy.classes == converted.classes, "\(id)")
        #expect(policy.requirements == converted.requirements, "\(id)")
        #expect(policy.maxConsecutive == converted.maxConsecutive, "\(id)")
        #expect(policy.allowsOtherCharacters == false && policy.forbidLeading == nil && policy.forbidTrailing == nil, "\(id)")

        // A repeated required rule is required once; each is recorded as an interpretation.
        var distinct: [[PasswordRulesCharacterClass]] = []
        for rule in parsed.rules.required where !distinct.contains(rule) { distinct.append(rule) }
        let repeated = distinct.filter { rule in parsed.rules.required.filter { $0 == rule }.count > 1 }
        let repeatNotes = policy.notes.filter { $0.hasPrefix("Interpretation: \"required: ") }
        #expect(repeatNotes.count == repeated.count, "\(id): one note per repeated required rule")

        // Back to Password Rules, exactly: the published rules, a repeated required rule once.
        var expected = parsed.rules
        expected.required = distinct
        let compiled = try CompiledPolicy(policy)
        for approximation in PasswordRulesApproximation.allCases {
            let export = compiled.passwordRules(approximation: approximation)
            #expect(export.isExact, "\(id), \(approximation): \(export.losses)")
            #expect(export.rules == expected, "\(id), \(approximation): \(export.rules) for \(expected)")
        }
    }

    @Test(arguments: WebPresetTests.ids)
    func compilesLintsAndGenerates(id: String) throws {
        let policy = try #require(Presets.policy(id: id))
        let compiled = try CompiledPolicy(policy)
        let report = compiled.lintReport()
        let rules = try Self.publishedRules(policy).parsed.rules

        if Self.admitNoPassword.contains(id) {
            guard case .unsatisfiable = report.satisfiability else {
                Issue.record("\(id) is listed as admitting no password, but lint says \(String(describing: report.satisfiability))")
                return
            }
            return
        }
        #expect(report.errors.isEmpty, "\(id): \(report.errors)")
        guard case .satisfiable(let shortest) = report.satisfiability else {
            Issue.record("\(id): lint says \(String(describing: report.satisfiability)); list it in admitNoPassword if no password satisfies it")
            return
        }

        // 25 passwords at lengths that admit one: from the shortest up (at most 24 of them),
        // and the maximum when there is one.
        var lengths = report.countsByLength.filter { !$0.count.isZero }.map(\.length).prefix(24).map { $0 }
        #expect(lengths.first == shortest, "\(id)")
        if let max = policy.length.max, max <= PasswordGenerator.maximumLength, !lengths.contains(max) {
            lengths.append(max)
        }
        let generator = try PasswordGenerator(compiled)
        var random = SplitMix64(seed: PasswordRulesGenerationTests.seed(id))
        for index in 0..<25 {
            let length = lengths[index % lengths.count]
            let password = try generator.generate(length: length, using: &random)
            #expect(password.unicodeScalars.count == length, "\(id)")
            #expect(compiled.isValid(password), "\(id): \(password) validates under the converted policy")
            #expect(PasswordRulesTesting.satisfies(password, rules), "\(id): \(password) satisfies the published rules")
        }
    }
}
