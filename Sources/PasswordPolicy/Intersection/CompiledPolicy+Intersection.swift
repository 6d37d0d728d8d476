extension CompiledPolicy {
    /// The intersection of `parts` (``Policy/intersection(_:)`` says how it is built),
    /// compiled: its ``policy`` is ``Policy/intersection(compiled:)``'s result. Throws, saying
    /// why, when no password can satisfy them all.
    ///
    /// ```swift
    /// let linux = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.linux")!)
    /// let windows = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.windows")!)
    /// let both = try CompiledPolicy(intersecting: [linux, windows])
    /// both.isValid("abc123ABC!@#")   // true: each of them accepts it
    /// ```
    ///
    /// This costs less than compiling the resulting policy again: a class that loses members
    /// becomes a `set` listing what remains, and its members are the intersection of the
    /// members PCRE2 gave for the parts, so PCRE2 compiles that `set` (it stays valid text)
    /// but is not asked about every scalar again. A `forbidList` keeps the list its part was
    /// compiled with; when two parts give one name different lists, the later part's rule is
    /// renamed `policy-id:name`, so that both lists apply.
    public init(intersecting parts: [CompiledPolicy]) throws(PolicyError) {
        guard let first = parts.first else { throw PolicyError(keyPath: "", "no policy given") }
        if parts.count == 1 {
            self = first
            return
        }
        var merge = IntersectionMerge(parts)
        for part in parts { merge.add(part) }
        let (listRules, lists) = CompiledPolicy.forbiddenLists(of: parts)
        if merge.classes.isEmpty {
            // No character is allowed by every policy: only the empty password can remain,
            // when every length range starts at 0 and nothing requires a character.
            if merge.minLength > 0 {
                merge.reasons.append("no character is allowed by every policy, and passwords need at least \(merge.minLength) \(Messages.characters(merge.minLength))")
            } else if merge.reasons.isEmpty {
                var onlyEmpty = merge.onlyTheEmptyPassword(first.policy)
                onlyEmpty.forbidLists = listRules
                try self.init(compilingIntersection: onlyEmpty, ids: merge.ids, lists: lists, known: first.knownMembers)
                return
            }
        }
        guard merge.reasons.isEmpty else { throw PolicyError.emptyIntersection(merge.ids, merge.reasons) }
        let forbiddenLeading = parts.reduce(ScalarSet()) { $0.union($1.forbiddenLeading) }
        let forbiddenTrailing = parts.reduce(ScalarSet()) { $0.union($1.forbiddenTrailing) }
        var result = merge.result(
            forbidLeading: Policy.union(parts.map(\.policy.forbidLeading), parts.map(\.forbiddenLeading)),
            forbidTrailing: Policy.union(parts.map(\.policy.forbidTrailing), parts.map(\.forbiddenTrailing)))
        result.forbidLists = listRules
        var known: [String: ScalarSet] = ["forbidLeading": forbiddenLeading, "forbidTrailing": forbiddenTrailing]
        for (index, characterClass) in result.classes.enumerated() {
            known["classes[\(index)].\(characterClass.charset.keyName)"] = merge.members[index]
        }
        try self.init(compilingIntersection: result, ids: merge.ids, lists: lists, known: known)
        // Lint's verdict (reachability over the exact counting automaton, for every allowed
        // length): an intersection that no password satisfies is an error, with the reason.
        // The contradictions among the accumulated rules say why more plainly; each one means
        // that no password exists, so they are only looked for when one might hold.
        let reasons: [String]
        switch satisfiability() {
        case .satisfiable:
            return
        case .unsatisfiable(let reason):
            let contradictions = contradictions().map(\.description)
            reasons = contradictions.isEmpty ? [reason] : contradictions
        case .undecided:
            reasons = contradictions().map(\.description)
        }
        guard reasons.isEmpty else { throw PolicyError.emptyIntersection(merge.ids, reasons) }
    }

    /// Every part's `forbidList` rules, each with the list its part was compiled with. A
    /// name that an earlier part gives another list is renamed `policy-id:name` (then
    /// `policy-id:name#2` …) for the later part, so that both lists apply.
    private static func forbiddenLists(of parts: [CompiledPolicy]) -> (rules: [ForbiddenList], lists: [String: Blocklist]) {
        var rules: [ForbiddenList] = []
        var lists: [String: Blocklist] = [:]
        for part in parts {
            for var rule in part.policy.forbidLists {
                if let list = part.storage.listsByName[rule.list] {
                    var name = rule.list
                    var suffix = 1
                    while let taken = lists[name], !taken.isSameList(as: list) {
                        name = "\(part.policy.id):\(rule.list)" + (suffix == 1 ? "" : "#\(suffix)")
                        suffix += 1
                    }
                    lists[name] = list
                    rule.list = name
                }
                if !rules.contains(rule) { rules.append(rule) }
            }
        }
        return (rules, lists)
    }

    /// Compiles an intersection's result; a problem in it means no password satisfies the parts.
    private init(compilingIntersection result: Policy, ids: [String], lists: [String: Blocklist], known: [String: ScalarSet]) throws(PolicyError) {
        do {
            try self.init(result, blocklists: lists, knownMembers: known)
        } catch {
            throw PolicyError.emptyIntersection(ids, error.problems.map(\.description))
        }
    }

    /// The members of this policy's charsets by key path, as ``init(_:blocklists:knownMembers:)`` takes them.
    private var knownMembers: [String: ScalarSet] {
        var known: [String: ScalarSet] = ["forbidLeading": forbiddenLeading, "forbidTrailing": forbiddenTrailing]
        for (index, characterClass) in policy.classes.enumerated() {
            known["classes[\(index)].\(characterClass.charset.keyName)"] = classMembers[index]
        }
        return known
    }
}
