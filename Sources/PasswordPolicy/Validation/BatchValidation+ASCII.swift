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
        let (union, common) = CompiledPolicy.foldMasks(base, count: count, facts)
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
        if containsAnyContext(buffer, context) { codes.insert(.contextContained) }
        if !forbiddenLists.isEmpty, isListed(buffer) { codes.insert(.blocklistContained) }
        return codes
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
