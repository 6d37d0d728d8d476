// This file stays whole: it is the per-line hot path of the batch API, one pass over an
// ASCII line through the byte table (or the vector scan's result) that yields every code at
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
        return asciiLineCodes(buffer, insufficient: insufficient, allClassed: common & CharacterTable.memberBit != 0, context: context)
    }

    /// The codes of an ASCII line of 1 to `maximumPasswordBytes` bytes, for a policy without
    /// per-class counts or normalization, given whether its classes fall short of an
    /// `atLeast` requirement and whether every byte is in some class (from the byte table
    /// or the vector scan). The
    /// codes of the table's facts are set without branches (a batch of random lines would
    /// mispredict each); the rules that read the bytes again are behind one test.
    @inline(__always)
    func asciiLineCodes(_ buffer: UnsafeBufferPointer<UInt8>, insufficient: Bool, allClassed: Bool, context: [String: String]) -> ViolationCodeSet {
        let count = buffer.count
        let base = buffer.baseAddress.unsafelyUnwrapped
        let facts = table.facts
        let storage = self.storage
        var raw: UInt16 = count < storage.minimumLength ? ViolationCodeSet.lengthShort.rawValue : 0
        raw |= count > storage.maximumLength ? ViolationCodeSet.lengthLong.rawValue : 0
        raw |= allClassed || storage.policy.allowsOtherCharacters ? 0 : ViolationCodeSet.charsetDisallowed.rawValue
        raw |= insufficient ? ViolationCodeSet.classesInsufficient.rawValue : 0
        // The table has these bits only when the policy has the rule.
        raw |= UInt16(truncatingIfNeeded: (facts[Int(base[0])] & CharacterTable.leadingBit) &>> 56)
        raw |= UInt16(truncatingIfNeeded: (facts[Int(base[count &- 1])] & CharacterTable.trailingBit) &>> 56)
        var codes = ViolationCodeSet(rawValue: raw)
        guard storage.rereadsBytes else { return codes }
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
