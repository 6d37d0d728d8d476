// This file stays whole: the batch loop and the newline search it calls are one hot path,
// tuned together (the block scan of BatchValidation+Blocks.swift, or per line the 16-byte
// newline search and the byte table), and split only as far as the length rules allow.

/// One line of a batch: where its password lies in the buffer and the codes of its
/// violations (empty when valid).
///
/// ```swift
/// policy.forEachLine(in: buffer) { line in
///     if !line.codes.isEmpty { print("line \(line.number): \(line.codes.codes)") }
/// }
/// ```
public struct BatchLine: Sendable, Hashable {
    /// The 1-based number of the line within the buffer.
    public let number: Int
    /// The password's bytes within the buffer: the line without its LF and without one CR
    /// before it.
    public let range: Range<Int>
    /// The codes of the password's violations: exactly ``CompiledPolicy/violationCodes(utf8:context:)``.
    public let codes: ViolationCodeSet

    @usableFromInline
    init(number: Int, range: Range<Int>, codes: ViolationCodeSet) {
        self.number = number
        self.range = range
        self.codes = codes
    }
}

/// The tallies of a batch: how many passwords, how many valid, and how many have each code.
///
/// ```swift
/// let summary = policy.summarizeLines(in: buffer)
/// print(summary.total, summary.valid, summary.count(of: .lengthShort))
/// ```
public struct BatchSummary: Sendable, Hashable {
    /// The number of passwords (lines).
    public internal(set) var total = 0
    /// The number of valid passwords.
    public internal(set) var valid = 0
    /// The number of passwords with each code, in the order of ``ViolationCodeSet/allCodes``.
    public internal(set) var counts = [Int](repeating: 0, count: ViolationCodeSet.allCodes.count)

    /// An empty summary.
    ///
    /// ```swift
    /// var total = BatchSummary()
    /// total.add(policy.summarizeLines(in: chunk))
    /// ```
    public init() {}

    /// The tallies of ``CompiledPolicy/summarizeLines(in:context:)``'s scratch memory.
    @usableFromInline
    init(total: Int, valid: Int, counts: UnsafeBufferPointer<Int>) {
        self.total = total
        self.valid = valid
        for index in self.counts.indices { self.counts[index] = counts[index] }
    }

    /// The number of invalid passwords.
    public var invalid: Int { total - valid }

    /// The number of passwords with `code`.
    ///
    /// ```swift
    /// summary.count(of: .lengthShort)
    /// ```
    public func count(of code: ViolationCode) -> Int {
        ViolationCodeSet.allCodes.firstIndex(of: code).map { counts[$0] } ?? 0
    }

    /// Records one password's codes.
    ///
    /// ```swift
    /// summary.record(policy.violationCodes(utf8: bytes))
    /// ```
    public mutating func record(_ codes: ViolationCodeSet) {
        total += 1
        var bits = codes.rawValue
        if bits == 0 { valid += 1; return }
        while bits != 0 {
            counts[bits.trailingZeroBitCount] += 1
            bits &= bits &- 1
        }
    }

    /// Adds the tallies of `other` (another chunk of the same input).
    ///
    /// ```swift
    /// var merged = BatchSummary()
    /// for part in parts { merged.add(part) }
    /// ```
    public mutating func add(_ other: BatchSummary) {
        total += other.total
        valid += other.valid
        for index in counts.indices { counts[index] += other.counts[index] }
    }
}

