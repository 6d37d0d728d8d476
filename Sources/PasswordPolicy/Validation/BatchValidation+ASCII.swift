// This file stays whole: it is the per-line hot path of the batch API, one pass over an
// ASCII line through the byte table that yields every code at once (valid or not), with
// the general scan (`violationCodes(buffer:)`) as the fallback for everything else.

extension CompiledPolicy {
    /// The codes of one line of a batch: exactly `violationCodes(buffer:knownValidUTF8: false)`.
    /// An ASCII line of a policy without per-class counts takes one pass over 8-byte words
    /// through the byte table, then the patterns and context values on the bytes; any other
    /// line (a byte from 0x80 up, a policy with counts or normalization, over the 4 MiB limit) takes the
    /// general path. The batch tests and fuzz target hold the two against each other.
    @usableFromInline
    func lineCodes(_ buffer: UnsafeBufferPointer<UInt8>, context: [String: String]) -> ViolationCodeSet {
        let count = buffer.count
        // A normalizing policy also normalizes the context values: the general path does that.
        guard let base = buffer.baseAddress, count > 0, count <= CompiledPolicy.maximumPasswordBytes, counts.isEmpty,
              policy.normalization == nil else {
            return violationCodes(buffer: buffer, knownValidUTF8: false, context: context)
        }
        let facts = table.facts
        var union: UInt64 = 0
        var common: UInt64 = ~0
        if count >= 8 {
            let raw = UnsafeRawPointer(base)
            let last = count &- 8
            var offset = 0
            while offset < last {
                CompiledPolicy.fold(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), facts, &union, &common)
                offset &+= 8
            }
            CompiledPolicy.fold(raw.loadUnaligned(fromByteOffset: last, as: UInt64.self), facts, &union, &common)
        } else {
            var index = 0
            while index < count {
                let mask = facts[Int(base[index])]
                union |= mask
                common &= mask
                index &+= 1
            }
        }
        if union & CharacterTable.nonASCIIBit != 0 {
            return violationCodes(buffer: buffer, knownValidUTF8: false, context: context)
        }
        var codes: ViolationCodeSet = []
        if count < policy.length.min { codes.insert(.lengthShort) }
        if count > maximumLength { codes.insert(.lengthLong) }
        if common & CharacterTable.memberBit == 0, !policy.allowsOtherCharacters { codes.insert(.charsetDisallowed) }
        for requirement in atLeast where (union & requirement.mask).nonzeroBitCount < requirement.count {
            codes.insert(.classesInsufficient)
            break
        }
        if facts[Int(base[0])] & CharacterTable.leadingBit != 0, policy.forbidLeading != nil { codes.insert(.leadingForbidden) }
        if facts[Int(base[count &- 1])] & CharacterTable.trailingBit != 0, policy.forbidTrailing != nil { codes.insert(.trailingForbidden) }
        if let maxRun = policy.maxConsecutive, CompiledPolicy.longestRun(base, count: count) > maxRun { codes.insert(.consecutiveExceeded) }
        if !patterns.isEmpty, patterns.contains(where: { $0.pattern.firstMatch(in: buffer) != .noMatch }) { codes.insert(.patternForbidden) }
        if !context.isEmpty, !policy.forbidContext.isEmpty, containedContext(buffer, context).contains(where: { _ in true }) {
            codes.insert(.contextContained)
        }
        if !forbiddenLists.isEmpty, isListed(buffer) { codes.insert(.blocklistContained) }
        return codes
    }

    /// Folds the masks of the eight bytes of `word` into `union` and `common`.
    @inline(__always)
    private static func fold(_ word: UInt64, _ facts: UnsafePointer<UInt64>, _ union: inout UInt64, _ common: inout UInt64) {
        let m0 = facts[Int(truncatingIfNeeded: word & 0xFF)]
        let m1 = facts[Int(truncatingIfNeeded: (word &>> 8) & 0xFF)]
        let m2 = facts[Int(truncatingIfNeeded: (word &>> 16) & 0xFF)]
        let m3 = facts[Int(truncatingIfNeeded: (word &>> 24) & 0xFF)]
        let m4 = facts[Int(truncatingIfNeeded: (word &>> 32) & 0xFF)]
        let m5 = facts[Int(truncatingIfNeeded: (word &>> 40) & 0xFF)]
        let m6 = facts[Int(truncatingIfNeeded: (word &>> 48) & 0xFF)]
        let m7 = facts[Int(truncatingIfNeeded: word &>> 56)]
        union |= ((m0 | m1) | (m2 | m3)) | ((m4 | m5) | (m6 | m7))
        common &= ((m0 & m1) & (m2 & m3)) & ((m4 & m5) & (m6 & m7))
    }

    /// The longest run of one repeated byte (ASCII: bytes are scalars).
    @inline(__always)
    private static func longestRun(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        var previous = base[0]
        var run = 1
        var longest = 1
        var index = 1
        while index < count {
            let byte = base[index]
            if byte == previous {
                run &+= 1
                if run > longest { longest = run }
            } else {
                previous = byte
                run = 1
            }
            index &+= 1
        }
        return longest
    }
}
