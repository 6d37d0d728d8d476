/// The facts of one password under one compiled policy, gathered in one pass over its
/// scalars: what `validate`, `violationCodes` and the messages read.
///
/// The yes-or-no fast path (`isValid`) is separate and independent; this scan runs only for
/// passwords that fail it, and on valid UTF-8 only. With `recordingDetail` off it records
/// no positions or runs, so the codes of a failure cost no allocation (but for per-class
/// counts, which need a tally).
struct PasswordScan {
    /// The length in Unicode scalars.
    private(set) var length = 0
    /// The union of every scalar's table mask: which classes are present.
    private(set) var presence: UInt64 = 0
    private(set) var firstMask: UInt64 = 0
    private(set) var lastMask: UInt64 = 0
    /// Whether any scalar is in no class (and the policy does not allow others).
    private(set) var hasDisallowed = false
    /// The 1-based positions of every disallowed scalar (recorded only with detail).
    private(set) var disallowedPositions: [Int] = []
    /// Whether any run is longer than `maxConsecutive`.
    private(set) var runExceeded = false
    /// Every run longer than `maxConsecutive` (recorded only with detail).
    private(set) var longRuns: [Violation.Run] = []
    /// The number of scalars of each class (counted only when the policy has count requirements).
    private(set) var classTally: [Int] = []

    @inline(__always)
    init(_ buffer: UnsafeBufferPointer<UInt8>, _ compiled: CompiledPolicy, recordingDetail: Bool) {
        // Locals in the loop, stored once at the end: the scan stays in registers.
        let table = compiled.table
        let classMask = table.classMask
        let allowOther = compiled.policy.allowsOtherCharacters
        let maxRun = compiled.policy.maxConsecutive ?? Int.max
        let tallying = !compiled.counts.isEmpty
        if tallying { classTally = [Int](repeating: 0, count: compiled.classMembers.count) }
        var length = 0, presence: UInt64 = 0, firstMask: UInt64 = 0, lastMask: UInt64 = 0
        var hasDisallowed = false
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
                if recordingDetail { disallowedPositions.append(length) }
            }
            if length == 1 { firstMask = mask }
            lastMask = mask
            presence |= mask
            if tallying { tally(mask & classMask) }
            if value == previous {
                run &+= 1
                continue
            }
            if run > maxRun { closeRun(start: runStart, length: run, recording: recordingDetail) }
            previous = value
            run = 1
            runStart = length
        }
        if run > maxRun { closeRun(start: runStart, length: run, recording: recordingDetail) }
        self.length = length
        self.presence = presence
        self.firstMask = firstMask
        self.lastMask = lastMask
        self.hasDisallowed = hasDisallowed
    }

    @inline(__always)
    private mutating func tally(_ classBits: UInt64) {
        var mask = classBits
        while mask != 0 {
            classTally[mask.trailingZeroBitCount] += 1
            mask &= mask - 1
        }
    }

    @inline(__always)
    /// Records a run longer than `maxConsecutive`.
    private mutating func closeRun(start: Int, length: Int, recording: Bool) {
        runExceeded = true
        if recording { longRuns.append(Violation.Run(position: start, length: length)) }
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
        if !context.isEmpty, !compiled.policy.forbidContext.isEmpty, compiled.containedContext(buffer, context).contains(where: { _ in true }) {
            codes.insert(.contextContained)
        }
        if !compiled.forbiddenLists.isEmpty, compiled.isListed(buffer) { codes.insert(.blocklistContained) }
        return codes
    }

    /// Every violation with its message and detail, in the order of `policy-format.md`'s table.
    func violations(_ compiled: CompiledPolicy, _ buffer: UnsafeBufferPointer<UInt8>, context: [String: String]) -> [Violation] {
        let policy = compiled.policy
        let names = policy.classes.map(\.name)
        var violations: [Violation] = []
        if let length = ViolationText.length(length, policy.length) { violations.append(length) }
        if hasDisallowed { violations.append(ViolationText.disallowed(disallowedPositions, classNames: names)) }
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
        if runExceeded { violations.append(ViolationText.runs(longRuns, limit: policy.maxConsecutive ?? Int.max)) }
        for (rule, outcome) in compiled.patternOutcomes(buffer) where outcome != .noMatch {
            violations.append(ViolationText.pattern(rule, outcome: outcome))
        }
        for name in compiled.containedContext(buffer, context) { violations.append(ViolationText.context(name)) }
        for (rule, list) in compiled.listedIn(buffer) { violations.append(ViolationText.listed(rule, list)) }
        return violations
    }
}
