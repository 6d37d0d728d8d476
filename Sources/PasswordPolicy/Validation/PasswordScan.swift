/// The facts of one password under one compiled policy, gathered in one pass over its
/// scalars: what `validate`, `violationCodes` and the messages read.
///
/// The yes-or-no fast path (`isValid`) is separate and independent; this scan runs only for
/// passwords that fail it, and on valid UTF-8 only. What only messages need (positions,
/// runs) goes to a ``ScanDetail``: ``NoScanDetail`` records nothing, so the codes of a
/// failure cost no allocation; per-class tallies live in stack memory for the scan's
/// duration (``PasswordScan/withScan(_:_:detail:_:)``).
struct PasswordScan {
    /// The length in Unicode scalars.
    let length: Int
    /// The union of every scalar's table mask: which classes are present.
    let presence: UInt64
    let firstMask: UInt64
    let lastMask: UInt64
    /// Whether any scalar is in no class (and the policy does not allow others).
    let hasDisallowed: Bool
    /// Whether any run is longer than `maxConsecutive`.
    let runExceeded: Bool
    /// The number of scalars of each class (counted only when the policy has count
    /// requirements; empty otherwise). Valid only inside ``withScan(_:_:detail:_:)``.
    let classTally: UnsafeBufferPointer<Int>

