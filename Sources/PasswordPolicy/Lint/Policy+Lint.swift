/// Every problem of a policy, for people editing policy files.
///
/// Lint runs the same checks as loading and compiling (``Policy/init(json:)`` and
/// ``CompiledPolicy/init(_:)``: JSON syntax, schema and unknown keys, references, numbers,
/// PCRE2 errors with their offsets) and adds the contradictions that only show once the
/// classes' members are known: rules that no password can satisfy together.
///
/// ```swift
/// let problems = Policy.lint(json: Array(fileText.utf8))
/// for problem in problems { print(problem) }   // "require[0].atLeast: requires 5 classes but ..."
/// ```
///
/// The contradictions found are proofs, never guesses: a problem reported here means no
/// password can satisfy the policy (or the rule named is dead). Beyond them, reachability
/// over the exact counting automaton decides whether any password exists, at any length the
/// policy allows (see ``PolicyLintReport``, which also carries warnings and the counts per
/// length). `forbidPatterns` are not analysed for emptiness; a
/// pattern that matches every password is not detected.
extension Policy {
    /// Every problem in the bytes of a policy file. Empty when the file is a policy that
    /// compiles and has no contradiction found.
    ///
    /// A document that is not valid JSON, or does not decode, stops at that problem (the
    /// rest of the file cannot be read reliably); otherwise every problem is listed.
    public static func lint(json bytes: some Collection<UInt8>) -> [PolicyProblem] {
        lintReport(json: bytes).errors
    }

    /// Every problem of this policy: those that stop it compiling, or else the
    /// contradictions among its rules. Empty when the policy is clean.
    public func lint() -> [PolicyProblem] {
        lintReport().errors
    }
}

extension CompiledPolicy {
    /// Rules that cannot all hold, found from the classes' exact members.
    func contradictions() -> [PolicyProblem] {
        var analysis = ContradictionAnalysis(self)
        analysis.run()
        return analysis.problems
    }
}

/// The checks behind ``CompiledPolicy/contradictions()``. Each check is sound: it reports
/// only what holds for every password.
private struct ContradictionAnalysis {
    /// A run of scalars that every class, `forbidLeading` and `forbidTrailing` treat alike.
    struct Segment {
        var range: ClosedRange<UInt32>
        var mask: UInt64
        var count: Int { Int(range.upperBound - range.lowerBound) + 1 }
    }

    /// A count bound and the requirement it comes from.
    struct Bound {
        var value: Int
        var requirement: Int
    }

    let compiled: CompiledPolicy
    let policy: Policy
    let names: [String]
    var problems: [PolicyProblem] = []
    /// The largest `min` and the smallest `max` given for each class.
    var minimum: [Bound?]
    var maximum: [Bound?]
    /// Every scalar value in runs that every class, `forbidLeading` and `forbidTrailing` treat
    /// alike (surrogates left out).
    var segments: [Segment] = []

    init(_ compiled: CompiledPolicy) {
        self.compiled = compiled
        policy = compiled.policy
        names = policy.classes.map(\.name)
        minimum = Array(repeating: nil, count: names.count)
        maximum = Array(repeating: nil, count: names.count)
        let index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (position, requirement) in policy.requirements.enumerated() {
            guard case .count(let name, let min, let max) = requirement, let slot = index[name] else { continue }
            if let min, min > (minimum[slot]?.value ?? 0) { minimum[slot] = Bound(value: min, requirement: position) }
            if let max, max < (maximum[slot]?.value ?? Int.max) { maximum[slot] = Bound(value: max, requirement: position) }
        }
        segments = ContradictionAnalysis.segments(of: compiled)
    }

    mutating func add(_ keyPath: String, _ message: String) {
        problems.append(PolicyProblem(keyPath: keyPath, message: message))
    }

    static func segments(of compiled: CompiledPolicy) -> [Segment] {
        var segments: [Segment] = []
        for (range, mask) in compiled.table.runs {
            if range.lowerBound < 0xD800 { segments.append(Segment(range: range.lowerBound...min(range.upperBound, 0xD7FF), mask: mask)) }
            if range.upperBound > 0xDFFF { segments.append(Segment(range: max(range.lowerBound, 0xE000)...range.upperBound, mask: mask)) }
        }
        return segments
    }

    var classBits: UInt64 { compiled.table.classMask }

    /// Classes whose characters may not appear at all (`max` 0), as a mask.
    var bannedClasses: UInt64 {
        maximum.enumerated().reduce(UInt64(0)) { $0 | ($1.element?.value == 0 ? UInt64(1) << UInt64($1.offset) : 0) }
    }

    /// Whether a password may contain the characters of this segment at all.
    func usable(_ segment: Segment) -> Bool {
        let classes = segment.mask & classBits
        if classes == 0 { return policy.allowsOtherCharacters }
        return classes & bannedClasses == 0
    }

    func bit(_ index: Int) -> UInt64 { UInt64(1) << UInt64(index) }

    func quoted(_ indices: some Sequence<Int>) -> String { Messages.list(indices.map { "\"\(names[$0])\"" }) }

    mutating func run() {
        checkUsableCharacters()
        checkClassBounds()
        checkDisjointMinimums()
        checkAtLeast()
        checkEnds()
        checkRuns()
    }

    /// Some character must be usable when a password needs one.
    mutating func checkUsableCharacters() {
        guard policy.length.min > 0, !segments.contains(where: usable) else { return }
        add("require", "every allowed character is in a class that allows at most 0 characters (\(quoted(bannedIndices))), so no password of length \(policy.length.min) or more exists")
    }

