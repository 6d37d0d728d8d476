import CPCRE2

extension CompiledPolicy {
    /// The longest password, in UTF-8 bytes, that validation reads (4 MiB). Anything longer
    /// is judged `length.long` from its size alone, whatever `length.max` says, so that a
    /// hostile input costs neither time nor memory (no service accepts such a password).
    public static let maximumPasswordBytes = 4 << 20

    /// The verdict for an input over ``maximumPasswordBytes``, or nil.
    func oversizedViolation(byteCount: Int) -> Violation? {
        guard byteCount > CompiledPolicy.maximumPasswordBytes else { return nil }
        return Violation(
            code: .lengthLong,
            message: "too long: \(byteCount) bytes, more than the \(CompiledPolicy.maximumPasswordBytes) bytes a password may have",
            detail: .length(actual: byteCount, bound: CompiledPolicy.maximumPasswordBytes))
    }

    // MARK: Yes or no

    /// Whether `password` satisfies the policy. Stops at the first failure and allocates
    /// nothing for a policy without patterns or context rules.
    ///
    /// ```swift
    /// policy.isValid("abc123ABC!@#")
    /// policy.isValid("alice-2024!", context: ["username": "Alice"])
    /// ```
    @inlinable
    public func isValid(_ password: String, context: [String: String] = [:]) -> Bool {
        // Native and small strings lend their UTF-8 without a copy (and without the
        // retain a `var` copy for `withUTF8` would cost); others are made contiguous.
        if let result = password.utf8.withContiguousStorageIfAvailable({ isValid(buffer: $0, knownValidUTF8: true, context: context) }) {
            return result
        }
        var password = password
        return password.withUTF8 { isValid(buffer: $0, knownValidUTF8: true, context: context) }
    }

