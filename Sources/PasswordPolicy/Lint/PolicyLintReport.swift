/// Everything `lint` finds in one policy: errors, warnings, and whether any password can
/// satisfy it at all, decided exactly.
///
/// ```swift
/// let report = Policy.lintReport(json: Array(fileText.utf8))
/// for problem in report.errors { print("error:", problem) }
/// for warning in report.warnings { print("warning:", warning) }
/// if case .unsatisfiable(let reason) = report.satisfiability { print(reason) }
/// for entry in report.countsByLength { print(entry.length, entry.count) }   // --verbose
/// ```
///
/// The satisfiability verdict concerns the passwords made of characters the policy accepts
/// that satisfy its character rules (classes, requirements, leading and trailing rules,
/// runs), over the automaton the generator counts with (every accepted character instead
/// of the drawable ones). Its states are finite (counters stop at their bounds), so which
/// lengths admit a password is a reachability question on them, decided for the whole
/// length range, with or without `length.max`. The counts per length are that automaton's
/// exact counts. `forbidPatterns` and `forbidContext` are not analysed, so a policy is
/// reported satisfiable even if a pattern forbids everything.
public struct PolicyLintReport: Sendable {
    /// Problems that make the policy unusable: it does not decode or compile, its rules
    /// contradict each other, or no password satisfies it.
    public var errors: [PolicyProblem]
    /// Rules that can never apply, or that do less than they seem to.
    public var warnings: [PolicyProblem]
    /// Whether some password satisfies the policy; nil when it did not compile.
    public var satisfiability: Satisfiability?
    /// The exact number of accepted passwords of each length in the policy's range (at
    /// most the first ``PolicyLintReport/countedLengths`` lengths), for `lint --verbose`.
    public var countsByLength: [LengthCount]

    /// How many accepted passwords have one length.
    public struct LengthCount: Sendable, Hashable {
        /// The length, in Unicode scalars.
        public var length: Int
        /// The exact number of accepted passwords of that length.
        public var count: PasswordCount

        /// A count for one length.
        public init(length: Int, count: PasswordCount) {
            self.length = length
            self.count = count
        }
    }

    /// How many lengths, from `length.min`, are counted.
    public static let countedLengths = 64

    /// Whether any password satisfies the policy's character rules.
    public enum Satisfiability: Sendable, Equatable {
        /// Some password does; `shortest` is the shortest length that has one.
        case satisfiable(shortest: Int)
        /// None does, for this reason.
        case unsatisfiable(reason: String)
        /// Not decided, for this reason: only when the rules combine into more counting
        /// states than the generator's limit (``GenerationError/Code/tooComplex``),
        /// or, for a pathological automaton, into walks longer than the analysis follows.
        case undecided(reason: String)
    }

    /// Whether the policy has no error (warnings allowed).
    public var isClean: Bool { errors.isEmpty }
}

extension Policy {
    /// The full lint report for the bytes of a policy file.
    public static func lintReport(json bytes: some Collection<UInt8>) -> PolicyLintReport {
        do {
            return try Policy(json: bytes).lintReport()
        } catch {
            return PolicyLintReport(errors: error.problems, warnings: [], satisfiability: nil, countsByLength: [])
        }
    }

    /// The full lint report for this policy.
    public func lintReport() -> PolicyLintReport {
        lintReport(blocklists: [:])
    }

    /// The full lint report for this policy, with the `forbidList` lists that are not built
    /// in (see ``CompiledPolicy/init(_:blocklists:)``); a list missing from `blocklists` is an
    /// error at its key path.
    ///
    /// ```swift
    /// let report = policy.lintReport(blocklists: ["breached": Blocklist(name: "breached", entries: ["hunter2"])])
    /// ```
    public func lintReport(blocklists: [String: Blocklist]) -> PolicyLintReport {
        let compiled: CompiledPolicy
        do {
            compiled = try CompiledPolicy(self, blocklists: blocklists)
        } catch {
            return PolicyLintReport(errors: error.problems, warnings: [], satisfiability: nil, countsByLength: [])
        }
        return compiled.lintReport()
    }
}

