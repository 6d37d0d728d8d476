// A blocklist file mapped into memory read-only (mmap), checked once at load (header,
// checksums, every partition's bounds), then looked up in place by any number of threads.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The facts of a loaded blocklist file, as `pwpolicy blocklist info` shows them.
///
/// ```swift
/// let list = try Blocklist(contentsOfFile: "breached.pwbl")
/// list.fileInfo?.falsePositiveRate   // 0.00390625
/// ```
public struct BlocklistFileInfo: Sendable, Hashable {
    /// The file's format version (1).
    public var formatVersion: Int
    /// Whether the file holds a filter (approximate) rather than an exact table.
    public var isApproximate: Bool
    /// Whether entries were lowercased (passwords are, before lookup).
    public var isCaseInsensitive: Bool
    /// The normalization entries were put in (passwords are, before lookup).
    public var normalization: UnicodeNormalization?
    /// Distinct entries.
    public var count: Int
    /// The file's size in bytes.
    public var byteCount: Int
    /// How many partitions the filter has.
    public var partitionCount: Int
    /// What entries and passwords are hashed with: SHA-1, or XXH64 for a filter built from plain passwords.
    public var hash: BlocklistFileHash = .sha1
    /// The chance that a password not in the list is reported as listed: 1/256 for a
    /// filter (8-bit fingerprints), 0 for an exact table.
    public var falsePositiveRate: Double { isApproximate ? 1.0 / 256 : 0 }
    /// File bits per entry.
    public var bitsPerEntry: Double { count == 0 ? 0 : Double(byteCount * 8) / Double(count) }
}

/// The key of a blocklist file's entries: SHA-1 (hash kind 1: Have I Been Pwned's lists,
/// exact tables, files written before XXH64) or XXH64 (hash kind 2: filters built from
/// plain passwords; one fast hash per lookup instead of SHA-1).
///
/// ```swift
/// let options = BlocklistFileBuilder.Options(hash: .xxh64)
/// ```
public enum BlocklistFileHash: UInt8, Sendable, Hashable {
    /// SHA-1 of the UTF-8 (FIPS 180-4); a filter keeps its first 8 bytes.
    case sha1 = 1
    /// XXH64 with seed 0 of the UTF-8 (xxHash specification 0.1.1).
    case xxh64 = 2

    /// The key of `bytes`.
    @inline(__always)
    func key(_ bytes: UnsafeBufferPointer<UInt8>) -> BlocklistDigest {
        switch self {
        case .sha1: SHA1.digest(bytes)
        case .xxh64: BlocklistDigest(high: XXH64.hash(bytes), middle: 0, low: 0)
        }
    }
}

/// The mapping; unmapped when the last list using it goes away.
final class BlocklistFile: Sendable {
    private nonisolated(unsafe) let base: UnsafeRawPointer
    private let length: Int
    let info: BlocklistFileInfo
    /// Each partition's parameters and where its fingerprints start, in memory this object
    /// owns (freed in `deinit`), so that `probe` can point at it.
    private nonisolated(unsafe) let partitionTable: UnsafeMutableBufferPointer<BlocklistFileProbe.Partition>
    /// What a lookup reads: plain pointers into the mapping and `partitionTable`, valid while
    /// this object lives (the `Blocklist` holding both keeps it alive).
    let probe: BlocklistFileProbe

