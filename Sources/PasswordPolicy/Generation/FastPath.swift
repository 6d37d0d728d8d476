/// Draw-and-check sampling: draw every character uniformly from the whole alphabet, keep
/// the string when it satisfies the rules, else draw again.
///
/// Each accepted string is exactly uniform over the compliant ones (a uniform string
/// conditioned on compliance). A candidate is abandoned as soon as a rule already fails
/// (a forbidden first character, a run too long): the rest of it could not change the
/// verdict, so this only saves work. The generator takes this path only when counting
/// proves the acceptance rate high (``PasswordGenerator`` uses at least 1/8), and falls
/// back to exact sampling after a fixed number of misses, which keeps the output exactly
/// uniform (see ``GeneratorCore/sample(length:table:total:fast:generator:into:)``).
/// Immutable after `init`; its pointers are only read, so sharing it across threads is safe.
final class FastPath: @unchecked Sendable {
    /// The lowest acceptance rate, as log2, at which the fast path is taken.
    static let minimumLog2Acceptance = -3.0
    /// Misses before falling back to exact sampling: at acceptance 1/8 the fallback
    /// happens with probability (7/8)^128 < 4e-8.
    static let attemptLimit = 128
    /// At most this many per-class count rules (16-bit lanes of one word).
    static let laneLimit = 4
    /// Alphabets up to this size get a direct index-to-character table.
    static let flatLimit = 8192

    // The tables live in memory this object owns, so that the inner loop reads them
    // through plain pointers: no reference counting per character.
    /// How the alphabet's indices are drawn, several per 64-bit value.
    let digitShape: DigitBatch.Shape
    /// When the alphabet is small: entry `i` is the `i`-th scalar | its atom << 32; else nil.
    private let flat: UnsafeMutablePointer<UInt64>?
    /// Otherwise: runs of consecutive members in one atom (first scalar, first index, atom).
    private let runCount: Int
    private let runFirst: UnsafeMutablePointer<UInt32>
    private let runStart: UnsafeMutablePointer<UInt32>
    private let runAtom: UnsafeMutablePointer<UInt32>
    private let atomCount: Int
    private let atomPresence: UnsafeMutablePointer<UInt64>
    private let atomLanes: UnsafeMutablePointer<UInt64>
    /// Bit 0: forbidden first; bit 1: forbidden last.
    private let atomFlags: UnsafeMutablePointer<UInt8>
    private let atLeastCount: Int
    private let atLeastNeeded: UnsafeMutablePointer<Int>
    private let atLeastMask: UnsafeMutablePointer<UInt64>
    private let laneCount: Int
    private let laneMin: UnsafeMutablePointer<UInt64>
    private let laneMax: UnsafeMutablePointer<UInt64>
    private let maxRun: Int

