/// The states exact counting walks through, left to right over a password, and the
/// transitions between them.
///
/// A state holds exactly what the rest of the password needs to know about the part
/// already written:
/// - presence bits for the classes `atLeast` requirements name (canonicalised: a class
///   that only matters to requirements already met is marked present, so states that
///   cannot be told apart merge);
/// - a counter per class with a `min`/`max` requirement (up to `max`, past which the
///   transition is dropped; or saturating at `min` when there is no maximum);
/// - with `maxConsecutive`, the atom of the last character and the length of its run.
///   A run is a repeat of the *same* character, so from a state whose last atom is `a`,
///   appending the same character again is one transition of multiplicity 1 (run + 1),
///   and any other member of `a` is a transition of multiplicity `|a| - 1` (run 1).
///
/// `forbidLeading` and `forbidTrailing` are not part of the state: they filter the
/// transitions taken at the first and at the last position.
struct GenerationAutomaton: Sendable {
    /// More states than this and the generator refuses the policy (``GenerationError/tooComplex(states:limit:)``).
    static let stateLimit = 1 << 16
    /// More transitions than this and the generator refuses the policy.
    static let transitionLimit = 1 << 22

    let stateCount: Int
    let start: Int
    let accepting: [Bool]
    /// Transitions of state `i` are `transitionStart[i] ..< transitionStart[i + 1]`.
    let transitionStart: [Int]
    let transitionAtom: [Int32]
    let transitionMultiplicity: [UInt64]
    let transitionNext: [Int32]
    /// Whether the transition repeats the previous character (multiplicity 1).
    let transitionRepeats: [Bool]
    /// The atom of each state's last character (-1: none, or runs are not tracked).
    let lastAtom: [Int32]
    let tracksRuns: Bool
    /// The fewest characters after which some state is accepting (ignoring leading and
    /// trailing rules), or nil when none is reachable.
    let shortestAccepted: Int?

    private struct Key: Hashable {
        var presence: UInt64
        var counts: UInt64
        var last: Int32
        var run: Int32
    }

    init(alphabet: GenerationAlphabet, rules: GenerationRules) throws(GenerationError) {
        let presenceMask = rules.presenceMask
        let atLeast = rules.atLeast
        let counts = rules.counts
        // Mixed-radix packing of the counters.
        var radices: [UInt64] = []
        var places: [UInt64] = []
        var place: UInt64 = 1
        for bound in counts {
            let radix = UInt64(bound.max ?? bound.min) + 1
            places.append(place)
            radices.append(radix)
            let (next, overflow) = place.multipliedReportingOverflow(by: radix)
            if overflow { throw .tooComplex(states: Int.max, limit: GenerationAutomaton.stateLimit) }
            place = next
        }
        let tracksRuns = rules.maxConsecutive != nil
        let maxRun = Int32(clamping: rules.maxConsecutive ?? Int.max)

        func canonical(_ presence: UInt64) -> UInt64 {
            var needed: UInt64 = 0
            for requirement in atLeast where (presence & requirement.mask).nonzeroBitCount < requirement.count {
                needed |= requirement.mask
            }
            return presence | (presenceMask & ~needed)
        }
        func isAccepting(_ key: Key) -> Bool {
            for requirement in atLeast where (key.presence & requirement.mask).nonzeroBitCount < requirement.count { return false }
            for (slot, bound) in counts.enumerated() where Int((key.counts / places[slot]) % radices[slot]) < bound.min { return false }
            return true
        }
        /// The key after appending a character of `atom`, or nil when a class maximum is exceeded.
        func advance(_ key: Key, atom: GenerationAlphabet.Atom) -> Key? {
            var next = key
            next.presence = canonical(key.presence | (atom.classMask & presenceMask))
            for (slot, bound) in counts.enumerated() where atom.classMask & (1 << UInt64(bound.index)) != 0 {
                let value = (next.counts / places[slot]) % radices[slot]
                if let max = bound.max {
                    if value >= UInt64(max) { return nil }
                    next.counts += places[slot]
                } else if value < UInt64(bound.min) {
                    next.counts += places[slot]
                }
            }
            return next
        }

        var index: [Key: Int32] = [:]
        var keys: [Key] = []
        var distance: [Int] = []
        func intern(_ key: Key, depth: Int) throws(GenerationError) -> Int32 {
            if let known = index[key] { return known }
            let id = Int32(keys.count)
            if keys.count >= GenerationAutomaton.stateLimit {
                throw .tooComplex(states: keys.count + 1, limit: GenerationAutomaton.stateLimit)
            }
            index[key] = id
            keys.append(key)
            distance.append(depth)
            return id
        }
        let startKey = Key(presence: canonical(0), counts: 0, last: -1, run: 0)
        _ = try intern(startKey, depth: 0)

        var transitionStart: [Int] = [0]
        var transitionAtom: [Int32] = []
        var transitionMultiplicity: [UInt64] = []
        var transitionNext: [Int32] = []
        var transitionRepeats: [Bool] = []
        var cursor = 0
        // Breadth-first: states are numbered in order of discovery, so `distance` is the
        // fewest characters that reach each.
        while cursor < keys.count {
            let key = keys[cursor]
            let depth = distance[cursor]
            for (atomIndex, atom) in alphabet.atoms.enumerated() {
                guard let advanced = advance(key, atom: atom) else { continue }
                let isLast = tracksRuns && key.last == Int32(atomIndex)
                let others = UInt64(atom.count) - (isLast ? 1 : 0)
                if others > 0 {
                    var next = advanced
                    next.last = tracksRuns ? Int32(atomIndex) : -1
                    next.run = tracksRuns ? 1 : 0
                    transitionAtom.append(Int32(atomIndex))
                    transitionMultiplicity.append(others)
                    transitionNext.append(try intern(next, depth: depth + 1))
                    transitionRepeats.append(false)
                }
                if isLast, key.run < maxRun {
                    var next = advanced
                    next.run = key.run + 1
                    transitionAtom.append(Int32(atomIndex))
                    transitionMultiplicity.append(1)
                    transitionNext.append(try intern(next, depth: depth + 1))
                    transitionRepeats.append(true)
                }
            }
            if transitionAtom.count > GenerationAutomaton.transitionLimit {
                throw .tooComplex(states: keys.count, limit: GenerationAutomaton.stateLimit)
            }
            transitionStart.append(transitionAtom.count)
            cursor += 1
        }
        stateCount = keys.count
        start = 0
        accepting = keys.map(isAccepting)
        shortestAccepted = zip(accepting, distance).filter(\.0).map(\.1).min()
        lastAtom = keys.map(\.last)
        self.tracksRuns = tracksRuns
        self.transitionStart = transitionStart
        self.transitionAtom = transitionAtom
        self.transitionMultiplicity = transitionMultiplicity
        self.transitionNext = transitionNext
        self.transitionRepeats = transitionRepeats
    }
}
