// This file stays whole: it is `isValid`'s yes-or-no path, and its pieces are tuned
// together (the quick check of Compiled/QuickCheck.swift inlined into the caller, then one
// pass over 8-byte words through the byte table, then the scalar path for non-ASCII input).
// The full scan for messages is PasswordScan.swift.

extension CompiledPolicy {
    /// The yes-or-no scan. A policy of the common shape judges an ASCII password with its
    /// ``QuickCheck``, inlined here (and so into the caller of `isValid`); anything else
    /// takes the full scan, out of line. Either way nothing is allocated unless the policy
    /// has forbidden patterns or context rules, and no byte beyond `4 * length.max` is read.
    /// The quick check reads tables that `storage` owns, through pointers: `storage` is kept
    /// alive until it has answered (inlined into a caller's code, nothing else would keep a
    /// temporary `CompiledPolicy` alive past its last use).
    @inlinable @inline(__always)
    func isValid(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> Bool {
        if let quick = storage.quickCheck, let verdict = withExtendedLifetime(storage, { quick.verdict(buffer) }) { return verdict }
        return isValidInFull(buffer, knownValidUTF8: knownValidUTF8, context: context)
    }

    /// ``isValid(buffer:knownValidUTF8:context:)`` for every policy and password. Most
    /// passwords are ASCII, so the first pass is one branch-free loop over the bytes through
    /// the 256-entry byte table, gathering the union and the intersection of the masks; only
    /// a password with a byte from 0x80 up goes on to the scalar-by-scalar scan.
    @usableFromInline @inline(never)
    func isValidInFull(_ buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> Bool {
        if policy.normalization != nil, let normalized = isValidNormalized(buffer, knownValidUTF8: knownValidUTF8, context: context) {
            return normalized
        }
        let count = buffer.count
        if count > CompiledPolicy.maximumPasswordBytes { return false }
        // A scalar is 1 to 4 bytes, so the byte count bounds the length both ways.
        if count < policy.length.min { return false }
        guard let base = buffer.baseAddress, count > 0 else {
            return isValidScalars(buffer, knownValidUTF8: knownValidUTF8, context: context)
        }
        if count > maximumLength { return isValidLong(buffer, knownValidUTF8: knownValidUTF8, context: context) }
        let facts = table.facts
        let (union, common) = CompiledPolicy.foldMasks(base, count: count, facts)
        if union & CharacterTable.nonASCIIBit != 0 {
            return isValidScalars(buffer, knownValidUTF8: knownValidUTF8, context: context)
        }
        // All ASCII: the length is the byte count, already within bounds.
        let ends = (facts[Int(base[0])] & CharacterTable.leadingBit) | (facts[Int(base[count &- 1])] & CharacterTable.trailingBit)
        if ends != 0 || (common & CharacterTable.memberBit == 0 && !policy.allowsOtherCharacters) { return false }
        if let maxRun = policy.maxConsecutive, !CompiledPolicy.runsHold(base, count: count, maxRun: maxRun) { return false }
        return finalChecks(buffer, presence: union, context: context)
    }

    /// `isValid` of a normalizing policy: nil when the password needs no normalizing. Out of
    /// line (as ``isValidLong(_:knownValidUTF8:context:)``), so that the common path's call
    /// saves fewer registers.
    @inline(never)
    private func isValidNormalized(_ buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> Bool? {
        guard let normalized = normalizedInput(buffer, knownValidUTF8: knownValidUTF8, context: context) else { return nil }
        return normalized.bytes.withUnsafeBufferPointer { isValid(buffer: $0, knownValidUTF8: true, context: normalized.context) }
    }

    /// `isValid` of a password of more bytes than the maximum length (at least one byte):
    /// too long unless it has multi-byte scalars. Counts them (the bytes that do not
    /// continue a sequence) before anything else, without reading past 4 * maximum.
    @inline(never)
    private func isValidLong(_ buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> Bool {
        let count = buffer.count
        let base = buffer.baseAddress.unsafelyUnwrapped
        if count > maximumLength &* 4 || CompiledPolicy.isASCII(base, count: count) { return false }
        var leads = 0
        for index in 0..<count where base[index] & 0xC0 != 0x80 { leads &+= 1 }
        if leads > maximumLength { return false }
        return isValidScalars(buffer, knownValidUTF8: knownValidUTF8, context: context)
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    @inline(__always)
    static func isASCII(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        var high: UInt64 = 0
        if count >= 8 {
            forEachOverlappingWord(base, count: count) { high |= $0 }
        } else {
            for index in 0..<count { high |= UInt64(base[index]) }
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// The union and the intersection of the byte-table masks of `count` bytes (at least
    /// one), eight bytes at a time (``forEachOverlappingWord(_:count:_:)``). Shared by
    /// `isValid`'s full scan and the batch API's ASCII line path.
    @inline(__always)
    static func foldMasks(_ base: UnsafePointer<UInt8>, count: Int, _ facts: UnsafePointer<UInt64>) -> (union: UInt64, common: UInt64) {
        var union: UInt64 = 0
        var common: UInt64 = ~0
        if count >= 8 {
            forEachOverlappingWord(base, count: count) { accumulate($0, facts, &union, &common) }
        } else {
            var index = 0
            while index < count {
                let mask = facts[Int(base[index])]
                union |= mask
                common &= mask
                index &+= 1
            }
        }
        return (union, common)
    }

    /// Folds the masks of the eight bytes of `word` into `union` and `common`.
    @inline(__always)
    private static func accumulate(_ word: UInt64, _ facts: UnsafePointer<UInt64>, _ union: inout UInt64, _ common: inout UInt64) {
        let (m0, m1, m2, m3, m4, m5, m6, m7) = tableEntries(ofBytesIn: word, facts)
        union |= ((m0 | m1) | (m2 | m3)) | ((m4 | m5) | (m6 | m7))
        common &= ((m0 & m1) & (m2 & m3)) & ((m4 & m5) & (m6 & m7))
    }

    /// Whether no byte repeats more than `maxRun` times in a row (ASCII: bytes are scalars).
    @inline(__always)
    private static func runsHold(_ base: UnsafePointer<UInt8>, count: Int, maxRun: Int) -> Bool {
        var previous = base[0]
        var run = 1
        var index = 1
        while index < count {
            let byte = base[index]
            if byte == previous {
                run &+= 1
                if run > maxRun { return false }
            } else {
                previous = byte
                run = 1
            }
            index &+= 1
        }
        return true
    }

    /// The checks after the per-character scan: class requirements, counts, patterns and
    /// context values.
    @inline(__always)
    private func finalChecks(_ buffer: UnsafeBufferPointer<UInt8>, presence: UInt64, context: [String: String]) -> Bool {
        for requirement in atLeast where (presence & requirement.mask).nonzeroBitCount < requirement.count { return false }
        if !counts.isEmpty, !countsHold(buffer) { return false }
        if !patterns.isEmpty {
            for (pattern, _) in patterns {
                if case .noMatch = pattern.firstMatch(in: buffer) { continue }
                return false
            }
        }
        if !policy.forbidContext.isEmpty, !context.isEmpty {
            for name in policy.forbidContext {
                if let value = context[name], contextMatchers.contains(value, in: buffer) { return false }
            }
        }
        if !forbiddenLists.isEmpty, isListed(buffer) { return false }
        return true
    }

    /// The scalar-by-scalar scan, for passwords with non-ASCII bytes (and the empty one).
    func isValidScalars(_ buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> Bool {
        let table = self.table
        let classMask = table.classMask
        let allowOther = policy.allowsOtherCharacters
        let maxRun = policy.maxConsecutive ?? Int.max
        let maximumLength = self.maximumLength
        var length = 0
        var presence: UInt64 = 0
        var index = 0
        var previous: UInt32 = .max
        var run = 0
        var lastMask: UInt64 = 0
        let end = buffer.count
        while index < end {
            let value: UInt32
            let byte = buffer[index]
            if byte < 0x80 {
                value = UInt32(byte)
                index += 1
            } else if knownValidUTF8 {
                let (scalar, width) = UTF8Decoding.decodeValid(buffer, at: index)
                value = scalar
                index += width
            } else {
                guard let (scalar, width) = UTF8Decoding.decode(buffer, at: index) else { return false }
                value = scalar.value
                index += width
            }
            let mask = table.mask(value)
            if mask & classMask == 0, !allowOther { return false }
            if length == 0, mask & CharacterTable.leadingBit != 0 { return false }
            if value == previous {
                run += 1
                if run > maxRun { return false }
            } else {
                previous = value
                run = 1
            }
            presence |= mask
            lastMask = mask
            length += 1
            if length > maximumLength { return false }
        }
        if length < policy.length.min { return false }
        if length > 0, lastMask & CharacterTable.trailingBit != 0 { return false }
        return finalChecks(buffer, presence: presence, context: context)
    }

    /// The per-class count requirements (only policies that have them), in a second pass.
    private func countsHold(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var tally = [Int](repeating: 0, count: classMembers.count)
        var index = 0
        while index < buffer.count {
            let (value, width) = UTF8Decoding.decodeValid(buffer, at: index)
            index += width
            var mask = table.mask(value) & table.classMask
            while mask != 0 {
                tally[mask.trailingZeroBitCount] += 1
                mask &= mask - 1
            }
        }
        for requirement in counts where tally[requirement.index] < requirement.min || tally[requirement.index] > requirement.max {
            return false
        }
        return true
    }
}
