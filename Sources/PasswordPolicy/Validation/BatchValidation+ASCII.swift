// This file stays whole: it is the per-line hot path of the batch API, one pass over an
// ASCII line through the byte table (or the block scan's result) that yields every code at
// once (valid or not), with the general scan (`violationCodes(buffer:)`) as the fallback.

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
        let (union, common) = CompiledPolicy.foldMasks(base, count: count, table.facts)
        if union & CharacterTable.nonASCIIBit != 0 {
            return violationCodes(buffer: buffer, knownValidUTF8: false, context: context)
        }
        var insufficient = false
        for requirement in atLeast where (union & requirement.mask).nonzeroBitCount < requirement.count { insufficient = true }
        let codes = ASCIILineRules(self).codes(
            base, count: count, insufficient: insufficient ? 1 : 0, unclassed: common & CharacterTable.memberBit != 0 ? 0 : 1)
        return rereadingCodes(buffer, codes, context: context)
    }

    /// `codes` (an ASCII line's codes from the table's facts) with those of the rules that
    /// read the bytes again: a run limit, forbidden patterns, context values, lists.
    @inline(__always)
    func rereadingCodes(_ buffer: UnsafeBufferPointer<UInt8>, _ codes: UInt16, context: [String: String]) -> ViolationCodeSet {
        var codes = ViolationCodeSet(rawValue: codes)
        guard storage.rereadsBytes else { return codes }
        let base = buffer.baseAddress.unsafelyUnwrapped
        if let maxRun = policy.maxConsecutive, CompiledPolicy.longestRun(base, count: buffer.count) > maxRun { codes.insert(.consecutiveExceeded) }
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

/// What an ASCII line's codes need from a policy without per-class counts or normalization,
/// read once a batch (so that the loop keeps them in registers): the length limits, the
/// code for a byte in no class, the byte table.
struct ASCIILineRules {
    let minimumLength: Int
    let maximumLength: Int
    /// `charset.disallowed`'s bit when the policy allows only its classes' characters, else 0.
    let disallowedCode: UInt16
    let facts: UnsafePointer<UInt64>
    /// Whether a rule reads the bytes again (`CompiledPolicy.rereadingCodes`).
    let rereadsBytes: Bool

    @inline(__always)
    init(_ compiled: CompiledPolicy) {
        let storage = compiled.storage
        minimumLength = storage.minimumLength
        maximumLength = storage.maximumLength
        disallowedCode = storage.policy.allowsOtherCharacters ? 0 : ViolationCodeSet.charsetDisallowed.rawValue
        facts = storage.table.facts
        rereadsBytes = storage.rereadsBytes
    }

    /// The codes from the table's facts of the `count` (1 to `maximumPasswordBytes`) ASCII
    /// bytes at `base`, given whether (1) or not (0) its classes fall short of an `atLeast`
    /// rule and a byte is in no class. Each code from arithmetic, not a branch (a batch of
    /// random lines would mispredict each): a comparison's outcome is the sign bit of a
    /// difference (lengths and limits are not negative, so none overflows).
    @inline(__always)
    func codes(_ base: UnsafePointer<UInt8>, count: Int, insufficient: UInt64, unclassed: UInt64) -> UInt16 {
        var raw = UInt16(truncatingIfNeeded: UInt(bitPattern: count &- minimumLength) &>> 63)
        raw |= UInt16(truncatingIfNeeded: UInt(bitPattern: maximumLength &- count) &>> 63) &<< 1
        raw |= disallowedCode & (0 &- UInt16(truncatingIfNeeded: unclassed))
        raw |= UInt16(truncatingIfNeeded: insufficient) &<< 3
        // The table has these bits only when the policy has the rule (the tests, the same
        // for every line, only skip lookups).
        raw |= UInt16(truncatingIfNeeded: (facts[Int(base[0])] & CharacterTable.leadingBit) &>> 56)
        raw |= UInt16(truncatingIfNeeded: (facts[Int(base[count &- 1])] & CharacterTable.trailingBit) &>> 56)
        return raw
    }
}
