import PasswordPolicy
import Testing

/// `"normalize": "nfc"`: every check sees the NFC form (UAX #15) and length counts its
/// scalars; without it the password is compared exactly as received.
@Suite struct NormalizationTests {
    static func policy(min: Int, max: Int?, normalization: UnicodeNormalization?, lists: [ForbiddenList] = [], context: [String] = []) -> Policy {
        Policy(id: "test.nfc", length: LengthRange(min: min, max: max),
               classes: [CharacterClass(name: "printable", .set("\\x{20}-\\x{7E}"))], allowsOtherCharacters: true,
               forbidContext: context, normalization: normalization, forbidLists: lists)
    }

    // U+00E9 is the NFC of U+0065 U+0301 (canonical composition): 2 scalars become 1.
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    @Test func decomposedAccentCountsOneScalarUnderNFC() throws {
        let nfc = try CompiledPolicy(Self.policy(min: 1, max: 4, normalization: .nfc))
        let raw = try CompiledPolicy(Self.policy(min: 1, max: 4, normalization: nil))
        #expect(nfc.isValid(Self.composed))
        #expect(nfc.isValid(Self.decomposed), "NFC: 4 scalars")
        #expect(raw.isValid(Self.composed))
        #expect(raw.validate(Self.decomposed).map(\.code) == [.lengthLong], "as received: 5 scalars")
        #expect(nfc.validate(utf8: Array(Self.decomposed.utf8)).isEmpty)
        #expect(nfc.violationCodes(Self.decomposed) == [])
    }

    @Test func conjoiningHangulJamoComposeToOneSyllable() throws {
        // U+1100 U+1161 U+11A8 compose to U+AC01 (Hangul composition, UAX #15).
        let jamo = "\u{1100}\u{1161}\u{11A8}"
        let nfc = try CompiledPolicy(Self.policy(min: 1, max: 1, normalization: .nfc))
        let raw = try CompiledPolicy(Self.policy(min: 1, max: 1, normalization: nil))
        #expect(nfc.isValid(jamo))
        #expect(nfc.isValid("\u{AC01}"))
        #expect(raw.validate(jamo).map(\.code) == [.lengthLong])
    }

    @Test func aCharacterWhoseNFCIsLonger() throws {
        // U+FB2C HEBREW LETTER SHIN WITH DAGESH AND SHIN DOT is excluded from composition:
        // its NFC is U+05E9 U+05BC U+05C1, three scalars.
        let shin = "\u{FB2C}"
        let nfc = try CompiledPolicy(Self.policy(min: 3, max: nil, normalization: .nfc))
        let raw = try CompiledPolicy(Self.policy(min: 3, max: nil, normalization: nil))
        #expect(nfc.isValid(shin))
        #expect(raw.validate(shin).map(\.code) == [.lengthShort])
        let violation = try #require(try CompiledPolicy(Self.policy(min: 4, max: nil, normalization: .nfc)).validate(shin).first)
        #expect(violation.detail == .length(actual: 3, bound: 4), "the length of the NFC form")
    }

    @Test func listEntriesAndContextAreComparedInNFC() throws {
        let list = Blocklist(name: "words", entries: [Self.decomposed])
        let rule = ForbiddenList(list: "words")
        let nfc = try CompiledPolicy(Self.policy(min: 1, max: nil, normalization: .nfc, lists: [rule]), blocklists: ["words": list])
        let raw = try CompiledPolicy(Self.policy(min: 1, max: nil, normalization: nil, lists: [rule]), blocklists: ["words": list])
        #expect(!nfc.isValid(Self.composed))
        #expect(!nfc.isValid(Self.decomposed))
        #expect(raw.isValid(Self.composed), "bytes as received differ from the entry")
        #expect(!raw.isValid(Self.decomposed))
        let context = try CompiledPolicy(Self.policy(min: 1, max: nil, normalization: .nfc, context: ["username"]))
        #expect(!context.isValid("my-\(Self.composed)-pw", context: ["username": Self.decomposed]))
        #expect(!context.isValid("my-\(Self.decomposed)-pw", context: ["username": Self.composed]))
        #expect(context.validate("my-\(Self.decomposed)-pw", context: ["username": Self.composed]).map(\.code) == [.contextContained])
    }

    @Test func theCallersStringIsNotChanged() throws {
        let nfc = try CompiledPolicy(Self.policy(min: 1, max: nil, normalization: .nfc))
        let password = Self.decomposed
        _ = nfc.validate(password)
        #expect(Array(password.unicodeScalars) == ["c", "a", "f", "e", "\u{301}"])
    }

    @Test func invalidUTF8StaysInvalidUnderNFC() throws {
        let nfc = try CompiledPolicy(Self.policy(min: 1, max: nil, normalization: .nfc))
        #expect(nfc.validate(utf8: [0x61, 0xFF, 0xCC, 0x81]).map(\.code) == [.encodingInvalid])
        #expect(!nfc.isValid(utf8: [0x65, 0xCC]))
    }
}
