/// The characters a generator draws from, grouped into atoms.
///
/// An atom is a set of characters that no rule can tell apart: the same membership in
/// every class a requirement mentions, and the same standing under `forbidLeading` and
/// `forbidTrailing`. Counting and sampling work on atoms (a handful) instead of characters
/// (up to a million); a character is then picked uniformly inside its atom.
struct GenerationAlphabet: Sendable {
    struct Atom: Sendable {
        /// The members, as sorted disjoint ranges.
        let ranges: [ClosedRange<UInt32>]
        /// The index (within the atom) of each range's first member.
        let firstIndex: [Int]
        let count: Int
        /// Membership in the classes that requirements mention (bit `i` for class `i`).
        let classMask: UInt64
        let leadingForbidden: Bool
        let trailingForbidden: Bool

        /// The member at `index`, `0 ..< count`.
        func scalar(at index: Int) -> UInt32 {
            var low = 0
            var high = ranges.count
            while high - low > 1 {
                let mid = (low + high) / 2
                if firstIndex[mid] <= index { low = mid } else { high = mid }
            }
            return ranges[low].lowerBound + UInt32(index - firstIndex[low])
        }

        /// The index of member `value` (which must be a member).
        func index(of value: UInt32) -> Int {
            var low = 0
            var high = ranges.count
            while high - low > 1 {
                let mid = (low + high) / 2
                if ranges[mid].lowerBound <= value { low = mid } else { high = mid }
            }
            return firstIndex[low] + Int(value - ranges[low].lowerBound)
        }
    }

    /// Every character the generator may draw.
    let members: ScalarSet
    /// `members.count`.
    let count: Int
    /// The atoms, ordered by their smallest member.
    let atoms: [Atom]
    /// Maximal runs of consecutive members in one atom, ascending: the first scalar, the
    /// index of that scalar in the whole alphabet, and the atom.
    let runFirst: [UInt32]
    let runStart: [UInt32]
    let runAtom: [UInt32]

    /// Splits `members` into atoms, using the compiled policy's table for each character's
    /// class membership and leading/trailing standing. `tracked` selects the classes that
    /// matter (those some requirement mentions).
    init(members: ScalarSet, table: CharacterTable, tracked: UInt64) {
        self.members = members
        self.count = members.count
        let intervals = GenerationAlphabet.intervals(of: members, table: table, tracked: tracked)
        // Atoms in order of their first member, so that numbering is deterministic.
        var atomOfKey: [UInt64: Int] = [:]
        var atomRanges: [[ClosedRange<UInt32>]] = []
        var atomKeys: [UInt64] = []
        var runFirst: [UInt32] = []
        var runStart: [UInt32] = []
        var runAtom: [UInt32] = []
        var index: UInt32 = 0
        for interval in intervals {
            let atom: Int
            if let known = atomOfKey[interval.key] {
                atom = known
            } else {
                atom = atomRanges.count
                atomOfKey[interval.key] = atom
                atomRanges.append([])
                atomKeys.append(interval.key)
            }
            atomRanges[atom].append(interval.range)
            runFirst.append(interval.range.lowerBound)
            runStart.append(index)
            runAtom.append(UInt32(atom))
            index += interval.range.upperBound - interval.range.lowerBound + 1
        }
        self.runFirst = runFirst
        self.runStart = runStart
        self.runAtom = runAtom
        self.atoms = zip(atomRanges, atomKeys).map { ranges, key in
            var firstIndex: [Int] = []
            var total = 0
            for range in ranges {
                firstIndex.append(total)
                total += Int(range.upperBound - range.lowerBound) + 1
            }
            return Atom(ranges: ranges, firstIndex: firstIndex, count: total,
                        classMask: key & table.classMask,
                        leadingForbidden: key & CharacterTable.leadingBit != 0,
                        trailingForbidden: key & CharacterTable.trailingBit != 0)
        }
    }

    /// The maximal intervals of `members` whose characters have the same tracked classes
    /// and leading/trailing standing (their key), in ascending order: the members walked
    /// together with the table's runs of one mask.
    private static func intervals(of members: ScalarSet, table: CharacterTable, tracked: UInt64) -> [(range: ClosedRange<UInt32>, key: UInt64)] {
        let runs = table.runs
        var intervals: [(range: ClosedRange<UInt32>, key: UInt64)] = []
        var run = 0
        for member in members.ranges {
            var start = member.lowerBound
            while true {
                while runs[run].range.upperBound < start { run += 1 }
                let mask = runs[run].mask
                let key = (mask & tracked & table.classMask) | (mask & (CharacterTable.leadingBit | CharacterTable.trailingBit))
                let end = min(member.upperBound, runs[run].range.upperBound)
                if let last = intervals.last, last.key == key, last.range.upperBound &+ 1 == start {
                    intervals[intervals.count - 1].range = last.range.lowerBound...end
                } else {
                    intervals.append((start...end, key))
                }
                if end == member.upperBound { break }
                start = end + 1
            }
        }
        return intervals
    }

    /// The character at `index` of the whole alphabet (ascending order), with its atom.
    func member(at index: UInt32) -> (scalar: UInt32, atom: Int) {
        var low = 0
        var high = runStart.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if runStart[mid] <= index { low = mid } else { high = mid }
        }
        return (runFirst[low] + (index - runStart[low]), Int(runAtom[low]))
    }
}
