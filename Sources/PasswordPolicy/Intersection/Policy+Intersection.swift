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
    ///
    /// To validate or generate with the intersection, ``CompiledPolicy/init(intersecting:)``
    /// gives it compiled, without compiling the result a second time.
    public static func intersection(compiled: [CompiledPolicy]) throws(PolicyError) -> Policy {
        try CompiledPolicy(intersecting: compiled).policy
    }

    /// The union of several optional charsets, kept readable when it can be.
    static func union(_ charsets: [Charset?], _ sets: [ScalarSet]) -> Charset? {
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
        let members = present.reduce(ScalarSet()) { $0.union($1.1) }
        // Sets that match no character forbid nothing (an empty `set` would not compile).
        return members.isEmpty ? nil : .set(members.pcre2ClassBody)
    }
}

extension PolicyError {
    /// The intersection of `ids` is empty, for these reasons.
    static func emptyIntersection(_ ids: [String], _ reasons: [String]) -> PolicyError {
        PolicyError(reasons.map { PolicyProblem(keyPath: "", message: "no password satisfies all of \(Messages.list(ids)): \($0)") })
    }
}
