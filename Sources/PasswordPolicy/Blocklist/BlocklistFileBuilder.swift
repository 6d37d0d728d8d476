/// Writes a blocklist file (`.pwbl`) one partition at a time, so that a list larger than
/// memory can be built: the caller spreads the entries' digests over ``partitionCount``
/// partitions (``partition(of:)``, by the digest's leading bits), then encodes the
/// partitions in order and writes the header last. `pwpolicy blocklist build` drives it.
///
/// ```swift
/// var builder = BlocklistFileBuilder(options: .init(isExact: false), partitionCount: 1)
/// var digests = ["hunter2", "letmein"].map { builder.options.digest(of: $0) }
/// var body = builder.encodePartition(&digests)
/// body += builder.trailer()
/// let header = builder.header(bodyChecksum: body.withUnsafeBytes { BlocklistChecksum.of($0) })
/// let file = header + body   // write it to "team.pwbl"
/// ```
public struct BlocklistFileBuilder: Sendable {
    /// How entries are compared and stored.
    public struct Options: Sendable, Hashable {
        /// Whether entries (and, at lookup, passwords) are lowercased first.
        public var isCaseInsensitive: Bool
        /// The normalization entries and passwords are put in first.
        public var normalization: UnicodeNormalization?
        /// An exact sorted table of SHA-1 digests (20 bytes an entry) instead of a filter.
        public var isExact: Bool
        /// The key a filter is built on: SHA-1 (the default, and always for an exact table)
        /// or XXH64 of the entry (files built from plain passwords: a faster lookup).
        public var hash: BlocklistFileHash

        /// Options.
        ///
        /// ```swift
        /// let options = BlocklistFileBuilder.Options(isCaseInsensitive: true, normalization: .nfc)
        /// ```
        public init(isCaseInsensitive: Bool = false, normalization: UnicodeNormalization? = nil, isExact: Bool = false,
                    hash: BlocklistFileHash = .sha1) {
            self.isCaseInsensitive = isCaseInsensitive
            self.normalization = normalization
            self.isExact = isExact
            self.hash = isExact ? .sha1 : hash
        }

        /// The key of a plain-text entry: SHA-1 (or, for ``BlocklistFileHash/xxh64``, XXH64 in
        /// the digest's first 8 bytes, the rest zero) of its UTF-8 after normalization and case folding.
        ///
        /// ```swift
        /// BlocklistFileBuilder.Options().digest(of: "password").hexadecimal   // "5BAA61E4..."
        /// ```
        public func digest(of entry: String) -> BlocklistDigest {
            var text = entry
            if let normalization { text = normalization == .nfc ? UnicodeNormalization.nfc(text) : text }
            if isCaseInsensitive, text.utf8.contains(where: { $0 >= 0x41 && ($0 <= 0x5A || $0 >= 0x80) }) {
                text = text.lowercased()
                if normalization != nil { text = UnicodeNormalization.nfc(text) }
            }
            return text.withUTF8 { hash.key($0) }
        }

        var flags: UInt8 {
            (isCaseInsensitive ? BlocklistFileHeader.caseFolded : 0) | (normalization != nil ? BlocklistFileHeader.normalizedNFC : 0)
        }
    }

    /// The options every entry is stored with.
    public let options: Options
    /// How many partitions the file has.
    public let partitionCount: Int
    /// Distinct entries encoded so far.
    public private(set) var count = 0
    /// Bytes of body encoded so far (partitions, not the trailer).
    public private(set) var bodyLength = 0
    private var table: [FuseParameters] = []
    private var offsets: [UInt64] = []

    /// A builder of `partitionCount` partitions (at least 1; one is right below ~50M entries).
    ///
    /// ```swift
    /// let builder = BlocklistFileBuilder(options: .init(), partitionCount: 4)
    /// ```
    public init(options: Options, partitionCount: Int) {
        self.options = options
        self.partitionCount = max(1, partitionCount)
    }

    /// The partition `digest` belongs to: its leading 64 bits scaled to the partition count,
    /// so that the partitions in order hold the digests in order.
    ///
    /// ```swift
    /// let builder = BlocklistFileBuilder(options: .init(), partitionCount: 4)
    /// builder.partition(of: BlocklistDigest(high: .max, middle: 0, low: 0))   // 3
    /// ```
    public func partition(of digest: BlocklistDigest) -> Int {
        Int(digest.high.multipliedFullWidth(by: UInt64(partitionCount)).high)
    }

    /// The bytes of the next partition, from its digests (any order, duplicates allowed;
    /// consumed); returns them and how many duplicates were dropped (for a filter, entries
    /// whose digests share their first 8 bytes count as duplicates).
    ///
    /// ```swift
    /// var builder = BlocklistFileBuilder(options: .init(), partitionCount: 1)
    /// var digests = [BlocklistDigest(sha1Of: [0x61])]
    /// let (bytes, duplicates) = builder.encodePartition(&digests)
    /// ```
    public mutating func encodePartition(_ digests: inout [BlocklistDigest]) -> (bytes: [UInt8], duplicates: Int) {
        var bytes: [UInt8]
        let duplicates: Int
        if options.isExact {
            digests.sort()
            let total = digests.count
            digests.removeDuplicatesInSorted()
            duplicates = total - digests.count
            bytes = []
            bytes.reserveCapacity(digests.count * 20)
            for digest in digests {
                bytes.appendBigEndian(digest.high); bytes.appendBigEndian(digest.middle); bytes.appendBigEndian(digest.low)
            }
            count += digests.count
        } else {
            // A filter keeps the digests' first 8 bytes: sort and deduplicate those alone.
            let keys = digests.map(\.high)
            digests = []
            let (parameters, fingerprints, distinct) = BinaryFuseFilter.build(keys, seedBase: UInt64(table.count) &* 0x1000_0001)
            duplicates = keys.count - distinct
            table.append(parameters)
            offsets.append(UInt64(bodyLength))
            bytes = fingerprints
            while bytes.count % 8 != 0 { bytes.append(0) }
            count += distinct
        }
        bodyLength += bytes.count
        return (bytes, duplicates)
    }

    /// The body's last bytes: for a filter, the partition table (32 bytes a partition: seed,
    /// segment length, segment count, fingerprints' offset in the body, their length); none
    /// for an exact table. Call after the last partition.
    public func trailer() -> [UInt8] {
        var out: [UInt8] = []
        for (parameters, offset) in zip(table, offsets) {
            out.appendLittleEndian(parameters.seed)
            out.appendLittleEndian(parameters.segmentLength)
            out.appendLittleEndian(parameters.segmentCount)
            out.appendLittleEndian(offset)
            out.appendLittleEndian(parameters.arrayLength)
        }
        return out
    }

    /// The 64-byte header, given the checksum of the whole body (partitions then trailer).
    public func header(bodyChecksum: UInt64) -> [UInt8] {
        let trailerLength = options.isExact ? 0 : 32 * partitionCount
        return BlocklistFileHeader(
            structure: options.isExact ? BlocklistFileHeader.exactTable : BlocklistFileHeader.fuseFilter,
            hashKind: options.hash.rawValue, flags: options.flags, count: UInt64(count), bodyLength: UInt64(bodyLength + trailerLength),
            bodyChecksum: bodyChecksum, partitionCount: UInt32(options.isExact ? 1 : partitionCount)
        ).bytes
    }
}

extension [UInt8] {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
