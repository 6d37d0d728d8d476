// This file stays whole: it is the batch API's vector line scan, one pass that finds each
// line's end and classifies its bytes 16 at a time (ASCIIRangeClassifier), tuned together
// with the per-line codes of BatchValidation+ASCII.swift.

extension CompiledPolicy {
    /// One line of a batch starting at `start` (below `count`): where its password stops
    /// (before one CR at its end), where its LF is (`count` when none), and its codes.
    /// The vector scan when the policy has a classifier and 16 bytes remain; the byte table
    /// path otherwise. Both give exactly `violationCodes(buffer:knownValidUTF8: false)`.
    @usableFromInline
    func nextLine(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, context: [String: String]) -> (stop: Int, newline: Int, codes: ViolationCodeSet) {
        line(base, from: start, count: count, context: context)
    }

    /// The body of ``nextLine(_:from:count:context:)``, inlined into `tallyLines`'s loop.
    @inline(__always)
    func line(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, context: [String: String]) -> (stop: Int, newline: Int, codes: ViolationCodeSet) {
        if let ranges = storage.lineClassifier, let scan = CompiledPolicy.scanLine(base, from: start, count: count, ranges) {
            let length = scan.stop &- start
            let password = UnsafeBufferPointer(start: base + start, count: length)
            if length == 0 || length > CompiledPolicy.maximumPasswordBytes || scan.union & 0x80 != 0 {
                return (scan.stop, scan.newline, violationCodes(buffer: password, knownValidUTF8: false, context: context))
            }
            let insufficient = ranges.insufficient[Int(scan.union)]
            return (scan.stop, scan.newline, asciiLineCodes(password, insufficient: insufficient, allClassed: scan.allClassed, context: context))
        }
        return scalarLine(base, from: start, count: count, context: context)
    }

    /// ``nextLine(_:from:count:context:)`` without vectors: the 16-byte newline search, then
    /// the byte table (`lineCodes`). What the batch API did before the vector scan, and what
    /// the tests and the fuzz target hold it against.
    func scalarLine(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, context: [String: String]) -> (stop: Int, newline: Int, codes: ViolationCodeSet) {
        let newline = CompiledPolicy.nextNewline(base, from: start, count: count)
        var stop = newline
        if stop > start, base[stop &- 1] == 0x0D { stop &-= 1 }
        return (stop, newline, lineCodes(UnsafeBufferPointer(start: base + start, count: stop &- start), context: context))
    }

    /// The line from `start`, 16 bytes a block while a whole block remains in the buffer:
    /// each block is classified and searched for LF at once, and the lanes after the line's
    /// end (its CR, its LF, the next lines) are masked off. Returns the OR of the lanes'
    /// class bits (bit 7: a byte from 0x80 up) and whether every byte is in some class; nil
    /// when the line runs into the last 15 bytes of the buffer, or ends with CR LF across
    /// two blocks (the CR is already folded in): the caller then takes the byte table path.
    @inline(__always)
    static func scanLine(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, _ classifier: ASCIIRangeClassifier)
        -> (stop: Int, newline: Int, union: UInt8, allClassed: Bool)?
    {
        let raw = UnsafeRawPointer(base)
        let lanes = SIMD16<UInt8>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let zero = SIMD16<UInt8>(repeating: 0)
        var union = zero
        // 0xFF in a lane where a byte of the line is in no class.
        var unclassed = zero
        var position = start
        while position &+ 16 <= count {
            let block = raw.loadUnaligned(fromByteOffset: position, as: SIMD16<UInt8>.self)
            let bits = classifier.classify(block)
            let found = unsafeBitCast(block .== SIMD16<UInt8>(repeating: 0x0A), to: SIMD2<UInt64>.self)
            if found[0] | found[1] == 0 {
                union |= bits
                unclassed |= unsafeBitCast(bits .== zero, to: SIMD16<UInt8>.self)
                position &+= 16
                continue
            }
            let lane = found[0] != 0 ? found[0].littleEndian.trailingZeroBitCount &>> 3 : 8 &+ (found[1].littleEndian.trailingZeroBitCount &>> 3)
            let newline = position &+ lane
            var stop = newline
            if stop > start, base[stop &- 1] == 0x0D {
                if lane == 0 { return nil }
                stop &-= 1
            }
            let inLine = unsafeBitCast(lanes .< SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: stop &- position)), to: SIMD16<UInt8>.self)
            union |= bits & inLine
            unclassed |= unsafeBitCast(bits .== zero, to: SIMD16<UInt8>.self) & inLine
            let words = unsafeBitCast(union, to: SIMD2<UInt64>.self)
            var folded = words[0] | words[1]
            folded |= folded &>> 32
            folded |= folded &>> 16
            folded |= folded &>> 8
            let misses = unsafeBitCast(unclassed, to: SIMD2<UInt64>.self)
            return (stop, newline, UInt8(truncatingIfNeeded: folded), misses[0] | misses[1] == 0)
        }
        return nil
    }
}
