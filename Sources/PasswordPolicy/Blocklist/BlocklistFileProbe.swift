// The lookup in a mapped blocklist file, as a value of plain pointers and numbers: nothing in
// it is reference-counted, so a lookup takes no retain or release. That matters more than it
// looks: on x86 a retain is a locked instruction, which waits for every earlier load, so a
// retain per lookup kept the three cache misses of one lookup from overlapping the next.

internal import CBlocklist

/// Where a mapped file's entries are and how a digest is looked up in them. Valid only while
/// the `BlocklistFile` that made it lives; `Blocklist` keeps both.
struct BlocklistFileProbe: @unchecked Sendable {   // read-only memory, never written after load
    /// One partition of a filter: its parameters and where its fingerprints start in the body.
    struct Partition {
        var parameters: FuseParameters
        var offset: Int
    }

    /// The body: fingerprints, or the exact table's 20-byte digests.
    let body: UnsafeRawPointer
    /// The partitions of a filter; none for an exact table.
    let partitions: UnsafePointer<Partition>?
    let partitionCount: Int
    /// Distinct entries (the exact table's length).
    let entryCount: Int
    let hash: BlocklistFileHash
    /// Whether entries were lowercased / put in NFC, so that a password may need the same first.
    let isCaseFolded: Bool
    let isNormalized: Bool

    /// Whether `bytes` must be case-folded or normalized before they are hashed: a capital or
    /// a non-ASCII byte for a case-folded file, a non-ASCII byte for a normalized one (ASCII
    /// is its own NFC).
    /// Eight bytes at a time: few instructions between lookups let their misses overlap.
    @inline(__always)
    func needsTransform(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isCaseFolded || isNormalized, let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var flagged: UInt64 = 0
        @inline(__always) func check(_ word: UInt64) {
            // High bit of a byte: non-ASCII; or, when folding, a capital (0x41 ≤ b < 0x5B:
            // b + 0x3F reaches 0x80 and b + 0x25 does not; no carry crosses bytes below 0x80).
            let nonASCII = word & 0x8080_8080_8080_8080
            flagged |= nonASCII
            if isCaseFolded {
                let low = word & 0x7F7F_7F7F_7F7F_7F7F
                flagged |= (low &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(low &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
            }
        }
        if count >= 8 {
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset < count &- 8 {
                check(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset &+= 8
            }
            check(raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        } else {
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(base[index]) << UInt64(8 * index) }
            // Pad with a byte that is neither a capital nor non-ASCII.
            for index in count..<8 { word |= 0x30 << UInt64(8 * index) }
            check(word)
        }
        return flagged != 0
    }

    /// Whether the digest may be a member (a filter) or is one (a table).
    @inline(__always)
    func contains(_ digest: BlocklistDigest) -> Bool {
        guard let partitions, partitionCount > 0 else { return tableContains(digest) }
        let index = partitionCount == 1 ? 0 : Int(digest.high.multipliedFullWidth(by: UInt64(partitionCount)).high)
        let partition = partitions[index]
        return partition.parameters.mayContain(digest.high, (body + partition.offset).assumingMemoryBound(to: UInt8.self))
    }

    /// Asks for the three slots a filter reads for `digest`, without waiting for them (nothing
    /// for an exact table, whose reads depend on each other).
    @inline(__always)
    func prefetch(_ digest: BlocklistDigest) {
        guard let partitions, partitionCount > 0 else { return }
        let index = partitionCount == 1 ? 0 : Int(digest.high.multipliedFullWidth(by: UInt64(partitionCount)).high)
        let partition = partitions[index]
        let (a, b, c) = partition.parameters.slots(partition.parameters.hash(digest.high))
        let fingerprints = body + partition.offset
        password_policy_prefetch(fingerprints + a)
        password_policy_prefetch(fingerprints + b)
        password_policy_prefetch(fingerprints + c)
    }

    /// A binary search of the exact table: 20-byte big-endian SHA-1 digests in increasing order.
    private func tableContains(_ digest: BlocklistDigest) -> Bool {
        var low = 0, high = entryCount
        while low < high {
            let middle = (low + high) / 2
            let entry = body + 20 * middle
            let other = BlocklistDigest(
                high: UInt64(bigEndian: entry.loadUnaligned(as: UInt64.self)),
                middle: UInt64(bigEndian: entry.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                low: UInt32(bigEndian: entry.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
            if other == digest { return true }
            if other < digest { low = middle + 1 } else { high = middle }
        }
        return false
    }
}
