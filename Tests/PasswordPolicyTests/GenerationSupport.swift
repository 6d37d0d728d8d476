@testable import PasswordPolicy

/// Seedable random number generators and brute-force helpers for the generation tests.
enum GenerationSupport {
    /// xoshiro256**, seeded through SplitMix64 as its authors recommend.
    struct Xoshiro256: RandomNumberGenerator {
        var s: (UInt64, UInt64, UInt64, UInt64)
        init(seed: UInt64) {
            var seeder = SplitMix64(seed: seed)
            s = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
        }
        mutating func next() -> UInt64 {
            let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
            let t = s.1 << 17
            s.2 ^= s.0
            s.3 ^= s.1
            s.1 ^= s.2
            s.0 ^= s.3
            s.2 ^= t
            s.3 = s.3 << 45 | s.3 >> 19
            return result
        }
    }

    /// A policy with the given classes (name, literal characters) and rules.
    static func policy(
        _ classes: [(String, String)],
        length: LengthRange = LengthRange(min: 0, max: 6),
        requirements: [Requirement] = [],
        forbidLeading: Charset? = nil,
        forbidTrailing: Charset? = nil,
        maxConsecutive: Int? = nil,
        allowsOtherCharacters: Bool = false,
        forbidPatterns: [ForbiddenPattern] = []
    ) -> Policy {
        Policy(id: "test.generation", length: length,
               classes: classes.map { CharacterClass(name: $0.0, .chars($0.1)) },
               allowsOtherCharacters: allowsOtherCharacters, requirements: requirements,
               forbidLeading: forbidLeading, forbidTrailing: forbidTrailing,
               maxConsecutive: maxConsecutive, forbidPatterns: forbidPatterns)
    }

    /// Every string of `length` characters over `alphabet`, in lexicographic order of indices.
    static func allStrings(over alphabet: [Unicode.Scalar], length: Int) -> [String] {
        var result: [String] = []
        var indices = [Int](repeating: 0, count: length)
        let total = (0..<length).reduce(1) { total, _ in total * alphabet.count }
        result.reserveCapacity(total)
        for _ in 0..<total {
            var text = String.UnicodeScalarView()
            for index in indices { text.append(alphabet[index]) }
            result.append(String(text))
            var position = length - 1
            while position >= 0 {
                indices[position] += 1
                if indices[position] < alphabet.count { break }
                indices[position] = 0
                position -= 1
            }
        }
        return result
    }

    /// The compliant passwords of `length` over the generator's alphabet, found by asking
    /// the validator about every string.
    static func compliant(_ generator: PasswordGenerator, length: Int) -> [String] {
        let alphabet = Array(generator.alphabet.scalars)
        return allStrings(over: alphabet, length: length).filter { generator.compiled.isValid($0) }
    }

    /// The chi-square statistic of `observed` counts against a uniform expectation.
    static func chiSquare(_ observed: [Int], samples: Int) -> Double {
        let expected = Double(samples) / Double(observed.count)
        return observed.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }

    /// The upper critical value of chi-square with `df` degrees of freedom at the
    /// significance level whose standard normal quantile is `z` (Wilson-Hilferty).
    static func chiSquareCritical(df: Int, z: Double) -> Double {
        let k = Double(df)
        let a = 2.0 / (9.0 * k)
        let base = 1.0 - a + z * a.squareRoot()
        return k * base * base * base
    }
}
