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
    /// More states than this and the generator refuses the policy (``GenerationError/Code/tooComplex``).
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

    init(alphabet: GenerationAlphabet, rules: GenerationRules) throws(GenerationError) {
        let space = try StateSpace(rules: rules)
        var builder = Builder()
        _ = try builder.intern(space.startKey, depth: 0)
        // Breadth-first: states are numbered in order of discovery, so `distance` is the
        // fewest characters that reach each.
        var cursor = 0
        while cursor < builder.keys.count {
            try builder.addTransitions(from: cursor, alphabet: alphabet, space: space)
            cursor += 1
        }
        stateCount = builder.keys.count
        start = 0
        accepting = builder.keys.map(space.isAccepting)
        shortestAccepted = zip(accepting, builder.distance).filter(\.0).map(\.1).min()
        lastAtom = builder.keys.map(\.last)
        tracksRuns = space.tracksRuns
        transitionStart = builder.transitionStart
        transitionAtom = builder.transitionAtom
        transitionMultiplicity = builder.transitionMultiplicity
        transitionNext = builder.transitionNext
        transitionRepeats = builder.transitionRepeats
    }
}
