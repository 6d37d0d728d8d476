import Benchmark
import BenchmarkSupport
import Crypto
import Foundation
import PasswordPolicy

/// Blocklist files: a lookup per password (SHA-1 of the password, then the filter) in a
/// filter of `entries` synthetic keys (made in memory, partition by partition, written to a
/// temporary file and mapped as `pwpolicy` maps one); the build rate from SHA-1 hex lines;
/// SHA-1 itself, the library's against swift-crypto's; and NIST's preset on valid passwords.
enum BlocklistBenchmarks {
    /// A filter file made on first use and kept for the benchmarks that share it.
    final class LazyList: @unchecked Sendable {
        private let make: () throws -> Blocklist
        private var made: Blocklist?
        init(_ make: @escaping () throws -> Blocklist) { self.make = make }
        func list() throws -> Blocklist {
            if let made { return made }
            let list = try make()
            made = list
            return list
        }
    }

    /// A filter file of `entries` random keys in `partitions` partitions; prints its size.
    static func filterFile(entries: Int, partitions: Int, hash: BlocklistFileHash) throws -> Blocklist {
        // Marked as normalized (NFC), as the NIST profile's lists are: each lookup then checks
        // whether the password needs normalizing (ASCII does not) before it hashes.
        var builder = BlocklistFileBuilder(options: .init(normalization: .nfc, hash: hash), partitionCount: partitions)
        var random = SplitMix64(seed: 100)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(entries)-\(hash).pwbl").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close(); try? FileManager.default.removeItem(atPath: path) }
        try handle.write(contentsOf: [UInt8](repeating: 0, count: 64))
        var checksum = BlocklistChecksum.Accumulator()
        let start = ContinuousClock.now
        for partition in 0..<partitions {
            let count = entries / partitions + (partition < entries % partitions ? 1 : 0)
            // Keys of this partition only: [partition, partition + 1) · 2^64 / partitions.
            let width = UInt64.max / UInt64(partitions)
            let base = UInt64(partition) &* width &+ (partition == 0 ? 0 : 1)
            var digests = (0..<count).map { _ in BlocklistDigest(high: base &+ random.next() % width, middle: random.next(), low: 0) }
            let bytes = builder.encodePartition(&digests).bytes
            bytes.withUnsafeBytes { checksum.add($0) }
            try handle.write(contentsOf: bytes)
        }
        let trailer = builder.trailer()
        trailer.withUnsafeBytes { checksum.add($0) }
        try handle.write(contentsOf: trailer)
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: builder.header(bodyChecksum: checksum.value))
        try handle.close()
        let seconds = Double((ContinuousClock.now - start).components.seconds)
        let list = try Blocklist(contentsOfFile: path)
        if let info = list.fileInfo {
            FileHandle.standardError.write(Data("blocklist filter: \(info.count) entries, \(info.byteCount) bytes, \(info.bitsPerEntry) bits per entry, built in about \(Int(seconds)) s\n".utf8))
        }
        return list
    }

    /// `count` HIBP-style lines (40 upper-case hex digits, a colon, a count).
    static func sha1Lines(count: Int) -> [UInt8] {
        var random = SplitMix64(seed: 7)
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 44)
        for _ in 0..<count {
            for _ in 0..<40 { out.append(digits[Int(random.next() & 15)]) }
            out += Array(":12\n".utf8)
        }
        return out
    }

    static func register(_ corpus: Corpus, perPassword: Benchmark.Configuration) {
        let entries = Int(ProcessInfo.processInfo.environment["PWBL_BENCH_ENTRIES"] ?? "") ?? 100_000_000
        // SHA-1 kind (files from HIBP's digests) and XXH64 kind (files from plain passwords):
        // the same random 64-bit keys, so the same three reads; only the hash differs.
        // Each file is built once and looked up both ways: from `String`s (the loop's copy of
        // a string over 15 bytes is a retain) and from the corpus's UTF-8 buffers, as the batch
        // API and `pwpolicy audit` look up lines.
        for hash in [BlocklistFileHash.sha1, .xxh64] {
            let suffix = hash == .sha1 ? "" : " xxh64"
            let file = LazyList { try filterFile(entries: entries, partitions: max(1, entries / 25_000_000), hash: hash) }
            Benchmark("blocklist lookup \(entries / 1_000_000)M filter\(suffix)", configuration: perPassword) { (benchmark: Benchmark, list: Blocklist) in
                var listed = 0
                for password in corpus.strings where list.contains(password) { listed += 1 }
                blackHole(listed)
            } setup: {
                try file.list()
            }
            Benchmark("blocklist lookup UTF-8 \(entries / 1_000_000)M filter\(suffix)", configuration: perPassword) { (benchmark: Benchmark, list: Blocklist) in
                var listed = 0
                corpus.withEachBuffer { if list.contains(utf8: $0) { listed += 1 } }
                blackHole(listed)
            } setup: {
                try file.list()
            }
            Benchmark("blocklist lookup many \(entries / 1_000_000)M filter\(suffix)", configuration: perPassword) { (benchmark: Benchmark, list: Blocklist) in
                blackHole(list.membership(of: corpus.strings).count { $0 })
            } setup: {
                try file.list()
            }
        }
        // The build from Have I Been Pwned's format: parse 1M lines, partition, sort, peel.
        Benchmark("blocklist build 1M SHA-1 lines", configuration: perPassword) { (benchmark: Benchmark, lines: [UInt8]) in
            var digests: [BlocklistDigest] = []
            digests.reserveCapacity(1_000_000)
            // Lines found by a scan (as `pwpolicy blocklist build` reads its buffers), not by
            // `split`, whose array of slices cost more than the parsing it fed.
            lines.withUnsafeBufferPointer { buffer in
                var start = 0
                for index in buffer.indices where buffer[index] == 0x0A {
                    let line = UnsafeBufferPointer(rebasing: buffer[start..<min(index, start + 40)])
                    if let digest = BlocklistDigest(hexadecimal: line) { digests.append(digest) }
                    start = index + 1
                }
            }
            var builder = BlocklistFileBuilder(options: .init(), partitionCount: 1)
            blackHole(builder.encodePartition(&digests).bytes.count)
        } setup: {
            sha1Lines(count: 1_000_000)
        }
        Benchmark("sha1 library", configuration: perPassword) { benchmark in
            var x: UInt64 = 0
            corpus.withEachBuffer { x ^= BlocklistDigest(sha1Of: $0).high }
            blackHole(x)
        }
        Benchmark("sha1 swift-crypto Insecure.SHA1", configuration: perPassword) { benchmark in
            var x: UInt8 = 0
            corpus.withEachBuffer { buffer in
                var hasher = Insecure.SHA1()
                hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
                x ^= hasher.finalize().withUnsafeBytes { $0[0] }
            }
            blackHole(x)
        }
        let nist = compiledPreset("nist.sp800-63b-4.password")
        Benchmark("validate String, valid only nist.sp800-63b-4.password", configuration: perPassword) { (benchmark: Benchmark, valid: Corpus) in
            var violations = 0
            for password in valid.strings { violations &+= nist.validate(password).count }
            blackHole(violations)
        } setup: {
            corpus.cycling(count: corpus.count) { nist.isValid($0) }
        }
        Benchmark("isValid String, valid only nist.sp800-63b-4.password", configuration: perPassword) { (benchmark: Benchmark, valid: Corpus) in
            var accepted = 0
            for password in valid.strings where nist.isValid(password) { accepted += 1 }
            blackHole(accepted)
        } setup: {
            corpus.cycling(count: corpus.count) { nist.isValid($0) }
        }
    }
}