    private static func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(1, values.count))
        pointer.initialize(from: values, count: values.count)
        return pointer
    }

    /// Nil when the rules do not fit the fast check (more than ``laneLimit`` count rules).
    init?(alphabet: GenerationAlphabet, rules: GenerationRules) {
        guard rules.counts.count <= FastPath.laneLimit, alphabet.count > 0, alphabet.count <= Int(UInt32.max) else { return nil }
        digitShape = DigitBatch.Shape(base: UInt64(alphabet.count))
        if alphabet.count <= FastPath.flatLimit {
            var entries: [UInt64] = []
            entries.reserveCapacity(alphabet.count)
            for (run, first) in alphabet.runFirst.enumerated() {
                let end = run + 1 < alphabet.runStart.count ? alphabet.runStart[run + 1] : UInt32(alphabet.count)
                for offset in 0..<(end - alphabet.runStart[run]) {
                    entries.append(UInt64(first + offset) | UInt64(alphabet.runAtom[run]) << 32)
                }
            }
            flat = FastPath.copy(entries)
        } else {
            flat = nil
        }
        runCount = alphabet.runFirst.count
        runFirst = FastPath.copy(alphabet.runFirst)
        runStart = FastPath.copy(alphabet.runStart)
        runAtom = FastPath.copy(alphabet.runAtom)
        let presenceMask = rules.presenceMask
        atomCount = alphabet.atoms.count
        atomPresence = FastPath.copy(alphabet.atoms.map { $0.classMask & presenceMask })
        atomLanes = FastPath.copy(alphabet.atoms.map { atom in
            var lanes: UInt64 = 0
            for (lane, bound) in rules.counts.enumerated() where atom.classMask & (1 << UInt64(bound.index)) != 0 {
                lanes |= 1 << UInt64(16 * lane)
            }
            return lanes
        })
        atomFlags = FastPath.copy(alphabet.atoms.map { ($0.leadingForbidden ? 1 : 0) | ($0.trailingForbidden ? 2 : 0) })
        atLeastCount = rules.atLeast.count
        atLeastNeeded = FastPath.copy(rules.atLeast.map(\.count))
        atLeastMask = FastPath.copy(rules.atLeast.map(\.mask))
        laneCount = rules.counts.count
        laneMin = FastPath.copy(rules.counts.map { UInt64($0.min) })
        laneMax = FastPath.copy(rules.counts.map { UInt64(Swift.min($0.max ?? 0xFFFF, 0xFFFF)) })
        maxRun = rules.maxConsecutive ?? Int.max
    }

    deinit {
        flat?.deallocate()
        runFirst.deallocate()
        runStart.deallocate()
        runAtom.deallocate()
        atomPresence.deallocate()
        atomLanes.deallocate()
        atomFlags.deallocate()
        atLeastNeeded.deallocate()
        atLeastMask.deallocate()
        laneMin.deallocate()
        laneMax.deallocate()
    }

    /// The `index`-th character of the alphabet and its atom.
    @inline(__always)
    private func member(at index: UInt32) -> (scalar: UInt32, atom: Int) {
        if let flat {
            let entry = flat[Int(index)]
            return (UInt32(truncatingIfNeeded: entry), Int(entry >> 32))
        }
        var low = 0
        var high = runCount
        while high - low > 1 {
            let mid = (low + high) / 2
            if runStart[mid] <= index { low = mid } else { high = mid }
        }
        return (runFirst[low] + (index - runStart[low]), Int(runAtom[low]))
    }

    /// One candidate of `length` characters, UTF-8 into `output`; the number of bytes when
    /// it satisfies the rules, nil when it does not.
    @inline(__always)
    func attempt<R: RandomNumberGenerator>(length: Int, digits: inout DigitBatch,
                                           generator: inout R, into output: UnsafeMutablePointer<UInt8>) -> Int? {
        var presence: UInt64 = 0
        var lanes: UInt64 = 0
        var previous: UInt32 = .max
        var run = 0
        var written = 0
        var lastAtom = -1
        for position in 0..<length {
            let (scalar, atom) = member(at: UInt32(truncatingIfNeeded: digits.next(&generator)))
            if position == 0, atomFlags[atom] & 1 != 0 { return nil }
            if scalar == previous {
                run += 1
                if run > maxRun { return nil }
            } else {
                previous = scalar
                run = 1
            }
            presence |= atomPresence[atom]
            lanes &+= atomLanes[atom]
            lastAtom = atom
            UTF8Writer.write(scalar, to: output, at: &written)
        }
        if lastAtom >= 0, atomFlags[lastAtom] & 2 != 0 { return nil }
        for requirement in 0..<atLeastCount where (presence & atLeastMask[requirement]).nonzeroBitCount < atLeastNeeded[requirement] {
            return nil
        }
        for lane in 0..<laneCount {
            let value = (lanes >> UInt64(16 * lane)) & 0xFFFF
            if value < laneMin[lane] || value > laneMax[lane] { return nil }
        }
        return written
    }
}

/// Writes scalars as UTF-8.
enum UTF8Writer {
    @inline(__always)
    static func write(_ value: UInt32, to output: UnsafeMutablePointer<UInt8>, at offset: inout Int) {
        if value < 0x80 {
            output[offset] = UInt8(truncatingIfNeeded: value)
            offset += 1
        } else if value < 0x800 {
            output[offset] = UInt8(truncatingIfNeeded: 0xC0 | (value >> 6))
            output[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            offset += 2
        } else if value < 0x10000 {
            output[offset] = UInt8(truncatingIfNeeded: 0xE0 | (value >> 12))
            output[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
            output[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            offset += 3
        } else {
            output[offset] = UInt8(truncatingIfNeeded: 0xF0 | (value >> 18))
            output[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F))
            output[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F))
            output[offset + 3] = UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F))
            offset += 4
        }
    }
}