extension CompiledPolicy {
    /// The full lint report for this compiled policy.
    public func lintReport() -> PolicyLintReport {
        var errors = contradictions()
        let warnings = lintWarnings()
        let (satisfiability, counts) = countAcceptedPasswords()
        if case .unsatisfiable(let reason) = satisfiability, errors.isEmpty {
            errors.append(PolicyProblem(keyPath: "", message: "no password satisfies this policy: \(reason)"))
        }
        return PolicyLintReport(errors: errors, warnings: warnings, satisfiability: satisfiability, countsByLength: counts)
    }

    /// Whether any password satisfies the character rules, without the counts: the verdict
    /// of ``lintReport()`` (``Policy/intersection(compiled:)`` uses it to decide emptiness).
    func satisfiability() -> PolicyLintReport.Satisfiability {
        do {
            let (alphabet, automaton) = try countingAutomaton()
            return satisfiability(alphabet: alphabet, automaton: automaton)
        } catch {
            return CompiledPolicy.verdict(error)
        }
    }

    /// The automaton exact counting walks, over every character the policy accepts.
    private func countingAutomaton() throws(GenerationError) -> (GenerationAlphabet, GenerationAutomaton) {
        let alphabet = try PasswordGenerator.countingAlphabet(self, options: GenerationOptions(), scope: .everyAccepted)
        return (alphabet, try GenerationAutomaton(alphabet: alphabet, rules: GenerationRules(self)))
    }

    /// The verdict when the counting automaton cannot be built.
    private static func verdict(_ error: GenerationError) -> PolicyLintReport.Satisfiability {
        switch error.kind {
        case .unsatisfiable(let reason), .emptyAlphabet(let reason):
            return .unsatisfiable(reason: reason)
        case .classEmptied(let names, let requirement, _):
            return .unsatisfiable(reason: "\(requirement) needs \(Messages.list(names)), which \(names.count == 1 ? "has" : "have") no character")
        default:
            return .undecided(reason: "\(error.description), so whether any password exists is not decided")
        }
    }

    /// The verdict, decided exactly for the policy's whole length range (bounded or not) by
    /// reachability over the automaton's states (``GenerationAutomaton/acceptedLengths(alphabet:)``).
    private func satisfiability(alphabet: GenerationAlphabet, automaton: GenerationAutomaton) -> PolicyLintReport.Satisfiability {
        let range = policy.length
        guard let lengths = automaton.acceptedLengths(alphabet: alphabet) else {
            return .undecided(reason: "the rules' \(automaton.stateCount) counting states form walks too long to follow, so whether any password exists is not decided")
        }
        if let shortest = lengths.first(from: range.min, through: range.max) { return .satisfiable(shortest: shortest) }
        guard let max = range.max else {
            guard let longest = lengths.last(below: range.min) else {
                return .unsatisfiable(reason: "no password of any length meets the character rules")
            }
            return .unsatisfiable(reason: "no length from \(range.min) up admits a password, since the character rules allow no password longer than \(longest) \(Messages.characters(longest))")
        }
        let span = range.min == max ? "length \(max) admits no password" : "no length from \(range.min) to \(max) admits a password"
        // Beyond `max` the automaton leaves out the rules that cannot bind up to `max` (class
        // maximums and runs not below it): its longer lengths are exact only without those.
        let longer = max == Int.max ? nil : lengths.first(from: max + 1)
        let exactBeyond = counts.allSatisfy { $0.max == Int.max || $0.max < max } && policy.maxConsecutive.map { $0 < max } ?? true
        switch (lengths.last(below: range.min), longer) {
        case (nil, nil): return .unsatisfiable(reason: "no password of any length meets the character rules")
        case (let shorter?, nil): return .unsatisfiable(reason: "\(span); the longest length that does is \(shorter)")
        case (nil, let longer?) where exactBeyond: return .unsatisfiable(reason: "\(span); the shortest length that does is \(longer)")
        case (let shorter?, _?) where !exactBeyond: return .unsatisfiable(reason: "\(span); the nearest shorter length that does is \(shorter)")
        case (let shorter?, let longer?): return .unsatisfiable(reason: "\(span); the nearest lengths that do are \(shorter) and \(longer)")
        case (nil, _?): return .unsatisfiable(reason: span)
        }
    }

