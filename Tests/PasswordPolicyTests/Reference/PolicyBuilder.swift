// Shared by the unit tests and the fuzz targets (Fuzz/).
#if !FUZZING
@testable import PasswordPolicy
#endif

/// Reads values off a byte string, deterministically; past the end it yields zeros.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { index += 1 }
        return index < bytes.count ? bytes[index] : 0
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(byte()) % (range.count) }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(byte()) % items.count] }

    /// What is left, as bytes.
    mutating func rest() -> [UInt8] {
        defer { index = bytes.count }
        return index < bytes.count ? Array(bytes[index...]) : []
    }
}

/// Builds small but varied policies out of bytes, for fuzzing and property tests.
enum PolicyBuilder {
    /// Charsets that exercise PCRE2: ranges, properties, POSIX classes, negation, escapes.
    static let sets: [Charset] = [
        .set("a-z"), .set("A-Z"), .set("0-9"), .set("\\p{Lu}"), .set("\\p{Ll}"), .set("\\d"),
        .set("[:punct:]"), .set("^a-zA-Z0-9"), .set("\\x{3b1}-\\x{3c9}"), .set("a-f\\x{e9}"),
        .set("\\p{Han}"), .set("[:alpha:]"), .set("\\w"), .set("\\s"), .set("]a-c"), .set("\\Q-]\\E"),
        .chars("!@#$%^&*"), .chars("aeiou"), .chars("xyz"), .chars("-]^\\"), .chars("é😀ß"), .chars(" ~"),
    ]

    static func policy(_ reader: inout ByteReader, id: String = "fuzz.policy") -> Policy {
        let classCount = reader.int(1...4)
        var classes: [CharacterClass] = []
        for index in 0..<classCount { classes.append(CharacterClass(name: "c\(index)", reader.pick(sets))) }
        let minLength = reader.int(0...8)
        let maxLength: Int? = reader.bool() ? minLength + reader.int(0...10) : nil
        var requirements: [Requirement] = []
        if reader.bool() { requirements.append(.atLeast(reader.int(1...classCount), of: reader.bool() ? nil : classes.map(\.name))) }
        if reader.bool() {
            let min = reader.int(0...3)
            requirements.append(.count(class: "c\(reader.int(0...(classCount - 1)))", min: min, max: reader.bool() ? min + reader.int(0...4) : nil))
        }
        var patterns: [ForbiddenPattern] = []
        if reader.bool() {
            patterns.append(ForbiddenPattern(pattern: reader.pick(["(?i)abc", "(.)\\1\\1", "^[0-9]", "x$", "\\p{Lu}{3}"]), code: "fuzz.pattern", message: "fuzz"))
        }
        return Policy(
            id: id,
            length: LengthRange(min: minLength, max: maxLength),
            classes: classes,
            allowsOtherCharacters: reader.int(0...3) == 0,
            requirements: requirements,
            forbidLeading: reader.bool() ? reader.pick(sets) : nil,
            forbidTrailing: reader.bool() ? reader.pick(sets) : nil,
            maxConsecutive: reader.bool() ? reader.int(1...3) : nil,
            forbidPatterns: patterns,
            forbidContext: reader.bool() ? ["username"] : [],
            normalization: reader.int(0...3) == 0 ? .nfc : nil,
            forbidLists: reader.int(0...3) == 0 ? [ForbiddenList(list: "common", isCaseInsensitive: reader.bool())] : []
        )
    }
}
