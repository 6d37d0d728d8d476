// This file stays whole: `classify` is the inner step of the batch API's vector line scan
// (BatchValidation+SIMD.swift), and the description it runs is derived here, next to it.

/// The ASCII part of a ``CharacterTable`` as a few byte ranges, for classifying 16 bytes
/// at a time with the standard library's `SIMD16<UInt8>` (no C intrinsics).
///
/// Built from the compiled byte table, never from policy text: bytes 0x00–0x7F are cut into
/// maximal runs of one nonzero set of class bits, and each run is one range compare. When
/// one class shares no ASCII byte with the others (the special characters of most
/// presets, scattered over many runs), it can be left out: the runs of the other classes,
/// plus the runs of every class together marked with ``allowedBit``, and a lane that is
/// allowed but in no other class is in that one. The cheaper of the two descriptions is
/// kept. A table that needs more than ``maximumRuns`` runs, or a policy with more than
/// ``maximumClasses`` classes, gets none (`init` returns nil) and keeps the byte table path.
///
/// The classifier's `classify` gives each lane exactly the table's class bits (bit `k` for
/// class `k`) and bit 7 for a byte from 0x80 up (which no run holds), so a byte is in some
/// class exactly when its lane is nonzero and below 0x80.
final class ASCIIRanges: Sendable {
    /// Bit 7 of a lane is the non-ASCII flag, so at most 7 classes (6 with a left-out class).
    static let maximumClasses = 7
    /// Each run costs about as much per 16 bytes as two byte-table lookups; beyond this
    /// the byte table wins (see README, "Bulk").
    static let maximumRuns = 8
    /// Marks the runs of all classes together when a class is left out (bit 6: such a
    /// policy has at most 6 classes).
    static let allowedBit: UInt8 = 0x40

    /// The runs, in byte order within each kind: each `(low, span, bits)`, byte `b` in it
    /// when `b &- low <= span`.
    let runs: [(low: UInt8, span: UInt8, bits: UInt8)]
    /// The bit of the class left out, or 0.
    let derivedBit: UInt8
    /// The vectors of the runs, in memory this object owns.
    let classifier: ASCIIRangeClassifier

    /// The ranges of `facts` (a ``CharacterTable`` byte table) for a policy of `classCount`
    /// classes and these `atLeast` requirements, or nil when the table does not fit.
    init?(facts: UnsafePointer<UInt64>, classCount: Int, atLeast: [(count: Int, mask: UInt64)]) {
        guard classCount >= 1, classCount <= ASCIIRanges.maximumClasses else { return nil }
        let classMask = UInt64.max >> (64 - classCount)
        var best = ASCIIRanges.runs(facts, mask: classMask, marking: nil)
        var derived: UInt8 = 0
        for index in 0..<(classCount <= 6 ? classCount : 0) {
            let bit = UInt64(1) << index
            // Left out only if every ASCII byte of the class is in that class alone.
            guard (0..<0x80).allSatisfy({ facts[$0] & bit == 0 || facts[$0] & classMask == bit }) else { continue }
            let candidate = ASCIIRanges.runs(facts, mask: classMask & ~bit, marking: nil)
                + ASCIIRanges.runs(facts, mask: classMask, marking: ASCIIRanges.allowedBit)
            if candidate.count < best.count {
                best = candidate
                derived = UInt8(truncatingIfNeeded: bit)
            }
        }
        guard best.count <= ASCIIRanges.maximumRuns else { return nil }
        runs = best
        derivedBit = derived
        // An even count for the two-at-a-time loop: the padding run holds only 0xFF and
        // gives it no bit.
        let padded = best.count % 2 == 1 ? best + [(0xFF, 0, 0)] : best
        let entries = UnsafeMutablePointer<SIMD16<UInt8>>.allocate(capacity: max(1, padded.count * 3))
        for (index, run) in padded.enumerated() {
            (entries + index * 3).initialize(to: SIMD16(repeating: run.low))
            (entries + index * 3 + 1).initialize(to: SIMD16(repeating: run.span))
            (entries + index * 3 + 2).initialize(to: SIMD16(repeating: run.bits))
        }
        // One entry per union of class bits (0..<128): whether it falls short of some
        // `atLeast` requirement.
        let insufficient = UnsafeMutablePointer<Bool>.allocate(capacity: 128)
        for union in 0..<128 {
            let short = atLeast.contains { (UInt64(union) & $0.mask).nonzeroBitCount < $0.count }
            (insufficient + union).initialize(to: short)
        }
        classifier = ASCIIRangeClassifier(
            entries: UnsafePointer(entries), runCount: padded.count, leavesOut: derived != 0, derivedBit: SIMD16(repeating: derived),
            insufficient: UnsafePointer(insufficient))
    }

    /// The maximal runs of bytes below 0x80 with one nonzero `facts[b] & mask`, each with
    /// those bits, or with `marking` when given (then runs of any nonzero bits merge).
    private static func runs(_ facts: UnsafePointer<UInt64>, mask: UInt64, marking: UInt8?) -> [(low: UInt8, span: UInt8, bits: UInt8)] {
        var runs: [(low: UInt8, span: UInt8, bits: UInt8)] = []
        var byte = 0
        while byte < 0x80 {
            let bits = facts[byte] & mask
            var end = byte + 1
            while end < 0x80, marking == nil ? facts[end] & mask == bits : (facts[end] & mask != 0) == (bits != 0) { end += 1 }
            if bits != 0 { runs.append((UInt8(byte), UInt8(end - 1 - byte), marking ?? UInt8(truncatingIfNeeded: bits))) }
            byte = end
        }
        return runs
    }

    deinit {
        UnsafeMutablePointer(mutating: classifier.entries).deallocate()
        UnsafeMutablePointer(mutating: classifier.insufficient).deallocate()
    }
}

/// The vectors of an ``ASCIIRanges``: three a run, each with one value in every lane (low,
/// span, bits). A plain value (pointers and a count, no reference counting on the hot
/// path), valid while the ``ASCIIRanges`` that made it lives: the compiled policy holds both.
struct ASCIIRangeClassifier: @unchecked Sendable {
    let entries: UnsafePointer<SIMD16<UInt8>>
    /// An even number (see `ASCIIRanges.init`).
    let runCount: Int
    /// Whether a class is left out (described by `allowedBit` runs).
    let leavesOut: Bool
    /// The left-out class's bit in every lane, or zero.
    let derivedBit: SIMD16<UInt8>
    /// Whether a line whose bytes' class bits OR to `union` (below 128) falls short of an
    /// `atLeast` requirement.
    let insufficient: UnsafePointer<Bool>

    /// The class bits of each lane of `block` (bit 7: the byte is from 0x80 up).
    @inline(__always)
    func classify(_ block: SIMD16<UInt8>) -> SIMD16<UInt8> {
        var bits = block & SIMD16(repeating: 0x80)
        var entry = entries
        let end = entries + runCount &* 3
        while entry < end {
            let first = (block &- entry[0]) .<= entry[1]
            let second = (block &- entry[3]) .<= entry[4]
            bits |= (unsafeBitCast(first, to: SIMD16<UInt8>.self) & entry[2]) | (unsafeBitCast(second, to: SIMD16<UInt8>.self) & entry[5])
            entry += 6
        }
        // A lane that is exactly `allowedBit` is in the left-out class alone.
        let allowed = SIMD16<UInt8>(repeating: ASCIIRanges.allowedBit)
        let derived = unsafeBitCast(bits .== allowed, to: SIMD16<UInt8>.self) & derivedBit
        return leavesOut ? (bits & ~allowed) | derived : bits
    }
}
