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
    @inline(__always)
    func needsTransform(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isCaseFolded || isNormalized else { return false }
        return UTF8Decoding.containsNonASCII(bytes, orCapital: isCaseFolded)
    }

    /// The partition that holds `digest` (a filter's; the file has at least one).
    @inline(__always)
    private func partition(_ digest: BlocklistDigest, _ partitions: UnsafePointer<Partition>) -> Partition {
        partitions[partitionCount == 1 ? 0 : Int(digest.high.multipliedFullWidth(by: UInt64(partitionCount)).high)]
    }

    /// Whether the digest may be a member (a filter) or is one (a table).
    @inline(__always)
    func contains(_ digest: BlocklistDigest) -> Bool {
        guard let partitions, partitionCount > 0 else { return tableContains(digest) }
        let partition = partition(digest, partitions)
        return partition.parameters.mayContain(digest.high, (body + partition.offset).assumingMemoryBound(to: UInt8.self))
    }

    /// Asks for the three slots a filter reads for `digest`, without waiting for them (nothing
    /// for an exact table, whose reads depend on each other).
    @inline(__always)
    func prefetch(_ digest: BlocklistDigest) {
        guard let partitions, partitionCount > 0 else { return }
        let partition = partition(digest, partitions)
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
