import Testing
@testable import PasswordPolicy

/// The table-driven validator agrees with the slow reference that asks PCRE2 about every
/// character, on many generated policies and passwords (the same check the fuzz target
/// `validate` makes on fuzzer-chosen inputs).
@Suite struct ReferenceAgreementTests {
    static let alphabet: [String] = ["a", "b", "z", "A", "Q", "0", "7", "!", "#", "-", "]", "^", "\\", " ", "é", "ß", "α", "Ω", "中", "😀", "x", "y", "\u{0}", "\u{301}"]

    @Test func fastAndReferenceAgree() throws {
        var rng = SplitMix64(seed: 42)
        var compared = 0
        var invalid = 0
        for _ in 0..<300 {
            var reader = ByteReader((0..<64).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let policy = PolicyBuilder.policy(&reader)
            guard let compiled = try? CompiledPolicy(policy), let reference = ReferenceValidator(policy) else { continue }
            for _ in 0..<60 {
                let length = Int.random(in: 0...14, using: &rng)
                var bytes = Array((0..<length).map { _ in ReferenceAgreementTests.alphabet.randomElement(using: &rng)! }.joined().utf8)
                if Int.random(in: 0..<20, using: &rng) == 0, !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = 0xFF }
                let context = ["username": Bool.random(using: &rng) ? "Ab" : "é"]
                let expected = reference.codes(utf8: bytes, context: context)
                let codes = compiled.validate(utf8: bytes, context: context).codes.map(\.rawValue)
                #expect(codes == expected, "policy \(policy.jsonString(prettyPrinted: false)), password bytes \(bytes)")
                #expect(compiled.isValid(utf8: bytes, context: context) == expected.isEmpty)
                compared += 1
                if !expected.isEmpty { invalid += 1 }
            }
        }
        #expect(compared > 10_000)
        #expect(invalid > 1000 && invalid < compared - 500)
    }
}
