import Foundation
@testable import PasswordPolicy
import Testing

/// Damaged blocklist files: each is refused at load with the error code the damage calls
/// for, never loaded (a silent pass) and never a crash.
@Suite struct BlocklistFileCorruptionTests {
    /// A valid filter file of 1,000 entries in 2 partitions, as bytes.
    static let valid: [UInt8] = {
        let path = BlocklistFileTests.temporaryPath("valid.pwbl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = BlocklistFileBuilder.Options()
        try? BlocklistFileTests.write((0..<1000).map { options.digest(of: "entry-\($0)") }, options: options, partitions: 2, to: path)
        return (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }()

    /// The error loading `bytes` gives; records an issue when they load.
    static func loadError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> BlocklistFileError? {
        let path = BlocklistFileTests.temporaryPath("damaged.pwbl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Blocklist(contentsOfFile: path)
            Issue.record("a damaged file loaded", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.message.contains(path), sourceLocation: sourceLocation)
            return error
        }
    }

    @Test func theValidFileLoads() throws {
        let path = BlocklistFileTests.temporaryPath("ok.pwbl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.valid).write(to: URL(fileURLWithPath: path))
        #expect(try Blocklist(contentsOfFile: path).count == 1000)
    }

    /// Cut inside each header field (magic 0–7, marker 8–11, version 12–13, structure,
    /// hash, flags 14–16, count 24, body length 32, checksum 40, partitions 48, header
    /// checksum 56), at the header's end, and inside the body.
    @Test(arguments: [1, 4, 8, 10, 13, 15, 16, 20, 28, 36, 44, 50, 60, 64, 65, 500])
    func aTruncatedFileIsRefused(length: Int) throws {
        let error = try Self.loadError(Array(Self.valid.prefix(length)))
        #expect(error?.code == .truncated)
    }

    @Test func anEmptyFileIsRefused() throws {
        #expect(try Self.loadError([])?.code == .truncated)
    }

    @Test func aFlippedBodyByteIsAChecksumError() throws {
        for offset in [64, 200, Self.valid.count - 1, Self.valid.count - 40] {
            var bytes = Self.valid
            bytes[offset] ^= 0x10
            #expect(try Self.loadError(bytes)?.code == .checksum, "offset \(offset)")
        }
    }

    @Test func aFlippedHeaderFieldIsAChecksumError() throws {
        for offset in [14, 16, 24, 32, 40, 48, 56] {
            var bytes = Self.valid
            bytes[offset] ^= 0x01
            let code = try Self.loadError(bytes)?.code
            #expect(code == .checksum || code == .unsupportedVersion || code == .truncated || code == .malformed, "offset \(offset): \(String(describing: code))")
        }
    }

    @Test func wrongMagicVersionAndByteOrderAreNamed() throws {
        var magic = Self.valid
        magic[1] = 0x51
        #expect(try Self.loadError(magic)?.code == .notBlocklist)
        #expect(try Self.loadError(Array("hunter2\nletmein\n".utf8))?.code == .notBlocklist)
        var version = Self.valid
        version[12] = 2
        #expect(try Self.loadError(version)?.code == .unsupportedVersion)
        var swapped = Self.valid
        swapped[8..<12] = [0x0A, 0x0B, 0x0C, 0x0D]
        let error = try Self.loadError(swapped)
        #expect(error?.code == .wrongEndianness)
        #expect(error?.message.contains("big-endian") == true)
    }

    /// An entry count no `Int` holds, with both checksums made to match (found by the
    /// blocklist fuzz target: it trapped converting the count).
    @Test func anImpossibleEntryCountIsMalformed() throws {
        var bytes = Self.valid
        for byte in 24..<32 { bytes[byte] = 0xFF }
        func put(_ value: UInt64, at offset: Int) {
            for index in 0..<8 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        }
        put(bytes[0..<56].withUnsafeBytes { BlocklistChecksum.of($0) }, at: 56)
        #expect(try Self.loadError(bytes)?.code == .malformed)
    }

    @Test func extraBytesAfterTheBodyAreRefused() throws {
        #expect(try Self.loadError(Self.valid + [0])?.code == .malformed)
    }

    /// `bytes` with header bytes 0..<56 changed by `change` and the header checksum recomputed,
    /// so that the field checks (not the checksum) must catch the damage.
    static func resealed(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
        var bytes = valid
        change(&bytes)
        let sum = bytes[0..<56].withUnsafeBytes { BlocklistChecksum.of($0) }
        withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange(56..<64, with: $0) }
        return bytes
    }

    /// Found by the fuzz target: an entry count beyond Int's range crashed the load.
    @Test(arguments: [UInt64.max, 1 << 63, 1 << 40])
    func aCountLargerThanTheBodyIsMalformed(count: UInt64) throws {
        let bytes = Self.resealed { file in withUnsafeBytes(of: count.littleEndian) { file.replaceSubrange(24..<32, with: $0) } }
        #expect(try Self.loadError(bytes)?.code == .malformed)
    }

    @Test func unknownHashKindsAndAnXXH64TableAreRefused() throws {
        #expect(try Self.loadError(Self.resealed { $0[15] = 3 })?.code == .unsupportedVersion)
        #expect(try Self.loadError(Self.resealed { $0[15] = 0 })?.code == .unsupportedVersion)
        // Kind 2 (XXH64) is for filters only: an exact table (structure 2) with it is refused.
        #expect(try Self.loadError(Self.resealed { $0[14] = 2; $0[15] = 2 })?.code == .unsupportedVersion)
    }

    @Test func aMissingFileAndADirectoryAreUnreadable() throws {
        #expect(throws: BlocklistFileError.self) { try Blocklist(contentsOfFile: "/nonexistent/list.pwbl") }
        do {
            _ = try Blocklist(contentsOfFile: FileManager.default.temporaryDirectory.path)
            Issue.record("a directory loaded as a blocklist file")
        } catch {
            #expect(error.code == .unreadable)
        }
    }
}
