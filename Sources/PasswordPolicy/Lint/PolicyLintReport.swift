/// Everything `lint` finds in one policy: errors, warnings, and whether any password can
/// satisfy it at all, decided by exact counting.
///
/// ```swift
/// let report = Policy.lintReport(json: Array(fileText.utf8))
/// for problem in report.errors { print("error:", problem) }
/// for warning in report.warnings { print("warning:", warning) }
/// if case .unsatisfiable(let reason) = report.satisfiability { print(reason) }
/// for (length, count) in report.countsByLength { print(length, count) }   // --verbose
/// ```
///
/// The satisfiability verdict counts, for each length, the passwords made of characters the
/// policy accepts that satisfy its character rules (classes, requirements, leading and
/// trailing rules, runs): the same exact counting the generator uses, over every accepted
/// character instead of the drawable ones. `forbidPatterns` and `forbidContext` are not
/// counted, so a policy is reported satisfiable even if a pattern forbids everything.
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
    public var countsByLength: [(length: Int, count: PasswordCount)]

    /// How many lengths, from `length.min`, are counted.
    public static let countedLengths = 64

    /// Whether any password satisfies the policy's character rules.
    public enum Satisfiability: Sendable, Equatable {
        /// Some password does; `shortest` is the shortest length that has one.
        case satisfiable(shortest: Int)
        /// None does, for this reason.
        case unsatisfiable(reason: String)
        /// Counting could not decide (too many counting states, or lengths beyond what is
        /// counted), for this reason.
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
        let compiled: CompiledPolicy
        do {
            compiled = try CompiledPolicy(self)
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

    /// Exact counts of accepted passwords per length, and the verdict they give.
    private func countAcceptedPasswords() -> (PolicyLintReport.Satisfiability, [(length: Int, count: PasswordCount)]) {
        var options = GenerationOptions()
        options.scope = .everyAccepted
        let range = policy.length
        let last = min(range.max ?? Int.max, range.min + PolicyLintReport.countedLengths - 1, PasswordGenerator.maximumLength)
        guard range.min <= last else {
            return (.undecided(reason: "lengths from \(range.min) are beyond what is counted (\(PasswordGenerator.maximumLength))"), [])
        }
        let generator: PasswordGenerator
        do {
            generator = try PasswordGenerator(self, options: options, preparing: range.min...last)
        } catch {
            switch error.kind {
            case .unsatisfiable(let reason), .emptyAlphabet(let reason):
                return (.unsatisfiable(reason: reason), [])
            case .classEmptied(let names, let requirement, _):
                return (.unsatisfiable(reason: "\(requirement) needs \(Messages.list(names)), which \(names.count == 1 ? "has" : "have") no character"), [])
            default:
                return (.undecided(reason: error.description), [])
            }
        }
        var counts: [(length: Int, count: PasswordCount)] = []
        var shortest: Int?
        for length in range.min...last {
            guard let count = try? generator.count(length: length) else { break }
            counts.append((length, count))
            if shortest == nil, !count.isZero { shortest = length }
        }
        if let shortest { return (.satisfiable(shortest: shortest), counts) }
        if let max = range.max, last >= max {
            return (.unsatisfiable(reason: "no length from \(range.min) to \(max) admits a password"), counts)
        }
        return (.undecided(reason: "no password of length \(range.min) to \(last); longer lengths were not counted"), counts)
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
