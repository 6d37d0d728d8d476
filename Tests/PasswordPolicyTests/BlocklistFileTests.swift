import Crypto
import Foundation
@testable import PasswordPolicy
import Testing

/// Blocklist files built with the library's builder: every inserted entry is found (filter
/// and exact table), the filter's false-positive rate on 1M non-members, options, and SHA-1
/// checked against swift-crypto and FIPS 180's examples.
@Suite struct BlocklistFileTests {
    /// A file of `digests` in `directory`, encoded in `partitions` partitions.
    static func write(_ digests: [BlocklistDigest], options: BlocklistFileBuilder.Options, partitions: Int = 1, to path: String) throws {
        var builder = BlocklistFileBuilder(options: options, partitionCount: partitions)
        var groups = [[BlocklistDigest]](repeating: [], count: partitions)
        for digest in digests { groups[builder.partition(of: digest)].append(digest) }
        var body: [UInt8] = []
        for index in 0..<partitions { body += builder.encodePartition(&groups[index]).bytes }
        body += builder.trailer()
        let header = builder.header(bodyChecksum: body.withUnsafeBytes { BlocklistChecksum.of($0) })
        try Data(header + body).write(to: URL(fileURLWithPath: path))
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pwbl-\(UUID().uuidString)-\(name)").path
    }

    /// The portable rounds always; the SHA instructions too where this processor has them
    /// (where it has not, `hardware: true` would be the portable rounds again).
    static let sha1Paths = SHA1.hasHardwareRounds ? [false, true] : [false]

