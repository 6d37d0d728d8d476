import Testing
@testable import PasswordPolicy

/// Every compliant password is equally likely: a chi-square test over all of them, at a
/// significance level that catches a "one of each class, then shuffle" generator (shown
/// here by running the same test on one).
@Suite struct GenerationUniformityTests {
    typealias G = GenerationSupport

    /// 540 compliant passwords: 5 characters over `ab`, `1`, `!`, all three classes present.
    /// (With 4 characters, "one of each, then shuffle" would draw a single free character
    /// and happen to be uniform; with two free characters it is not.)
    static let threeClasses = G.policy([("lower", "ab"), ("digits", "1"), ("specials", "!")],
                                       length: LengthRange(min: 5, max: 5), requirements: [.atLeast(3, of: nil)])

    /// Runs, leading and trailing rules and overlapping classes together.
    static let mixedRules = G.policy([("letters", "abc"), ("vowelish", "a1"), ("digits", "12")],
                                     length: LengthRange(min: 5, max: 5),
                                     requirements: [.atLeast(2, of: ["letters", "digits"]), .count(class: "vowelish", min: 1, max: 2)],
                                     forbidLeading: "1", forbidTrailing: "c", maxConsecutive: 1)

    /// The normal quantile for a significance level of 0.001.
    static let z = 3.090232

    /// Draws `perPassword` times as many samples as there are compliant passwords and
    /// returns the chi-square statistic against the uniform distribution, with its critical value.
    static func chiSquare(compliant: [String], perPassword: Int, draw: () throws -> String) throws -> (statistic: Double, critical: Double) {
        var slot: [String: Int] = [:]
        for (index, password) in compliant.enumerated() { slot[password] = index }
        var observed = [Int](repeating: 0, count: compliant.count)
        let samples = compliant.count * perPassword
        for _ in 0..<samples {
            let password = try draw()
            let index = try #require(slot[password], "drew a password outside the compliant set")
            observed[index] += 1
        }
        return (G.chiSquare(observed, samples: samples), G.chiSquareCritical(df: compliant.count - 1, z: z))
    }

    static func options(_ strategy: GenerationOptions.Strategy) -> GenerationOptions {
        var options = GenerationOptions()
        options.strategy = strategy
        return options
    }

    static let strategies: [GenerationOptions.Strategy] = [.automatic, .exact, .rejection]

    @Test(arguments: strategies)
    func everyCompliantPasswordIsEquallyLikely(_ strategy: GenerationOptions.Strategy) throws {
        for (seed, policy) in [(1 as UInt64, Self.threeClasses), (2, Self.mixedRules)] {
            let generator = try PasswordGenerator(CompiledPolicy(policy), options: Self.options(strategy))
            let length = policy.length.min
            let compliant = G.compliant(generator, length: length)
            #expect((100...1000).contains(compliant.count), "a few hundred compliant passwords, found \(compliant.count)")
            #expect(try generator.count(length: length) == PasswordCount(UInt64(compliant.count)))
            var random = G.Xoshiro256(seed: seed)
            let (statistic, critical) = try Self.chiSquare(compliant: compliant, perPassword: 60) {
                try generator.generate(length: length, using: &random)
            }
            #expect(statistic < critical, "chi-square \(statistic) against critical \(critical) (\(strategy))")
        }
    }

    @Test func aRangeOfLengthsIsUniformOverTheWholeRange() throws {
        let policy = G.policy([("lower", "ab"), ("digits", "12")], length: LengthRange(min: 2, max: 4),
                              requirements: [.atLeast(2, of: nil)], forbidLeading: "1")
        let generator = try PasswordGenerator(CompiledPolicy(policy))
        let compliant = (2...4).flatMap { G.compliant(generator, length: $0) }
        #expect(try generator.count(lengths: 2...4) == PasswordCount(UInt64(compliant.count)))
        var random = G.Xoshiro256(seed: 3)
        let (statistic, critical) = try Self.chiSquare(compliant: compliant, perPassword: 100) {
            try generator.generate(lengths: 2...4, using: &random)
        }
        #expect(statistic < critical, "chi-square \(statistic) against critical \(critical)")
    }

    /// The generator peers ship: one character of each class, the rest from the whole
    /// alphabet, then a shuffle. Every output is compliant, but not equally likely.
    struct OneOfEachThenShuffle {
        let classes: [[Character]]
        func generate<R: RandomNumberGenerator>(length: Int, using random: inout R) -> String {
            var characters = classes.map { $0.randomElement(using: &random)! }
            let all = classes.flatMap { $0 }
            while characters.count < length { characters.append(all.randomElement(using: &random)!) }
            characters.shuffle(using: &random)
            return String(characters)
        }
    }

    @Test func oneOfEachThenShuffleFailsTheSameTest() throws {
        let generator = try PasswordGenerator(CompiledPolicy(Self.threeClasses))
        let compliant = G.compliant(generator, length: 5)
        #expect(compliant.count == 540)
        let biased = OneOfEachThenShuffle(classes: [Array("ab"), Array("1"), Array("!")])
        var random = G.Xoshiro256(seed: 1)
        let (statistic, critical) = try Self.chiSquare(compliant: compliant, perPassword: 60) {
            biased.generate(length: 5, using: &random)
        }
        #expect(statistic > critical, "the biased generator should fail: chi-square \(statistic), critical \(critical)")
    }

    @Test(arguments: strategies)
    func aSeededGeneratorGivesTheSamePasswords(_ strategy: GenerationOptions.Strategy) throws {
        let compiled = try CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.windows")))
        let generator = try PasswordGenerator(compiled, options: Self.options(strategy))
        func run(_ seed: UInt64) throws -> [String] {
            var random = SplitMix64(seed: seed)
            return try (0..<20).map { _ in try generator.generate(lengths: 12...16, using: &random) }
        }
        #expect(try run(7) == run(7))
        #expect(try run(7) != run(8))
        var random = SplitMix64(seed: 7)
        let batch = try generator.generate(count: 20, lengths: 12...16, using: &random)
        #expect(try batch == run(7))
    }
}