    /// Scans `buffer` (valid UTF-8) and runs `body` on the facts; the tallies are stack
    /// memory that lives as long as `body` runs.
    @inline(__always)
    static func withScan<Detail: ScanDetail, Result>(
        _ buffer: UnsafeBufferPointer<UInt8>, _ compiled: CompiledPolicy, detail: inout Detail, _ body: (PasswordScan, inout Detail) -> Result
    ) -> Result {
        let classCount = compiled.counts.isEmpty ? 0 : compiled.classMembers.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: classCount) { tally in
            tally.initialize(repeating: 0)
            let scan = PasswordScan(buffer, compiled, tally: tally, detail: &detail)
            return body(scan, &detail)
        }
    }

    @inline(__always)
    private init<Detail: ScanDetail>(_ buffer: UnsafeBufferPointer<UInt8>, _ compiled: CompiledPolicy, tally: UnsafeMutableBufferPointer<Int>, detail: inout Detail) {
        // Locals in the loop, stored once at the end: the scan stays in registers.
        let table = compiled.table
        let classMask = table.classMask
        let allowOther = compiled.policy.allowsOtherCharacters
        let maxRun = compiled.policy.maxConsecutive ?? Int.max
        let tallying = tally.count > 0
        var length = 0, presence: UInt64 = 0, firstMask: UInt64 = 0, lastMask: UInt64 = 0
        var hasDisallowed = false, runExceeded = false
        var previous: UInt32 = .max
        var run = 0
        var runStart = 0
        var index = 0
        while index < buffer.count {
            let (value, width) = UTF8Decoding.decodeValid(buffer, at: index)
            index &+= width
            length &+= 1
            let mask = table.mask(value)
            if mask & classMask == 0, !allowOther {
                hasDisallowed = true
                detail.disallowed(at: length)
            }
            if length == 1 { firstMask = mask }
            lastMask = mask
            presence |= mask
            if tallying {
                var bits = mask & classMask
                while bits != 0 {
                    tally[bits.trailingZeroBitCount] &+= 1
                    bits &= bits &- 1
                }
            }
            if value == previous {
                run &+= 1
                continue
            }
            if run > maxRun {
                runExceeded = true
                detail.longRun(Violation.Run(position: runStart, length: run))
            }
            previous = value
            run = 1
            runStart = length
        }
        if run > maxRun {
            runExceeded = true
            detail.longRun(Violation.Run(position: runStart, length: run))
        }
        self.length = length
        self.presence = presence
        self.firstMask = firstMask
        self.lastMask = lastMask
        self.hasDisallowed = hasDisallowed
        self.runExceeded = runExceeded
        self.classTally = UnsafeBufferPointer(tally)
    }

    /// Whether the first character is one `forbidLeading` names.
    func startsForbidden(_ compiled: CompiledPolicy) -> Bool {
        length > 0 && firstMask & CharacterTable.leadingBit != 0 && compiled.policy.forbidLeading != nil
    }

    /// Whether the last character is one `forbidTrailing` names.
    func endsForbidden(_ compiled: CompiledPolicy) -> Bool {
        length > 0 && lastMask & CharacterTable.trailingBit != 0 && compiled.policy.forbidTrailing != nil
    }

    /// The `atLeast` requirements the password misses, as (required count, class mask).
    func missedAtLeast(_ compiled: CompiledPolicy) -> some Sequence<(count: Int, mask: UInt64)> {
        let presence = self.presence
        return compiled.atLeast.lazy.filter { (presence & $0.mask).nonzeroBitCount < $0.count }
    }

    /// The codes of every violation; nothing else is built.
    func codes(_ compiled: CompiledPolicy, _ buffer: UnsafeBufferPointer<UInt8>, context: [String: String]) -> ViolationCodeSet {
        var codes: ViolationCodeSet = []
        if length < compiled.policy.length.min { codes.insert(.lengthShort) }
        if length > compiled.maximumLength { codes.insert(.lengthLong) }
        if hasDisallowed { codes.insert(.charsetDisallowed) }
        for requirement in compiled.atLeast where (presence & requirement.mask).nonzeroBitCount < requirement.count {
            codes.insert(.classesInsufficient)
            break
        }
        for requirement in compiled.counts {
            if classTally[requirement.index] < requirement.min { codes.insert(.classTooFew) }
            if classTally[requirement.index] > requirement.max { codes.insert(.classTooMany) }
        }
        if startsForbidden(compiled) { codes.insert(.leadingForbidden) }
        if endsForbidden(compiled) { codes.insert(.trailingForbidden) }
        if runExceeded { codes.insert(.consecutiveExceeded) }
        for (pattern, _) in compiled.patterns where pattern.firstMatch(in: buffer) != .noMatch {
            codes.insert(.patternForbidden)
            break
        }
        if compiled.containsAnyContext(buffer, context) { codes.insert(.contextContained) }
        if !compiled.forbiddenLists.isEmpty, compiled.isListed(buffer) { codes.insert(.blocklistContained) }
        return codes
    }

    /// Every violation with its message and detail, in the order of `policy-format.md`'s table.
    func violations(_ compiled: CompiledPolicy, _ buffer: UnsafeBufferPointer<UInt8>, _ detail: RecordedScanDetail, context: [String: String]) -> [Violation] {
        let policy = compiled.policy
        let names = policy.classes.map(\.name)
        var violations: [Violation] = []
        if let length = ViolationText.length(length, policy.length) { violations.append(length) }
        if hasDisallowed { violations.append(ViolationText.disallowed(detail.disallowedPositions, classNames: names)) }
        for requirement in missedAtLeast(compiled) {
            violations.append(ViolationText.insufficient(required: requirement.count, mask: requirement.mask, presence: presence, classNames: names))
        }
        for requirement in compiled.counts {
            let name = names[requirement.index], count = classTally[requirement.index]
            if count < requirement.min { violations.append(ViolationText.tooFew(name, count: count, min: requirement.min)) }
            if count > requirement.max { violations.append(ViolationText.tooMany(name, count: count, max: requirement.max)) }
        }
        if startsForbidden(compiled), let leading = policy.forbidLeading { violations.append(ViolationText.leading(leading)) }
        if endsForbidden(compiled), let trailing = policy.forbidTrailing { violations.append(ViolationText.trailing(trailing)) }
        if runExceeded { violations.append(ViolationText.runs(detail.longRuns, limit: policy.maxConsecutive ?? Int.max)) }
        for (rule, outcome) in compiled.patternOutcomes(buffer) where outcome != .noMatch {
            violations.append(ViolationText.pattern(rule, outcome: outcome))
        }
        for name in compiled.containedContext(buffer, context) { violations.append(ViolationText.context(name)) }
        if !compiled.forbiddenLists.isEmpty {
            for (rule, list) in compiled.listedIn(buffer) { violations.append(ViolationText.listed(rule, list)) }
        }
        return violations
    }
}

/// Where the scan puts what only messages need: every disallowed position and long run.
protocol ScanDetail {
    mutating func disallowed(at position: Int)
    mutating func longRun(_ run: Violation.Run)
}

/// Records nothing: the codes need no positions (and so the scan allocates nothing).
struct NoScanDetail: ScanDetail {
    @inline(__always) mutating func disallowed(at position: Int) {}
    @inline(__always) mutating func longRun(_ run: Violation.Run) {}
}

/// Records the 1-based position of every disallowed scalar and every run longer than
/// `maxConsecutive`, for the messages of ``PasswordScan/violations(_:_:_:context:)``.
struct RecordedScanDetail: ScanDetail {
    private(set) var disallowedPositions: [Int] = []
    private(set) var longRuns: [Violation.Run] = []
    mutating func disallowed(at position: Int) { disallowedPositions.append(position) }
    mutating func longRun(_ run: Violation.Run) { longRuns.append(run) }
}
