import CPCRE2

/// The rules generation enforces by rejection: `forbidPatterns`, and `forbidContext` for
/// the context values the caller supplied. Compiled once per call (context values are
/// per call) and run on each candidate.
struct RejectionChecks {
    /// A nil pattern rejects every candidate (a context value PCRE2 could not compile: fail closed, as validation does).
    private var patterns: [(pattern: PCRE2Pattern?, code: String)] = []

    init(_ core: GeneratorCore, context: [String: String]) {
        guard core.hasRejectionRules else { return }
        let compiled = core.compiled
        patterns = compiled.patterns.map { ($0.pattern, $0.rule.code) }
        for name in compiled.policy.forbidContext {
            guard let value = context[name], !value.isEmpty else { continue }
            // The same literal, case-insensitive match the validator runs (UTF without UCP,
            // which PCRE2_LITERAL does not combine with).
            let pattern = try? PCRE2Pattern(value, options: UInt32(PCRE2_LITERAL) | UInt32(PCRE2_CASELESS), baseOptions: UInt32(PCRE2_UTF))
            patterns.append((pattern, "context:\(name)"))
        }
    }

    var isEmpty: Bool { patterns.isEmpty }

    /// The code of the first rule that rejects the UTF-8 `candidate`, or nil when none does.
    /// A match PCRE2 cannot decide within its limits rejects, as in validation.
    func rejection(_ candidate: UnsafeBufferPointer<UInt8>) -> String? {
        for (pattern, code) in patterns {
            if let pattern, case .noMatch = pattern.firstMatch(in: candidate) { continue }
            return code
        }
        return nil
    }
}
