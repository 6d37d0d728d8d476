// This file stays whole: it is the batch API's block scan, one pass over 64 bytes at a time
// that turns each block into bit masks (LF, CR, bytes from 0x80 up, bytes in no class, one
// mask per class) and each line's facts into a few ANDs of those masks, tuned together with
// the per-line codes of BatchValidation+ASCII.swift.
internal import CByteClasses

/// The masks of one 64-byte block: bit `i` of each describes byte `i`. Scratch memory of
/// ``BlockMasks/count(classes:)`` words: LF, CR, from 0x80 up, in no class, then class `k`.
/// For a byte from 0x80 up "in no class" is set by the nibble kernels and not by the range
/// compares; either is right, since a line with such a byte takes the general path.
struct BlockMasks {
    static let newline = 0
    static let carriage = 1
    static let high = 2
    static let unclassed = 3
    static let firstClass = 4

    /// The words needed for a policy of `classes` classes.
    static func count(classes: Int) -> Int { firstClass + classes }

    /// The bits below bit `n` (0...63).
    @inline(__always)
    static func below(_ n: Int) -> UInt64 { (UInt64(1) &<< UInt64(truncatingIfNeeded: n)) &- 1 }

    /// Fills `masks` for the 64 bytes at `block` (all readable), classified by `classifier`.
    @inline(__always)
    static func fill(_ masks: UnsafeMutablePointer<UInt64>, block: UnsafeRawPointer, _ classifier: ASCIIRangeClassifier, classes: Int) {
        #if arch(x86_64)
        if let nibbles = classifier.nibbles {
            let bytes = block.assumingMemoryBound(to: UInt8.self)
            if classifier.kernel == 2 {
                password_policy_classify64_avx2(bytes, nibbles, masks)
            } else {
                password_policy_classify64_ssse3(bytes, nibbles, masks)
            }
            return
        }
        #endif
        let zero = SIMD16<UInt8>(repeating: 0)
        let newlines = SIMD16<UInt8>(repeating: 0x0A)
        let carriages = SIMD16<UInt8>(repeating: 0x0D)
        let bytes0 = block.loadUnaligned(fromByteOffset: 0, as: SIMD16<UInt8>.self)
        let bytes1 = block.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
        let bytes2 = block.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt8>.self)
        let bytes3 = block.loadUnaligned(fromByteOffset: 48, as: SIMD16<UInt8>.self)
        let (bits0, bits1, bits2, bits3) = classifier.classify(bytes0, bytes1, bytes2, bytes3)
        masks[newline] = mask(bytes0 .== newlines, bytes1 .== newlines, bytes2 .== newlines, bytes3 .== newlines)
        masks[carriage] = mask(bytes0 .== carriages, bytes1 .== carriages, bytes2 .== carriages, bytes3 .== carriages)
        masks[high] = mask(bytes0, bytes1, bytes2, bytes3)
        masks[unclassed] = mask(bits0 .== zero, bits1 .== zero, bits2 .== zero, bits3 .== zero)
        var index = 0
        while index < classes {
            // Class k's bit moved to bit 7 of each lane.
            let shift = SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: 7 &- index))
            masks[firstClass &+ index] = mask(bits0 &<< shift, bits1 &<< shift, bits2 &<< shift, bits3 &<< shift)
            index &+= 1
        }
    }

    /// The high bits of four 16-byte vectors, in order, as 64 bits.
    @inline(__always)
    static func mask(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>, _ d: SIMD16<UInt8>) -> UInt64 {
        UInt64(password_policy_byte_mask(a)) | UInt64(password_policy_byte_mask(b)) &<< 16
            | UInt64(password_policy_byte_mask(c)) &<< 32 | UInt64(password_policy_byte_mask(d)) &<< 48
    }

    /// The lanes of four compares as 64 bits.
    @inline(__always)
    static func mask(_ a: SIMDMask<SIMD16<Int8>>, _ b: SIMDMask<SIMD16<Int8>>, _ c: SIMDMask<SIMD16<Int8>>, _ d: SIMDMask<SIMD16<Int8>>) -> UInt64 {
        mask(unsafeBitCast(a, to: SIMD16<UInt8>.self), unsafeBitCast(b, to: SIMD16<UInt8>.self),
             unsafeBitCast(c, to: SIMD16<UInt8>.self), unsafeBitCast(d, to: SIMD16<UInt8>.self))
    }

    /// Replaces the high, unclassed and class masks of a filled block by their lines'
    /// answers: bit `p` of mask `i` at each LF `p` is set when the line that LF ends has a
    /// byte in mask `i` (its CR before the LF not counted when both are in this block; a CR
    /// that ends the block before is in `carried`, and the caller judges that line by the
    /// byte table), in this block or, for the block's first line, in earlier ones (bit `i`
    /// of `carried`). `valid` limits a cut block to its bytes (the zero padding after them
    /// would otherwise count as bytes in no class of the open line, which is judged by the
    /// byte table anyway: kept so that the masks say only what is true). Returns the new `carried`:
    /// the masks with a byte in the block's last, open line, plus the old ones when the
    /// block has no LF.
    ///
    /// One addition a mask finds every line's answer: adding the mask's bits (kept only
    /// where there is no LF) to "no LF here" carries from each such bit up through the
    /// line's other bytes into its LF, which is 0 in "no LF here" and stops the carry; the
    /// carry out of bit 63 is the open line's answer.
    @inline(__always)
    static func segments(_ masks: UnsafeMutablePointer<UInt64>, newlines: UInt64, carriages: UInt64, valid: UInt64, carried: UInt64, classes: Int) -> UInt64 {
        let open = ~newlines
        let first = newlines & (0 &- newlines)
        let carriageReturns = carriages & newlines &>> 1
        var next: UInt64 = 0
        var index = high
        while index < firstClass &+ classes {
            let bytes = masks[index] & open & valid & ~carriageReturns
            let (sum, overflow) = open.addingReportingOverflow(bytes)
            let before = carried &>> UInt64(truncatingIfNeeded: index) & 1
            masks[index] = sum & newlines | first & (0 &- before)
            let rest = (overflow ? 1 : 0) | (newlines == 0 ? before : 0)
            next |= rest &<< UInt64(truncatingIfNeeded: index)
            index &+= 1
        }
        return next
    }

    /// The class bits of the line whose LF is bit `position` (bit 7: a byte from 0x80 up),
    /// from masks `segments` rewrote.
    @inline(__always)
    static func union(_ masks: UnsafePointer<UInt64>, at position: Int, classes: Int) -> UInt8 {
        let shift = UInt64(truncatingIfNeeded: position)
        var union = UInt8(truncatingIfNeeded: masks[high] &>> shift & 1) &<< 7
        var index = 0
        while index < classes {
            union |= UInt8(truncatingIfNeeded: masks[firstClass &+ index] &>> shift & 1) &<< UInt8(truncatingIfNeeded: index)
            index &+= 1
        }
        return union
    }

    /// The most classes for which ``shortfall(_:newlines:_:classes:)`` pays (it visits
    /// every combination of classes).
    static let shortfallClasses = 4

    /// The LFs of lines that fall short of an `atLeast` rule, from masks `segments` rewrote:
    /// the OR, over each combination of classes `insufficient` marks, of the lines that
    /// have exactly those classes.
    @inline(__always)
    static func shortfall(_ masks: UnsafePointer<UInt64>, newlines: UInt64, _ insufficient: UnsafePointer<Bool>, classes: Int) -> UInt64 {
        var short: UInt64 = 0
        var combination = 0
        while combination < 1 &<< classes {
            var lines = newlines & (0 &- UInt64(unsafeBitCast(insufficient[combination], to: UInt8.self)))
            var index = 0
            while index < classes {
                let present = masks[firstClass &+ index]
                lines &= combination &>> index & 1 != 0 ? present : ~present
                index &+= 1
            }
            short |= lines
            combination &+= 1
        }
        return short
    }
}

