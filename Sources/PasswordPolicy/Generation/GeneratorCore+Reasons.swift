extension GeneratorCore {
    /// Why no password exists at `lengths`, in words.
    func reason(noPasswordIn lengths: ClosedRange<Int>) -> String {
        let atoms = alphabet.atoms
        let what = lengths.lowerBound == lengths.upperBound ? "of length \(lengths.lowerBound)" : "of length \(lengths.lowerBound) to \(lengths.upperBound)"
        if lengths.upperBound >= 1, atoms.allSatisfy(\.leadingForbidden) {
            return "forbidLeading excludes every character left to draw, so no password \(what) can start"
        }
        if lengths.upperBound >= 1, atoms.allSatisfy(\.trailingForbidden) {
            return "forbidTrailing excludes every character left to draw, so no password \(what) can end"
        }
        for bound in rules.counts {
            if let max = bound.max, bound.min > max {
                return "class \"\(compiled.policy.classes[bound.index].name)\" must have at least \(bound.min) and at most \(max) characters"
            }
        }
        guard let shortest = automaton.shortestAccepted else {
            return "the requirements can never all be met with the characters left to draw"
        }
        if shortest > lengths.upperBound {
            return "the requirements need at least \(shortest) characters, so there is no compliant password \(what)"
        }
        if let run = rules.maxConsecutive, alphabet.count == 1, lengths.lowerBound > run {
            return "only one character is left to draw and maxConsecutive allows it at most \(run) times in a row"
        }
        if let accepted = automaton.acceptedLengths(alphabet: alphabet), accepted.first(from: lengths.lowerBound) == nil,
           let longest = accepted.last(below: lengths.lowerBound) {
            return "the rules allow no password longer than \(longest) \(Messages.characters(longest)) with the characters left to draw, so there is no compliant password \(what)"
        }
        var message = "no password \(what) meets every rule at once (requirements, per-class limits, forbidLeading, forbidTrailing, maxConsecutive) with the characters left to draw"
        let policy = compiled.policy
        let possible = (policy.length.min...Swift.max(policy.length.min, preparedLength)).filter { $0 <= preparedLength }.filter { !Limbs.isZeroWords(lengthCounts[$0]) }
        if let first = possible.first, let last = possible.last {
            message += first == last ? "; only length \(first) has compliant passwords" : "; lengths \(first) to \(last) have compliant passwords"
        }
        return message
    }
}