    /// The verdict, and the exact counts of accepted passwords for the first lengths of the range.
    private func countAcceptedPasswords() -> (PolicyLintReport.Satisfiability, [PolicyLintReport.LengthCount]) {
        let alphabet: GenerationAlphabet
        let automaton: GenerationAutomaton
        do {
            (alphabet, automaton) = try countingAutomaton()
        } catch {
            return (CompiledPolicy.verdict(error), [])
        }
        let verdict = satisfiability(alphabet: alphabet, automaton: automaton)
        let range = policy.length
        guard range.min <= PasswordGenerator.maximumLength else { return (verdict, []) }
        let last = min(range.max ?? Int.max, range.min + PolicyLintReport.countedLengths - 1, PasswordGenerator.maximumLength)
        guard range.min <= last else { return (verdict, []) }
        let table = CountTable(automaton: automaton, alphabet: alphabet, rowCount: last)
        let counts = (range.min...last).map { length in
            PolicyLintReport.LengthCount(length: length, count: PasswordCount(words: table.count(length: length, automaton: automaton, alphabet: alphabet)))
        }
        return (verdict, counts)
    }

    /// Rules that can never apply, and classes whose overlap makes a requirement weaker
    /// than it reads.
    func lintWarnings() -> [PolicyProblem] {
        var warnings: [PolicyProblem] = []
        let names = policy.classes.map(\.name)
        let accepted = policy.allowsOtherCharacters ? nil : classUnion
        if let accepted, policy.forbidLeading != nil, forbiddenLeading.intersection(accepted).isEmpty {
            warnings.append(PolicyProblem(keyPath: "forbidLeading", message: "never applies: none of its characters is allowed anywhere"))
        }
        if let accepted, policy.forbidTrailing != nil, forbiddenTrailing.intersection(accepted).isEmpty {
            warnings.append(PolicyProblem(keyPath: "forbidTrailing", message: "never applies: none of its characters is allowed anywhere"))
        }
        if let limit = policy.maxConsecutive, let max = policy.length.max, limit >= max {
            warnings.append(PolicyProblem(keyPath: "maxConsecutive", message: "never applies: \(limit) is not below length.max \(max)"))
        }
        for (position, requirement) in policy.requirements.enumerated() {
            switch requirement {
            case .count(let name, let min, let max):
                if let max, let lengthMax = policy.length.max, max >= lengthMax {
                    warnings.append(PolicyProblem(keyPath: "require[\(position)].max", message: "never applies: at most \(max) of \"\(name)\" but passwords have at most \(lengthMax) characters"))
                }
                if min == 0, max == nil {
                    warnings.append(PolicyProblem(keyPath: "require[\(position)]", message: "never applies: at least 0 of \"\(name)\" always holds"))
                }
            case .atLeast(_, let of):
                let listed = (of ?? names).compactMap { names.firstIndex(of: $0) }
                for a in listed {
                    for b in listed where a != b && classMembers[a].isSubset(of: classMembers[b]) && (classMembers[a] != classMembers[b] || a < b) {
                        let same = classMembers[a] == classMembers[b]
                        warnings.append(PolicyProblem(
                            keyPath: "require[\(position)]",
                            message: same
                                ? "\"\(names[a])\" and \"\(names[b])\" have the same characters, so one character counts for both"
                                : "every character of \"\(names[a])\" is also in \"\(names[b])\", so it counts for both"))
                    }
                }
            }
        }
        return warnings
    }
}