    init(path: String) throws(BlocklistFileError) {
        let (base, length) = try BlocklistFile.map(path)
        let partitions: [BlocklistFileProbe.Partition]
        do throws(BlocklistFileError) {
            let file = UnsafeRawBufferPointer(start: base, count: length)
            let header = try BlocklistFileHeader(parsing: file, path: path)
            let body = UnsafeRawBufferPointer(rebasing: file[BlocklistFileHeader.size...])
            guard BlocklistChecksum.of(body) == header.bodyChecksum else {
                throw BlocklistFileError(code: .checksum, message: "the blocklist file \(path) is corrupt (body checksum mismatch)")
            }
            partitions = try BlocklistFile.partitions(header, body, path: path)
            guard let count = Int(exactly: header.count) else {
                throw BlocklistFileError(code: .malformed, message: "the blocklist file \(path) has an inconsistent body")
            }
            info = BlocklistFileInfo(
                formatVersion: Int(BlocklistFileHeader.version), isApproximate: header.structure == BlocklistFileHeader.fuseFilter,
                isCaseInsensitive: header.flags & BlocklistFileHeader.caseFolded != 0,
                normalization: header.flags & BlocklistFileHeader.normalizedNFC != 0 ? .nfc : nil,
                count: count, byteCount: length, partitionCount: Int(header.partitionCount),
                hash: BlocklistFileHash(rawValue: header.hashKind) ?? .sha1)
        } catch {
            BlocklistFile.unmap(base, length)
            throw error
        }
        self.base = base
        self.length = length
        let table = UnsafeMutableBufferPointer<BlocklistFileProbe.Partition>.allocate(capacity: max(1, partitions.count))
        _ = table.initialize(from: partitions)
        partitionTable = table
        probe = BlocklistFileProbe(
            body: base + BlocklistFileHeader.size, partitions: UnsafePointer(table.baseAddress), partitionCount: partitions.count,
            entryCount: info.count, hash: info.hash,
            isCaseFolded: info.isCaseInsensitive, isNormalized: info.normalization != nil)
    }

    deinit {
        partitionTable.deallocate()
        BlocklistFile.unmap(base, length)
    }

    /// The partition table of a filter, each entry checked against the body; empty for a table.
    private static func partitions(_ header: BlocklistFileHeader, _ body: UnsafeRawBufferPointer, path: String) throws(BlocklistFileError) -> [BlocklistFileProbe.Partition] {
        let malformed = BlocklistFileError(code: .malformed, message: "the blocklist file \(path) has an inconsistent body")
        if header.structure == BlocklistFileHeader.exactTable {
            guard header.count.multipliedReportingOverflow(by: 20) == (header.bodyLength, false), header.partitionCount == 1 else { throw malformed }
            return []
        }
        let count = Int(header.partitionCount)
        guard count >= 1, UInt64(count) * 32 <= header.bodyLength else { throw malformed }
        let tableStart = body.count - 32 * count
        var partitions: [BlocklistFileProbe.Partition] = []
        for index in 0..<count {
            let at = tableStart + 32 * index
            let entry = FuseParameters(seed: body.littleEndian(at: at), segmentLength: body.littleEndian(at: at + 8),
                                       segmentCount: body.littleEndian(at: at + 12), arrayLength: body.littleEndian(at: at + 24))
            let offset: UInt64 = body.littleEndian(at: at + 16)
            guard entry.isConsistent, offset <= UInt64(tableStart), entry.arrayLength <= UInt64(tableStart) - offset else { throw malformed }
            partitions.append(BlocklistFileProbe.Partition(parameters: entry, offset: Int(offset)))
        }
        return partitions
    }

    private static func map(_ path: String) throws(BlocklistFileError) -> (UnsafeRawPointer, Int) {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        func failure(_ what: String) -> BlocklistFileError {
            BlocklistFileError(code: .unreadable, message: "cannot \(what) the blocklist file \(path) (errno \(errno))")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure("open") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure("stat") }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw BlocklistFileError(code: .unreadable, message: "the blocklist file \(path) is not a regular file")
        }
        let length = Int(status.st_size)
        guard length > 0 else { throw BlocklistFileError(code: .truncated, message: "the blocklist file \(path) is empty") }
        guard let pointer = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else { throw failure("map") }
        return (UnsafeRawPointer(pointer), length)
        #else
        throw BlocklistFileError(code: .unreadable, message: "blocklist files are not supported on this platform")
        #endif
    }

    private static func unmap(_ base: UnsafeRawPointer, _ length: Int) {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        munmap(UnsafeMutableRawPointer(mutating: base), length)
        #endif
    }
}