extension CompiledPolicy {
    /// Gives `sink` each line of `buffer` (its start, where its password stops, and its
    /// codes), for a policy with a line classifier: 64 bytes at a time, each block's masks
    /// filled once (a block the buffer's end cuts is copied into zeroed scratch memory first),
    /// each line's class bits the masks ANDed with the line's bits, OR'd with those of its
    /// bytes in earlier blocks (a line may be any length). A line with a byte from 0x80 up,
    /// empty or over the limit takes the general path; a line whose CR lies in the block
    /// before its LF, and a last line without LF, take the byte table path (`lineCodes`).
    /// Each line's codes are exactly `violationCodes(buffer:knownValidUTF8: false)`.
    @inline(__always)
    func scanBlocks<Sink: BatchLineSink>(
        _ buffer: UnsafeBufferPointer<UInt8>, _ classifier: ASCIIRangeClassifier, context: [String: String], into sink: inout Sink
    ) throws(Sink.Failure) {
        // The loop once for each common number of classes, as a constant: the compiler
        // unrolls the per-class steps and shifts by constants.
        switch classifier.classCount {
        case 1: try scanBlocks(buffer, classifier, classes: 1, context: context, into: &sink)
        case 2: try scanBlocks(buffer, classifier, classes: 2, context: context, into: &sink)
        case 3: try scanBlocks(buffer, classifier, classes: 3, context: context, into: &sink)
        case 4: try scanBlocks(buffer, classifier, classes: 4, context: context, into: &sink)
        default: try scanBlocks(buffer, classifier, classes: classifier.classCount, context: context, into: &sink)
        }
    }

