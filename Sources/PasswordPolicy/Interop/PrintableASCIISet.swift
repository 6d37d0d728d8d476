/// A set of printable ASCII characters (U+0020 to U+007E), one bit each: what the Password
/// Rules language can name. Canonicalization works on this set, as the reference parser's
/// works on its bit array.
struct PrintableASCIISet: Hashable, Sendable {
    static let first: UInt32 = 0x20
    static let last: UInt32 = 0x7E
    static let printable = ScalarSet(ranges: [first...last])
    /// Every Unicode scalar value: what `unicode` stands for.
    static let everyScalar = ScalarSet(ranges: [0...0xD7FF, 0xE000...0x10FFFF])

    static let upperRange: ClosedRange<UInt32> = 0x41...0x5A
    static let lowerRange: ClosedRange<UInt32> = 0x61...0x7A
    static let digitRange: ClosedRange<UInt32> = 0x30...0x39
    static let dash: UInt32 = 0x2D
    static let closingBracket: UInt32 = 0x5D

    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    /// The printable ASCII members of `characterClass` (all 95 for `unicode`).
    init(_ characterClass: PasswordRulesCharacterClass) {
        switch characterClass {
        case .upper: insert(PrintableASCIISet.upperRange)
        case .lower: insert(PrintableASCIISet.lowerRange)
        case .digit: insert(PrintableASCIISet.digitRange)
        case .special:
            insert(PrintableASCIISet.first...PrintableASCIISet.last)
            remove(PrintableASCIISet.upperRange)
            remove(PrintableASCIISet.lowerRange)
            remove(PrintableASCIISet.digitRange)
        case .asciiPrintable, .unicode: insert(PrintableASCIISet.first...PrintableASCIISet.last)
        case .custom(let characters):
            for scalar in characters.unicodeScalars { insert(scalar.value) }
        }
    }

    /// The printable ASCII members of `set`; members outside printable ASCII are left out.
    init(_ set: ScalarSet) {
        for range in set.ranges {
            let lower = max(range.lowerBound, PrintableASCIISet.first)
            let upper = min(range.upperBound, PrintableASCIISet.last)
            if lower <= upper { insert(lower...upper) }
        }
    }

    static func isPrintable(_ value: UInt32) -> Bool { value >= first && value <= last }

    var isEmpty: Bool { low == 0 && high == 0 }

    func contains(_ value: UInt32) -> Bool {
        guard PrintableASCIISet.isPrintable(value) else { return false }
        let bit = value - PrintableASCIISet.first
        return bit < 64 ? low & (1 << UInt64(bit)) != 0 : high & (1 << UInt64(bit - 64)) != 0
    }

    mutating func insert(_ value: UInt32) {
        guard PrintableASCIISet.isPrintable(value) else { return }
        let bit = value - PrintableASCIISet.first
        if bit < 64 { low |= 1 << UInt64(bit) } else { high |= 1 << UInt64(bit - 64) }
    }

    mutating func insert(_ range: ClosedRange<UInt32>) { for value in range { insert(value) } }

    mutating func remove(_ value: UInt32) {
        guard PrintableASCIISet.isPrintable(value) else { return }
        let bit = value - PrintableASCIISet.first
        if bit < 64 { low &= ~(1 << UInt64(bit)) } else { high &= ~(1 << UInt64(bit - 64)) }
    }

    mutating func remove(_ range: ClosedRange<UInt32>) { for value in range { remove(value) } }

    mutating func formUnion(_ other: PrintableASCIISet) {
        low |= other.low
        high |= other.high
    }

    mutating func subtract(_ other: PrintableASCIISet) {
        low &= ~other.low
        high &= ~other.high
    }

    func contains(all range: ClosedRange<UInt32>) -> Bool { range.allSatisfy(contains) }

    var values: [UInt32] { (PrintableASCIISet.first...PrintableASCIISet.last).filter(contains) }

    var scalarSet: ScalarSet { ScalarSet(ranges: values.map { $0...$0 }) }

    /// Whether every special character (printable ASCII, not a letter or a digit) is in.
    var containsAllSpecials: Bool {
        let specials = PrintableASCIISet(.special)
        return specials.low & ~low == 0 && specials.high & ~high == 0
    }

    /// The members in the canonical order of a custom class: `-` first, then uppercase
    /// letters, lowercase letters, digits, the other characters in ASCII order, and `]`
    /// last.
    ///
    /// Apart from `-` and `]` this is the order of the reference's canonicalization. The
    /// reference's default output would put `-` and `]` among the other characters in
    /// ASCII order, where its own grammar no longer reads them back (a `-` counts only
    /// first in a class, and `]` ends it); their places here are the ones its grammar
    /// needs, so that the printed form parses back to the same class.
    var canonicalCharacters: String {
        var ordered: [UInt32] = []
        if contains(PrintableASCIISet.dash) { ordered.append(PrintableASCIISet.dash) }
        ordered += PrintableASCIISet.upperRange.filter(contains)
        ordered += PrintableASCIISet.lowerRange.filter(contains)
        ordered += PrintableASCIISet.digitRange.filter(contains)
        for value in PrintableASCIISet.first...PrintableASCIISet.last
        where !PrintableASCIISet.upperRange.contains(value) && !PrintableASCIISet.lowerRange.contains(value)
            && !PrintableASCIISet.digitRange.contains(value) && value != PrintableASCIISet.dash
            && value != PrintableASCIISet.closingBracket && contains(value) {
            ordered.append(value)
        }
        if contains(PrintableASCIISet.closingBracket) { ordered.append(PrintableASCIISet.closingBracket) }
        var text = ""
        text.unicodeScalars.append(contentsOf: ordered.compactMap(Unicode.Scalar.init))
        return text
    }

    /// The canonical classes for this set, as the reference builds them: `ascii-printable`
    /// when every printable character is in; otherwise `upper`, `lower`, `digit` and
    /// `special` for each group that is complete, then one custom class with the rest.
    var canonicalClasses: [PasswordRulesCharacterClass] {
        let allUpper = contains(all: PrintableASCIISet.upperRange)
        let allLower = contains(all: PrintableASCIISet.lowerRange)
        let allDigits = contains(all: PrintableASCIISet.digitRange)
        let allSpecials = containsAllSpecials
        if allUpper && allLower && allDigits && allSpecials { return [.asciiPrintable] }
        var result: [PasswordRulesCharacterClass] = []
        var rest = self
        if allUpper { result.append(.upper); rest.remove(PrintableASCIISet.upperRange) }
        if allLower { result.append(.lower); rest.remove(PrintableASCIISet.lowerRange) }
        if allDigits { result.append(.digit); rest.remove(PrintableASCIISet.digitRange) }
        if allSpecials {
            result.append(.special)
            rest.subtract(PrintableASCIISet(.special))
        }
        if !rest.isEmpty { result.append(.custom(rest.canonicalCharacters)) }
        return result
    }
}
