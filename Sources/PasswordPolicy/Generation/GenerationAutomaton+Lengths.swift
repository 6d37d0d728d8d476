/// The lengths at which an automaton accepts some password, for every length at once: an
/// explicit prefix, then a repeating cycle.
///
/// Length `L` is accepted when some password of exactly `L` characters satisfies the rules
/// the automaton tracks (with `forbidLeading` and `forbidTrailing`), that is when
/// ``CountTable`` would count a nonzero number of them.
struct AcceptedLengths: Sendable, Equatable {
    /// Whether each length `0 ..< accepted.count` is accepted.
    let accepted: [Bool]
    /// From `cycleStart` on, acceptance repeats with this period:
    /// `contains(L) == contains(L + period)` for every `L >= cycleStart`
    /// (`cycleStart + period <= accepted.count`).
    let cycleStart: Int
    let period: Int

    func contains(_ length: Int) -> Bool {
        guard length >= 0 else { return false }
        if length < accepted.count { return accepted[length] }
        return accepted[cycleStart + (length - cycleStart) % period]
    }

    /// Whether arbitrarily long passwords exist.
    var isUnbounded: Bool { accepted[cycleStart ..< cycleStart + period].contains(true) }

    /// The shortest accepted length from `lower` to `upper` (no upper bound when nil).
    func first(from lower: Int, through upper: Int? = nil) -> Int? {
        let lower = Swift.max(lower, 0)
        // Past `accepted.count`, one period covers every length that recurs.
        let base = Swift.max(lower, accepted.count)
        let end = base > Int.max - period ? Int.max : base + period
        var length = lower
        while length < end {
            if let upper, length > upper { return nil }
            if contains(length) { return length }
            length += 1
        }
        return nil
    }

    /// The longest accepted length below `bound`.
    func last(below bound: Int) -> Int? {
        var length = bound - 1
        var steps = 0
        while length >= accepted.count, steps < period {
            if contains(length) { return length }
            length -= 1
            steps += 1
        }
        length = Swift.min(length, accepted.count - 1)
        while length >= 0 {
            if accepted[length] { return length }
            length -= 1
        }
        return nil
    }
}

extension GenerationAutomaton {
    /// How many transitions ``acceptedLengths(alphabet:)`` may follow before giving up.
    /// Far above what any policy of realistic size needs (its walks settle within a few
    /// dozen steps); it bounds pathological automata only.
    static let lengthAnalysisLimit = 1 << 27

    /// Every length at which some password is accepted, decided by reachability over the
    /// automaton's finite state graph rather than by counting length after length. Nil only
    /// when the analysis would follow more than ``lengthAnalysisLimit`` transitions.
    ///
    /// A password of `L >= 2` characters is a walk: a first transition from the start state
    /// on an atom allowed first, `L - 2` transitions, and a last transition on an atom
    /// allowed last into an accepting state. With `F(1)` the states one character allowed
    /// first reaches and `F(k + 1)` the successors of `F(k)`, `L` is accepted exactly when
    /// `F(L - 1)` holds a state with such a last transition. States that cannot end a
    /// password are left out of every `F(k)` (so the sets empty once no longer password
    /// exists). Each `F(k)` is one of finitely many subsets and determines the next, so the
    /// sequence repeats: Brent's cycle detection finds the repeat keeping two sets, and
    /// the lengths seen up to it, with its period, decide every length.
    func acceptedLengths(alphabet: GenerationAlphabet) -> AcceptedLengths? {
        let ends = endStates(alphabet)
        var walk = StateSetWalk(automaton: self, useful: statesReaching(ends), ends: ends)
        // Lengths 0 and 1, where the first character is also the last.
        var accepted = [accepting[start], false]
        var first = walk.emptySet
        for t in transitionStart[start]..<transitionStart[start + 1] {
            let atom = alphabet.atoms[Int(transitionAtom[t])]
            guard !atom.leadingForbidden else { continue }
            let next = Int(transitionNext[t])
            if !atom.trailingForbidden, accepting[next] { accepted[1] = true }
            walk.insert(next, into: &first)
        }
        // `F(k)` decides length `k + 1`.
        var tortoise = first
        var tortoiseIndex = 1
        accepted.append(walk.endsHere(first))
        if walk.isEmpty(first) { return AcceptedLengths(accepted: accepted, cycleStart: 2, period: 1) }
        var hare = walk.step(first)
        var hareIndex = 2
        accepted.append(walk.endsHere(hare))
        var power = 1
        var lambda = 1   // hareIndex - tortoiseIndex
        while hare != tortoise {
            if walk.isEmpty(hare) { return AcceptedLengths(accepted: accepted, cycleStart: hareIndex + 1, period: 1) }
            if power == lambda {
                tortoise = hare
                tortoiseIndex = hareIndex
                power *= 2
                lambda = 0
            }
            hare = walk.step(hare)
            hareIndex += 1
            lambda += 1
            accepted.append(walk.endsHere(hare))
            if walk.work > GenerationAutomaton.lengthAnalysisLimit { return nil }
        }
        // F(tortoiseIndex) == F(tortoiseIndex + lambda): periodic from there on.
        return AcceptedLengths(accepted: accepted, cycleStart: tortoiseIndex + 1, period: lambda)
    }

