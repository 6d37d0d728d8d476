import Testing
@testable import PasswordPolicy

/// Every generated password validates against its policy: every preset at every length in
/// its range (both sampling paths), intersections, Unicode classes, patterns and context.
@Suite struct GenerationValidityTests {
    typealias G = GenerationSupport

    static func options(_ strategy: GenerationOptions.Strategy, ascii: Bool = false, exclude: String = "") -> GenerationOptions {
        var options = GenerationOptions(ascii: ascii, exclude: exclude)
        options.strategy = strategy
        return options
    }

    @Test func thePresetsAreThere() {
        #expect(Presets.all.count >= 6)
    }

    /// The cloud and vendor presets. Website presets (web.*) are left to WebPresetTests,
    /// which generates for each at the lengths its rules admit: many set no maxlength, and
    /// every length of 434 sites twice over would take minutes.
    static let nonWebPresetIDs = Presets.ids.filter { Presets.vendor(of: $0) != "web" }

    @Test(arguments: GenerationValidityTests.nonWebPresetIDs)
    func everyPresetAtEveryLength(_ id: String) throws {
        let policy = try #require(Presets.policy(id: id))
        let compiled = try CompiledPolicy(policy)
        // No maximum: the first 24 lengths.
        let maxLength = policy.length.max ?? (policy.length.min + 23)
        for (seed, strategy) in [(11 as UInt64, GenerationOptions.Strategy.automatic), (12, .exact)] {
            let generator = try PasswordGenerator(compiled, options: Self.options(strategy))
            var random = G.Xoshiro256(seed: seed)
            for length in policy.length.min...maxLength {
                for _ in 0..<25 {
                    let password = try generator.generate(length: length, using: &random)
                    #expect(password.unicodeScalars.count == length)
                    #expect(compiled.validate(password).isEmpty, "\(id), length \(length), \(strategy)")
                }
                #expect(try generator.count(length: length) > 0)
            }
            for _ in 0..<50 {
                let password = try generator.generate(lengths: policy.length.min...maxLength, using: &random)
                #expect(compiled.isValid(password), "\(id), a length in the range")
            }
        }
        // The OS random source and the convenience entry point.
        let password = try compiled.generate()
        #expect(password.unicodeScalars.count == min(max(16, policy.length.min), maxLength))
        #expect(compiled.isValid(password))
        let batch = try compiled.generator().generate(count: 100)
        #expect(batch.allSatisfy { compiled.isValid($0) })
        #expect(Set(batch).count == batch.count)
    }