extension CompiledPolicy {
    /// Validates every line of `buffer`, UTF-8 passwords separated by LF, and calls `body`
    /// with each line's verdict, in order. One CR before an LF (or at the very end) is
    /// removed; an empty line is an empty password; a last line needs no LF, and a buffer
    /// that ends with LF has no empty line after it (so an empty buffer has no lines).
    /// No `String` and no allocation per line (a policy with per-class counts tallies in
    /// an array for a failing line); each line's codes equal
    /// ``violationCodes(utf8:context:)`` on its bytes.
    ///
    /// ```swift
    /// let bytes = Array("abc123ABC!@#\r\nshort\n".utf8)
    /// bytes.withUnsafeBufferPointer { buffer in
    ///     policy.forEachLine(in: buffer) { line in print(line.number, line.codes.codes) }
    /// }
    /// ```
    @inlinable
    public func forEachLine<Failure: Error>(
        in buffer: UnsafeBufferPointer<UInt8>, context: [String: String] = [:],
        _ body: (BatchLine) throws(Failure) -> Void
    ) throws(Failure) {
        var number = 0
        try eachLine(buffer, context: context) { (start, stop, codes) throws(Failure) in
            number &+= 1
            try body(BatchLine(number: number, range: start..<stop, codes: codes))
        }
    }

    /// The tallies of every line of `buffer`, split and judged as
    /// ``forEachLine(in:context:_:)`` does.
    ///
    /// ```swift
    /// let summary = bytes.withUnsafeBufferPointer { policy.summarizeLines(in: $0) }
    /// print("\(summary.valid) of \(summary.total) valid")
    /// ```
    @inlinable
    public func summarizeLines(in buffer: UnsafeBufferPointer<UInt8>, context: [String: String] = [:]) -> BatchSummary {
        // The tallies live in scratch memory during the loop: no array access, uniqueness
        // check or bounds check per line.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { counts in
            counts.initialize(repeating: 0)
            let (total, valid) = tallyLines(buffer, context: context, into: counts)
            return BatchSummary(total: total, valid: valid, counts: UnsafeBufferPointer(counts))
        }
    }

    /// The loop of ``summarizeLines(in:context:)``, inside the module: how many lines, how
    /// many valid, and each code's count added to `counts` (indexed by bit). Each line adds
    /// one to the tally of its codes' pattern (``BatchTally``: no branch per code, which a
    /// batch of random lines would mispredict); the tallies are spread over the codes at
    /// the end.
    @usableFromInline
    func tallyLines(_ buffer: UnsafeBufferPointer<UInt8>, context: [String: String], into counts: UnsafeMutableBufferPointer<Int>) -> (total: Int, valid: Int) {
        // BatchTally's 1,280 tallies.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 1280) { tallies in
            tallies.initialize(repeating: 0)
            var tally = BatchTally(tallies: tallies.baseAddress.unsafelyUnwrapped)
            if let classifier = storage.lineClassifier {
                scanBlocks(buffer, classifier, context: context, into: &tally)
            } else {
                scanTable(buffer, context: context, into: &tally)
            }
            for index in 0..<1024 where tallies[index] != 0 {
                var bits = index & 0xFF
                while bits != 0 {
                    counts[bits.trailingZeroBitCount] &+= tallies[index]
                    bits &= bits &- 1
                }
            }
            for index in 1024..<1280 where tallies[index] != 0 {
                var bits = (index - 1024) << 8
                while bits != 0 {
                    counts[bits.trailingZeroBitCount] &+= tallies[index]
                    bits &= bits &- 1
                }
            }
            return tally.totals
        }
    }

    /// Calls `body` with each line of `buffer` (its start, where its password stops, and its
    /// codes): the block scan when the policy has a line classifier, the byte table path
    /// otherwise.
    @usableFromInline
    func eachLine<Failure: Error>(
        _ buffer: UnsafeBufferPointer<UInt8>, context: [String: String],
        _ body: (_ start: Int, _ stop: Int, _ codes: ViolationCodeSet) throws(Failure) -> Void
    ) throws(Failure) {
        try withoutActuallyEscaping(body) { (body) throws(Failure) in
            var sink = BatchClosureSink(body: body)
            if let classifier = storage.lineClassifier {
                try scanBlocks(buffer, classifier, context: context, into: &sink)
            } else {
                try scanTable(buffer, context: context, into: &sink)
            }
        }
    }

    /// ``eachLine(_:context:_:)`` without vectors: each line's LF by the 16-byte newline
    /// search, then the byte table (`lineCodes`). The path of a policy without a line
    /// classifier, and what the tests and the fuzz target hold the block scan against.
    @inline(__always)
    func scanTable<Sink: BatchLineSink>(_ buffer: UnsafeBufferPointer<UInt8>, context: [String: String], into sink: inout Sink) throws(Sink.Failure) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        var start = 0
        while start < count {
            let newline = CompiledPolicy.nextNewline(base, from: start, count: count)
            var stop = newline
            if stop > start, base[stop &- 1] == 0x0D { stop &-= 1 }
            try sink.take(start, stop, lineCodes(UnsafeBufferPointer(start: base + start, count: stop &- start), context: context))
            start = newline &+ 1
        }
    }

    /// The offset of the first LF at or after `start`, or `count` when there is none:
    /// 16 bytes at a time while 16 remain (the compare's lanes, as two 64-bit words, give
    /// the first LF's offset by counting trailing zero bits), then byte by byte.
    @inlinable
    static func nextNewline(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var index = start
        let raw = UnsafeRawPointer(base)
        let newlines = SIMD16<UInt8>(repeating: 0x0A)
        let zero = SIMD16<UInt8>(repeating: 0)
        while index &+ 16 <= count {
            let block = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
            let found = zero.replacing(with: 0xFF, where: block .== newlines)
            let words = unsafeBitCast(found, to: SIMD2<UInt64>.self)
            if words[0] != 0 { return index &+ (words[0].littleEndian.trailingZeroBitCount &>> 3) }
            if words[1] != 0 { return index &+ 8 &+ (words[1].littleEndian.trailingZeroBitCount &>> 3) }
            index &+= 16
        }
        while index < count {
            if base[index] == 0x0A { return index }
            index &+= 1
        }
        return count
    }
}

