/// Per-character facts for one compiled policy, packed as bit masks: which classes a
/// scalar belongs to, and whether it is forbidden first or last.
///
/// The table is built from ``ScalarSet``s that PCRE2 produced; nothing here decides
/// membership on its own. ASCII is a direct 128-entry lookup; the rest of Unicode is a
/// sorted list of intervals, searched in O(log n).
struct CharacterTable: Sendable {
    static let leadingBit: UInt64 = 1 << 62
    static let trailingBit: UInt64 = 1 << 63
    /// The bits of the classes (bit `i` for class `i`).
    let classMask: UInt64

    private let ascii: [UInt64]
    /// Intervals `[starts[i], starts[i + 1])` of scalars with mask `masks[i]`.
    private let starts: [UInt32]
    private let masks: [UInt64]

    init(classes: [ScalarSet], leading: ScalarSet, trailing: ScalarSet) {
        classMask = classes.isEmpty ? 0 : (UInt64.max >> (64 - classes.count))
        let sets = classes + [leading, trailing]
        let bits = (0..<classes.count).map { UInt64(1) << $0 } + [CharacterTable.leadingBit, CharacterTable.trailingBit]
        func mask(_ value: UInt32) -> UInt64 {
            var mask: UInt64 = 0
            for (set, bit) in zip(sets, bits) where set.contains(value) { mask |= bit }
            return mask
        }
        ascii = (0..<128).map { mask(UInt32($0)) }
        var boundaries = Set<UInt32>([128])
        for set in sets {
            for range in set.ranges where range.upperBound >= 128 {
                boundaries.insert(max(128, range.lowerBound))
                if range.upperBound < 0x10FFFF { boundaries.insert(range.upperBound + 1) }
            }
        }
        starts = boundaries.sorted()
        masks = starts.map(mask)
    }

    @inline(__always)
    func mask(_ value: UInt32) -> UInt64 {
        if value < 128 { return ascii[Int(value)] }
        // The last interval whose start is at or below `value`.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= value { low = mid } else { high = mid }
        }
        return masks[low]
    }
}
