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
        for (rule, outcome) in compiled.patternOutcomes(candidate) where outcome != .noMatch { return rule.code }
        for name in compiled.containedContext(candidate, context) { return "context:\(name)" }
        for (rule, list) in compiled.listedIn(candidate) { return "blocklist:\(rule.code ?? list.name)" }
        return nil
    }
}
