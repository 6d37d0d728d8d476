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

    /// Valid passwords from the generator, each changed in one place: every printable ASCII
    /// byte first and last (the forbidden ends), one byte fewer and one more (the length
    /// edges). Random passwords rarely come this close to valid, so this is where the quick
    /// check's every test must hold.
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
        var checked = 0
        for _ in 0..<24 {
            let length = try #require(lengths.randomElement(using: &random))
            let password = try generator.generate(length: length, using: &random)
            let bytes = Array(password.utf8)
            var variants = [bytes.dropLast() + [], bytes + [bytes[0]], bytes + [UInt8(ascii: "a")]]
            for byte in UInt8(0x20)...0x7E {
                variants.append([byte] + bytes.dropFirst())
                variants.append(bytes.dropLast() + [byte])
            }
            for variant in [bytes] + variants {
                let full = variant.withUnsafeBufferPointer { compiled.violations(buffer: $0, knownValidUTF8: false, context: [:]) }
                #expect(variant.withUnsafeBufferPointer { compiled.isValid(utf8: $0) } == full.isEmpty, "\(id): bytes \(variant), violations \(full.codes)")
                checked += 1
            }
        }
        #expect(checked == 24 * (4 + 2 * 95), "\(id): \(checked) passwords checked")
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
