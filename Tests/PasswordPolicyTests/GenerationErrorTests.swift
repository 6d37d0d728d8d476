import Testing
@testable import PasswordPolicy

/// Unsatisfiable policies, lengths out of range and emptied classes give the right error,
/// saying why, at once; errors never contain a password.
@Suite(.timeLimit(.minutes(1))) struct GenerationErrorTests {
    typealias G = GenerationSupport

    @Test func aLengthOutsideTheRange() throws {
        let generator = try PasswordGenerator(CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.linux"))))
        #expect(throws: GenerationError.lengthOutOfRange(requested: 40...40, allowed: LengthRange(min: 8, max: 16))) {
            try generator.generate(length: 40)
        }
        #expect(throws: GenerationError.lengthOutOfRange(requested: 4...12, allowed: LengthRange(min: 8, max: 16))) {
            try generator.generate(lengths: 4...12)
        }
        #expect(GenerationError.lengthOutOfRange(requested: 40...40, allowed: LengthRange(min: 8, max: 16)).description
                == "length 40 is outside the policy's range (8 to 16)")
        #expect(try generator.count(length: 40) == 0)
        let unbounded = try PasswordGenerator(CompiledPolicy(G.policy([("x", "ab")], length: LengthRange(min: 1, max: nil))))
        #expect(throws: GenerationError.lengthUnsupported(requested: 5000, maximum: PasswordGenerator.maximumLength)) {
            try unbounded.generate(length: 5000)
        }
    }

    @Test func exclusionsThatEmptyARequiredClass() throws {
        let policy = G.policy([("lower", "abc"), ("digits", "01")], length: LengthRange(min: 4, max: 8),
                              requirements: [.count(class: "digits", min: 1, max: nil)])
        let compiled = try CompiledPolicy(policy)
        do {
            _ = try PasswordGenerator(compiled, options: GenerationOptions(exclude: "Il1O0"))
            Issue.record("expected an error")
        } catch {
            #expect(error == .classEmptied(classNames: ["digits"], requirement: "require[0] (at least 1 character of \"digits\")", cause: "the excluded characters"))
            #expect(error.description.contains("digits") && error.description.contains("excluded"))
        }
        // An atLeast requirement that can no longer be met.
        let threeOfThree = G.policy([("lower", "abc"), ("digits", "01"), ("specials", "!")], length: LengthRange(min: 4, max: 8),
                                    requirements: [.atLeast(3, of: nil)])
        #expect(throws: GenerationError.classEmptied(classNames: ["specials"], requirement: "require[0] (at least 3 of lower, digits and specials)", cause: "the excluded characters")) {
            try PasswordGenerator(CompiledPolicy(threeOfThree), options: GenerationOptions(exclude: "!"))
        }
        // Several classes emptied at once are all named.
        #expect(throws: GenerationError.classEmptied(classNames: ["digits", "specials"], requirement: "require[0] (at least 2 of lower, digits and specials)", cause: "the excluded characters")) {
            try PasswordGenerator(CompiledPolicy(G.policy([("lower", "abc"), ("digits", "01"), ("specials", "!")], length: LengthRange(min: 4, max: 8),
                                                          requirements: [.atLeast(2, of: nil)])), options: GenerationOptions(exclude: "01!"))
        }
        #expect(GenerationError.classEmptied(classNames: ["digits", "specials"], requirement: "require[0] (at least 2 of lower, digits and specials)", cause: "the excluded characters").description
                == "cannot generate: require[0] (at least 2 of lower, digits and specials) cannot be met: the excluded characters removed every character of \"digits\" and \"specials\"")
        // Excluding a class an atLeast requirement can do without is fine.
        let twoOfThree = G.policy([("lower", "abc"), ("digits", "01"), ("specials", "!")], length: LengthRange(min: 4, max: 8),
                                  requirements: [.atLeast(2, of: nil)])
        #expect(throws: Never.self) { try PasswordGenerator(CompiledPolicy(twoOfThree), options: GenerationOptions(exclude: "!")) }
        // Excluding everything.
        #expect(throws: GenerationError.emptyAlphabet(reason: "every character the policy allows is excluded")) {
            try PasswordGenerator(compiled, options: GenerationOptions(exclude: "abc01"))
        }
    }

    @Test func theAsciiAndPrintableRulesCanEmptyAClass() throws {
        let greek = Policy(id: "test.greek", length: LengthRange(min: 4, max: 8),
                           classes: [CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "greek", .set("\\p{Greek}"))],
                           requirements: [.atLeast(2, of: nil)])
        #expect(throws: GenerationError.classEmptied(classNames: ["greek"], requirement: "require[0] (at least 2 of lower and greek)", cause: "the ASCII restriction")) {
            try PasswordGenerator(CompiledPolicy(greek), options: GenerationOptions(ascii: true))
        }
        let controls = Policy(id: "test.controls", length: LengthRange(min: 4, max: 8),
                              classes: [CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "controls", .set("\\x{1}-\\x{8}"))],
                              requirements: [.count(class: "controls", min: 1, max: nil)])
        #expect(throws: GenerationError.classEmptied(classNames: ["controls"], requirement: "require[0] (at least 1 character of \"controls\")",
                                                     cause: "the rule that generated passwords use only characters a person can type and see")) {
            try PasswordGenerator(CompiledPolicy(controls))
        }
        let onlyControls = Policy(id: "test.only", length: LengthRange(min: 4, max: 8),
                                  classes: [CharacterClass(name: "controls", .set("\\x{1}-\\x{8}"))])
        #expect(throws: GenerationError.emptyAlphabet(reason: "the policy allows no character a person can type and see")) {
            try PasswordGenerator(CompiledPolicy(onlyControls))
        }
    }

    @Test func unsatisfiablePoliciesSayWhy() throws {
        func reason(_ policy: Policy) throws -> String? {
            let compiled = try CompiledPolicy(policy)
            let error = #expect(throws: GenerationError.self) { try PasswordGenerator(compiled) }
            guard case .unsatisfiable(let reason)? = error?.kind else { return "unexpected \(String(describing: error))" }
            return reason
        }
        let leading = G.policy([("x", "ab")], length: LengthRange(min: 2, max: 6), forbidLeading: "ab")
        #expect(try reason(leading)?.contains("forbidLeading excludes every character") == true)
        let trailing = G.policy([("x", "ab")], length: LengthRange(min: 2, max: 6), forbidTrailing: .set("a-b"))
        #expect(try reason(trailing)?.contains("forbidTrailing excludes every character") == true)
        let tooMany = G.policy([("lower", "abc"), ("digits", "12")], length: LengthRange(min: 4, max: 8),
                               requirements: [.count(class: "lower", min: 5, max: nil), .count(class: "digits", min: 5, max: nil)])
        #expect(try reason(tooMany) == "the requirements need at least 10 characters, so there is no compliant password of length 4 to 8")
        let runs = G.policy([("x", "a")], length: LengthRange(min: 3, max: 6), maxConsecutive: 2)
        #expect(try reason(runs) == "only one character is left to draw and maxConsecutive allows it at most 2 times in a row")
        let contradictory = G.policy([("x", "ab")], length: LengthRange(min: 1, max: 6),
                                     requirements: [.count(class: "x", min: 3, max: 4), .count(class: "x", min: 5, max: nil)])
        #expect(try reason(contradictory) == "class \"x\" must have at least 5 and at most 4 characters")
        // Satisfiable, but not at every length of the range.
        let partly = G.policy([("lower", "abc"), ("digits", "12")], length: LengthRange(min: 2, max: 8),
                              requirements: [.count(class: "lower", min: 2, max: nil), .count(class: "digits", min: 2, max: nil)])
        let generator = try PasswordGenerator(CompiledPolicy(partly))
        #expect(throws: GenerationError.unsatisfiable(reason: "the requirements need at least 4 characters, so there is no compliant password of length 3")) {
            try generator.generate(length: 3)
        }
        #expect(try generator.generate(lengths: 2...4).count == 4)
    }

    @Test func rejectionByPatternsIsBounded() throws {
        let policy = G.policy([("x", "ab")], length: LengthRange(min: 2, max: 4),
                              forbidPatterns: [ForbiddenPattern(pattern: "[ab]", code: "test.everything", message: "matches everything")])
        let generator = try PasswordGenerator(CompiledPolicy(policy), options: GenerationOptions(maxRejectedAttempts: 50))
        #expect(throws: GenerationError.rejectionLimit(attempts: 50, codes: ["test.everything"])) {
            try generator.generate(length: 3)
        }
        #expect(GenerationError.rejectionLimit(attempts: 50, codes: ["test.everything"]).description.contains("test.everything"))
    }

    @Test func policiesTooComplexToCountAreRefused() throws {
        let classes = (0..<20).map { ("c\($0)", String(UnicodeScalar(UInt8(0x61 + $0)))) }
        let policy = G.policy(classes, length: LengthRange(min: 20, max: 24), requirements: [.atLeast(20, of: nil)])
        #expect(throws: GenerationError.tooComplex(states: GenerationAutomaton.stateLimit + 1, limit: GenerationAutomaton.stateLimit)) {
            try PasswordGenerator(CompiledPolicy(policy))
        }
    }

    @Test func negativeCounts() throws {
        let generator = try PasswordGenerator(CompiledPolicy(G.policy([("x", "ab")], length: LengthRange(min: 2, max: 4))))
        #expect(throws: GenerationError.invalidArgument("the number of passwords must not be negative, found -1")) {
            try generator.generate(count: -1)
        }
    }
}
