extension GenerationAutomaton {
    /// A state's contents: presence bits, packed class counters, last atom and run length.
    struct Key: Hashable {
        var presence: UInt64
        var counts: UInt64
        var last: Int32
        var run: Int32
    }

    /// What a state holds and how a character changes it, from the policy's rules.
    struct StateSpace {
        let presenceMask: UInt64
        let atLeast: [(count: Int, mask: UInt64)]
        let counts: [(index: Int, min: Int, max: Int?)]
        /// Mixed-radix packing of the counters: slot `i` is `(counts / places[i]) % radices[i]`.
        let radices: [UInt64]
        let places: [UInt64]
        let tracksRuns: Bool
        let maxRun: Int32

        init(rules: GenerationRules) throws(GenerationError) {
            presenceMask = rules.presenceMask
            atLeast = rules.atLeast
            counts = rules.counts
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
            self.radices = radices
            self.places = places
            tracksRuns = rules.maxConsecutive != nil
            maxRun = Int32(clamping: rules.maxConsecutive ?? Int.max)
        }

        var startKey: Key { Key(presence: canonical(0), counts: 0, last: -1, run: 0) }

        /// Presence with every class that only matters to requirements already met marked
        /// present, so that states that cannot be told apart merge.
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
    }

    /// The states found so far, numbered in order of discovery, and their transitions.
    struct Builder {
        private var index: [Key: Int32] = [:]
        private(set) var keys: [Key] = []
        private(set) var distance: [Int] = []
        private(set) var transitionStart: [Int] = [0]
        private(set) var transitionAtom: [Int32] = []
        private(set) var transitionMultiplicity: [UInt64] = []
        private(set) var transitionNext: [Int32] = []
        private(set) var transitionRepeats: [Bool] = []

        /// The number of `key`, numbering it when it is new.
        mutating func intern(_ key: Key, depth: Int) throws(GenerationError) -> Int32 {
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

        /// Every transition of state `state`: for each atom, one to a new run (the atom's
        /// other members) and, with runs tracked, one repeating the last character.
        mutating func addTransitions(from state: Int, alphabet: GenerationAlphabet, space: StateSpace) throws(GenerationError) {
            let key = keys[state]
            let depth = distance[state]
            for (atomIndex, atom) in alphabet.atoms.enumerated() {
                guard let advanced = space.advance(key, atom: atom) else { continue }
                let isLast = space.tracksRuns && key.last == Int32(atomIndex)
                let others = UInt64(atom.count) - (isLast ? 1 : 0)
                if others > 0 {
                    var next = advanced
                    next.last = space.tracksRuns ? Int32(atomIndex) : -1
                    next.run = space.tracksRuns ? 1 : 0
                    try add(atom: atomIndex, multiplicity: others, to: next, depth: depth + 1, repeats: false)
                }
                if isLast, key.run < space.maxRun {
                    var next = advanced
                    next.run = key.run + 1
                    try add(atom: atomIndex, multiplicity: 1, to: next, depth: depth + 1, repeats: true)
                }
            }
            if transitionAtom.count > GenerationAutomaton.transitionLimit {
                throw .tooComplex(states: keys.count, limit: GenerationAutomaton.stateLimit)
            }
            transitionStart.append(transitionAtom.count)
        }

        private mutating func add(atom: Int, multiplicity: UInt64, to next: Key, depth: Int, repeats: Bool) throws(GenerationError) {
            transitionAtom.append(Int32(atom))
            transitionMultiplicity.append(multiplicity)
            transitionNext.append(try intern(next, depth: depth))
            transitionRepeats.append(repeats)
        }
    }
}
