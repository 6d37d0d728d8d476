import Testing
@testable import PasswordPolicy

/// `lintReport`: satisfiability decided by exact counting, warnings for dead rules.
@Suite struct LintReportTests {
    static func policy(_ classes: [(String, Charset)], length: LengthRange, requirements: [Requirement] = [], leading: Charset? = nil, trailing: Charset? = nil, maxConsecutive: Int? = nil, allowsOtherCharacters: Bool = false) -> Policy {
        Policy(id: "test.lint", length: length, classes: classes.map { CharacterClass(name: $0.0, $0.1) }, allowsOtherCharacters: allowsOtherCharacters, requirements: requirements, forbidLeading: leading, forbidTrailing: trailing, maxConsecutive: maxConsecutive)
    }

    @Test func everyPresetIsSatisfiableFromItsMinimumLength() throws {
        // The cloud and vendor presets (the website presets are checked in WebPresetTests).
        for preset in Presets.all where Presets.vendor(of: preset.id) != "web" {
            let report = preset.lintReport()
            #expect(report.errors.isEmpty, "\(preset.id): \(report.errors)")
            #expect(report.satisfiability == .satisfiable(shortest: preset.length.min), "\(preset.id)")
            // Where every accepted character is drawable, accepted and drawable counts agree;
            // otherwise the generator draws from fewer characters.
            let compiled = try CompiledPolicy(preset)
            let generator = try PasswordGenerator(compiled)
            let first = try #require(report.countsByLength.first)
            let (length, count) = (first.length, first.count)
            #expect(length == preset.length.min)
            if generator.alphabet == compiled.classUnion, !preset.allowsOtherCharacters {
                #expect(count == (try generator.count(length: length)), "\(preset.id)")
            } else {
                #expect(count >= (try generator.count(length: length)), "\(preset.id)")
            }
            #expect(report.countsByLength.count == min(PolicyLintReport.countedLengths, preset.length.max.map { $0 - preset.length.min + 1 } ?? Int.max))
        }
    }

    @Test func countingFindsWhatNoPlainCheckDoes() throws {
        // Must hold an a and a b in two characters, yet neither may come first.
        let policy = LintReportTests.policy([("a", "a"), ("b", "b"), ("c", "c")], length: LengthRange(min: 2, max: 2),
                                            requirements: [.count(class: "a", min: 1, max: nil), .count(class: "b", min: 1, max: nil)], leading: "ab")
        let report = policy.lintReport()
        guard case .unsatisfiable = report.satisfiability else { Issue.record("\(String(describing: report.satisfiability))"); return }
        #expect(report.errors.contains { $0.message.contains("no password satisfies this policy") })
        #expect(policy.lint() == report.errors)
        // One character longer and "cab" exists.
        var longer = policy
        longer.length = LengthRange(min: 2, max: 3)
        #expect(longer.lintReport().satisfiability == .satisfiable(shortest: 3))
        #expect(longer.lint().isEmpty)
    }

    @Test func countsMatchBruteForce() throws {
        let policy = LintReportTests.policy([("x", "xy"), ("d", "12")], length: LengthRange(min: 1, max: 4), requirements: [.atLeast(2, of: nil)], trailing: "y", maxConsecutive: 2)
        let compiled = try CompiledPolicy(policy)
        let report = compiled.lintReport()
        let alphabet = Array("xy12")
        for (length, count) in report.countsByLength.map({ ($0.length, $0.count) }) {
            var all: [String] = [""]
            for _ in 0..<length { all = all.flatMap { prefix in alphabet.map { prefix + String($0) } } }
            #expect(count == PasswordCount(UInt64(all.filter { compiled.isValid($0) }.count)), "length \(length)")
        }
    }

    @Test func allowOtherCountsEveryScalarValue() throws {
        let policy = LintReportTests.policy([("a", "a")], length: LengthRange(min: 1, max: 1), allowsOtherCharacters: true)
        let report = policy.lintReport()
        #expect(report.countsByLength.first?.count == PasswordCount(UInt64(0x110000 - 0x800)))
    }

    @Test func warningsForRulesThatNeverApply() throws {
        let policy = LintReportTests.policy(
            [("lower", .set("a-z")), ("letters", .set("a-zA-Z")), ("digits", .set("0-9"))], length: LengthRange(min: 4, max: 8),
            requirements: [.atLeast(2, of: nil), .count(class: "digits", min: nil, max: 8)], leading: "!", maxConsecutive: 8)
        let warnings = policy.lintReport().warnings
        let paths = warnings.map(\.keyPath)
        #expect(paths.contains("forbidLeading"))
        #expect(paths.contains("maxConsecutive"))
        #expect(paths.contains("require[1].max"))
        #expect(warnings.contains { $0.keyPath == "require[0]" && $0.message.contains("\"lower\" is also in \"letters\"") })
        #expect(policy.lintReport().errors.isEmpty)
    }

    @Test func brokenPolicyHasNoVerdict() {
        let report = Policy.lintReport(json: Array(#"{"id": "a.b"}"#.utf8))
        #expect(report.satisfiability == nil)
        #expect(!report.errors.isEmpty)
    }
}