    /// ``scanBlocks(_:_:context:into:)`` for `classes` classes (the classifier's count).
    @inline(__always)
    private func scanBlocks<Sink: BatchLineSink>(
        _ buffer: UnsafeBufferPointer<UInt8>, _ classifier: ASCIIRangeClassifier, classes: Int, context: [String: String],
        into sink: inout Sink
    ) throws(Sink.Failure) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        // The masks, then 64 bytes for a cut block.
        let words = BlockMasks.count(classes: classes) &+ 8
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { (scratch) throws(Sink.Failure) in
            // A local copy, so that the sink's counters stay in registers.
            var local = sink
            defer { sink = local }
            let masks = scratch.baseAddress.unsafelyUnwrapped
            let tail = UnsafeMutableRawPointer(masks + BlockMasks.count(classes: classes))
            let rules = ASCIILineRules(self)
            var lineStart = 0
            // Bit i: mask i (high, unclassed, class k) has a byte in the current line's part
            // in earlier blocks.
            var carried: UInt64 = 0
            // 1 when the previous block ended with CR.
            var previousCarriage: UInt64 = 0
            var blockStart = 0
            while blockStart < count {
                let remaining = count &- blockStart
                if remaining >= 64 {
                    BlockMasks.fill(masks, block: UnsafeRawPointer(base + blockStart), classifier, classes: classes)
                } else {
                    tail.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
                    tail.copyMemory(from: base + blockStart, byteCount: remaining)
                    BlockMasks.fill(masks, block: UnsafeRawPointer(tail), classifier, classes: classes)
                }
                let newlines = masks[BlockMasks.newline]
                let carriages = masks[BlockMasks.carriage]
                // The LFs with a CR just before them (that CR is not part of the password).
                let afterCarriage = (carriages &<< 1 | previousCarriage) & newlines
                let valid = remaining >= 64 ? UInt64.max : BlockMasks.below(remaining)
                carried = BlockMasks.segments(masks, newlines: newlines, carriages: carriages, valid: valid, carried: carried, classes: classes)
                // Up to 4 classes, every line's "falls short of an atLeast rule" at once.
                let short = classes <= BlockMasks.shortfallClasses
                    ? BlockMasks.shortfall(masks, newlines: newlines, classifier.insufficient, classes: classes) : 0
                var lines = newlines
                while lines != 0 {
                    let position = lines.trailingZeroBitCount
                    let newline = blockStart &+ position
                    let stop = newline &- Int(truncatingIfNeeded: afterCarriage &>> UInt64(truncatingIfNeeded: position) & 1)
                    let password = UnsafeBufferPointer(start: base + lineStart, count: stop &- lineStart)
                    let codes: ViolationCodeSet
                    if position == 0, previousCarriage != 0 {
                        // The CR ended the previous block and was counted as one of its bytes.
                        codes = lineCodes(password, context: context)
                    } else {
                        let shift = UInt64(truncatingIfNeeded: position)
                        let unclassed = masks[BlockMasks.unclassed] &>> shift & 1
                        let high: UInt64
                        let insufficient: UInt64
                        if classes <= BlockMasks.shortfallClasses {
                            high = masks[BlockMasks.high] &>> shift & 1
                            insufficient = short &>> shift & 1
                        } else {
                            let union = BlockMasks.union(masks, at: position, classes: classes)
                            high = UInt64(union &>> 7)
                            insufficient = classifier.insufficient[Int(union & 0x7F)] ? 1 : 0
                        }
                        let length = password.count
                        // Empty or over the limit (one unsigned compare), or a byte from 0x80 up.
                        if UInt(bitPattern: length &- 1) >= UInt(CompiledPolicy.maximumPasswordBytes) || high != 0 {
                            codes = violationCodes(buffer: password, knownValidUTF8: false, context: context)
                        } else {
                            let ascii = rules.codes(base + lineStart, count: length, insufficient: insufficient, unclassed: unclassed)
                            codes = rules.rereadsBytes ? rereadingCodes(password, ascii, context: context) : ViolationCodeSet(rawValue: ascii)
                        }
                    }
                    try local.take(lineStart, stop, codes)
                    lineStart = newline &+ 1
                    lines &= lines &- 1
                }
                previousCarriage = carriages &>> 63
                blockStart &+= 64
            }
            if lineStart < count {
                var stop = count
                if base[stop &- 1] == 0x0D { stop &-= 1 }
                try local.take(lineStart, stop, lineCodes(UnsafeBufferPointer(start: base + lineStart, count: stop &- lineStart), context: context))
            }
        }
    }
}
