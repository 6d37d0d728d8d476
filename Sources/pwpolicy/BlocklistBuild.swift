#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PasswordPolicy

/// `blocklist build`: one streaming pass over the input turns each line into a SHA-1 digest
/// and drops it into its partition (in memory when the input is small, else appended to a
/// temporary file per partition); then each partition is sorted, deduplicated and encoded
/// in turn. Memory: about 50 bytes per entry of the largest partition (~16M entries by default).
/// The file is written as OUTPUT.tmp and renamed when complete. Never prints an entry.
struct BlocklistBuild {
    let input: String
    let output: String
    let sha1: Bool
    let options: BlocklistFileBuilder.Options
    /// Entries a partition is sized for (estimated from the input's size).
    var entriesPerPartition = 16 << 20

    struct Summary {
        var lines = 0
        var entries = 0
        var duplicates = 0
        var bytes = 0

        func text(output: String, exact: Bool) -> String {
            let bits = entries == 0 ? 0 : Double(bytes * 8) / Double(entries)
            let rate = exact ? "0 (exact table)" : "\(Decimal2(100.0 / 256, digits: 4)) % (1 in 256; no false negatives)"
            return "wrote \(output): \(entries) entries from \(lines) lines (\(duplicates) duplicates dropped), \(bytes) bytes, "
                + "\(Decimal2(bits, digits: 2)) bits per entry, false-positive rate \(rate)"
        }
    }

    func run() throws(CommandFailure) -> Summary {
        let (descriptor, name) = try openInputFile(input)
        defer { close(descriptor) }
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        let bytesPerLine = sha1 ? 42 : 10
        let partitions = max(1, (size / bytesPerLine + entriesPerPartition - 1) / entriesPerPartition)
        var builder = BlocklistFileBuilder(options: options, partitionCount: partitions)
        var spill = try PartitionSpill(output: output, count: partitions, expectedEntries: min(size / bytesPerLine + 1, entriesPerPartition))
        defer { spill.removeFiles() }
        var summary = Summary()
        let progress = standardErrorIsTerminal() ? AuditProgress(descriptor: descriptor, noun: "lines read") : nil
        let reader = LineReader(descriptor: descriptor, name: name, maximumLineLength: 4096)
        try reader.forEachLine { (line) throws(CommandFailure) in
            summary.lines += 1
            guard case .complete(let bytes) = line else {
                throw CommandFailure("\(name): line \(summary.lines) is over 4096 bytes")
            }
            if bytes.isEmpty { return }
            let digest = try digest(bytes, line: summary.lines, name: name)
            try spill.add(digest, to: builder.partition(of: digest))
            progress?.update(bytes: reader.bytesRead, lines: summary.lines)
        }
        progress?.finish()
        try write(&builder, &spill, &summary)
        return summary
    }

    private func digest(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, name: String) throws(CommandFailure) -> BlocklistDigest {
        if sha1 {
            let colon = bytes.firstIndex(of: 0x3A) ?? bytes.count
            let count = bytes[min(colon + 1, bytes.count)...]
            guard let digest = BlocklistDigest(hexadecimal: UnsafeBufferPointer(rebasing: bytes[..<colon])),
                  colon == bytes.count || (!count.isEmpty && count.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })) else {
                throw CommandFailure("\(name): line \(line) is not SHA1HEX:COUNT (40 hexadecimal digits, optionally a colon and a count)")
            }
            return digest
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("\(name): line \(line) is not valid UTF-8")
        }
        return options.digest(of: text)
    }

    /// Encodes every partition into OUTPUT.tmp after a placeholder header, then the trailer
    /// and the real header, and renames the file to OUTPUT.
    private func write(_ builder: inout BlocklistFileBuilder, _ spill: inout PartitionSpill, _ summary: inout Summary) throws(CommandFailure) {
        let temporary = output + ".tmp"
        let file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw CommandFailure("cannot create \(temporary): \(systemErrorMessage(errno))") }
        defer { close(file) }
        var checksum = BlocklistChecksum.Accumulator()
        func put(_ bytes: [UInt8], body: Bool = true) throws(CommandFailure) {
            if body { bytes.withUnsafeBytes { checksum.add($0) } }
            try writeAllBytes(file, bytes, what: "cannot write \(temporary)")
        }
        try put([UInt8](repeating: 0, count: 64), body: false)
        for index in 0..<builder.partitionCount {
            var digests = try spill.take(index)
            let (bytes, duplicates) = builder.encodePartition(&digests)
            summary.duplicates += duplicates
            try put(bytes)
        }
        try put(builder.trailer())
        let header = builder.header(bodyChecksum: checksum.value)
        guard lseek(file, 0, SEEK_SET) == 0 else { throw CommandFailure("cannot write \(temporary): \(systemErrorMessage(errno))") }
        try put(header, body: false)
        guard fsync(file) == 0, rename(temporary, output) == 0 else {
            throw CommandFailure("cannot write \(output): \(systemErrorMessage(errno))")
        }
        summary.entries = builder.count
        summary.bytes = 64 + builder.bodyLength + (options.isExact ? 0 : 32 * builder.partitionCount)
    }
}
