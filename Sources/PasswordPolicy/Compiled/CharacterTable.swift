/// Per-character facts for one compiled policy, packed as bit masks: which classes a
/// scalar belongs to, and whether it is forbidden first or last.
///
/// The table is built from ``ScalarSet``s that PCRE2 produced; nothing here decides
/// membership on its own. ASCII is a direct lookup in a 256-entry table indexed by byte;
/// the rest of Unicode is a sorted list of intervals, searched in O(log n).
///
/// Bits of a mask: `0..<32` the classes (bit `i` for class `i`; a policy has at most 32),
/// ``memberBit`` in at least one class, ``leadingBit`` and ``trailingBit`` forbidden first
/// and last. The byte table also has ``nonASCIIBit`` (and nothing else) at every byte from
/// 0x80 up, so one pass over a password's bytes tells whether it is all ASCII.
struct CharacterTable: Sendable {
    static let leadingBit: UInt64 = 1 << 62
    static let trailingBit: UInt64 = 1 << 63
    /// The scalar belongs to at least one class.
    static let memberBit: UInt64 = 1 << 61
    /// Only in the byte table: the byte is not ASCII (a lead or continuation byte).
    static let nonASCIIBit: UInt64 = 1 << 60
    /// The bits of the classes (bit `i` for class `i`).
    let classMask: UInt64

    /// 256 masks, one per byte value, in memory of their own: the hot loop reads it
    /// through a raw pointer (no bounds checks, no reference counting per byte).
    private let bytes: ByteTable
    /// Intervals `[starts[i], starts[i + 1])` of scalars with mask `masks[i]`.
    private let starts: [UInt32]
    private let masks: [UInt64]

    init(classes: [ScalarSet], leading: ScalarSet, trailing: ScalarSet) {
        classMask = classes.isEmpty ? 0 : (UInt64.max >> (64 - classes.count))
        let sets = classes + [leading, trailing]
        let bits = (0..<classes.count).map { UInt64(1) << $0 } + [CharacterTable.leadingBit, CharacterTable.trailingBit]
        let classMask = self.classMask
        // ASCII: each set's ranges below 128 set their bit directly.
        var ascii = [UInt64](repeating: 0, count: 128)
        for (set, bit) in zip(sets, bits) {
            for range in set.ranges where range.lowerBound < 128 {
                for value in Int(range.lowerBound)...Int(min(range.upperBound, 127)) { ascii[value] |= bit }
            }
        }
        for value in ascii.indices where ascii[value] & classMask != 0 { ascii[value] |= CharacterTable.memberBit }
        bytes = ByteTable { byte in byte < 0x80 ? ascii[byte] : CharacterTable.nonASCIIBit }
        var boundaries: [UInt32] = [128]
        for set in sets {
            for range in set.ranges where range.upperBound >= 128 {
                boundaries.append(max(128, range.lowerBound))
                if range.upperBound < 0x10FFFF { boundaries.append(range.upperBound + 1) }
            }
        }
        boundaries.sort()
        boundaries.removeDuplicatesInSorted()
        starts = boundaries
        masks = CharacterTable.sweep(boundaries, sets, bits, classMask)
    }

    /// The mask of each boundary, in one pass: each set's ranges are sorted and disjoint, so a
    /// cursor per set only moves forward (boundaries × sets + ranges steps, where a search per
    /// boundary and set cost a logarithm each; `\p{L}` has hundreds of ranges).
    private static func sweep(_ boundaries: [UInt32], _ sets: [ScalarSet], _ bits: [UInt64], _ classMask: UInt64) -> [UInt64] {
        var cursors = [Int](repeating: 0, count: sets.count)
        let rangeLists = sets.map(\.ranges)   // read once, not once a boundary
        return boundaries.map { value in
            var mask: UInt64 = 0
            for index in rangeLists.indices {
                let ranges = rangeLists[index]
                var cursor = cursors[index]
                while cursor < ranges.count, ranges[cursor].upperBound < value { cursor += 1 }
                cursors[index] = cursor
                if cursor < ranges.count, ranges[cursor].lowerBound <= value { mask |= bits[index] }
            }
            if mask & classMask != 0 { mask |= CharacterTable.memberBit }
            return mask
        }
    }

    /// Every scalar value from 0 to 0x10FFFF in maximal runs of one mask (``mask(_:)``'s
    /// answer), ascending. Surrogates are not left out: no set holds them, so they share
    /// the mask of the scalars around them.
    var runs: [(range: ClosedRange<UInt32>, mask: UInt64)] {
        var runs: [(range: ClosedRange<UInt32>, mask: UInt64)] = []
        var start: UInt32 = 0
        var current = bytes.entries[0]
        func step(to value: UInt32, _ mask: UInt64) {
            guard mask != current else { return }
            runs.append((start...(value - 1), current))
            (start, current) = (value, mask)
        }
        for value in 1..<128 { step(to: UInt32(value), bytes.entries[value]) }
        for (value, mask) in zip(starts, masks) { step(to: value, mask) }
        runs.append((start...0x10FFFF, current))
        return runs
    }

    /// The byte table: `facts[byte]` for any byte (see the type's notes for the bits).
    @inline(__always)
    var facts: UnsafePointer<UInt64> { UnsafePointer(bytes.entries) }

    @inline(__always)
    func mask(_ value: UInt32) -> UInt64 {
        if value < 128 { return bytes.entries[Int(value)] }
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

/// 256 `UInt64` masks allocated once and never changed after `init`, so sharing one
/// across threads is safe.
private final class ByteTable: @unchecked Sendable {
    let entries: UnsafeMutablePointer<UInt64>

    init(_ entry: (Int) -> UInt64) {
        entries = .allocate(capacity: 256)
        for byte in 0..<256 { (entries + byte).initialize(to: entry(byte)) }
    }

    deinit { entries.deallocate() }
}
