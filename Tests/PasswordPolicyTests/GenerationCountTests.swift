import Testing
@testable import PasswordPolicy

/// `count(length:)` is exact: on small policies it equals the number of strings over the
/// generator's alphabet that the validator accepts, found by trying every one.
@Suite struct GenerationCountTests {
    typealias G = GenerationSupport

    /// Small policies covering every rule counting handles, alone and together.
    static let policies: [(String, Policy)] = [
        ("no rules", G.policy([("x", "abc")])),
        ("atLeast with leading, trailing and runs", G.policy(
            [("lower", "ab"), ("digits", "12"), ("specials", "!")],
            requirements: [.atLeast(2, of: nil)], forbidLeading: "!", forbidTrailing: "1", maxConsecutive: 2)),
        ("overlapping classes, atLeast and a class min/max, no repeats", G.policy(
            [("A", "abc"), ("B", "bcd"), ("C", "d!")],
            requirements: [.atLeast(2, of: ["A", "B", "C"]), .count(class: "B", min: 1, max: 3)], maxConsecutive: 1)),
        ("class min and max only", G.policy(
            [("x", "ab"), ("y", "cd"), ("z", "e")],
            requirements: [.count(class: "x", min: 2, max: nil), .count(class: "z", min: nil, max: 1)], forbidTrailing: "e")),
        ("two atLeast requirements", G.policy(
            [("A", "a"), ("B", "bc"), ("C", "cd"), ("D", "1")],
            requirements: [.atLeast(1, of: ["A"]), .atLeast(2, of: ["B", "C", "D"])])),
        ("single-character atoms and runs", G.policy(
            [("a", "a"), ("b", "b"), ("c", "c")],
            requirements: [.atLeast(2, of: nil)], maxConsecutive: 2)),
        ("runs only, three characters", G.policy([("x", "xyz")], maxConsecutive: 1)),
        ("leading and trailing overlap the classes", G.policy(
            [("lower", "abc"), ("digits", "123")],
            requirements: [.atLeast(2, of: nil)], forbidLeading: "a1", forbidTrailing: "c3")),
        ("several count rules on one class, overlapping a second", G.policy(
            [("v", "aei"), ("w", "eio")],
            requirements: [.count(class: "v", min: 1, max: 4), .count(class: "v", min: 2, max: 3), .count(class: "w", min: nil, max: 2)],
            maxConsecutive: 2)),
        ("allowsOtherCharacters: outside characters are allowed but not proposed", G.policy(
            [("lower", "ab"), ("digits", "1")], requirements: [.atLeast(2, of: nil)], allowsOtherCharacters: true)),
        ("unbounded length", G.policy(
            [("lower", "ab"), ("digits", "12")], length: LengthRange(min: 1, max: nil),
            requirements: [.count(class: "digits", min: 1, max: 2)], maxConsecutive: 3)),
        ("maxConsecutive 1 with one character per class", G.policy(
            [("a", "a"), ("b", "b")], requirements: [.count(class: "a", min: 2, max: nil)], maxConsecutive: 1)),
    ]

    @Test(arguments: 0..<policies.count)
    func countEqualsBruteForce(_ index: Int) throws {
        let (name, policy) = Self.policies[index]
        let compiled = try CompiledPolicy(policy)
        let generator = try PasswordGenerator(compiled)
        var found = 0
        for length in 0...6 {
            let expected = G.compliant(generator, length: length).count
            found += expected
            let count = try generator.count(length: length)
            let inRange = policy.length.contains(length)
            #expect(count == PasswordCount(UInt64(inRange ? expected : 0)), "\(name), length \(length)")
        }
        #expect(found > 0, "\(name): brute force found no compliant password, so the comparison proves little")
        // Every prepared length and a range agree with the sum of single lengths.
        let total = try generator.count(lengths: 1...6)
        var sum = PasswordCount()
        for length in 1...6 { sum += try generator.count(length: length) }
        #expect(total == sum, "\(name)")
    }

    @Test func countBeyondThePreparedLengthsMatchesAPreparedGenerator() throws {
        let policy = G.policy([("lower", "abc"), ("digits", "12")], length: LengthRange(min: 1, max: nil),
                              requirements: [.atLeast(2, of: nil)], maxConsecutive: 2)
        let compiled = try CompiledPolicy(policy)
        let lazy = try PasswordGenerator(compiled)
        let prepared = try PasswordGenerator(compiled, preparing: 1...200)
        for length in [64, 65, 100, 200] {
            #expect(try lazy.count(length: length) == prepared.count(length: length))
        }
    }

    @Test func entropyIsLog2OfTheCount() throws {
        let compiled = try CompiledPolicy(G.policy([("x", "ab"), ("y", "12")], requirements: [.atLeast(2, of: nil)]))
        let generator = try PasswordGenerator(compiled)
        // Length 3 over 4 characters needing both classes: 64 - 8 - 8 = 48.
        #expect(try generator.count(length: 3) == 48)
        #expect(abs(try generator.entropyBits(length: 3) - 5.584962500721156) < 1e-12)
        #expect(try generator.entropyBits(length: 1) == -.infinity)
    }

    @Test func largeCountsAreExact() throws {
        // No rules over 94 printable ASCII characters: the count is 94^L exactly.
        let compiled = try CompiledPolicy(Policy(id: "test.ascii", length: LengthRange(min: 1, max: 64),
                                                 classes: [CharacterClass(name: "any", .set("!-~"))]))
        let generator = try PasswordGenerator(compiled)
        var power = PasswordCount(1)
        for length in 1...64 {
            power.multiply(by: 94)
            #expect(try generator.count(length: length) == power)
        }
        #expect(abs(try generator.entropyBits(length: 64) - 64 * 6.554588851677637) < 1e-9)
    }
}
