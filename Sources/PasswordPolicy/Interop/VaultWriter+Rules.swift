extension VaultWriter {
    /// At most 256 characters: printable ASCII first, then enough of each required class.
    mutating func limitSize() {
        let limit = VaultPasswordPolicy.maximumCharsetSize
        guard allowed.count > limit else { return }
        var kept = allowed.intersection(ScalarSet(ranges: [0x20...0x7E]))
        for slot in minimums.indices where minimums[slot] > 0 && kept.intersection(compiled.classMembers[slot]).isEmpty {
            kept.formUnion(ScalarSet(compiled.classMembers[slot].intersection(allowed).scalars.prefix(16)))
        }
        if kept.count > limit { kept = ScalarSet(kept.scalars.prefix(limit)) }
        loss("classes", "Vault draws from at most \(limit) characters: \(allowed.count - kept.count) of the policy's \(allowed.count) left out (stricter)", looser: false)
        allowed = kept
    }

    /// One rule a required class (its characters within what is allowed), then one rule
    /// without `min-chars` for the rest.
    mutating func makeRules() throws(ConversionError) {
        guard !allowed.isEmpty else {
            throw ConversionError(code: .invalidValue, format: "vault", message: "no character is left for Vault to draw from")
        }
        var covered = ScalarSet()
        for slot in minimums.indices where minimums[slot] > 0 {
            let members = compiled.classMembers[slot].intersection(allowed)
            guard !members.isEmpty else {
                throw ConversionError(code: .invalidValue, format: "vault", message: "class \(compiled.policy.classes[slot].name) is required but none of its characters can be written")
            }
            rules.append(VaultPasswordPolicy.CharsetRule(charset: String(String.UnicodeScalarView(members.scalars)), minChars: minimums[slot]))
            covered.formUnion(members)
        }
        let rest = allowed.subtracting(covered)
        if !rest.isEmpty { rules.append(VaultPasswordPolicy.CharsetRule(charset: String(String.UnicodeScalarView(rest.scalars)))) }
        let required = rules.reduce(0) { $0 + $1.minChars }
        guard required <= length else {
            throw ConversionError(code: .invalidValue, format: "vault", message: "the rules require at least \(required) characters but the length is \(length)")
        }
    }

    /// What no set of charsets can guarantee.
    mutating func unsayable() {
        let policy = compiled.policy
        if let run = policy.maxConsecutive, run < length {
            loss("maxConsecutive", "Vault has no rule about repeated characters: runs longer than \(run) are possible (looser)", looser: true)
        }
        for index in policy.forbidPatterns.indices {
            loss("forbidPatterns[\(index)]", "Vault has no forbidden patterns: a generated password may match (looser)", looser: true)
        }
        for index in policy.forbidLists.indices {
            loss("forbidList[\(index)]", "Vault checks no list of forbidden passwords (looser)", looser: true)
        }
        if !policy.forbidContext.isEmpty {
            loss("forbidContext", "Vault knows no context values (\(Messages.list(policy.forbidContext))) (looser)", looser: true)
        }
        if policy.normalization != nil, allowed.scalars.contains(where: { !$0.isASCII }) {
            loss("normalize", "Vault does not normalize: a password with non-ASCII characters is compared as generated (looser)", looser: true)
        }
    }
}
