/// What `isValid` needs, as plain values, for a policy of the common shape: no
/// normalization, no rule that reads the bytes again (run limit, patterns, context values,
/// lists), no per-class counts, at most seven classes and a minimum length of at least one.
/// Its ASCII passwords are judged by ``verdict(_:)``, which is inlined into the caller of
/// `isValid` (a loop over passwords then runs without a call per password, as a C loop
/// does); anything it cannot judge takes the full scan, which the tests hold it against.
///
/// One 256-entry table answers every question about a byte as bits that only ever need to
/// be OR-ed together: its classes, whether it is in no class of a policy that allows no
/// other characters, whether it is not ASCII, and whether it may not come first or last.
/// The password's verdict is then one union and one lookup of "too few classes" by it.
@usableFromInline
struct QuickCheck: @unchecked Sendable {
    /// 256 entries, one per byte value (bits below).
    @usableFromInline let bytes: UnsafePointer<UInt32>
    /// Indexed by the union of class bits (0..<128): whether it falls short of an `atLeast`
    /// requirement.
    @usableFromInline let insufficient: UnsafePointer<Bool>
    /// `length.min`, at least 1.
    @usableFromInline let minimum: Int
    /// `length.max`, or ``CompiledPolicy/maximumPasswordBytes`` when that is smaller (or
    /// there is no maximum): anything longer is decided by
    /// ``verdictOutOfRange(_:count:lengthMax:)``.
    @usableFromInline let maximum: Int
    /// `length.max`, or `Int.max`.
    @usableFromInline let lengthMax: Int

    // Bits of an entry: 0..<7 the classes, then these.
    /// An ASCII byte in no class, under a policy that allows no other characters.
    @inlinable static var disallowedBit: UInt32 { 1 << 8 }
    /// A byte from 0x80 up (part of a multi-byte scalar, or invalid UTF-8).
    @inlinable static var nonASCIIBit: UInt32 { 1 << 9 }
    /// The byte may not come first.
    @inlinable static var leadingBit: UInt32 { 1 << 10 }
    /// The byte may not come last.
    @inlinable static var trailingBit: UInt32 { 1 << 11 }
    /// The most classes a policy may have to take the quick check.
    static let maximumClasses = 7

    fileprivate init(bytes: UnsafePointer<UInt32>, insufficient: UnsafePointer<Bool>, minimum: Int, lengthMax: Int) {
        self.bytes = bytes
        self.insufficient = insufficient
        self.minimum = minimum
        self.lengthMax = lengthMax
        maximum = min(lengthMax, CompiledPolicy.maximumPasswordBytes)
    }
}

extension QuickCheck {
    /// `isValid` of `buffer`, or nil when this cannot judge it (a byte from 0x80 up, or more
    /// bytes than `length.max` that may still be few enough scalars: the full scan then
    /// does). The same verdict as the full scan: length first, then the byte facts of the
    /// bytes, never reading a byte past `4 * length.max`.
    @inlinable @inline(__always)
    func verdict(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool? {
        let count = buffer.count
        // A scalar is 1 to 4 bytes, so too few bytes are too few scalars.
        if count < minimum { return false }
        guard count <= maximum, let base = buffer.baseAddress else {
            return QuickCheck.verdictOutOfRange(buffer.baseAddress, count: count, lengthMax: lengthMax)
        }
        let bytes = self.bytes
        var union: UInt32 = 0
        if count >= 8 {
            forEachOverlappingWord(base, count: count) { union |= QuickCheck.union(of: $0, bytes) }
        } else {
            var index = 0
            while index < count {
                union |= bytes[Int(base[index])]
                index &+= 1
            }
        }
        if union & QuickCheck.nonASCIIBit != 0 { return nil }
        let ends = (bytes[Int(base[0])] & QuickCheck.leadingBit) | (bytes[Int(base[count &- 1])] & QuickCheck.trailingBit)
        return (ends | (union & QuickCheck.disallowedBit)) == 0 && !insufficient[Int(union & 0x7F)]
    }

    /// The entries of the eight bytes of `word`, OR-ed.
    @inlinable @inline(__always)
    static func union(of word: UInt64, _ bytes: UnsafePointer<UInt32>) -> UInt32 {
        let (b0, b1, b2, b3, b4, b5, b6, b7) = tableEntries(ofBytesIn: word, bytes)
        return ((b0 | b1) | (b2 | b3)) | ((b4 | b5) | (b6 | b7))
    }

    /// The verdict of a password of at least `minimum` bytes, more than `maximum` (or
    /// none): over the 4 MiB validation reads, or more than 4 * `length.max` bytes, is too
    /// long; up to that, too long when ASCII and otherwise for the full scan (its scalars may
    /// be few enough). Plain values for arguments, so that the caller keeps its registers.
    @usableFromInline @inline(never)
    static func verdictOutOfRange(_ base: UnsafePointer<UInt8>?, count: Int, lengthMax: Int) -> Bool? {
        // A scalar is 1 to 4 bytes.
        guard count <= CompiledPolicy.maximumPasswordBytes, (count &+ 3) / 4 <= lengthMax else { return false }
        guard count > lengthMax, let base else { return nil }
        return CompiledPolicy.isASCII(base, count: count) ? false : nil
    }
}

/// The memory of a ``QuickCheck``'s tables, freed with it.
final class QuickCheckTables: Sendable {
    let check: QuickCheck

    /// The tables of `policy`, or nil when it is not of the shape ``QuickCheck`` judges.
    /// `table` is its compiled byte facts; `atLeast` its requirements as class masks;
    /// `rereadsBytes` whether a rule reads the bytes beyond their facts.
    init?(policy: Policy, table: CharacterTable, classCount: Int, atLeast: [(count: Int, mask: UInt64)], hasCounts: Bool, rereadsBytes: Bool) {
        guard policy.normalization == nil, !rereadsBytes, !hasCounts, classCount <= QuickCheck.maximumClasses, policy.length.min >= 1 else {
            return nil
        }
        let facts = table.facts
        let requiresMember = !policy.allowsOtherCharacters
        let bytes = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
        for byte in 0..<256 {
            let mask = facts[byte]
            var entry = UInt32(truncatingIfNeeded: mask & table.classMask)
            if byte >= 0x80 { entry |= QuickCheck.nonASCIIBit }
            if byte < 0x80, mask & table.classMask == 0, requiresMember { entry |= QuickCheck.disallowedBit }
            if mask & CharacterTable.leadingBit != 0 { entry |= QuickCheck.leadingBit }
            if mask & CharacterTable.trailingBit != 0 { entry |= QuickCheck.trailingBit }
            (bytes + byte).initialize(to: entry)
        }
        let insufficient = UnsafeMutablePointer<Bool>.allocate(capacity: 128)
        for union in 0..<128 {
            (insufficient + union).initialize(to: atLeast.contains { (UInt64(union) & $0.mask).nonzeroBitCount < $0.count })
        }
        check = QuickCheck(bytes: bytes, insufficient: insufficient, minimum: policy.length.min, lengthMax: policy.length.max ?? Int.max)
    }

    deinit {
        UnsafeMutablePointer(mutating: check.bytes).deallocate()
        UnsafeMutablePointer(mutating: check.insufficient).deallocate()
    }
}