    @Test(arguments: sha1Paths)
    func sha1MatchesFIPSExamplesAndSwiftCrypto(hardware: Bool) {
        func digest(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBufferPointer { SHA1.digest($0, hardware: hardware) }.hexadecimal
        }
        // FIPS 180-2 appendix A: "abc" and the 56-byte two-block message.
        #expect(digest(Array("abc".utf8)) == "A9993E364706816ABA3E25717850C26C9CD0D89D")
        #expect(digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "84983E441C3BD26EBAAE4AA1F95129E5E54670F1")
        var random = SplitMix64(seed: 7)
        // Every length across one, two and several blocks and both padding cases (55/56 bytes).
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let expected = Insecure.SHA1.hash(data: bytes).map { String($0, radix: 16, uppercase: true) }
                .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
            #expect(digest(bytes) == expected, "length \(length)")
        }
    }

    @Test(arguments: [false, true], [1, 3])
    func everyInsertedEntryIsFound(exact: Bool, partitions: Int) throws {
        let passwords = (0..<20_000).map { "entry-\($0)" } + ["entry-1", "entry-2"]
        let options = BlocklistFileBuilder.Options(isExact: exact)
        let path = Self.temporaryPath("members.pwbl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.write(passwords.map(options.digest(of:)), options: options, partitions: partitions, to: path)
        let list = try Blocklist(contentsOfFile: path, name: "members")
        let info = try #require(list.fileInfo)
        #expect(info.count == 20_000)
        #expect(info.isApproximate == !exact)
        #expect(info.partitionCount == (exact ? 1 : partitions))
        let missing = passwords.filter { !list.contains($0) }
        #expect(missing.isEmpty, "no false negatives, ever: \(missing.count) missing")
        if exact { #expect(!list.contains("entry-20000") && !list.contains("")) }
    }

    @Test func falsePositiveRateOnAMillionNonMembers() throws {
        var random = SplitMix64(seed: 2026)
        let members = (0..<200_000).map { _ in BlocklistDigest(high: random.next(), middle: random.next(), low: 0) }
        let path = Self.temporaryPath("rate.pwbl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.write(members, options: .init(), to: path)
        let list = try Blocklist(contentsOfFile: path)
        let file = try #require(list.file)
        let memberKeys = Set(members.map(\.high))
        var positives = 0, trials = 0
        while trials < 1_000_000 {
            let key = random.next()
            if memberKeys.contains(key) { continue }
            trials += 1
            if file.probe.contains(BlocklistDigest(high: key, middle: 0, low: 0)) { positives += 1 }
        }
        let rate = Double(positives) / Double(trials)
        // 8-bit fingerprints: 1/256 = 0.390625 %; 4 standard deviations of 1M trials is 0.025 %.
        #expect(rate <= 0.004 + 0.00025, "measured \(rate)")
        #expect(rate >= 0.0035, "a filter that says yes too rarely is broken: \(rate)")
        // The paper's size factor for 200,000 keys, 0.875 + 0.25 ln(10^6) / ln(200,000) = 1.158,
        // times 8 bits, plus rounding up to whole segments: under 9.4 bits (9.0 from ~1M keys on).
        let bits = try #require(list.fileInfo).bitsPerEntry
        #expect(bits <= 9.4, "bits per entry \(bits)")
    }

    @Test func caseInsensitiveAndNFCFilesFoldThePasswordAtLookup() throws {
        let options = BlocklistFileBuilder.Options(isCaseInsensitive: true, normalization: .nfc)
        let path = Self.temporaryPath("folded.pwbl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // "Café" with a composed é, and a Hangul syllable written as its conjoining jamo.
        try Self.write(["Caf\u{E9}Latte", "\u{1100}\u{1161}\u{11A8}-password"].map(options.digest(of:)), options: options, to: path)
        let list = try Blocklist(contentsOfFile: path)
        #expect(list.fileInfo?.isCaseInsensitive == true && list.fileInfo?.normalization == .nfc)
        for variant in ["caf\u{E9}latte", "CAFE\u{301}LATTE", "Cafe\u{301}Latte", "\u{AC01}-PASSWORD", "\u{1100}\u{1161}\u{11A8}-password"] {
            #expect(list.contains(variant), "\(variant.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let plain = Self.temporaryPath("plain.pwbl")
        defer { try? FileManager.default.removeItem(atPath: plain) }
        try Self.write([BlocklistFileBuilder.Options().digest(of: "Caf\u{E9}Latte")], options: .init(isExact: true), to: plain)
        let exact = try Blocklist(contentsOfFile: plain)
        #expect(exact.contains("Caf\u{E9}Latte"))
        #expect(!exact.contains("caf\u{E9}latte") && !exact.contains("Cafe\u{301}Latte"), "a file built without options compares bytes")
    }

    /// `membership(of:)` hashes passwords in groups before reading the file: its answers are
    /// `contains(_:)`'s, in order, for every group boundary, every file kind and option, members
    /// that need folding or normalizing, and a list held in memory.
    @Test(arguments: [BlocklistFileHash.sha1, .xxh64], [false, true])
    func manyLookupsAnswerAsOneAtATime(hash: BlocklistFileHash, folded: Bool) throws {
        let members = (0..<500).map { "Member-\($0)" } + ["Caf\u{E9}Latte", "\u{1100}\u{1161}\u{11A8}-pw"]
        let probes = members + members.map { $0.uppercased() } + ["Cafe\u{301}Latte", "\u{AC01}-PW", "", "x", String(repeating: "long", count: 40)]
            + (0..<300).map { "other-\($0)" }
        for exact in hash == .sha1 ? [false, true] : [false] {
            let options = BlocklistFileBuilder.Options(isCaseInsensitive: folded, normalization: .nfc, isExact: exact, hash: hash)
            let path = Self.temporaryPath("many.pwbl")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Self.write(members.map(options.digest(of:)), options: options, partitions: exact ? 1 : 2, to: path)
            let list = try Blocklist(contentsOfFile: path)
            for count in [0, 1, 7, 8, 9, 16, 17, probes.count] {
                let some = Array(probes.prefix(count))
                #expect(list.membership(of: some) == some.map { list.contains($0) }, "\(count) passwords, exact \(exact)")
            }
            let answers = list.membership(of: members)
            #expect(answers.allSatisfy { $0 }, "every member found, exact \(exact)")
            // Composed and decomposed é, jamo and the syllable: one NFC form.
            #expect(list.membership(of: ["Cafe\u{301}Latte", "\u{AC01}-pw"]) == [true, true])
            #expect(list.membership(of: ["MEMBER-1"]) == [folded])
        }
        let memory = Blocklist(name: "memory", entries: members)
        #expect(memory.membership(of: probes) == probes.map { memory.contains($0) })
    }

    /// The word-at-a-time test for "must be folded or normalized first" agrees with the plain
    /// definition (a capital A–Z when folding, any byte from 0x80 up) for every byte value at
    /// every position of every length up to 17 (both sides of an 8-byte word).
    @Test func theTransformCheckAgreesWithItsDefinition() throws {
        let body = try #require(UnsafeRawPointer(bitPattern: 64))
        for (folded, normalized) in [(false, false), (true, false), (false, true), (true, true)] {
            let probe = BlocklistFileProbe(body: body, partitions: nil, partitionCount: 0, entryCount: 0, hash: .xxh64,
                                           isCaseFolded: folded, isNormalized: normalized)
            for length in 0...17 {
                for position in 0..<max(length, 1) {
                    for value in 0...255 where length > 0 || value == 0 {
                        var bytes = [UInt8](repeating: 0x61, count: length)
                        if length > 0 { bytes[position] = UInt8(value) }
                        let expected = (folded && bytes.contains { $0 >= 0x41 && ($0 <= 0x5A || $0 >= 0x80) })
                            || (normalized && bytes.contains { $0 >= 0x80 })
                        let answer = bytes.withUnsafeBufferPointer { probe.needsTransform($0) }
                        if answer != expected { Issue.record("folded \(folded) normalized \(normalized) length \(length) byte \(value) at \(position)") }
                    }
                }
            }
        }
    }

    @Test func aPolicyNamingAPwblPathLoadsItAndSaysProbably() throws {
        let path = Self.temporaryPath("policy-list.pwbl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.write([BlocklistFileBuilder.Options().digest(of: "zebra crossing 1999")], options: .init(), to: path)
        let policy = BlocklistTests.policy([ForbiddenList(list: path, code: "breached")])
        let compiled = try CompiledPolicy(policy)
        let violations = compiled.validate("zebra crossing 1999")
        let violation = try #require(violations.first { $0.code == .blocklistContained })
        #expect(violation.message.contains("probably in the list"))
        #expect(!violation.message.contains("zebra"))
        #expect(violation.detail == .blocklist(code: "breached", list: path))
        #expect(compiled.isValid("zebra crossing 2000"))
        let missing = BlocklistTests.policy([ForbiddenList(list: path + ".missing.pwbl")])
        #expect(throws: PolicyError.self) { try CompiledPolicy(missing) }
    }

    @Test func digestsParseFromHexadecimalOnly() {
        let digest = BlocklistFileBuilder.Options().digest(of: "password")
        #expect(BlocklistDigest(hexadecimal: Array(digest.hexadecimal.utf8)) == digest)
        #expect(BlocklistDigest(hexadecimal: Array(digest.hexadecimal.lowercased().utf8)) == digest)
        #expect(BlocklistDigest(hexadecimal: Array("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD".utf8)) == nil)
        #expect(BlocklistDigest(hexadecimal: Array("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FDG".utf8)) == nil)
        // The buffer overload (what the command calls) agrees, on SHA-1("password") as FIPS gives it.
        for (text, expected) in [("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8", digest as BlocklistDigest?),
                                 ("5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8", digest),
                                 ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD", nil), ("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD:", nil)] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { BlocklistDigest(hexadecimal: $0) } == expected, "\(text)")
        }
    }
}
