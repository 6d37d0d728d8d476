import Testing
@testable import PasswordPolicy

/// Lint decides satisfiability for the whole length range, bounded or not, by reachability
/// over the counting automaton: never "undecided" for a policy the automaton can hold.
@Suite struct LintDecidesTests {
    typealias G = GenerationSupport

    /// Every character is in "s", which allows at most 5: nothing from length 7 up.
    static let capped = #"{"id":"x","length":{"min":7},"classes":[{"name":"s","chars":");]"}],"require":[{"class":"s","min":3,"max":5}]}"#

    /// The lengths the lint automaton accepts (every accepted character), or nil.
    static func acceptedLengths(_ compiled: CompiledPolicy) throws -> AcceptedLengths? {
        let alphabet = try PasswordGenerator.countingAlphabet(compiled, options: GenerationOptions(), scope: .everyAccepted)
        return try GenerationAutomaton(alphabet: alphabet, rules: GenerationRules(compiled)).acceptedLengths(alphabet: alphabet)
    }

    @Test func cappedClassIsAProblemAndGenerationSaysWhy() throws {
        let report = Policy.lintReport(json: Array(LintDecidesTests.capped.utf8))
        let reason = "no length from 7 up admits a password, since the character rules allow no password longer than 5 characters"
        #expect(report.satisfiability == .unsatisfiable(reason: reason))
        #expect(report.errors.map(\.message) == ["no password satisfies this policy: " + reason])
        #expect(report.warnings.isEmpty)
        #expect(Policy.lint(json: Array(LintDecidesTests.capped.utf8)) == report.errors)
        // The counts agree: nothing at any counted length.
        #expect(report.countsByLength.count == PolicyLintReport.countedLengths)
        #expect(report.countsByLength.allSatisfy { $0.count.isZero })

        let generator = try PasswordGenerator(CompiledPolicy(Policy(json: LintDecidesTests.capped)))
        #expect(throws: GenerationError.unsatisfiable(reason: "the rules allow no password longer than 5 characters with the characters left to draw, so there is no compliant password of length 16")) {
            try generator.generate()
        }
        // Within the lengths the rules allow, the same rules do generate.
        var lower = try Policy(json: LintDecidesTests.capped)
        lower.length = LengthRange(min: 3, max: nil)
        #expect(lower.lintReport().satisfiability == .satisfiable(shortest: 3))
        #expect(try PasswordGenerator(CompiledPolicy(lower)).generate(length: 5).count == 5)
    }

    @Test func lengthsFarBeyondTheCountedOnesAreDecided() throws {
        // 50 characters of "x" and 50 of "d" are required: the shortest password is 93
        // lengths past length.min, beyond the 64 that are counted.
        let long = G.policy([("x", "ab"), ("d", "1")], length: LengthRange(min: 7, max: nil),
                            requirements: [.count(class: "x", min: 50, max: nil), .count(class: "d", min: 50, max: nil)])
        #expect(long.lintReport().satisfiability == .satisfiable(shortest: 100))
        #expect(long.lint().isEmpty)
        var bounded = long
        bounded.length = LengthRange(min: 7, max: 99)
        #expect(bounded.lintReport().satisfiability == .unsatisfiable(reason: "no length from 7 to 99 admits a password; the shortest length that does is 100"))
        bounded.length = LengthRange(min: 7, max: 150)
        #expect(bounded.lintReport().satisfiability == .satisfiable(shortest: 100))

        // Exactly 20 of "x" and 30 of "d", and nothing else: only length 50.
        let exact = G.policy([("x", "ab"), ("d", "1")], length: LengthRange(min: 7, max: nil),
                             requirements: [.count(class: "x", min: 20, max: 20), .count(class: "d", min: 30, max: 30)])
        #expect(exact.lintReport().satisfiability == .satisfiable(shortest: 50))
        var past = exact
        past.length = LengthRange(min: 51, max: nil)
        #expect(past.lintReport().satisfiability == .unsatisfiable(reason: "no length from 51 up admits a password, since the character rules allow no password longer than 50 characters"))
        #expect(!past.lint().isEmpty)
        var before = exact
        before.length = LengthRange(min: 7, max: 49)
        #expect(before.lintReport().satisfiability == .unsatisfiable(reason: "no length from 7 to 49 admits a password; the shortest length that does is 50"))
        let lengths = try #require(try LintDecidesTests.acceptedLengths(CompiledPolicy(exact)))
        #expect((0...200).filter(lengths.contains) == [50])
    }

    @Test func periodicLengthsAreDecidedBeyondWhatIsCounted() throws {
        // "a" and "b" alternate, starting and ending with "a": odd lengths only.
        var odd = G.policy([("a", "a"), ("b", "b")], length: LengthRange(min: 5000, max: 5000), forbidLeading: "b", forbidTrailing: "b", maxConsecutive: 1)
        #expect(odd.lintReport().satisfiability == .unsatisfiable(reason: "length 5000 admits no password; the nearest lengths that do are 4999 and 5001"))
        odd.length = LengthRange(min: 5000, max: nil)
        let report = odd.lintReport()
        #expect(report.satisfiability == .satisfiable(shortest: 5001))
        #expect(report.errors.isEmpty && report.countsByLength.isEmpty)
        odd.length = LengthRange(min: 2, max: 2)
        #expect(odd.lintReport().satisfiability == .unsatisfiable(reason: "length 2 admits no password; the nearest lengths that do are 1 and 3"))
        // A rule that cannot bind within the range leaves the counting automaton: lengths past
        // the range are then not vouched for.
        var capped = odd
        capped.length = LengthRange(min: 8, max: 8)
        capped.requirements = [.count(class: "a", min: nil, max: 8)]
        #expect(capped.lintReport().satisfiability == .unsatisfiable(reason: "length 8 admits no password; the nearest shorter length that does is 7"))
        let lengths = try #require(try LintDecidesTests.acceptedLengths(CompiledPolicy(odd)))
        #expect((0...40).filter(lengths.contains) == [0] + Array(stride(from: 1, through: 39, by: 2)))
        #expect(lengths.first(from: 1_000_000) == 1_000_001)
        #expect(lengths.last(below: 1_000_000) == 999_999)
    }

    @Test func satisfiableUnboundedPoliciesStayClean() throws {
        let policies = [
            G.policy([("l", "abc"), ("d", "12")], length: LengthRange(min: 8, max: nil), requirements: [.atLeast(2, of: nil)], maxConsecutive: 2),
            G.policy([("l", "a")], length: LengthRange(min: 1, max: nil), requirements: [.count(class: "l", min: 1, max: nil)]),
            G.policy([("l", "ab"), ("d", "1")], length: LengthRange(min: 30, max: nil), requirements: [.count(class: "d", min: 0, max: 3)], forbidLeading: "1", forbidTrailing: "a", maxConsecutive: 1),
        ]
        for policy in policies {
            let report = policy.lintReport()
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(report.satisfiability == .satisfiable(shortest: policy.length.min))
            let first = try #require(report.countsByLength.first)
            #expect(first.length == policy.length.min && !first.count.isZero)
        }
        for preset in Presets.all {
            var open = preset
            open.length = LengthRange(min: preset.length.min, max: nil)
            if Presets.vendor(of: preset.id) == "web" {
                // Website rules may set no minlength, or one below the number of required
                // classes (web.benjerry.com: none, and three required): the shortest password
                // is then longer than length.min. Dropping the maximum must not change it.
                #expect(open.lintReport().satisfiability == preset.lintReport().satisfiability, "\(preset.id)")
            } else {
                #expect(open.lintReport().satisfiability == .satisfiable(shortest: preset.length.min), "\(preset.id)")
            }
        }
    }

    @Test func emptyIntersectionBecauseOfACappedClass() throws {
        let wide = Policy(id: "test.wide", length: LengthRange(min: 7, max: nil), classes: [CharacterClass(name: "p", .chars(");]ab"))])
        let capped = Policy(id: "test.capped", length: LengthRange(min: 1, max: nil), classes: [CharacterClass(name: "s", .chars(");]"))],
                            requirements: [.count(class: "s", min: 3, max: 5)])
        #expect(wide.lint().isEmpty && capped.lint().isEmpty)
        let error = try #require(throws: PolicyError.self) { try Policy.intersection([wide, capped]) }
        #expect(error.description == "no password satisfies all of test.wide and test.capped: no length from 7 up admits a password, since the character rules allow no password longer than 5 characters")
    }

    /// Small random policies: the lengths reachability accepts are exactly those brute force
    /// finds a valid password of (bounded ranges up to 8), and those exact counting counts.
    @Test func reachabilityAgreesWithBruteForceAndCounting() throws {
        var random = G.Xoshiro256(seed: 0x5EED_1E6)
        var pool: [Character] = []
        func subset() -> String {
            var chars = pool.filter { _ in Bool.random(using: &random) }
            if chars.isEmpty { chars = [pool.randomElement(using: &random)!] }
            return String(chars)
        }
        var checked = 0
        var unsatisfiable = 0
        for _ in 0..<160 {
            // Two characters a third of the time: alternations, whose lengths repeat with period 2.
            pool = Int.random(in: 0..<3, using: &random) == 0 ? ["a", "b"] : ["a", "b", "1", "!"]
            let classCount = Int.random(in: 1...3, using: &random)
            let classes = (0..<classCount).map { ("c\($0)", subset()) }
            var requirements: [Requirement] = []
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                if Bool.random(using: &random) {
                    let min = Bool.random(using: &random) ? Int.random(in: 0...3, using: &random) : nil
                    let max = min == nil || Bool.random(using: &random) ? Int.random(in: (min ?? 0)...4, using: &random) : nil
                    requirements.append(.count(class: "c\(Int.random(in: 0..<classCount, using: &random))", min: min, max: max))
                } else {
                    requirements.append(.atLeast(Int.random(in: 1...classCount, using: &random), of: nil))
                }
            }
            let minLength = Int.random(in: 0...4, using: &random)
            let unbounded = Int.random(in: 0..<3, using: &random) == 0
            let policy = G.policy(
                classes, length: LengthRange(min: minLength, max: unbounded ? nil : Int.random(in: minLength...8, using: &random)), requirements: requirements,
                forbidLeading: Bool.random(using: &random) ? .chars(subset()) : nil,
                forbidTrailing: Bool.random(using: &random) ? .chars(subset()) : nil,
                maxConsecutive: Bool.random(using: &random) ? Int.random(in: 1...3, using: &random) : nil)
            guard let compiled = try? CompiledPolicy(policy) else { continue }
            checked += 1
            let lengths = try #require(try? LintDecidesTests.acceptedLengths(compiled), "\(policy)")
            let verdict = compiled.lintReport().satisfiability
            if case .unsatisfiable = verdict { unsatisfiable += 1 }
            let alphabet = Array(compiled.classUnion.scalars)
            // Brute force, over the policy's range up to 8 characters.
            let top = min(policy.length.max ?? 8, 8)
            var valid: [Int] = []
            for length in policy.length.min...max(policy.length.min, top) where length <= top {
                let exists = G.allStrings(over: alphabet, length: length).contains { compiled.isValid($0) }
                #expect(lengths.contains(length) == exists, "length \(length): \(policy)")
                if exists { valid.append(length) }
            }
            // Exact counting, further out (the automaton holds every rule within the range).
            let atoms = try PasswordGenerator.countingAlphabet(compiled, options: GenerationOptions(), scope: .everyAccepted)
            let automaton = try GenerationAutomaton(alphabet: atoms, rules: GenerationRules(compiled))
            let table = CountTable(automaton: automaton, alphabet: atoms, rowCount: 40)
            let counted = (policy.length.min...min(policy.length.max ?? 40, 40)).filter { length in
                !Limbs.isZeroWords(table.count(length: length, automaton: automaton, alphabet: atoms))
            }
            #expect(counted == (policy.length.min...min(policy.length.max ?? 40, 40)).filter(lengths.contains), "\(policy)")
            #expect(Array(counted.prefix { $0 <= top }) == valid, "\(policy)")
            // The verdict: the shortest valid length in the range, or none at all.
            if policy.length.max != nil {
                // The whole range is brute-forced.
                if let shortest = valid.first {
                    #expect(verdict == .satisfiable(shortest: shortest), "\(policy)")
                } else if case .unsatisfiable = verdict {} else {
                    Issue.record("\(String(describing: verdict)) without a valid password: \(policy)")
                }
            } else if let shortest = counted.first {
                #expect(verdict == .satisfiable(shortest: shortest), "\(policy)")
            }
            if case .undecided = verdict { Issue.record("undecided: \(policy)") }
        }
        #expect(checked > 100)
        #expect(unsatisfiable > 5)
    }
}
