import Testing
@testable import PasswordPolicy

/// `Policy.intersection`: a password is valid for the intersection exactly when it is
/// valid for every part; an empty intersection is an error that says why.
@Suite struct IntersectionTests {
    /// Random passwords over `alphabet` with lengths in `lengths`.
    static func samples(_ alphabet: String, lengths: ClosedRange<Int>, count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let characters = Array(alphabet)
        return (0..<count).map { _ in
            String((0..<Int.random(in: lengths, using: &rng)).map { _ in characters.randomElement(using: &rng)! })
        }
    }

    static let a = Policy(
        id: "test.a", length: LengthRange(min: 4, max: 10),
        classes: [CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "specials", "!@#-")],
        requirements: [.atLeast(2, of: nil)], forbidLeading: "-", maxConsecutive: 3
    )
    static let b = Policy(
        id: "test.b", length: LengthRange(min: 6, max: nil),
        classes: [CharacterClass(name: "letters", .set("a-zA-Z")), CharacterClass(name: "digits", .set("0-4")), CharacterClass(name: "specials", "!#%")],
        requirements: [.count(class: "digits", min: 1, max: 3), .atLeast(1, of: ["specials"])],
        forbidTrailing: "#", maxConsecutive: 2,
        forbidPatterns: [ForbiddenPattern(pattern: "(?i)abc", code: "test.abc", message: "no abc")],
        forbidContext: ["username"]
    )

    @Test func validExactlyWhenValidForEveryPart() throws {
        let both = try CompiledPolicy(Policy.intersection([IntersectionTests.a, IntersectionTests.b]))
        let parts = try [IntersectionTests.a, IntersectionTests.b].map { try CompiledPolicy($0) }
        let passwords = IntersectionTests.samples("abcxyzA01259!#%-", lengths: 0...12, count: 10_000, seed: 7)
            + IntersectionTests.samples("xyzB019!#", lengths: 5...11, count: 10_000, seed: 8)
        var agreedValid = 0
        for password in passwords {
            let expected = parts.allSatisfy { $0.isValid(password, context: ["username": "Ab1"]) }
            #expect(both.isValid(password, context: ["username": "Ab1"]) == expected, "sample \(passwords.firstIndex(of: password) ?? -1)")
            #expect(both.validate(password, context: ["username": "Ab1"]).isEmpty == expected)
            if expected { agreedValid += 1 }
        }
        // The sample must exercise both verdicts for the comparison to mean anything.
        #expect(agreedValid > 100)
        #expect(agreedValid < passwords.count - 100)
    }

    @Test func accumulatesRules() throws {
        let both = try Policy.intersection([IntersectionTests.a, IntersectionTests.b])
        #expect(both.length == LengthRange(min: 6, max: 10))
        #expect(both.maxConsecutive == 2)
        #expect(both.forbidLeading == "-")
        #expect(both.forbidTrailing == "#")
        #expect(both.forbidPatterns == IntersectionTests.b.forbidPatterns)
        #expect(both.forbidContext == ["username"])
        #expect(both.isOptional == false)
        // The result is a plain policy: it survives the file format.
        #expect(try Policy(json: both.jsonString()) == both)
    }

    @Test func intersectionWithItselfAcceptsTheSamePasswords() throws {
        let one = try CompiledPolicy(IntersectionTests.a)
        let twice = try CompiledPolicy(Policy.intersection([IntersectionTests.a, IntersectionTests.a]))
        #expect(twice.policy.classes.map(\.name) == IntersectionTests.a.classes.map(\.name))
        for password in IntersectionTests.samples("ab09!-x", lengths: 0...11, count: 3000, seed: 3) {
            #expect(one.isValid(password) == twice.isValid(password))
        }
    }

    @Test func disjointLengthsAreEmpty() throws {
        var long = IntersectionTests.a
        long.id = "test.long"
        long.length = LengthRange(min: 20, max: 30)
        let error = try #require(throws: PolicyError.self) { try Policy.intersection([IntersectionTests.a, long]) }
        #expect(error.description.contains("length ranges do not overlap"))
    }

    @Test func requiredClassWithNothingLeftIsEmpty() throws {
        let digitsOnly = Policy(id: "test.digits", length: LengthRange(min: 1, max: 10), classes: [CharacterClass(name: "digits", .set("0-9"))])
        let error = try #require(throws: PolicyError.self) { try Policy.intersection([IntersectionTests.b, digitsOnly]) }
        #expect(error.description.contains("specials"))
        #expect(error.description.contains("test.b"))
    }

    @Test func moreRequiredClassesThanLengthAllowsIsEmpty() throws {
        let fourClasses = Policy(
            id: "test.four", length: LengthRange(min: 1, max: 20),
            classes: [CharacterClass(name: "a", "a"), CharacterClass(name: "b", "b"), CharacterClass(name: "c", "c"), CharacterClass(name: "d", "d")],
            requirements: [.atLeast(4, of: nil)]
        )
        let short = Policy(id: "test.short", length: LengthRange(min: 1, max: 3), classes: [CharacterClass(name: "abcd", "abcd")])
        let error = try #require(throws: PolicyError.self) { try Policy.intersection([fourClasses, short]) }
        #expect(error.description.contains("length.max is 3"))
    }

    @Test func allowOtherOnOneSideIsBoundedByTheOther() throws {
        var open = IntersectionTests.a
        open.id = "test.open"
        open.allowsOtherCharacters = true
        let closed = Policy(id: "test.closed", length: LengthRange(min: 1, max: 10), classes: [CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "greek", .set("\\x{3b1}-\\x{3c9}"))])
        let both = try CompiledPolicy(Policy.intersection([open, closed]))
        #expect(both.policy.allowsOtherCharacters == false)
        #expect(both.isValid("abcdα1"))            // α is "other" for test.open, a class of test.closed
        #expect(both.isValid("abcdαβ") == false)   // test.open needs 2 of its classes
        #expect(both.isValid("abc!αβ") == false)   // ! is not allowed by test.closed
        // Nothing of test.open's specials survives, so needing them is a contradiction.
        var needsSpecials = open
        needsSpecials.requirements = [.atLeast(1, of: ["specials"])]
        #expect(throws: PolicyError.self) { try Policy.intersection([needsSpecials, closed]) }
    }

    @Test func emptinessFoundOnlyByCountingIsAnError() throws {
        let classes = [CharacterClass(name: "a", "a"), CharacterClass(name: "b", "b"), CharacterClass(name: "c", "c")]
        let needsAB = Policy(id: "test.ab", length: LengthRange(min: 2, max: 2), classes: classes,
                             requirements: [.count(class: "a", min: 1, max: nil), .count(class: "b", min: 1, max: nil)])
        let startsWithC = Policy(id: "test.c", length: LengthRange(min: 1, max: 5), classes: classes, forbidLeading: "ab")
        // Each is satisfiable ("ab", "cab"); together two characters cannot hold a and b after a c.
        #expect(needsAB.lint().isEmpty && startsWithC.lint().isEmpty)
        let error = try #require(throws: PolicyError.self) { try Policy.intersection([needsAB, startsWithC]) }
        #expect(error.description.contains("no password satisfies all of test.ab and test.c"))
    }

    /// Found by the `intersect` fuzz target (Fuzz/Corpus/intersect/regression-only-the-empty-password):
    /// with no character in common, the empty password still satisfies policies whose
    /// length ranges start at 0.
    @Test func noCommonCharacterLeavesOnlyTheEmptyPassword() throws {
        let spaces = Policy(id: "test.spaces", length: LengthRange(min: 0, max: 0), classes: [CharacterClass(name: "s", .set("\\s"))], maxConsecutive: 2)
        let letters = Policy(id: "test.letters", length: LengthRange(min: 0, max: nil), classes: [CharacterClass(name: "l", .set("a-z"))])
        let both = try CompiledPolicy(Policy.intersection([spaces, letters]))
        #expect(both.isValid(""))
        #expect(!both.isValid("a"))
        #expect(!both.isValid(" "))
        // With a minimum length, or a class that must appear, nothing is left.
        var longer = letters
        longer.length = LengthRange(min: 1, max: nil)
        #expect(throws: PolicyError.self) { try Policy.intersection([spaces, longer]) }
        var needsLetter = letters
        needsLetter.requirements = [.atLeast(1, of: nil)]
        #expect(throws: PolicyError.self) { try Policy.intersection([spaces, needsLetter]) }
    }

    @Test func emptyListIsAnError() {
        #expect(throws: PolicyError.self) { try Policy.intersection([]) }
    }
}