    /// States with an allowed-last transition into an accepting state.
    private func endStates(_ alphabet: GenerationAlphabet) -> [Bool] {
        var ends = [Bool](repeating: false, count: stateCount)
        for state in 0..<stateCount {
            for t in transitionStart[state]..<transitionStart[state + 1]
            where !alphabet.atoms[Int(transitionAtom[t])].trailingForbidden && accepting[Int(transitionNext[t])] {
                ends[state] = true
                break
            }
        }
        return ends
    }

    /// States from which some walk reaches one of `ends`: backwards over reversed transitions.
    private func statesReaching(_ ends: [Bool]) -> [Bool] {
        let states = stateCount
        var predecessorStart = [Int](repeating: 0, count: states + 1)
        for next in transitionNext { predecessorStart[Int(next) + 1] += 1 }
        for state in 0..<states { predecessorStart[state + 1] += predecessorStart[state] }
        var fill = predecessorStart
        var predecessors = [Int32](repeating: 0, count: transitionNext.count)
        for state in 0..<states {
            for t in transitionStart[state]..<transitionStart[state + 1] {
                let next = Int(transitionNext[t])
                predecessors[fill[next]] = Int32(state)
                fill[next] += 1
            }
        }
        var useful = ends
        var stack = (0..<states).filter { ends[$0] }
        while let state = stack.popLast() {
            for p in predecessorStart[state]..<predecessorStart[state + 1] where !useful[Int(predecessors[p])] {
                useful[Int(predecessors[p])] = true
                stack.append(Int(predecessors[p]))
            }
        }
        return useful
    }
}

/// Sets of automaton states as bit sets, stepped one character at a time; only states that
/// can still end a password are kept. Counts the transitions it follows.
struct StateSetWalk {
    let automaton: GenerationAutomaton
    let useful: [Bool]
    let endBits: [UInt64]
    private(set) var work = 0

    init(automaton: GenerationAutomaton, useful: [Bool], ends: [Bool]) {
        self.automaton = automaton
        self.useful = useful
        var endBits = [UInt64](repeating: 0, count: (automaton.stateCount + 63) / 64)
        for state in ends.indices where ends[state] { endBits[state >> 6] |= 1 << UInt64(state & 63) }
        self.endBits = endBits
    }

    var emptySet: [UInt64] { [UInt64](repeating: 0, count: endBits.count) }

    func insert(_ state: Int, into set: inout [UInt64]) {
        if useful[state] { set[state >> 6] |= 1 << UInt64(state & 63) }
    }

    /// The useful successors of every state in `set`.
    mutating func step(_ set: [UInt64]) -> [UInt64] {
        var next = emptySet
        for (w, word) in set.enumerated() {
            var bits = word
            while bits != 0 {
                let state = w << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                let transitions = automaton.transitionStart[state]..<automaton.transitionStart[state + 1]
                work += transitions.count
                for t in transitions { insert(Int(automaton.transitionNext[t]), into: &next) }
            }
        }
        return next
    }

    func endsHere(_ set: [UInt64]) -> Bool { zip(set, endBits).contains { $0 & $1 != 0 } }
    func isEmpty(_ set: [UInt64]) -> Bool { !set.contains { $0 != 0 } }
}
