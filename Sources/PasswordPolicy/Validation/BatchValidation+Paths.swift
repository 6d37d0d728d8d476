/// One line as the batch scans report it: where its password starts and stops, its codes.
struct BatchLineReport: Equatable {
    let start: Int
    let stop: Int
    let codes: ViolationCodeSet
}

/// Collects the lines of a scan (``CompiledPolicy/blockScanLines(_:_:context:)``).
private struct BatchReportSink: BatchLineSink {
    typealias Failure = Never
    var lines: [BatchLineReport] = []

    mutating func take(_ start: Int, _ stop: Int, _ codes: ViolationCodeSet) {
        lines.append(BatchLineReport(start: start, stop: stop, codes: codes))
    }
}

extension CompiledPolicy {
    /// The lines of `buffer` by the block scan with `classifier` (this policy's, perhaps
    /// with another kernel: `ASCIIRangeClassifier.using(kernel:)`), for the tests and the
    /// fuzz target, which hold it against ``tableScanLines(_:context:)``.
    func blockScanLines(_ buffer: UnsafeBufferPointer<UInt8>, _ classifier: ASCIIRangeClassifier, context: [String: String]) -> [BatchLineReport] {
        var sink = BatchReportSink()
        scanBlocks(buffer, classifier, context: context, into: &sink)
        return sink.lines
    }

    /// The lines of `buffer` by the byte table path.
    func tableScanLines(_ buffer: UnsafeBufferPointer<UInt8>, context: [String: String]) -> [BatchLineReport] {
        var sink = BatchReportSink()
        scanTable(buffer, context: context, into: &sink)
        return sink.lines
    }

    /// The masks the block scan's `classifier` fills for the 64 bytes at `block` (newline,
    /// carriage return, from 0x80 up, in no class, then one per class), for the tests.
    static func blockMasks(_ block: UnsafeRawPointer, _ classifier: ASCIIRangeClassifier) -> [UInt64] {
        let count = BlockMasks.count(classes: classifier.classCount)
        return [UInt64](unsafeUninitializedCapacity: count) { words, initialized in
            let masks = words.baseAddress.unsafelyUnwrapped
            masks.initialize(repeating: 0, count: count)
            BlockMasks.fill(masks, block: block, classifier, classes: classifier.classCount)
            initialized = count
        }
    }
}