    var bannedIndices: [Int] { names.indices.filter { bannedClasses & bit($0) != 0 } }

    /// A class's minimum against its own maximum (from another requirement), and against
    /// the maximum of any class that contains all its usable characters.
    mutating func checkClassBounds() {
        for index in names.indices {
            guard let low = minimum[index] else { continue }
            let path = "require[\(low.requirement)].min"
            let usableHere = segments.filter { usable($0) && $0.mask & bit(index) != 0 }
            if usableHere.isEmpty {
                add(path, "requires \(low.value) \(Messages.characters(low.value)) from \"\(names[index])\", but every character of \"\(names[index])\" is also in a class that allows at most 0 (\(quoted(bannedIndices)))")
                continue
            }
            for other in names.indices {
                guard let high = maximum[other], low.value > high.value else { continue }
                if other == index {
                    if high.requirement != low.requirement {
                        add(path, "requires at least \(low.value) \(Messages.characters(low.value)) from \"\(names[index])\", but require[\(high.requirement)] allows at most \(high.value)")
                    }
                    continue
                }
                // Every usable character of `index` is also in `other`.
                if usableHere.allSatisfy({ $0.mask & bit(other) != 0 }) {
                    add(path, "requires at least \(low.value) \(Messages.characters(low.value)) from \"\(names[index])\", but each of them is also in \"\(names[other])\", which require[\(high.requirement)] limits to at most \(high.value)")
                }
            }
        }
    }

    /// Classes that share no character need separate characters for their minimums.
    mutating func checkDisjointMinimums() {
        guard let lengthMax = policy.length.max else { return }
        let required = names.indices.filter { (minimum[$0]?.value ?? 0) > 0 }
        guard required.count > 1, required.count <= 16 else { return }
        func disjoint(_ a: Int, _ b: Int) -> Bool { compiled.classMembers[a].intersection(compiled.classMembers[b]).isEmpty }
        var best: (total: Int, members: [Int]) = (0, [])
        for subset in 1..<(1 << required.count) {
            let members = required.indices.filter { subset & (1 << $0) != 0 }.map { required[$0] }
            guard members.count > 1 else { continue }
            var pairwise = true
            for (i, a) in members.enumerated() where pairwise {
                for b in members[(i + 1)...] where !disjoint(a, b) { pairwise = false; break }
            }
            guard pairwise else { continue }
            let total = members.reduce(0) { $0 + (minimum[$1]?.value ?? 0) }
            if total > best.total { best = (total, members) }
        }
        if best.total > lengthMax {
            let parts = best.members.map { "\"\(names[$0])\" (at least \(minimum[$0]?.value ?? 0))" }
            add("length.max", "the classes \(Messages.list(parts)) share no character, so at least \(best.total) characters are needed, but length.max is \(lengthMax)")
        }
    }

    /// An `atLeast` needs enough usable classes, and enough length to show them.
    mutating func checkAtLeast() {
        let index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (position, requirement) in policy.requirements.enumerated() {
            guard case .atLeast(let count, let of) = requirement else { continue }
            let members = Set((of ?? names).compactMap { index[$0] })
            // The structural checks already report a count above the number of classes named.
            guard count >= 1, count <= members.count else { continue }
            let mask = members.reduce(UInt64(0)) { $0 | bit($1) }
            let usableSegments = segments.filter(usable)
            let reachable = usableSegments.reduce(UInt64(0)) { $0 | ($1.mask & mask) }
            let path = "require[\(position)].atLeast"
            if reachable.nonzeroBitCount < count {
                let dead = members.filter { reachable & bit($0) == 0 }.sorted()
                add(path, "requires \(count) of the classes but only \(reachable.nonzeroBitCount) can be used: every character of \(quoted(dead)) is in a class that allows at most 0")
                continue
            }
            guard let lengthMax = policy.length.max else { continue }
            let widest = usableSegments.map { ($0.mask & mask).nonzeroBitCount }.max() ?? 0
            let needed = (count + widest - 1) / max(widest, 1)
            if needed > lengthMax {
                add(path, "requires characters from \(count) classes; no character belongs to more than \(widest) of them, so at least \(needed) characters are needed, but length.max is \(lengthMax)")
            }
        }
    }

    /// Some usable character must be allowed first (and last) when a password has one.
    mutating func checkEnds() {
        guard policy.length.min > 0 else { return }
        let usableSegments = segments.filter(usable)
        guard !usableSegments.isEmpty else { return }
        let canLead = usableSegments.contains { $0.mask & CharacterTable.leadingBit == 0 }
        let canTrail = usableSegments.contains { $0.mask & CharacterTable.trailingBit == 0 }
        if !canLead { add("forbidLeading", "every allowed character is forbidden as the first character, so no password of length \(policy.length.min) or more exists") }
        if !canTrail { add("forbidTrailing", "every allowed character is forbidden as the last character, so no password of length \(policy.length.min) or more exists") }
        if canLead, canTrail, policy.length.max == 1,
           !usableSegments.contains(where: { $0.mask & (CharacterTable.leadingBit | CharacterTable.trailingBit) == 0 }) {
            add("length", "a password of one character must be allowed both first and last, and no allowed character is")
        }
    }

    /// With a single usable character, runs limit the length.
    mutating func checkRuns() {
        guard let run = policy.maxConsecutive, run >= 1 else { return }
        let usableCount = segments.filter(usable).reduce(0) { $0 + $1.count }
        if usableCount == 1, run < policy.length.min {
            add("maxConsecutive", "only one character is allowed and it may repeat at most \(run) \(run == 1 ? "time" : "times") in a row, so no password reaches length.min \(policy.length.min)")
        }
    }
}
