import Testing
@testable import PasswordPolicy

/// The yes-or-no scans (the ASCII word-at-a-time path and the scalar path) against the
/// full violation scan, which shares none of their code: on every password they must
/// agree that it is valid exactly when the full scan finds no violation.
@Suite struct FastPathTests {
    static let cloudAndVendorPresets: [Policy] = Presets.all.filter { Presets.vendor(of: $0.id) != "web" }
        + ["web.verizonwireless.com", "web.benjerry.com", "web.aetna.com"].compactMap { Presets.policy(id: $0) }

    /// Hand-written policies for the branches the presets may miss: runs, allowOther,
    /// trailing (with and without a run limit), non-ASCII classes, per-class counts, no
    /// maximum, a maximum under 8.
    static let handwritten: [Policy] = [
        Policy(
            id: "test.runs", length: LengthRange(min: 8, max: 16),
            classes: [
                CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "upper", .set("A-Z")),
                CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "specials", "!@#./"),
            ],
            requirements: [.atLeast(3, of: nil)],
            forbidLeading: "/", forbidTrailing: ".", maxConsecutive: 2
        ),
        // Both ends forbidden and no rule that rereads the bytes: isValid's quick check.
        Policy(
            id: "test.ends", length: LengthRange(min: 6, max: 12),
            classes: [
                CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "digits", .set("0-9")),
                CharacterClass(name: "specials", "!.-"),
            ],
            requirements: [.atLeast(2, of: nil)],
            forbidLeading: "-", forbidTrailing: "."
        ),
        // Eight and nine classes: past the quick check's seven (its entries hold seven class
        // bits), so the full scan judges them; five of eight classes required, or three of nine.
        Policy(
            id: "test.eight", length: LengthRange(min: 8, max: 20),
            classes: ["a-c", "d-f", "g-i", "j-l", "m-o", "p-r", "s-u", "v-z"].enumerated().map { CharacterClass(name: "c\($0.offset)", .set($0.element)) },
            allowsOtherCharacters: true,
            requirements: [.atLeast(5, of: nil)],
            forbidLeading: "a"
        ),
        Policy(
            id: "test.nine", length: LengthRange(min: 4, max: 10),
            classes: ["a-c", "d-f", "g-i", "j-l", "m-o", "p-r", "s-u", "v-z", "0-9"].enumerated().map { CharacterClass(name: "c\($0.offset)", .set($0.element)) },
            requirements: [.atLeast(3, of: nil)]
        ),
        Policy(
            id: "test.unicode", length: LengthRange(min: 4, max: nil),
            classes: [CharacterClass(name: "letters", .set("\\p{L}")), CharacterClass(name: "digits", .set("\\d"))],
            allowsOtherCharacters: true,
            requirements: [.count(class: "letters", min: 2, max: 10)],
            maxConsecutive: 3
        ),
        Policy(
            id: "test.han", length: LengthRange(min: 2, max: 6),
            classes: [CharacterClass(name: "han", .set("\\p{Han}")), CharacterClass(name: "digits", .set("0-9"))],
            requirements: [.atLeast(2, of: nil)],
            forbidLeading: "0"
        ),
        Policy(
            id: "test.empty", length: LengthRange(min: 0, max: 3),
            classes: [CharacterClass(name: "digits", .set("0-9"))],
            isOptional: true
        ),
    ]

    struct MissingPreset: Error, CustomStringConvertible {
        var id: String
        var description: String { "no preset \(id)" }
    }

    /// The presets, the intersection of two of them, and the hand-written policies. A
    /// preset that is missing or an intersection that fails is an error, never dropped:
    /// the tests built on this list fail instead of checking fewer policies.
    static func policies() throws -> [Policy] { try built.get() }

    private static let built = Result { () throws -> [Policy] in
        let parts = try ["tencentcloud.redis", "huaweicloud.dcs"].map { id in
            guard let preset = Presets.policy(id: id) else { throw MissingPreset(id: id) }
            return preset
        }
        // The cloud and vendor presets, and three website presets of shapes of their own (any
        // Unicode character; repeated required classes; a run limit with a custom class).
        return cloudAndVendorPresets + [try Policy.intersection(parts)] + handwritten
    }

    /// One of the hand-written policies, by id.
    static func handwrittenPolicy(_ id: String) throws -> Policy {
        try #require(handwritten.first { $0.id == id }, "no hand-written policy \(id)")
    }

    /// Pieces passwords are made of: printable ASCII, multi-byte scalars, and bytes that
    /// are not UTF-8 (for the byte API only).
    static let ascii: [[UInt8]] = (0x20...0x7E).map { [UInt8($0)] } + [[0x09], [0x00], [0x7F]]
    static let scalars: [[UInt8]] = ["é", "ß", "中", "文", "😀", "Ω", "٣", "\u{00A0}"].map { Array($0.utf8) }
    static let invalid: [[UInt8]] = [[0xFF], [0x80], [0xC3], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80]]

    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func password(_ generator: inout Generator, invalidUTF8: Bool) -> [UInt8] {
        let length = generator.next(10) == 0 ? generator.next(80) : generator.next(26)
        var bytes: [UInt8] = []
        let mode = generator.next(4)   // 0, 1: ASCII only; 2: some multi-byte; 3: repeats
        for _ in 0..<length {
            let roll = generator.next(100)
            if mode == 3, let last = bytes.last, roll < 40 { bytes.append(last); continue }
            if invalidUTF8, roll < 3 {
                bytes += invalid[generator.next(invalid.count)]
            } else if mode == 2, roll < 30 {
                bytes += scalars[generator.next(scalars.count)]
            } else {
                bytes += ascii[generator.next(ascii.count)]
            }
        }
        return bytes
    }

    @Test func everyPolicyIsBuiltAndCompiles() throws {
        let policies = try FastPathTests.policies()
        #expect(policies.count == FastPathTests.cloudAndVendorPresets.count + 1 + FastPathTests.handwritten.count)
        #expect(Set(policies.map(\.id)).count == policies.count, "ids are unique")
        for policy in policies { _ = try CompiledPolicy(policy) }
        // Most take isValid's quick check (QuickCheck) for ASCII passwords, which the next
        // test holds against the full scan with the others.
        let quick = try policies.filter { try CompiledPolicy($0).storage.quickCheck != nil }
        #expect(quick.count >= policies.count / 3, "\(quick.count) of \(policies.count)")
        #expect(quick.contains { $0.id == "tencentcloud.cvm.linux" } && quick.contains { $0.id == "test.ends" })
    }

    /// The shape the quick check takes (QuickCheck's documentation): seven classes at most,
    /// a minimum of at least one (its verdict reads the first and the last byte), and no rule
    /// that reads the bytes again.
    @Test func quickCheckIsBuiltForItsShapeOnly() throws {
        func quick(_ id: String) throws -> Bool { try CompiledPolicy(FastPathTests.handwrittenPolicy(id)).storage.quickCheck != nil }
        #expect(try quick("test.ends"))
        #expect(try !quick("test.eight"))
        #expect(try !quick("test.nine"))
        #expect(try !quick("test.empty"))   // minimum 0
        #expect(try !quick("test.runs"))    // a run limit
        var seven = try FastPathTests.handwrittenPolicy("test.eight")
        seven.classes.removeLast()
        #expect(try CompiledPolicy(seven).storage.quickCheck != nil)
        var fromZero = try FastPathTests.handwrittenPolicy("test.ends")
        fromZero.length = LengthRange(min: 0, max: 12)
        #expect(try CompiledPolicy(fromZero).storage.quickCheck == nil)
    }

    @Test(arguments: try FastPathTests.policies().map(\.id))
    func yesOrNoAgreesWithTheFullScan(id: String) throws {
        let policy = try #require(FastPathTests.policies().first { $0.id == id })
        let compiled = try CompiledPolicy(policy)
        var generator = Generator(state: 0x5EED ^ UInt64(policy.id.utf8.count))
        var valid = 0
        var quickVerdicts = 0
        for round in 0..<6_000 {
            let bytes = FastPathTests.password(&generator, invalidUTF8: round % 2 == 1)
            let full = bytes.withUnsafeBufferPointer { compiled.violations(buffer: $0, knownValidUTF8: false, context: [:]) }
            let fast = compiled.isValid(utf8: bytes)
            #expect(bytes.withUnsafeBufferPointer { compiled.isValid(utf8: $0) } == fast, "\(policy.id): bytes \(bytes)")
            // The quick check, where it answers, answers as the full scan does.
            if let quick = compiled.storage.quickCheck, let verdict = bytes.withUnsafeBufferPointer({ quick.verdict($0) }) {
                #expect(verdict == full.isEmpty, "\(policy.id): bytes \(bytes) quick \(verdict), violations \(full.codes)")
                quickVerdicts += 1
            }
            let scalar = bytes.withUnsafeBufferPointer { compiled.isValidScalars($0, knownValidUTF8: false, context: [:]) }
            #expect(fast == full.isEmpty, "\(policy.id): bytes \(bytes) isValid \(fast), violations \(full.codes)")
            #expect(scalar == fast, "\(policy.id): bytes \(bytes)")
            #expect(compiled.validate(utf8: bytes).map(\.code) == full.map(\.code))
            #expect(compiled.violationCodes(utf8: bytes).codes == ViolationCodeSet.allCodes.filter(Set(full.map(\.code)).contains), "\(policy.id): \(bytes)")
            if let string = String(validating: bytes, as: UTF8.self) {
                #expect(compiled.isValid(string) == fast, "\(policy.id): \(bytes)")
                #expect(compiled.validate(string).map(\.code) == full.map(\.code))
                #expect(compiled.violationCodes(string) == compiled.violationCodes(utf8: bytes))
            }
            if fast { valid += 1 }
        }
        // The generator reaches both verdicts for every policy.
        #expect(valid > 0 && valid < 6_000, "\(policy.id): \(valid) valid")
        // A policy with a quick check answers most of these passwords from it (a third are
        // ASCII of up to 25 bytes).
        if compiled.storage.quickCheck != nil { #expect(quickVerdicts >= 1_000, "\(policy.id): \(quickVerdicts)") }
    }

    /// Valid passwords from the generator, each changed in one place: every ASCII byte
    /// (NUL to DEL) first and last (the forbidden ends), one byte fewer and one more (the
    /// length edges, the maximum's among them). Random passwords rarely come this close to
    /// valid, so this is where the quick check's every test must hold.
    @Test(arguments: try FastPathTests.policies().map(\.id))
    func nearValidPasswordsAgreeWithTheFullScan(id: String) throws {
        let policy = try #require(FastPathTests.policies().first { $0.id == id })
        let compiled = try CompiledPolicy(policy)
        let generator = try PasswordGenerator(compiled)
        var random = SplitMix64(seed: 0xE4D5 ^ UInt64(policy.id.utf8.count))
        let lowest = max(1, policy.length.min)
        let highest = min(policy.length.max ?? lowest + 24, lowest + 24)
        // The lengths that have a compliant password (a policy's requirements may need more
        // characters than its minimum length).
        let lengths = try (lowest...highest).filter { try !generator.count(length: $0).isZero }
        try #require(!lengths.isEmpty, "\(id): no compliant password of length \(lowest)...\(highest)")
        var drawn = try (0..<24).map { _ in try #require(lengths.randomElement(using: &random)) }
        // The maximum itself, when the draws above cannot reach it.
        if let maximum = policy.length.max, maximum > highest, maximum <= 1_024 { drawn.append(maximum) }
        for length in drawn {
            let password = try generator.generate(length: length, using: &random)
            let bytes = Array(password.utf8)
            #expect(compiled.isValid(password), "\(id): the generator's password is not valid")
            var variants = [bytes.dropLast() + [], bytes + [bytes[0]], bytes + [UInt8(ascii: "a")]]
            for byte in UInt8(0x00)...0x7F {
                variants.append([byte] + bytes.dropFirst())
                variants.append(bytes.dropLast() + [byte])
            }
            for variant in [bytes] + variants {
                let full = variant.withUnsafeBufferPointer { compiled.violations(buffer: $0, knownValidUTF8: false, context: [:]) }
                #expect(variant.withUnsafeBufferPointer { compiled.isValid(utf8: $0) } == full.isEmpty, "\(id): bytes \(variant), violations \(full.codes)")
            }
        }
    }

    /// Random policies of every shape the quick check may or may not take: 1 to 9 classes
    /// (ASCII ranges that overlap, control bytes and NUL among them, and non-ASCII classes),
    /// `atLeast` over all classes or some, forbidden ends, `allowOther`, minimums from 0,
    /// with and without a maximum. On random short passwords, mostly ASCII, the quick check
    /// (where it answers), the buffer overload and the generic one must all agree with the
    /// full scan.
    @Test func randomPoliciesAgreeWithTheFullScan() throws {
        var random = SplitMix64(seed: 0x0C4E_C4)
        func range() -> String {
            let low = Int.random(in: 0..<128, using: &random)
            let high = min(127, low + Int.random(in: 0..<40, using: &random))
            return "\\x{" + String(low, radix: 16) + "}-\\x{" + String(high, radix: 16) + "}"
        }
        var compiledPolicies = 0
        var quickPolicies = 0
        var quickVerdicts = 0
        var classCounts: Set<Int> = []
        for number in 0..<1_500 {
            let classCount = Int.random(in: 1...9, using: &random)
            let classes = (0..<classCount).map { index in
                let charset: Charset = switch Int.random(in: 0..<6, using: &random) {
                case 0: .set("\\p{L}")
                case 1: .set("é中")
                default: .set((0..<Int.random(in: 1...3, using: &random)).map { _ in range() }.joined())
                }
                return CharacterClass(name: "c\(index)", charset)
            }
            var requirements: [Requirement] = []
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                if Bool.random(using: &random) {
                    requirements.append(.atLeast(Int.random(in: 1...classCount, using: &random), of: nil))
                } else {
                    let names = Array(classes.map(\.name).shuffled(using: &random).prefix(Int.random(in: 1...classCount, using: &random)))
                    requirements.append(.atLeast(Int.random(in: 1...names.count, using: &random), of: names))
                }
            }
            let minimum = Int.random(in: 0...5, using: &random)
            let maximum: Int? = Int.random(in: 0..<4, using: &random) == 0 ? nil : minimum + Int.random(in: 0...6, using: &random)
            let policy = Policy(
                id: "random.p\(number)", length: LengthRange(min: minimum, max: maximum), classes: classes,
                allowsOtherCharacters: Bool.random(using: &random), requirements: requirements,
                forbidLeading: Bool.random(using: &random) ? .set(range()) : nil,
                forbidTrailing: Bool.random(using: &random) ? .set(range()) : nil,
                isOptional: Bool.random(using: &random))
            // Some random policies are refused (a class emptied, say): those are not judged.
            guard let compiled = try? CompiledPolicy(policy) else { continue }
            compiledPolicies += 1
            if compiled.storage.quickCheck != nil {
                quickPolicies += 1
                classCounts.insert(classCount)
            }
            for _ in 0..<200 {
                let length = Int.random(in: 0...14, using: &random)
                var bytes = (0..<length).map { _ in UInt8.random(in: 0..<128, using: &random) }
                if length > 0, Int.random(in: 0..<10, using: &random) == 0 {
                    bytes[Int.random(in: 0..<length, using: &random)] = 0xC3
                    bytes.append(0xA9)   // é
                }
                let full = bytes.withUnsafeBufferPointer { compiled.violations(buffer: $0, knownValidUTF8: false, context: [:]) }
                let buffer = bytes.withUnsafeBufferPointer { compiled.isValid(utf8: $0) }
                let json = policy.jsonString(prettyPrinted: false)
                #expect(buffer == full.isEmpty, "policy \(json), bytes \(bytes), violations \(full.codes)")
                #expect(compiled.isValid(utf8: bytes) == buffer, "policy \(json), bytes \(bytes)")
                if let quick = compiled.storage.quickCheck, let verdict = bytes.withUnsafeBufferPointer({ quick.verdict($0) }) {
                    #expect(verdict == full.isEmpty, "policy \(json), bytes \(bytes), quick \(verdict), violations \(full.codes)")
                    quickVerdicts += 1
                }
            }
        }
        #expect(compiledPolicies >= 1_000, "\(compiledPolicies) of 1,500 random policies compile")
        #expect(quickPolicies >= 200 && quickVerdicts >= 20_000, "\(quickPolicies) policies, \(quickVerdicts) quick verdicts")
        // The quick check is taken up to its limit of seven classes, and not past it.
        #expect(classCounts == Set(1...QuickCheck.maximumClasses), "class counts with a quick check: \(classCounts.sorted())")
    }

    /// The loop of GettingStarted.md: passwords one after another in one array, judged
    /// through the buffer overload, count as the `String` API counts them.
    @Test func bufferLoopOfTheDocumentation() throws {
        let compiled = try CompiledPolicy(#require(Presets.policy(id: "tencentcloud.cvm.linux")))
        let passwords = ["abc12345", "Abc!2345xyz", "/abc1234", "short1", "abcdefgh", "ok\u{E9}12345", "Passw0rd!Passw0rd!"]
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for password in passwords {
            ranges.append(bytes.count..<(bytes.count + password.utf8.count))
            bytes += password.utf8
        }
        let accepted = bytes.withUnsafeBufferPointer { all in
            ranges.count { compiled.isValid(utf8: UnsafeBufferPointer(rebasing: all[$0])) }
        }
        #expect(accepted == passwords.count { compiled.validate($0).isEmpty })
        #expect(accepted == 2)
    }

    @Test func codesWithPatternsCountsAndContext() throws {
        let compiled = ValidationTests.compiled
        let context = ["username": "CRET", "hostname": "box"]
        for password in ["!aaaa é12345SeCrEt#", "abcD12", "abcdef1", "", "Box12ab", "ab\u{FF}12", "xxSECRETyy12"] {
            let expected = Set(compiled.validate(password, context: context).map(\.code))
            #expect(compiled.violationCodes(password, context: context).codes == ViolationCodeSet.allCodes.filter(expected.contains), "\(password)")
        }
        #expect(compiled.violationCodes(utf8: [0x61, 0xFF, 0x62]).codes == [.encodingInvalid])
        #expect(ViolationCodeSet(.lengthLong) == .lengthLong)
        #expect(ViolationCodeSet(ViolationCode(rawValue: "input.tooLong")).isEmpty)
    }

    @Test func everyLengthAroundTheBounds() throws {
        // Lengths 0 to 40 of a repeated valid pattern, ASCII and multi-byte, on both sides
        // of the 8-byte word boundary and of 4 * length.max.
        let cvm = try CompiledPolicy(#require(Presets.policy(id: "tencentcloud.cvm.linux")))
        let han = try CompiledPolicy(FastPathTests.handwrittenPolicy("test.han"))
        for length in 0...40 {
            let ascii = String(Array("aB3!cD4@eF5#gH6$iJ7%kL8^mN9&oP0*qR1(sT2)uV3".prefix(length)))
            #expect(cvm.isValid(ascii) == (8...16).contains(length), "length \(length)")
            #expect(cvm.validate(ascii).isEmpty == (8...16).contains(length))
            let chinese = String(Array("中1文2字3汉4语5中6文7字8汉9语0中1文2字3汉4语5中6文7字8汉9语0".prefix(length)))
            #expect(han.isValid(chinese) == (2...6).contains(length), "length \(length)")
            #expect(han.validate(chinese).isEmpty == (2...6).contains(length))
        }
    }

    @Test func oneMebibytePasswords() throws {
        let cvm = try CompiledPolicy(#require(Presets.policy(id: "tencentcloud.cvm.linux")))
        let huge = String(repeating: "aB3!", count: 1 << 18)
        #expect(!cvm.isValid(huge))
        #expect(!cvm.isValid(utf8: Array(huge.utf8)))
        #expect(cvm.validate(huge).map(\.code) == [.lengthLong])
        // Without a maximum the whole password is read, once.
        let open = try CompiledPolicy(FastPathTests.handwrittenPolicy("test.unicode"))
        let letters = String(repeating: "ab1", count: 1 << 18)
        #expect(!open.isValid(letters))   // far more than 10 letters
        #expect(open.validate(letters).map(\.code) == [.classTooMany])
        var mixed = String(repeating: "1234567", count: 1 << 17)
        mixed += "ab"
        #expect(open.isValid(mixed))
    }

    @Test func multiByteWithinTheByteBudget() throws {
        // 6 scalars of 3 bytes each: 18 bytes, over length.max but within 4 * length.max.
        let han = try CompiledPolicy(FastPathTests.handwrittenPolicy("test.han"))
        #expect(han.isValid("中文字1汉语"))
        #expect(!han.isValid("中文字1汉语文"))
        #expect(han.validate("中文字1汉语文").map(\.code) == [.lengthLong])
        #expect(!han.isValid("0中文"))
    }
}
