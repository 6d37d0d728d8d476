/// The rules generation enforces by rejection: `forbidPatterns`, `forbidList`, `normalize`
/// (only candidates already in NFC), and `forbidContext` for the context values the caller
/// supplied, run on each candidate. Context values are
/// compiled once per compiled policy (``CaselessLiteralCache``), as validation does.
struct RejectionChecks {
    private let compiled: CompiledPolicy
    private let context: [String: String]
    let isEmpty: Bool

    init(_ core: GeneratorCore, context: [String: String]) {
        compiled = core.compiled
        self.context = context
        isEmpty = !core.hasRejectionRules
            || (compiled.patterns.isEmpty && compiled.forbiddenLists.isEmpty && compiled.policy.normalization == nil
                && !compiled.policy.forbidContext.contains { !(context[$0] ?? "").isEmpty })
    }

    /// The code of the first rule that rejects the UTF-8 `candidate`, or nil when none does.
    /// A match PCRE2 cannot decide within its limits rejects, as in validation; so does a
    /// context value PCRE2 cannot compile.
    func rejection(_ candidate: UnsafeBufferPointer<UInt8>) -> String? {
        if isEmpty { return nil }
        // A normalizing policy judges the NFC form: propose only passwords that are already
        // in NFC, so that what is proposed is exactly what is judged.
        if compiled.policy.normalization != nil, UnicodeNormalization.nfcBytes(candidate) != nil { return "normalize" }
        for (pattern, rule) in compiled.patterns where pattern.firstMatch(in: candidate) != .noMatch { return rule.code }
        for name in compiled.policy.forbidContext where compiled.containsContext(named: name, candidate, context) { return "context:\(name)" }
        for (rule, list) in compiled.forbiddenLists where compiled.isListed(candidate, in: list, caseFolded: rule.isCaseInsensitive) {
            return "blocklist:\(rule.code ?? list.name)"
        }
        return nil
    }
}
