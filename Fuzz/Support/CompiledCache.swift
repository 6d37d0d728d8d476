// Compiling a policy reads PCRE2's answer for every Unicode scalar of each `set`, which
// costs milliseconds; the fuzzer mostly mutates the password, so compiled policies are kept.

/// Compiled policies (and their references) by policy value, bounded in size.
enum CompiledCache {
    nonisolated(unsafe) private static var compiled: [Policy: (CompiledPolicy, ReferenceValidator)?] = [:]

    static func lookup(_ policy: Policy) -> (CompiledPolicy, ReferenceValidator)? {
        if let hit = compiled[policy] { return hit }
        if compiled.count > 20_000 { compiled.removeAll() }
        var entry: (CompiledPolicy, ReferenceValidator)?
        if let fast = try? CompiledPolicy(policy), let slow = ReferenceValidator(policy) { entry = (fast, slow) }
        compiled[policy] = entry
        return entry
    }
}
