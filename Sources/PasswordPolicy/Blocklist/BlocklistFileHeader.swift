// The header of a blocklist file (`.pwbl`, format version 1): 64 bytes, little-endian; the
// byte layout is documented in PasswordPolicy.docc/BlocklistFiles.md.

/// Why a blocklist file could not be loaded: a code to branch on and a message for people
/// that names the file and the problem (never an entry).
///
/// ```swift
/// do { _ = try Blocklist(contentsOfFile: "breached.pwbl") } catch { print(error.code, error.message) }
/// ```
public struct BlocklistFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable identifier.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The identifier, such as `checksum`.
        public var rawValue: String
        /// A code from its identifier.
        ///
        /// ```swift
        /// let code = BlocklistFileError.Code(rawValue: "checksum")
        /// ```
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file could not be opened, read or mapped.
        public static let unreadable = Code(rawValue: "unreadable")
        /// The file ends before its header or its body does.
        public static let truncated = Code(rawValue: "truncated")
        /// The file does not start with the blocklist magic.
        public static let notBlocklist = Code(rawValue: "magic")
        /// The file was written little-endian-marker-swapped (by a big-endian writer).
        public static let wrongEndianness = Code(rawValue: "endianness")
        /// A format version, structure or hash this library does not read.
        public static let unsupportedVersion = Code(rawValue: "version")
        /// The header's or the body's checksum does not match: the file is corrupt.
        public static let checksum = Code(rawValue: "checksum")
        /// A header or body field is out of range although the checksums match.
        public static let malformed = Code(rawValue: "malformed")
    }

    /// What went wrong.
    public var code: Code
    /// The file and the problem, for people.
    public var message: String

    /// An error.
    ///
    /// ```swift
    /// let error = BlocklistFileError(code: .truncated, message: "x.pwbl: ends inside its header")
    /// ```
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The fields of a blocklist file's header.
struct BlocklistFileHeader: Equatable {
    static let size = 64
    /// `\x89PWBL\r\n\x1A`: a non-ASCII first byte, then line endings a text-mode copy would change.
    static let magic: [UInt8] = [0x89, 0x50, 0x57, 0x42, 0x4C, 0x0D, 0x0A, 0x1A]
    static let endiannessMarker: UInt32 = 0x0A0B_0C0D
    static let version: UInt16 = 1
    /// Structures: a binary fuse filter (3-wise, 8-bit fingerprints) or an exact sorted table.
    static let fuseFilter: UInt8 = 1, exactTable: UInt8 = 2
    /// Hash kinds: SHA-1 or XXH64 (filters only) of the entry's UTF-8 (after the file's
    /// folding and normalization).
    static let sha1: UInt8 = 1, xxh64: UInt8 = 2
    static let caseFolded: UInt8 = 1, normalizedNFC: UInt8 = 2

    var structure: UInt8
    var hashKind: UInt8 = BlocklistFileHeader.sha1
    var flags: UInt8
    var count: UInt64
    var bodyLength: UInt64
    var bodyChecksum: UInt64
    var partitionCount: UInt32

    /// The 64 bytes: magic, marker, version, structure, hash, flags, 7 zero bytes, count,
    /// body length, body checksum, partitions, 4 zero bytes, then the checksum of bytes 0..<56.
    var bytes: [UInt8] {
        var out = BlocklistFileHeader.magic
        out.appendLittleEndian(BlocklistFileHeader.endiannessMarker)
        out.appendLittleEndian(BlocklistFileHeader.version)
        out += [structure, hashKind, flags, 0, 0, 0, 0, 0, 0, 0]
        out.appendLittleEndian(count)
        out.appendLittleEndian(bodyLength)
        out.appendLittleEndian(bodyChecksum)
        out.appendLittleEndian(partitionCount)
        out += [0, 0, 0, 0]
        out.appendLittleEndian(out.withUnsafeBytes { BlocklistChecksum.of($0) })
        return out
    }

