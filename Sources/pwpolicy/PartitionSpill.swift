#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PasswordPolicy

/// Where `blocklist build` keeps digests between reading and encoding: in memory for one
/// partition, else in one temporary file per partition (OUTPUT.part-N.tmp, 20 bytes a digest,
/// written through a 64 KiB buffer each), read back one partition at a time.
struct PartitionSpill {
    private var memory: [BlocklistDigest] = []
    private var files: [Int32] = []
    private var paths: [String] = []
    private var buffers: [[UInt8]] = []
    private static let bufferSize = 64 << 10

    /// `expectedEntries`: an upper estimate of the entries when there is one partition; its
    /// array is reserved at once (pages untouched cost nothing) instead of growing by copies.
    init(output: String, count: Int, expectedEntries: Int = 0) throws(CommandFailure) {
        guard count > 1 else {
            memory.reserveCapacity(expectedEntries)
            return
        }
        for index in 0..<count {
            let path = "\(output).part-\(index).tmp"
            let file = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard file >= 0 else {
                removeFiles()
                throw CommandFailure("cannot create the temporary file \(path): \(systemErrorMessage(errno))")
            }
            files.append(file)
            paths.append(path)
            buffers.append([])
        }
    }

    mutating func add(_ digest: BlocklistDigest, to partition: Int) throws(CommandFailure) {
        guard !files.isEmpty else { memory.append(digest); return }
        buffers[partition].appendDigest(digest)
        if buffers[partition].count >= PartitionSpill.bufferSize { try flush(partition) }
    }

    private mutating func flush(_ partition: Int) throws(CommandFailure) {
        try writeAllBytes(files[partition], buffers[partition], what: "cannot write the temporary file \(paths[partition])")
        buffers[partition].removeAll(keepingCapacity: true)
    }

    /// The digests of `partition`, its temporary storage released.
    mutating func take(_ partition: Int) throws(CommandFailure) -> [BlocklistDigest] {
        guard !files.isEmpty else { defer { memory = [] }; return memory }
        try flush(partition)
        let file = files[partition]
        let size = Int(lseek(file, 0, SEEK_END))
        guard size >= 0, lseek(file, 0, SEEK_SET) == 0 else { throw CommandFailure("cannot read back \(paths[partition])") }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            var result: Result<Int, SystemCall.Failure> = .success(0)
            bytes.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                do throws(SystemCall.Failure) { result = .success(try SystemCall.read(file, into: base + offset, count: size - offset)) } catch { result = .failure(error) }
            }
            let got: Int
            switch result {
            case .success(let count): got = count
            case .failure(let error): throw error.commandFailure("cannot read back \(paths[partition])")
            }
            if got == 0 { throw CommandFailure("\(paths[partition]) shrank while it was read back") }
            offset += got
        }
        ftruncate(file, 0)
        var digests: [BlocklistDigest] = []
        digests.reserveCapacity(size / 20)
        bytes.withUnsafeBytes { raw in
            for at in stride(from: 0, to: size - 19, by: 20) {
                digests.append(BlocklistDigest(
                    high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)),
                    middle: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)),
                    low: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self))))
            }
        }
        return digests
    }

    /// Closes and deletes the temporary files.
    mutating func removeFiles() {
        for (file, path) in zip(files, paths) { close(file); unlink(path) }
        files = []
        paths = []
    }
}

extension [UInt8] {
    mutating func appendDigest(_ digest: BlocklistDigest) {
        Swift.withUnsafeBytes(of: digest.high.bigEndian) { append(contentsOf: $0) }
        Swift.withUnsafeBytes(of: digest.middle.bigEndian) { append(contentsOf: $0) }
        Swift.withUnsafeBytes(of: digest.low.bigEndian) { append(contentsOf: $0) }
    }
}

/// Writes all of `bytes` to `descriptor`; `what` starts the message of a failure.
func writeAllBytes(_ descriptor: Int32, _ bytes: [UInt8], what: String) throws(CommandFailure) {
    var failure: SystemCall.Failure? = nil
    bytes.withUnsafeBytes { raw in
        do throws(SystemCall.Failure) { try SystemCall.writeAll(descriptor, raw) } catch { failure = error }
    }
    if let failure { throw failure.commandFailure(what) }
}
