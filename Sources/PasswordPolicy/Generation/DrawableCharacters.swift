/// Which characters a generator may propose: those a person can type and see.
///
/// The rule, applied on top of the policy (a character must also be in one of its classes):
/// - excluded: control (Cc), format (Cf), unassigned (Cn, which includes the
///   noncharacters), private-use (Co) and surrogate (Cs) code points, the line (Zl) and
///   paragraph (Zp) separators, and every space separator (Zs) except U+0020 SPACE, since
///   no-break, en, em and ideographic spaces cannot be told from it by eye;
/// - kept: everything else the policy allows, letters and marks of every script included,
///   and U+0020 SPACE when a class contains it (it is typed like any other character).
///
/// General categories come from the standard library's Unicode data
/// (`Unicode.Scalar.Properties.generalCategory`).
enum DrawableCharacters {
    /// Whether the generator may propose the scalar `value`.
    static func isDrawable(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x20 && value < 0x7F }
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// Printable ASCII: 0x20 (space) to 0x7E.
    static let printableASCII = ScalarSet(ranges: [0x20...0x7E])

    /// The members of `set` the generator may propose.
    static func filter(_ set: ScalarSet) -> ScalarSet {
        // Large sets (negated or broad Unicode classes) are intersected with the whole
        // drawable set, computed once; small ones are scanned directly.
        if set.count > 1 << 15 { return set.intersection(all) }
        return scan(set.ranges)
    }

    /// Every drawable scalar of Unicode, computed on first use (a few tens of milliseconds).
    static let all: ScalarSet = scan([0...0x10FFFF])

    private static func scan(_ ranges: [ClosedRange<UInt32>]) -> ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges {
            var runStart: UInt32? = nil
            var value = range.lowerBound
            while true {
                if isDrawable(value) {
                    if runStart == nil { runStart = value }
                } else if let start = runStart {
                    result.append(start...(value - 1))
                    runStart = nil
                }
                if value == range.upperBound { break }
                value += 1
            }
            if let start = runStart { result.append(start...range.upperBound) }
        }
        return ScalarSet(ranges: result)
    }
}