    /// The header at the start of `file`, every field checked but the body's checksum.
    init(parsing file: UnsafeRawBufferPointer, path: String) throws(BlocklistFileError) {
        func fail(_ code: BlocklistFileError.Code, _ problem: String) -> BlocklistFileError {
            BlocklistFileError(code: code, message: "the blocklist file \(path) \(problem)")
        }
        let magic = BlocklistFileHeader.magic
        guard file.count >= magic.count else {
            throw file.elementsEqual(magic.prefix(file.count)) ? fail(.truncated, "ends inside its header (\(file.count) of 64 bytes)")
                : fail(.notBlocklist, "is not a blocklist file (no PWBL magic)")
        }
        guard file.prefix(8).elementsEqual(magic) else { throw fail(.notBlocklist, "is not a blocklist file (no PWBL magic)") }
        guard file.count >= BlocklistFileHeader.size else { throw fail(.truncated, "ends inside its header (\(file.count) of 64 bytes)") }
        let marker: UInt32 = file.littleEndian(at: 8)
        if marker == BlocklistFileHeader.endiannessMarker.byteSwapped {
            throw fail(.wrongEndianness, "was written big-endian; this library reads the little-endian layout only")
        }
        guard marker == BlocklistFileHeader.endiannessMarker else { throw fail(.malformed, "has a damaged byte-order marker") }
        let version: UInt16 = file.littleEndian(at: 12)
        guard version == BlocklistFileHeader.version else {
            throw fail(.unsupportedVersion, "has format version \(version); this library reads version \(BlocklistFileHeader.version)")
        }
        guard file.littleEndian(at: 56) == BlocklistChecksum.of(UnsafeRawBufferPointer(rebasing: file[0..<56])) as UInt64 else {
            throw fail(.checksum, "has a corrupt header (checksum mismatch)")
        }
        structure = file[14]
        hashKind = file[15]
        flags = file[16]
        count = file.littleEndian(at: 24)
        bodyLength = file.littleEndian(at: 32)
        bodyChecksum = file.littleEndian(at: 40)
        partitionCount = file.littleEndian(at: 48)
        guard structure == BlocklistFileHeader.fuseFilter || structure == BlocklistFileHeader.exactTable,
              hashKind == BlocklistFileHeader.sha1 || (hashKind == BlocklistFileHeader.xxh64 && structure == BlocklistFileHeader.fuseFilter),
              flags & ~3 == 0 else {
            throw fail(.unsupportedVersion, "uses a structure, hash or option this library does not know")
        }
        guard UInt64(file.count - BlocklistFileHeader.size) >= bodyLength else {
            throw fail(.truncated, "is truncated (its body should be \(bodyLength) bytes, \(file.count - BlocklistFileHeader.size) are there)")
        }
        guard UInt64(file.count - BlocklistFileHeader.size) == bodyLength else { throw fail(.malformed, "has bytes after its body") }
        // Every entry takes at least a byte of body (a filter's fingerprints, a table's digest):
        // a larger count is damage, and would not fit an Int either.
        guard count <= bodyLength else { throw fail(.malformed, "claims more entries (\(count)) than its body can hold") }
    }

    init(structure: UInt8, hashKind: UInt8 = BlocklistFileHeader.sha1, flags: UInt8, count: UInt64, bodyLength: UInt64, bodyChecksum: UInt64, partitionCount: UInt32) {
        self.structure = structure
        self.hashKind = hashKind
        self.flags = flags
        self.count = count
        self.bodyLength = bodyLength
        self.bodyChecksum = bodyChecksum
        self.partitionCount = partitionCount
    }
}

/// The checksum of a blocklist file's header and body: 64 bits, one multiply-xor-rotate step
/// per little-endian 8-byte word (the last word zero-padded), then the length, then a final mix.
public enum BlocklistChecksum {
    /// The checksum of `bytes`.
    ///
    /// ```swift
    /// let sum = [UInt8](repeating: 0, count: 16).withUnsafeBytes { BlocklistChecksum.of($0) }
    /// ```
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state = Accumulator()
        state.add(bytes)
        return state.value
    }

    /// A checksum fed in pieces: the same value as ``of(_:)`` on the concatenation.
    public struct Accumulator: Sendable {
        private var hash: UInt64 = 0x243F_6A88_85A3_08D3
        private var pending: UInt64 = 0
        private var pendingBytes = 0
        private var length: UInt64 = 0

        /// An empty checksum.
        ///
        /// ```swift
        /// var sum = BlocklistChecksum.Accumulator()
        /// ```
        public init() {}

        @inline(__always)
        private mutating func mix(_ word: UInt64) {
            hash = ((hash ^ word) &* 0x9E37_79B9_7F4A_7C15)
            hash = hash << 29 | hash >> 35
        }

        /// Feeds `bytes`.
        ///
        /// ```swift
        /// var sum = BlocklistChecksum.Accumulator(); [1, 2, 3].withUnsafeBytes { sum.add($0) }
        /// ```
        public mutating func add(_ bytes: UnsafeRawBufferPointer) {
            length &+= UInt64(bytes.count)
            var index = 0
            while pendingBytes != 0, index < bytes.count {
                pending |= UInt64(bytes[index]) << UInt64(8 * pendingBytes)
                index += 1
                pendingBytes += 1
                if pendingBytes == 8 { mix(pending); pending = 0; pendingBytes = 0 }
            }
            while bytes.count - index >= 8 {
                mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index += 8
            }
            while index < bytes.count {
                pending |= UInt64(bytes[index]) << UInt64(8 * pendingBytes)
                pendingBytes += 1
                index += 1
            }
        }

        /// The checksum of everything fed.
        public var value: UInt64 {
            var copy = self
            if copy.pendingBytes != 0 { copy.mix(copy.pending) }
            copy.mix(length)
            var h = copy.hash
            h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD; h ^= h >> 33
            return h
        }
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always)
    func littleEndian<T: FixedWidthInteger>(at offset: Int) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
