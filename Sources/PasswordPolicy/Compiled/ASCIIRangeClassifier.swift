// This file stays whole: `classify` is the inner step of the batch API's block scan
// (BatchValidation+Blocks.swift), and the description it runs is derived here, next to it.
internal import CByteClasses

/// The ASCII part of a ``CharacterTable`` as a few byte ranges, for classifying 16 bytes
/// at a time with the standard library's `SIMD16<UInt8>`: the batch API's block scan on a
/// processor without SSSE3 (or not x86), and the gate for the block scan on any processor
/// (a table that needs more runs keeps the byte table path).
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
        let entries = UnsafeMutablePointer<SIMD16<UInt8>>.allocate(capacity: max(1, best.count * 3))
        for (index, run) in best.enumerated() {
            // `b &- low <= span` (unsigned) as one signed compare: `b &+ (0x80 &- low)`, read
            // as signed, is below `span - 127` (every span here is at most 0x7F).
            (entries + index * 3).initialize(to: SIMD16(repeating: 0x80 &- run.low))
            (entries + index * 3 + 1).initialize(to: SIMD16(repeating: UInt8(truncatingIfNeeded: Int(run.span) - 127)))
            (entries + index * 3 + 2).initialize(to: SIMD16(repeating: run.bits))
        }
        // One entry per union of class bits (0..<128): whether it falls short of some
        // `atLeast` requirement.
        let insufficient = UnsafeMutablePointer<Bool>.allocate(capacity: 128)
        for union in 0..<128 {
            let short = atLeast.contains { (UInt64(union) & $0.mask).nonzeroBitCount < $0.count }
            (insufficient + union).initialize(to: short)
        }
        // The nibble tables, when the processor has the lookup kernels and the classes fit.
        var nibbles: UnsafeMutablePointer<password_policy_nibble_classes>?
        if NibbleClasses.kernels > 0, let tables = NibbleClasses.make(facts: facts, classCount: classCount) {
            nibbles = UnsafeMutablePointer<password_policy_nibble_classes>.allocate(capacity: 1)
            nibbles?.initialize(to: tables)
        }
        classifier = ASCIIRangeClassifier(
            entries: UnsafePointer(entries), runCount: best.count, classCount: classCount, leavesOut: derived != 0, derivedBit: SIMD16(repeating: derived),
            insufficient: UnsafePointer(insufficient), nibbles: nibbles.map { UnsafePointer($0) }, kernel: nibbles == nil ? 0 : NibbleClasses.kernels)
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
        classifier.nibbles.map { UnsafeMutablePointer(mutating: $0).deallocate() }
    }
}

/// The vectors of an ``ASCIIRanges``: three a run, each with one value in every lane (the
/// bias and limit of the run's signed compare, and its bits), and the policy's nibble tables
/// when the processor has the lookup kernels (the block scan then fills its masks with
/// those, `Sources/CByteClasses`). A plain value (pointers and a count, no reference counting on the hot
/// path), valid while the ``ASCIIRanges`` that made it lives: the compiled policy holds both.
struct ASCIIRangeClassifier: @unchecked Sendable {
    let entries: UnsafePointer<SIMD16<UInt8>>
    let runCount: Int
    /// The policy's classes: bits 0 to `classCount - 1` of a lane (at most 7).
    let classCount: Int
    /// Whether a class is left out (described by `allowedBit` runs).
    let leavesOut: Bool
    /// The left-out class's bit in every lane, or zero.
    let derivedBit: SIMD16<UInt8>
    /// Whether a line whose bytes' class bits OR to `union` (below 128) falls short of an
    /// `atLeast` requirement.
    let insufficient: UnsafePointer<Bool>
    /// The nibble tables of the lookup kernels (NibbleClasses), or nil.
    let nibbles: UnsafePointer<password_policy_nibble_classes>?
    /// Which kernel fills a block's masks: 0 the range compares (`classify`), 1 SSSE3, 2 AVX2.
    let kernel: Int

    /// The lanes of `block` in a run, from the run's `bias` and `limit` vectors (one add and
    /// one signed compare: SSE2 has no unsigned byte compare).
    @inline(__always)
    static func inRun(_ block: SIMD16<UInt8>, _ bias: SIMD16<UInt8>, _ limit: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
        unsafeBitCast(block &+ bias, to: SIMD16<Int8>.self) .< unsafeBitCast(limit, to: SIMD16<Int8>.self)
    }

    /// The class bits of each lane of `block` (bit 7: the byte is from 0x80 up): the tests'
    /// and the fuzz target's view of the four-block `classify` the block scan runs.
    func classify(_ block: SIMD16<UInt8>) -> SIMD16<UInt8> {
        classify(block, block, block, block).0
    }

    /// `classify` of four blocks at once: each run's vectors are read once for all four.
    @inline(__always)
    func classify(_ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>, _ d: SIMD16<UInt8>)
        -> (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>)
    {
        let high = SIMD16<UInt8>(repeating: 0x80)
        var bitsA = a & high, bitsB = b & high, bitsC = c & high, bitsD = d & high
        var entry = entries
        let end = entries + runCount &* 3
        while entry < end {
            let bias = entry[0], limit = entry[1], bits = entry[2]
            bitsA |= unsafeBitCast(ASCIIRangeClassifier.inRun(a, bias, limit), to: SIMD16<UInt8>.self) & bits
            bitsB |= unsafeBitCast(ASCIIRangeClassifier.inRun(b, bias, limit), to: SIMD16<UInt8>.self) & bits
            bitsC |= unsafeBitCast(ASCIIRangeClassifier.inRun(c, bias, limit), to: SIMD16<UInt8>.self) & bits
            bitsD |= unsafeBitCast(ASCIIRangeClassifier.inRun(d, bias, limit), to: SIMD16<UInt8>.self) & bits
            entry += 3
        }
        guard leavesOut else { return (bitsA, bitsB, bitsC, bitsD) }
        // A lane that is exactly `allowedBit` is in the left-out class alone.
        let allowed = SIMD16<UInt8>(repeating: ASCIIRanges.allowedBit)
        return (
            (bitsA & ~allowed) | unsafeBitCast(bitsA .== allowed, to: SIMD16<UInt8>.self) & derivedBit,
            (bitsB & ~allowed) | unsafeBitCast(bitsB .== allowed, to: SIMD16<UInt8>.self) & derivedBit,
            (bitsC & ~allowed) | unsafeBitCast(bitsC .== allowed, to: SIMD16<UInt8>.self) & derivedBit,
            (bitsD & ~allowed) | unsafeBitCast(bitsD .== allowed, to: SIMD16<UInt8>.self) & derivedBit
        )
    }
}

extension ASCIIRangeClassifier {
    /// This classifier with another kernel filling the blocks (the tests and the fuzz target
    /// run each one the processor has): 0 the range compares, 1 SSSE3, 2 AVX2; nil when the
    /// policy has no nibble tables or the processor lacks the instructions.
    func using(kernel: Int) -> ASCIIRangeClassifier? {
        guard kernel == 0 || (nibbles != nil && kernel <= NibbleClasses.kernels) else { return nil }
        return ASCIIRangeClassifier(
            entries: entries, runCount: runCount, classCount: classCount, leavesOut: leavesOut, derivedBit: derivedBit,
            insufficient: insufficient, nibbles: kernel == 0 ? nil : nibbles, kernel: kernel)
    }
}