    /// Whether the UTF-8 `bytes` are a password that satisfies the policy; invalid UTF-8 is
    /// never valid.
    @inlinable
    public func isValid(utf8 bytes: some Collection<UInt8>, context: [String: String] = [:]) -> Bool {
        if let result = bytes.withContiguousStorageIfAvailable({ isValid(buffer: $0, knownValidUTF8: false, context: context) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { isValid(buffer: $0, knownValidUTF8: false, context: context) }
    }

    /// Whether an absent password is acceptable: true exactly when the policy is `optional`.
    public var acceptsMissingPassword: Bool { policy.optional }

    // MARK: Every violation

    /// Every violation of the policy by `password`, in the order of `policy-format.md`'s
    /// table; empty when the password is valid. Messages never contain the password.
    ///
    /// ```swift
    /// for violation in policy.validate("short") {
    ///     print(violation.code, violation.message)   // length.short: 5 characters, ...
    /// }
    /// ```
    @inlinable
    public func validate(_ password: String, context: [String: String] = [:]) -> [Violation] {
        if let result = password.utf8.withContiguousStorageIfAvailable({ validate(buffer: $0, knownValidUTF8: true, context: context) }) {
            return result
        }
        var password = password
        return password.withUTF8 { validate(buffer: $0, knownValidUTF8: true, context: context) }
    }

    /// Every violation for a password that may be absent: `nil` gives `password.missing`
    /// unless the policy is `optional`.
    public func validate(_ password: String?, context: [String: String] = [:]) -> [Violation] {
        guard let password else {
            return policy.optional ? [] : [Violation(code: .passwordMissing, message: "a password is required")]
        }
        return validate(password, context: context)
    }

    /// Every violation for a password given as UTF-8 bytes. Bytes that are not valid UTF-8
    /// give exactly one violation, `encoding.invalid`, with the offset of the first bad byte.
    @inlinable
    public func validate(utf8 bytes: some Collection<UInt8>, context: [String: String] = [:]) -> [Violation] {
        if let result = bytes.withContiguousStorageIfAvailable({ validate(buffer: $0, knownValidUTF8: false, context: context) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { validate(buffer: $0, knownValidUTF8: false, context: context) }
    }

    // MARK: The scans

    /// The yes-or-no scan. Most passwords are ASCII, so the first pass is one branch-free
    /// loop over the bytes through the 256-entry byte table, gathering the union and the
    /// intersection of the masks; only a password with a byte from 0x80 up goes on to
    /// the scalar-by-scalar scan. Either way nothing is allocated unless the policy has
    /// forbidden patterns or context rules, and no byte beyond `4 * length.max` is read.
    @usableFromInline
    func isValid(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> Bool {
        let count = buffer.count
        if count > CompiledPolicy.maximumPasswordBytes { return false }
        // A scalar is 1 to 4 bytes, so the byte count bounds the length both ways.
        if count < policy.length.min { return false }
        guard let base = buffer.baseAddress, count > 0 else {
            return isValidScalars(buffer, knownValidUTF8: knownValidUTF8, context: context)
        }
        if count > maximumLength {
            // Too long unless it has multi-byte scalars: count them (the bytes that do not
            // continue a sequence) before anything else, without reading past 4 * maximum.
            if count > maximumLength &* 4 || CompiledPolicy.isASCII(base, count: count) { return false }
            var leads = 0
            for index in 0..<count where base[index] & 0xC0 != 0x80 { leads &+= 1 }
            if leads > maximumLength { return false }
            return isValidScalars(buffer, knownValidUTF8: knownValidUTF8, context: context)
        }
        let facts = table.facts
        var union: UInt64 = 0
        var common: UInt64 = ~0
        if count >= 8 {
            // Eight bytes at a time; the last word overlaps the one before it when the
            // count is not a multiple of 8 (union and intersection do not mind). Typical
            // passwords (8 to 16 bytes) take exactly two words, with no data-dependent
            // loop exit to mispredict.
            let raw = UnsafeRawPointer(base)
            let last = count &- 8
            var offset = 0
            while offset < last {
                CompiledPolicy.accumulate(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self), facts, &union, &common)
                offset &+= 8
            }
            CompiledPolicy.accumulate(raw.loadUnaligned(fromByteOffset: last, as: UInt64.self), facts, &union, &common)
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
            return isValidScalars(buffer, knownValidUTF8: knownValidUTF8, context: context)
        }
        // All ASCII: the length is the byte count, already within bounds.
        let ends = (facts[Int(base[0])] & CharacterTable.leadingBit) | (facts[Int(base[count &- 1])] & CharacterTable.trailingBit)
        if ends != 0 || (common & CharacterTable.memberBit == 0 && !policy.allowOther) { return false }
        if let maxRun = policy.maxConsecutive, !CompiledPolicy.runsHold(base, count: count, maxRun: maxRun) { return false }
        return finalChecks(buffer, presence: union, context: context)
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    @inline(__always)
    private static func isASCII(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        var high: UInt64 = 0
        if count >= 8 {
            let raw = UnsafeRawPointer(base)
            let last = count &- 8
            var offset = 0
            while offset < last {
                high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset &+= 8
            }
            high |= raw.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        } else {
            for index in 0..<count { high |= UInt64(base[index]) }
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Folds the masks of the eight bytes of `word` into `union` and `common`.
    @inline(__always)
    private static func accumulate(_ word: UInt64, _ facts: UnsafePointer<UInt64>, _ union: inout UInt64, _ common: inout UInt64) {
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
                if let value = context[name], CompiledPolicy.contains(buffer, caseInsensitively: value) { return false }
            }
        }
        return true
    }

    /// The scalar-by-scalar scan, for passwords with non-ASCII bytes (and the empty one).
    func isValidScalars(_ buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> Bool {
        let table = self.table
        let classMask = table.classMask
        let allowOther = policy.allowOther
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
                let (scalar, width) = CompiledPolicy.decodeValid(buffer, at: index)
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

    /// The per-class count requirements, checked in a second pass (only policies that have them).
    private func countsHold(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let tally = classCounts(buffer)
        for requirement in counts {
            let count = tally[requirement.index]
            if count < requirement.min || count > requirement.max { return false }
        }
        return true
    }

    /// The number of characters of each class in valid UTF-8.
    func classCounts(_ buffer: UnsafeBufferPointer<UInt8>) -> [Int] {
        var tally = [Int](repeating: 0, count: classMembers.count)
        var index = 0
        while index < buffer.count {
            let (value, width) = CompiledPolicy.decodeValid(buffer, at: index)
            index += width
            var mask = table.mask(value) & table.classMask
            while mask != 0 {
                tally[mask.trailingZeroBitCount] += 1
                mask &= mask - 1
            }
        }
        return tally
    }

    @usableFromInline
    func validate(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> [Violation] {
        // Most passwords checked are valid: answer those from the allocation-free scan.
        if isValid(buffer: buffer, knownValidUTF8: knownValidUTF8, context: context) { return [] }
        return violations(buffer: buffer, knownValidUTF8: knownValidUTF8, context: context)
    }

    /// Every violation, found by the full scalar-by-scalar scan: independent of the
    /// yes-or-no scans above (the tests hold the two against each other).
    func violations(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> [Violation] {
        if let oversized = oversizedViolation(byteCount: buffer.count) { return [oversized] }
        if !knownValidUTF8 {
            var index = 0
            while index < buffer.count {
                guard let (_, width) = UTF8Decoding.decode(buffer, at: index) else {
                    return [Violation(code: .encodingInvalid, message: "the password is not valid UTF-8 (first invalid byte at offset \(index))", detail: .byteOffset(index))]
                }
                index += width
            }
        }
        let policy = self.policy
        var violations: [Violation] = []
        var length = 0
        var presence: UInt64 = 0
        var disallowed: [Int] = []
        var runs: [Violation.Run] = []
        var previous: UInt32 = .max
        var run = 0
        var runStart = 0
        var firstMask: UInt64 = 0
        var lastMask: UInt64 = 0
        let maxRun = policy.maxConsecutive ?? Int.max
        var index = 0
        func closeRun() {
            if run > maxRun { runs.append(Violation.Run(position: runStart, length: run)) }
        }
        while index < buffer.count {
            let (value, width) = CompiledPolicy.decodeValid(buffer, at: index)
            index += width
            length += 1
            let mask = table.mask(value)
            if mask & table.classMask == 0, !policy.allowOther { disallowed.append(length) }
            if length == 1 { firstMask = mask }
            lastMask = mask
            presence |= mask
            if value == previous {
                run += 1
            } else {
                closeRun()
                previous = value
                run = 1
                runStart = length
            }
        }
        closeRun()

        if length < policy.length.min {
            violations.append(Violation(code: .lengthShort, message: "too short: \(length) \(Messages.characters(length)), at least \(policy.length.min) required", detail: .length(actual: length, bound: policy.length.min)))
        }
        if let max = policy.length.max, length > max {
            violations.append(Violation(code: .lengthLong, message: "too long: \(length) \(Messages.characters(length)), at most \(max) allowed", detail: .length(actual: length, bound: max)))
        }
        if !disallowed.isEmpty {
            violations.append(Violation(code: .charsetDisallowed, message: "\(Messages.positions(disallowed)) not allowed; allowed are \(Messages.list(policy.classes.map(\.name)))", detail: .positions(disallowed)))
        }
        let names = policy.classes.map(\.name)
        for requirement in atLeast where (presence & requirement.mask).nonzeroBitCount < requirement.count {
            let members = names.indices.filter { requirement.mask & (1 << UInt64($0)) != 0 }
            let present = members.filter { presence & (1 << UInt64($0)) != 0 }.map { names[$0] }
            let missing = members.filter { presence & (1 << UInt64($0)) == 0 }.map { names[$0] }
            violations.append(Violation(
                code: .classesInsufficient,
                message: "needs characters from at least \(requirement.count) of \(Messages.list(members.map { names[$0] })); has \(present.count)\(present.isEmpty ? "" : " (\(Messages.list(present)))"), missing \(Messages.list(missing))",
                detail: .classes(required: requirement.count, present: present, missing: missing)))
        }
        if !counts.isEmpty {
            let tally = classCounts(buffer)
            for requirement in counts {
                let name = names[requirement.index]
                let count = tally[requirement.index]
                if count < requirement.min {
                    violations.append(Violation(code: .classTooFew, message: "needs at least \(requirement.min) \(Messages.characters(requirement.min)) from \"\(name)\"; has \(count)", detail: .classCount(name: name, count: count, bound: requirement.min)))
                }
                if count > requirement.max {
                    violations.append(Violation(code: .classTooMany, message: "allows at most \(requirement.max) \(Messages.characters(requirement.max)) from \"\(name)\"; has \(count)", detail: .classCount(name: name, count: count, bound: requirement.max)))
                }
            }
        }
        if length > 0, firstMask & CharacterTable.leadingBit != 0, let leading = policy.forbidLeading {
            violations.append(Violation(code: .leadingForbidden, message: "must not start with \(Messages.charset(leading))"))
        }
        if length > 0, lastMask & CharacterTable.trailingBit != 0, let trailing = policy.forbidTrailing {
            violations.append(Violation(code: .trailingForbidden, message: "must not end with \(Messages.charset(trailing))"))
        }
        if !runs.isEmpty {
            let where_ = runs.prefix(5).map { "\($0.length) at position \($0.position)" }.joined(separator: ", ")
            violations.append(Violation(code: .consecutiveExceeded, message: "a character repeats more than \(maxRun) \(maxRun == 1 ? "time" : "times") in a row (\(where_)\(runs.count > 5 ? ", ..." : ""))", detail: .runs(runs, limit: maxRun)))
        }
        for (pattern, rule) in patterns {
            switch pattern.firstMatch(in: buffer) {
            case .noMatch: continue
            case .match:
                violations.append(Violation(code: .patternForbidden, message: "\(rule.message) (\(rule.code))", detail: .pattern(code: rule.code)))
            case .failed(let code):
                // Fail closed: a pattern PCRE2 could not decide within its limits rejects.
                violations.append(Violation(code: .patternForbidden, message: "\(rule.message) (\(rule.code)): PCRE2 could not decide within its limits (\(PCRE2.message(for: code)))", detail: .pattern(code: rule.code)))
            }
        }
        for name in policy.forbidContext {
            if let value = context[name], CompiledPolicy.contains(buffer, caseInsensitively: value) {
                violations.append(Violation(code: .contextContained, message: "must not contain the \(name)", detail: .context(name: name)))
            }
        }
        return violations
    }

    /// Decodes one scalar of UTF-8 that is known to be valid.
    @inline(__always)
    static func decodeValid(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let b0 = UInt32(buffer[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(buffer[index + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(buffer[index + 1] & 0x3F) << 6 | UInt32(buffer[index + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(buffer[index + 1] & 0x3F) << 12 | UInt32(buffer[index + 2] & 0x3F) << 6 | UInt32(buffer[index + 3] & 0x3F), 4)
    }

    /// Whether `value` occurs in the password, compared case-insensitively by PCRE2 (a
    /// literal match with Unicode case folding). An empty value is never "contained".
    /// Fails closed: if PCRE2 cannot compile or run the search, the answer is "contained".
    static func contains(_ buffer: UnsafeBufferPointer<UInt8>, caseInsensitively value: String) -> Bool {
        guard !value.isEmpty else { return false }
        // PCRE2_LITERAL combines with UTF (which brings Unicode case folding) but not UCP.
        guard let pattern = try? PCRE2Pattern(value, options: UInt32(PCRE2_LITERAL) | UInt32(PCRE2_CASELESS), baseOptions: UInt32(PCRE2_UTF)) else { return true }
        if case .noMatch = pattern.firstMatch(in: buffer) { return false }
        return true
    }
}