/// Where the batch scans put each line: its start, where its password stops, its codes.
protocol BatchLineSink {
    associatedtype Failure: Error
    mutating func take(_ start: Int, _ stop: Int, _ codes: ViolationCodeSet) throws(Failure)
}

/// A caller's closure as a sink (``CompiledPolicy/forEachLine(in:context:_:)``).
struct BatchClosureSink<Failure: Error>: BatchLineSink {
    let body: (_ start: Int, _ stop: Int, _ codes: ViolationCodeSet) throws(Failure) -> Void

    @inline(__always)
    mutating func take(_ start: Int, _ stop: Int, _ codes: ViolationCodeSet) throws(Failure) {
        try body(start, stop, codes)
    }
}

/// The tallies of ``CompiledPolicy/summarizeLines(in:context:)``: per code pattern four
/// banks of 256 tallies of the low byte, the bank picked by the line's start (lines with the
/// same codes, which are common, would otherwise each wait for the last one's add to the same
/// counter), then 256 of the high byte, added to only when it is not zero; the lines and the
/// valid ones are summed from them at the end.
struct BatchTally: BatchLineSink {
    typealias Failure = Never
    let tallies: UnsafeMutablePointer<Int>
    /// Lines whose codes are all in the high byte (their low byte's tally is the valid one's).
    var highOnly = 0

    @inline(__always)
    mutating func take(_ start: Int, _ stop: Int, _ codes: ViolationCodeSet) {
        let raw = Int(codes.rawValue)
        // The bank from the line's start: consecutive lines rarely share it.
        tallies[(start & 3) &<< 8 | raw & 0xFF] &+= 1
        if raw > 0xFF {
            tallies[1024 &+ raw &>> 8] &+= 1
            highOnly &+= raw & 0xFF == 0 ? 1 : 0
        }
    }

    /// The lines and the valid ones, from the tallies.
    var totals: (total: Int, valid: Int) {
        var total = 0
        var lowZero = 0
        for bank in 0..<4 {
            for pattern in 0..<256 { total &+= tallies[bank << 8 | pattern] }
            lowZero &+= tallies[bank << 8]
        }
        return (total, lowZero &- highOnly)
    }
}
