// Fuzz target 5: the batch API (forEachLine / summarizeLines) on arbitrary buffers of
// lines, against per-line violationCodes(utf8:) and the PCRE2 reference. The lines are
// split here independently (LF ends a line, one CR before it or at the very end is
// dropped, a final LF starts no line); every verdict, range and tally must agree.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: data, count: size)))
    let (compiled, reference) = reader.pick(PolicyPool.entries)
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
