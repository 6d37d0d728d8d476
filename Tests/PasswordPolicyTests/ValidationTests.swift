import Testing
@testable import PasswordPolicy

/// What `validate` reports and what `isValid` answers, beyond the conformance vectors.
@Suite struct ValidationTests {
    static let policy = Policy(
        id: "test.validation", length: LengthRange(min: 6, max: 12),
        classes: [
            CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "upper", .set("A-Z")),
            CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "specials", "!@#"),
        ],
        requirements: [.atLeast(3, of: nil), .count(class: "digits", min: 1, max: 4)],
        forbidLeading: "!", forbidTrailing: "#", maxConsecutive: 2,
        forbidPatterns: [ForbiddenPattern(pattern: "(?i)secret", code: "test.secret", message: "must not contain the word secret")],
        forbidContext: ["username", "hostname"]
    )
    static let compiled = try! CompiledPolicy(policy)

    @Test func validPasswordHasNoViolations() {
        #expect(ValidationTests.compiled.validate("abcD12").isEmpty)
        #expect(ValidationTests.compiled.isValid("abcD12"))
    }

    @Test func reportsEveryViolationWithDetails() throws {
        // 15 characters: too long; 'é' and ' ' disallowed; a run of 4 'a'; 5 digits; leading '!'; trailing '#'.
        let password = "!aaaa é12345SeCrEt#"
        let violations = ValidationTests.compiled.validate(password, context: ["username": "CRET"])
        let codes = violations.codes.map(\.rawValue)
        #expect(codes == ["charset.disallowed", "class.tooMany", "consecutive.exceeded", "context.contained", "leading.forbidden", "length.long", "pattern.forbidden", "trailing.forbidden"])
        let disallowed = try #require(violations.first { $0.code == .charsetDisallowed })
        #expect(disallowed.detail == .positions([6, 7]))
        let runs = try #require(violations.first { $0.code == .consecutiveExceeded })
        #expect(runs.detail == .runs([Violation.Run(position: 2, length: 4)], limit: 2))
        let tooMany = try #require(violations.first { $0.code == .classTooMany })
        #expect(tooMany.detail == .classCount(name: "digits", count: 5, bound: 4))
        let pattern = try #require(violations.first { $0.code == .patternForbidden })
        #expect(pattern.detail == .pattern(code: "test.secret"))
        let context = try #require(violations.first { $0.code == .contextContained })
        #expect(context.detail == .context(name: "username"))
        let long = try #require(violations.first { $0.code == .lengthLong })
        #expect(long.detail == .length(actual: 19, bound: 12))
        #expect(!ValidationTests.compiled.isValid(password, context: ["username": "CRET"]))
    }

    @Test func classesInsufficientNamesPresentAndMissing() throws {
        let violations = ValidationTests.compiled.validate("abcdef1")
        let violation = try #require(violations.first)
        #expect(violations.count == 1)
        #expect(violation.detail == .classes(required: 3, present: ["lower", "digits"], missing: ["upper", "specials"]))
    }

    @Test func tooFewAndEmptyPassword() {
        let codes = ValidationTests.compiled.validate("").codes.map(\.rawValue)
        #expect(codes == ["class.tooFew", "classes.insufficient", "length.short"])
    }

    @Test func missingPassword() {
        #expect(ValidationTests.compiled.validate(nil as String?).codes == [.passwordMissing])
        var optional = ValidationTests.policy
        optional.isOptional = true
        let compiled = try? CompiledPolicy(optional)
        #expect(compiled?.validate(nil as String?) == [])
        #expect(compiled?.acceptsMissingPassword == true)
        // An empty password is a password, not an absent one.
        #expect(compiled?.validate("").isEmpty == false)
    }

    @Test func contextIsCaseInsensitiveAndOnlyWhenSupplied() {
        let compiled = ValidationTests.compiled
        #expect(compiled.isValid("xAlIcE1"))
        #expect(!compiled.isValid("xAlIcE1", context: ["username": "alice"]))
        #expect(compiled.validate("xAlIcE1", context: ["hostname": "ALICE"]).codes == [.contextContained])
        // Unicode case folding, by PCRE2.
        #expect(!compiled.isValid("ÄBcd12", context: ["username": "äb"]))
        // Empty values and names the policy does not list are ignored.
        #expect(compiled.isValid("xAlIcE1", context: ["username": "", "email": "alice"]))
    }

    @Test func invalidUTF8IsOneViolation() throws {
        for bytes: [UInt8] in [[0xFF], [0x61, 0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x41, 0x80, 0x41]] {
            let violations = ValidationTests.compiled.validate(utf8: bytes)
            #expect(violations.codes == [.encodingInvalid])
            #expect(!ValidationTests.compiled.isValid(utf8: bytes))
        }
        let violation = try #require(ValidationTests.compiled.validate(utf8: [0x61, 0x62, 0xFF]).first)
        #expect(violation.detail == .byteOffset(2))
    }

    @Test func nulIsAnOrdinaryDisallowedCharacter() {
        let violations = ValidationTests.compiled.validate(utf8: Array("abcD1".utf8) + [0] + Array("x".utf8))
        #expect(violations.codes == [.charsetDisallowed])
        #expect(violations.first?.detail == .positions([6]))
    }

    @Test func aMebibytePasswordIsJudgedNotCrashed() {
        let huge = String(repeating: "aB3", count: (1 << 20) / 3)
        #expect(!ValidationTests.compiled.isValid(huge))
        let codes = ValidationTests.compiled.validate(huge).codes
        #expect(codes.contains(.lengthLong))
        #expect(!ValidationTests.compiled.isValid(utf8: Array(huge.utf8)))
    }

    @Test func inputsOverTheSizeLimitAreTooLongWithoutBeingRead() throws {
        let unbounded = try CompiledPolicy(Policy(id: "t.any", length: LengthRange(min: 1, max: nil), classes: [CharacterClass(name: "a", "a")]))
        let limit = CompiledPolicy.maximumPasswordBytes
        let atLimit = [UInt8](repeating: UInt8(ascii: "a"), count: limit)
        #expect(unbounded.isValid(utf8: atLimit))
        // One byte more, and invalid UTF-8 at that: the size alone decides.
        let over = atLimit + [0xFF]
        #expect(!unbounded.isValid(utf8: over))
        let violations = unbounded.validate(utf8: over)
        #expect(violations.codes == [.lengthLong])
        #expect(violations.first?.detail == .length(actual: limit + 1, bound: limit))
        #expect(unbounded.violationCodes(utf8: over) == .lengthLong)
    }

    @Test func lengthCountsScalarsNotBytesOrGraphemes() throws {
        let compiled = try CompiledPolicy(Policy(id: "t.len", length: LengthRange(min: 3, max: 3), classes: [CharacterClass(name: "any", .set("\\x{0}-\\x{10ffff}"))]))
        #expect(compiled.isValid("é😀a"))              // 3 scalars, 7 bytes
        #expect(compiled.isValid("e\u{301}a"))         // 3 scalars, 2 graphemes: no normalization
        #expect(!compiled.isValid("\u{E9}\u{1F600}"))  // 2 scalars
        #expect(compiled.validate(" a ").isEmpty)        // no trimming
    }

    @Test func messagesNeverContainThePassword() {
        let passwords = ["!Zq9#Zq9#Zq9#Zq9#", "ÿÿÿÿÿÿ", "qqqqqqqqqqqqqqqqq", "xyzzy", "secretSECRET1", "#a#"]
        for password in passwords {
            for violation in ValidationTests.compiled.validate(password, context: ["username": password]) {
                #expect(!violation.message.contains(password))
                #expect(!violation.description.contains(password))
            }
        }
    }

    @Test func catastrophicPatternEndsWithAVerdict() throws {
        let policy = Policy(
            id: "t.redos", length: LengthRange(min: 1, max: nil), classes: [CharacterClass(name: "a", .set("a!"))],
            forbidPatterns: [ForbiddenPattern(pattern: "^(a+)+$", code: "t.redos", message: "no")]
        )
        let compiled = try CompiledPolicy(policy)
        let hostile = String(repeating: "a", count: 5000) + "!"
        // Fails closed: a pattern PCRE2 could not decide within its limits rejects.
        let violations = compiled.validate(hostile)
        #expect(violations.codes == [.patternForbidden])
        #expect(violations.first?.message.contains("limits") == true)
        #expect(!compiled.isValid(hostile))
        #expect(compiled.validate("aaaa").codes == [.patternForbidden])
    }

    @Test func sharedAcrossThreads() async {
        let compiled = ValidationTests.compiled
        await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var valid = 0
                    for i in 0..<2000 where compiled.isValid("abcD\(worker)x\(i % 10)") && compiled.validate("abcDx\(worker)", context: ["username": "zz"]).isEmpty {
                        valid += 1
                    }
                    return valid
                }
            }
            for await valid in group { #expect(valid == 2000) }
        }
    }
}
