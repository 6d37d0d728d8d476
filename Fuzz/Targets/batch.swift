// Fuzz target 5: the batch API (forEachLine / summarizeLines) on arbitrary buffers of
// lines, against per-line violationCodes(utf8:) and the PCRE2 reference. The lines are
// split here independently (LF ends a line, one CR before it or at the very end is
// dropped, a final LF starts no line); every verdict, range and tally must agree. Half the
// inputs use a policy built from the fuzzer's bytes (so the block scan's kernels meet tables
// the presets do not have), and the buffer is also scanned by the byte table path
// (`tableScanLines`), whose lines, ends and codes the block scan (`blockScanLines`) must
// equal with every kernel this processor has (range compares, SSSE3, AVX2), as must each
// kernel's masks of the input's first 64 bytes the byte table's facts.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: data, count: size)))
    var entry = reader.pick(PolicyPool.entries)
    if reader.bool() {
        // Lists included: the reference validators share one set per built-in list.
        if let built = CompiledCache.lookup(PolicyBuilder.policy(&reader)) { entry = built }
    }
    let (compiled, reference) = entry
    let context = ["username": reader.pick(["", "ab", "É", "z"])]
    let bytes = reader.rest()
    var expected: [Range<Int>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
        expected.append(start..<index)
        start = index + 1
    }
    if start < bytes.count { expected.append(start..<bytes.count) }
    expected = expected.map { $0.count > 0 && bytes[$0.upperBound - 1] == 0x0D ? $0.lowerBound..<($0.upperBound - 1) : $0 }
    var lines: [BatchLine] = []
    var summary = BatchSummary()
    bytes.withUnsafeBufferPointer { buffer in
        compiled.forEachLine(in: buffer, context: context) { lines.append($0) }
        summary = compiled.summarizeLines(in: buffer, context: context)
    }
    if lines.map(\.range) != expected { fatalError("the batch API split the lines differently") }
    if let classifier = compiled.storage.lineClassifier {
        // Every byte, 16 to a vector: the range classifier's lanes are the table's class bits.
        let facts = compiled.table.facts
        for blockStart in stride(from: 0, to: 256, by: 16) {
            var block = SIMD16<UInt8>()
            for lane in 0..<16 { block[lane] = UInt8(blockStart + lane) }
            let bits = classifier.classify(block)
            for lane in 0..<16 where bits[lane] != (blockStart + lane < 0x80 ? UInt8(truncatingIfNeeded: facts[blockStart + lane] & compiled.table.classMask) : 0x80) {
                fatalError("the vector classifier disagrees with the byte table")
            }
        }
        // The masks of the input's first 64 bytes (zero-padded), which the fuzzer steers;
        // the tests check every byte for the presets and seeded policies.
        let window = Array(bytes.prefix(64)) + Array(repeating: 0, count: 64 - min(64, bytes.count))
        let table = bytes.withUnsafeBufferPointer { compiled.tableScanLines($0, context: context) }
        for kernel in (0...2).compactMap({ classifier.using(kernel: $0) }) {
            let masks = window.withUnsafeBytes { CompiledPolicy.blockMasks($0.baseAddress!, kernel) }
            for (bit, value) in window.enumerated() {
                let byte = Int(value)
                var expected: [UInt64] = [byte == 0x0A ? 1 : 0, byte == 0x0D ? 1 : 0, byte >= 0x80 ? 1 : 0,
                                          byte < 0x80 && facts[byte] & compiled.table.classMask == 0 ? 1 : 0]
                for index in 0..<classifier.classCount { expected.append(byte < 0x80 && facts[byte] & (1 << UInt64(index)) != 0 ? 1 : 0) }
                for (index, mask) in masks.enumerated() where !(index == 3 && byte >= 0x80) && mask >> UInt64(bit) & 1 != expected[index] {
                    fatalError("the block scan's masks disagree with the byte table")
                }
            }
            if bytes.withUnsafeBufferPointer({ compiled.blockScanLines($0, kernel, context: context) }) != table {
                fatalError("the block scan disagrees with the byte table path")
            }
        }
    }
    var tally = BatchSummary()
    for line in lines {
        let password = Array(bytes[line.range])
        let codes = compiled.violationCodes(utf8: password, context: context)
        if line.codes != codes { fatalError("batch codes disagree with violationCodes(utf8:)") }
        if codes.codes.map(\.rawValue).sorted() != reference.codes(utf8: password, context: context) {
            fatalError("batch codes disagree with the PCRE2 reference")
        }
        tally.record(codes)
    }
    if tally != summary { fatalError("summarizeLines disagrees with the lines' codes") }
    return 0
}