    @Test func intersectionsOfPresets() throws {
        let pairs = [
            ("tencentcloud.cvm.linux", "tencentcloud.cvm.windows"),
            ("huaweicloud.dcs", "tencentcloud.redis"),
            ("huaweicloud.dms.kafka", "tencentcloud.mongodb"),
        ]
        for (first, second) in pairs {
            let a = try CompiledPolicy(try #require(Presets.policy(id: first)))
            let b = try CompiledPolicy(try #require(Presets.policy(id: second)))
            let both = try CompiledPolicy(Policy.intersection([a.policy, b.policy]))
            let generator = try PasswordGenerator(both)
            var random = G.Xoshiro256(seed: 21)
            for length in both.policy.length.min...(both.policy.length.max ?? 20) {
                for _ in 0..<30 {
                    let password = try generator.generate(length: length, using: &random)
                    #expect(a.isValid(password) && b.isValid(password), "\(first) ∩ \(second), length \(length)")
                }
            }
        }
    }

    @Test func smallPoliciesOnBothPaths() throws {
        for (_, policy) in GenerationCountTests.policies {
            let compiled = try CompiledPolicy(policy)
            for strategy in [GenerationOptions.Strategy.exact, .rejection] {
                let generator = try PasswordGenerator(compiled, options: Self.options(strategy))
                var random = SplitMix64(seed: 5)
                for length in max(1, policy.length.min)...6 where try generator.count(length: length) > 0 {
                    for _ in 0..<30 {
                        let password = try generator.generate(length: length, using: &random)
                        #expect(compiled.isValid(password))
                    }
                }
            }
        }
    }

    @Test func longPasswordsBeyondThePreparedLengths() throws {
        // Counts of hundreds of bits: the exact path's multi-word arithmetic, and rows
        // computed on demand past the prepared lengths (64 for an unbounded policy).
        let policy = Policy(id: "test.long", length: LengthRange(min: 8, max: nil),
                            classes: [CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "digits", .set("0-9")),
                                      CharacterClass(name: "specials", "!#")],
                            requirements: [.count(class: "digits", min: 30, max: 60), .count(class: "specials", min: 1, max: 2)],
                            forbidLeading: "!#", maxConsecutive: 2)
        let compiled = try CompiledPolicy(policy)
        for (strategy, prepared) in [(GenerationOptions.Strategy.exact, 8...300), (.automatic, nil)] {
            let generator = try PasswordGenerator(compiled, options: Self.options(strategy), preparing: prepared)
            var random = G.Xoshiro256(seed: 61)
            // Unprepared lengths recompute their rows on every call: a few draws there.
            for length in [40, 64, 65, 100, 300] {
                for _ in 0..<(prepared == nil && length > 64 ? 2 : 20) {
                    let password = try generator.generate(length: length, using: &random)
                    #expect(password.unicodeScalars.count == length)
                    #expect(compiled.validate(password).isEmpty, "length \(length), \(strategy)")
                }
            }
            #expect(try generator.count(length: 300).bitWidth > 1000)
            for _ in 0..<20 {
                #expect(compiled.isValid(try generator.generate(lengths: 60...70, using: &random)))
            }
        }
    }

    @Test func unicodeClassesAndNegatedSets() throws {
        let greek = try CompiledPolicy(Policy(
            id: "test.greek", length: LengthRange(min: 8, max: 12),
            classes: [CharacterClass(name: "greek", .set("\\p{Greek}")), CharacterClass(name: "digits", .set("0-9"))],
            requirements: [.count(class: "digits", min: 2, max: 3)], maxConsecutive: 2))
        // A negated set allows controls, format characters, private use and more; none may be drawn.
        let anything = try CompiledPolicy(Policy(
            id: "test.anything", length: LengthRange(min: 10, max: 10),
            classes: [CharacterClass(name: "any", .set("^/")), CharacterClass(name: "controls", .set("\\x{0}-\\x{1f}"))],
            requirements: [.atLeast(1, of: ["any"])]))
        for compiled in [greek, anything] {
            let generator = try PasswordGenerator(compiled)
            var random = G.Xoshiro256(seed: 31)
            for _ in 0..<300 {
                let password = try generator.generate(using: &random)
                #expect(compiled.isValid(password))
                for scalar in password.unicodeScalars {
                    #expect(DrawableCharacters.isDrawable(scalar.value), "U+\(String(scalar.value, radix: 16)) is not drawable")
                }
            }
        }
        let generator = try PasswordGenerator(anything)
        #expect(!generator.alphabet.contains(0x1F))       // control
        #expect(!generator.alphabet.contains(0x200B))     // zero width space (format)
        #expect(!generator.alphabet.contains(0xE000))     // private use
        #expect(!generator.alphabet.contains(0xA0))       // no-break space
        #expect(!generator.alphabet.contains(0x2028))     // line separator
        #expect(!generator.alphabet.contains(0xFFFF))     // noncharacter
        #expect(generator.alphabet.contains(0x20))        // space, which the class allows
        #expect(generator.alphabet.contains(0x4E2D))      // 中
        #expect(!generator.alphabet.contains(0x2F))       // the negated '/'
    }

    @Test func asciiAndExclusions() throws {
        let kafka = try CompiledPolicy(try #require(Presets.policy(id: "huaweicloud.dms.kafka")))
        let generator = try PasswordGenerator(kafka, options: GenerationOptions(ascii: true, exclude: "Il1O0 "))
        let lookAlikes = Set("Il1O0 ".unicodeScalars)
        var random = G.Xoshiro256(seed: 41)
        for _ in 0..<500 {
            let password = try generator.generate(length: 8, using: &random)
            #expect(kafka.isValid(password))
            #expect(password.unicodeScalars.allSatisfy { !lookAlikes.contains($0) && $0.value >= 0x21 && $0.value <= 0x7E })
        }
        // Space is proposed where the policy allows it, unless excluded.
        #expect(try PasswordGenerator(kafka).alphabet.contains(0x20))
        #expect(try PasswordGenerator(kafka, options: GenerationOptions(ascii: true)).alphabet.contains(0x20))
        #expect(!generator.alphabet.contains(0x20))
        // The count is over exactly the alphabet drawn from: fewer characters, fewer passwords.
        #expect(try generator.count(length: 12) < PasswordGenerator(kafka).count(length: 12))
        // ASCII on a Unicode class keeps only its ASCII members.
        let letters = try CompiledPolicy(Policy(id: "test.letters", length: LengthRange(min: 4, max: 8),
                                                classes: [CharacterClass(name: "letters", .set("\\p{L}"))]))
        #expect(try PasswordGenerator(letters, options: GenerationOptions(ascii: true)).alphabet.count == 52)
    }

    @Test func patternsAndContextAreEnforcedByRejection() throws {
        let policy = G.policy([("lower", "abc"), ("digits", "12")], length: LengthRange(min: 3, max: 5),
                              requirements: [.atLeast(2, of: nil)],
                              forbidPatterns: [ForbiddenPattern(pattern: "(?i)ab", code: "test.ab", message: "no ab")])
        var withContext = policy
        withContext.forbidContext = ["username"]
        let compiled = try CompiledPolicy(withContext)
        let generator = try PasswordGenerator(compiled)
        var random = G.Xoshiro256(seed: 51)
        let context = ["username": "C1"]
        for _ in 0..<500 {
            let password = try generator.generate(lengths: 3...5, context: context, using: &random)
            #expect(compiled.isValid(password, context: context))
            #expect(!password.contains("ab") && !password.lowercased().contains("c1"))
        }
    }

    @Test func defaultLengthIsSixteenClampedIntoTheRange() throws {
        func generator(_ range: LengthRange) throws -> PasswordGenerator {
            try PasswordGenerator(CompiledPolicy(G.policy([("x", "abcdef")], length: range)))
        }
        #expect(try generator(LengthRange(min: 8, max: 32)).defaultLength == 16)
        #expect(try generator(LengthRange(min: 20, max: nil)).defaultLength == 20)
        #expect(try generator(LengthRange(min: 4, max: 10)).defaultLength == 10)
        #expect(try generator(LengthRange(min: 4, max: 10)).generate().count == 10)
    }

    @Test func aGeneratorIsSharedAcrossTasks() async throws {
        let compiled = try CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.windows")))
        let generator = try PasswordGenerator(compiled)
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 { group.addTask { try generator.generate(count: 200, lengths: 12...16) } }
            var all: [String] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(results.count == 800)
        #expect(results.allSatisfy { compiled.isValid($0) })
    }
}
