import Testing
@testable import PasswordPolicy

/// The batch API against the one-password API and the PCRE2 reference: on random buffers
/// (lines of every length around the 16-byte blocks of the newline search, non-ASCII,
/// invalid UTF-8, CR without LF, empty lines, with and without a final LF) every line's
/// codes must equal `violationCodes(utf8:)` on that line, and the reference's codes.
@Suite struct BatchValidationTests {
    /// The lines of `bytes` as the batch API documents them, split by the standard
    /// library: LF separates, one CR before an LF or at the very end is dropped, a final
    /// LF starts no line.
    static func expectedLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            ranges.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges.map { range in
            range.count > 0 && bytes[range.upperBound - 1] == 0x0D ? range.lowerBound..<(range.upperBound - 1) : range
        }
    }

    /// `lines` lines of `length()` bytes each: printable ASCII, one in `pieceOdds` replaced by
    /// one of `pieces`; each ended by CR LF one time in `crlfOdds`, by an extra empty line
    /// as often, by LF otherwise.
    static func randomLines(
        _ random: inout SplitMix64, lines: Int, pieces: [[UInt8]], pieceOdds: Int, crlfOdds: Int, length: (inout SplitMix64) -> Int
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<lines {
            let count = length(&random)
            for _ in 0..<count {
                if Int.random(in: 0..<pieceOdds, using: &random) == 0 {
                    bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)]
                } else {
                    bytes.append(UInt8.random(in: 0x21...0x7E, using: &random))
                }
            }
            switch Int.random(in: 0..<crlfOdds, using: &random) {
            case 0: bytes += [0x0D, 0x0A]
            case 1: bytes += [0x0A, 0x0A]
            default: bytes.append(0x0A)
            }
        }
        return bytes
    }

    /// A random buffer of `lines` lines mixing every kind of awkward input.
    static func randomBuffer(_ random: inout SplitMix64, lines: Int) -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array("é".utf8), Array("漢".utf8), Array("😀".utf8), [0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80],
            [0x0D], [0x00], [0x20], Array("/".utf8), Array("..".utf8),
        ]
        var bytes = randomLines(&random, lines: lines, pieces: pieces, pieceOdds: 10, crlfOdds: 8) { Int.random(in: 0...40, using: &$0) }
        if Bool.random(using: &random), bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }

    @Test(arguments: try FastPathTests.policies())
    func batchEqualsOnePasswordAtATime(_ policy: Policy) throws {
        let compiled = try CompiledPolicy(policy)
        let reference = try #require(ReferenceValidator(policy))
        var random = SplitMix64(seed: 0xBA7C4 ^ UInt64(truncatingIfNeeded: policy.id.hashValue & 0xFFFF))
        let context = policy.forbidContext.isEmpty ? [:] : ["username": "ab"]
        for round in 0..<6 {
            let bytes = BatchValidationTests.randomBuffer(&random, lines: 1 + round * 9)
            let expected = BatchValidationTests.expectedLines(bytes)
            var seen: [BatchLine] = []
            var summary = BatchSummary()
            bytes.withUnsafeBufferPointer { buffer in
                compiled.forEachLine(in: buffer, context: context) { seen.append($0) }
                summary = compiled.summarizeLines(in: buffer, context: context)
            }
            #expect(seen.map(\.range) == expected)
            #expect(seen.map(\.number) == Array(stride(from: 1, through: expected.count, by: 1)))
            var tally = BatchSummary()
            for (line, range) in zip(seen, expected) {
                let password = Array(bytes[range])
                let codes = compiled.violationCodes(utf8: password, context: context)
                #expect(line.codes == codes)
                #expect(line.codes.codes.map(\.rawValue).sorted() == reference.codes(utf8: password, context: context))
                tally.record(codes)
            }
            #expect(summary == tally)
            #expect(summary.total == expected.count)
        }
    }

    /// Found by the batch fuzz target: the ASCII line path missed `forbidList`. Listed
    /// passwords (in any case, for a case-insensitive list) get `blocklist.contained` in a
    /// batch exactly as one at a time.
    @Test func listedPasswordsInABatch() throws {
        let compiled = try CompiledPolicy(try #require(Presets.policy(id: "nist.sp800-63b-4.mfa")))
        let text = "password\n12345678\n1qaz2wsx3edc4rfv\nPASSWORD\r\nnot a listed one\n1234\n"
        let bytes = Array(text.utf8)
        var lines: [BatchLine] = []
        bytes.withUnsafeBufferPointer { buffer in compiled.forEachLine(in: buffer) { lines.append($0) } }
        #expect(lines.count == 6)
        for line in lines {
            #expect(line.codes == compiled.violationCodes(utf8: Array(bytes[line.range])), "line \(line.number)")
        }
        #expect(lines.map { $0.codes.contains(.blocklistContained) } == [true, true, true, true, false, true])
    }

    @Test func edgeBuffers() throws {
        let compiled = try CompiledPolicy(try FastPathTests.handwrittenPolicy("test.empty"))
        func lines(_ text: [UInt8]) -> [Range<Int>] {
            var ranges: [Range<Int>] = []
            text.withUnsafeBufferPointer { compiled.forEachLine(in: $0) { ranges.append($0.range) } }
            return ranges
        }
        #expect(lines([]) == [])
        #expect(lines([0x0A]) == [0..<0])
        #expect(lines([0x0D]) == [0..<0])
        #expect(lines([0x0D, 0x0D, 0x0A]) == [0..<1])
        #expect(lines(Array("1\n\n22".utf8)) == [0..<1, 2..<2, 3..<5])
        // A newline at every offset of two 16-byte blocks.
        for offset in 0..<40 {
            let bytes = [UInt8](repeating: 0x31, count: offset) + [0x0A] + [UInt8](repeating: 0x32, count: 3)
            #expect(lines(bytes) == [0..<offset, (offset + 1)..<(offset + 4)])
        }
        let summary = Array("1\n\n1234\n\u{FF}".utf8).withUnsafeBufferPointer { compiled.summarizeLines(in: $0) }
        #expect(summary.total == 4)
        #expect(summary.valid == 2)
        #expect(summary.count(of: .lengthLong) == 1)
        #expect(summary.count(of: .charsetDisallowed) == 1)
    }
}
