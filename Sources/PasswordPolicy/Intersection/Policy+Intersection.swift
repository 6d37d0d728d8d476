extension Policy {
    /// The single policy whose passwords are exactly those that satisfy every one of
    /// `policies`: length ranges overlap, charsets intersect, requirements and prohibitions
    /// accumulate. Throws, saying why, when no password can satisfy them all.
    ///
    /// ```swift
    /// let linux = Presets.policy(id: "tencentcloud.cvm.linux")!
    /// let windows = Presets.policy(id: "tencentcloud.cvm.windows")!
    /// let both = try Policy.intersection([linux, windows])   // the Windows rule
    /// ```
    ///
    /// How the result is built:
    /// - Characters: a character is allowed when every policy allows it. Each class keeps
    ///   its charset when all its members are allowed by every policy; otherwise it becomes
    ///   a `set` listing exactly the members that remain (read off PCRE2).
    /// - Classes with the same name and the same remaining members are merged; otherwise a
    ///   class whose name is taken is renamed `policy-id:name`.
    /// - Requirements of each policy are kept, naming the classes as renamed; an `atLeast`
    ///   without `of` names its own policy's classes. Leading and trailing sets are united,
    ///   `maxConsecutive` is the smallest, patterns and context names accumulate, and the
    ///   result is `optional` only when every policy is.
    public static func intersection(_ policies: [Policy]) throws(PolicyError) -> Policy {
        guard let first = policies.first else { throw PolicyError(keyPath: "", "no policy given") }
        if policies.count == 1 { return first }
        var compiled: [CompiledPolicy] = []
        for policy in policies {
            do {
                compiled.append(try CompiledPolicy(policy))
            } catch {
                throw PolicyError(error.problems.map { PolicyProblem(keyPath: $0.keyPath, message: "\(policy.id): \($0.message)", pcre2: $0.pcre2) })
            }
        }
        return try intersection(compiled: compiled)
    }

    /// ``intersection(_:)`` for policies already compiled, which saves compiling them again.
    ///
    /// ```swift
    /// let both = try Policy.intersection(compiled: [linuxCompiled, windowsCompiled])
    /// ```
    public static func intersection(compiled: [CompiledPolicy]) throws(PolicyError) -> Policy {
        let policies = compiled.map(\.policy)
        guard let first = policies.first else { throw PolicyError(keyPath: "", "no policy given") }
        if policies.count == 1 { return first }
        let ids = policies.map(\.id)
        var reasons: [String] = []

        // Length.
        let minLength = policies.map(\.length.min).max() ?? 0
        let maxLengths = policies.compactMap(\.length.max)
        let maxLength = maxLengths.min()
        if let maxLength, maxLength < minLength {
            reasons.append("the length ranges do not overlap (" + policies.map { "\($0.id): \($0.length)" }.joined(separator: "; ") + ")")
        }

        // Characters every policy allows (nil: every policy allows any character).
        var common: ScalarSet?
        for (policy, compiledPolicy) in zip(policies, compiled) where !policy.allowsOtherCharacters {
            common = common.map { $0.intersection(compiledPolicy.classUnion) } ?? compiledPolicy.classUnion
        }

        var classes: [CharacterClass] = []
        var members: [ScalarSet] = []
        var requirements: [Requirement] = []
        for (policy, compiledPolicy) in zip(policies, compiled) {
            var rename: [String: String] = [:]
            for (index, characterClass) in policy.classes.enumerated() {
                let original = compiledPolicy.classMembers[index]
                let remaining = common.map { original.intersection($0) } ?? original
                if remaining.isEmpty { continue }
                let charset = remaining == original ? characterClass.charset : .set(remaining.pcre2ClassBody)
                if let existing = classes.firstIndex(where: { $0.name == characterClass.name }), members[existing] == remaining {
                    rename[characterClass.name] = characterClass.name
                    continue
                }
                var name = characterClass.name
                if classes.contains(where: { $0.name == name }) { name = "\(policy.id):\(characterClass.name)" }
                var suffix = 2
                while classes.contains(where: { $0.name == name }) {
                    name = "\(policy.id):\(characterClass.name)#\(suffix)"
                    suffix += 1
                }
                rename[characterClass.name] = name
                classes.append(CharacterClass(name: name, charset))
                members.append(remaining)
            }
            for requirement in policy.requirements {
                switch requirement {
                case .atLeast(let count, let names):
                    let listed = names ?? policy.classes.map(\.name)
                    let kept = listed.compactMap { rename[$0] }
                    if kept.count < count {
                        let lost = listed.filter { rename[$0] == nil }
                        reasons.append("\(policy.id) needs \(count) of \(Messages.list(listed)), but \(Messages.list(lost)) \(lost.count == 1 ? "has" : "have") no character that every policy allows")
                    } else {
                        requirements.append(.atLeast(count, of: kept))
                    }
                case .count(let name, let min, let max):
                    if let renamed = rename[name] {
                        requirements.append(.count(class: renamed, min: min, max: max))
                    } else if let min, min > 0 {
                        reasons.append("\(policy.id) needs at least \(min) of \"\(name)\", but no character of it is allowed by every policy")
                    }
                }
            }
        }
        if classes.isEmpty {
            // No character is allowed by every policy: only the empty password can remain,
            // when every length range starts at 0 and nothing requires a character.
            if minLength > 0 {
                reasons.append("no character is allowed by every policy, and passwords need at least \(minLength) \(Messages.characters(minLength))")
            } else if reasons.isEmpty {
                var onlyEmpty = first
                onlyEmpty.id = ids.joined(separator: "+")
                onlyEmpty.title = "Intersection of " + Messages.list(ids)
                onlyEmpty.source = nil
                onlyEmpty.notes = ["Every password must satisfy each of: " + ids.joined(separator: ", ") + ". No character is allowed by all of them, so only the empty password is."]
                onlyEmpty.length = LengthRange(min: 0, max: 0)
                onlyEmpty.requirements = []
                onlyEmpty.forbidPatterns = policies.flatMap(\.forbidPatterns)
                onlyEmpty.forbidContext = Array(Set(policies.flatMap(\.forbidContext))).sorted()
                onlyEmpty.isOptional = policies.allSatisfy(\.isOptional)
                return onlyEmpty
            }
        }
        guard reasons.isEmpty else { throw PolicyError.emptyIntersection(ids, reasons) }

        var unique: [Requirement] = []
        for requirement in requirements where !unique.contains(requirement) { unique.append(requirement) }

        var result = Policy(
            id: ids.joined(separator: "+"),
            title: "Intersection of " + Messages.list(ids),
            source: nil,
            notes: ["Every password must satisfy each of: " + ids.joined(separator: ", ") + "."],
            length: LengthRange(min: minLength, max: maxLength),
            classes: classes,
            allowsOtherCharacters: policies.allSatisfy(\.allowsOtherCharacters),
            requirements: unique,
            forbidLeading: union(policies.map(\.forbidLeading), compiled.map(\.forbiddenLeading)),
            forbidTrailing: union(policies.map(\.forbidTrailing), compiled.map(\.forbiddenTrailing)),
            maxConsecutive: policies.compactMap(\.maxConsecutive).min(),
            forbidPatterns: [],
            forbidContext: [],
            isOptional: policies.allSatisfy(\.isOptional)
        )
        for policy in policies {
            for pattern in policy.forbidPatterns where !result.forbidPatterns.contains(pattern) { result.forbidPatterns.append(pattern) }
            for name in policy.forbidContext where !result.forbidContext.contains(name) { result.forbidContext.append(name) }
        }

        // Contradictions that the accumulated rules make plain.
        let compiledResult: CompiledPolicy
        do {
            compiledResult = try CompiledPolicy(result)
        } catch {
            throw PolicyError.emptyIntersection(ids, error.problems.map(\.description))
        }
        // Contradictions among the accumulated rules, then lint's verdict (reachability over
        // the exact counting automaton, for every allowed length): an intersection that no
        // password satisfies is an error, with the reason.
        reasons = compiledResult.contradictions().map(\.description)
        if reasons.isEmpty, case .unsatisfiable(let reason) = compiledResult.satisfiability() {
            reasons = [reason]
        }
        guard reasons.isEmpty else { throw PolicyError.emptyIntersection(ids, reasons) }
        return result
    }

    /// The union of several optional charsets, kept readable when it can be.
    private static func union(_ charsets: [Charset?], _ sets: [ScalarSet]) -> Charset? {
        let present = zip(charsets, sets).filter { $0.0 != nil }
        guard let only = present.first?.0 else { return nil }
        if present.count == 1 || present.allSatisfy({ $0.0 == only }) { return only }
        var chars = ""
        var allChars = true
        for (charset, _) in present {
            guard case .chars(let text)? = charset else { allChars = false; break }
            for scalar in text.unicodeScalars where !chars.unicodeScalars.contains(scalar) { chars.unicodeScalars.append(scalar) }
        }
        if allChars { return .chars(chars) }
        return .set(present.reduce(ScalarSet()) { $0.union($1.1) }.pcre2ClassBody)
    }
}

extension PolicyError {
    /// The intersection of `ids` is empty, for these reasons.
    static func emptyIntersection(_ ids: [String], _ reasons: [String]) -> PolicyError {
        PolicyError(reasons.map { PolicyProblem(keyPath: "", message: "no password satisfies all of \(Messages.list(ids)): \($0)") })
    }
}
