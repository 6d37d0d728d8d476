import PasswordPolicy

/// Policies for the benchmarks of rules that run PCRE2 on every password.
enum RuleBenchmarks {
    /// The CVM Linux rule with two forbidden patterns, and with a context value.
    static func patternAndContext() -> [(name: String, policy: Policy, context: [String: String])] {
        guard let linux = Presets.policy(id: "tencentcloud.cvm.linux") else { return [] }
        var patterns = linux
        patterns.id = "bench.cvm.linux.patterns"
        patterns.forbidPatterns = [
            ForbiddenPattern(pattern: "(.)\\1\\1", code: "bench.repeat", message: "no character three times in a row"),
            ForbiddenPattern(pattern: "(?i)passw", code: "bench.word", message: "not the word password"),
        ]
        var context = linux
        context.id = "bench.cvm.linux.context"
        context.forbidContext = ["username"]
        return [
            ("forbidPatterns", patterns, [:]),
            ("forbidContext", context, ["username": "alice"]),
        ]
    }
}
