import CPCRE2Bench
import CTableLoop
import PasswordPolicy

/// The rules the baselines can express: length, classes, "at least k of", forbidden
/// leading and trailing characters. Every preset is such a rule.
public enum BaselineRule {
    /// Whether `policy` uses only what the baselines express.
    public static func isExpressible(_ policy: Policy) -> Bool {
        policy.forbidPatterns.isEmpty && policy.forbidContext.isEmpty && policy.maxConsecutive == nil
            && !policy.allowsOtherCharacters && policy.classes.count <= 4
            && policy.requirements.allSatisfy { if case .atLeast = $0 { true } else { false } }
            && policy.requirements.count <= 1
    }

    /// One anchored regular expression for the rule, in the syntax PCRE2 and ICU
    /// (NSRegularExpression) share: every class is written as the exact members the
    /// library compiled (`\x{..}` ranges), "at least k of n" as an alternation of the
    /// k-element lookahead combinations.
    ///
    ///     (?s)\A(?![/])(?=[allowed]{8,16}\z)(?:(?=.*[a-zA-Z])(?=.*[0-9])|...)
    public static func pattern(for compiled: CompiledPolicy) -> String {
        let policy = compiled.policy
        var pattern = "(?s)\\A"
        if !compiled.forbiddenLeading.isEmpty { pattern += "(?!\(bracket(compiled.forbiddenLeading)))" }
        if !compiled.forbiddenTrailing.isEmpty { pattern += "(?!.*\(bracket(compiled.forbiddenTrailing))\\z)" }
        let upper = policy.length.max.map(String.init) ?? ""
        pattern += "(?=\(bracket(compiled.classUnion)){\(policy.length.min),\(upper)}\\z)"
        for requirement in policy.requirements {
            guard case .atLeast(let k, let names) = requirement else { continue }
            let indices = (names ?? policy.classes.map(\.name)).compactMap { name in policy.classes.firstIndex { $0.name == name } }
            let alternatives = combinations(of: indices, choosing: k).map { combination in
                combination.map { "(?=.*\(bracket(compiled.classMembers[$0])))" }.joined()
            }
            pattern += "(?:" + alternatives.joined(separator: "|") + ")"
        }
        return pattern
    }

    static func bracket(_ set: ScalarSet) -> String {
        "[" + set.ranges.map { range in
            range.lowerBound == range.upperBound
                ? hex(range.lowerBound)
                : hex(range.lowerBound) + "-" + hex(range.upperBound)
        }.joined() + "]"
    }

    static func hex(_ value: UInt32) -> String { "\\x{" + String(value, radix: 16) + "}" }

    static func combinations(of items: [Int], choosing k: Int) -> [[Int]] {
        if k == 0 { return [[]] }
        guard items.count >= k, let first = items.first else { return [] }
        let rest = Array(items.dropFirst())
        return combinations(of: rest, choosing: k - 1).map { [first] + $0 } + combinations(of: rest, choosing: k)
    }

    /// The C baseline's table and bounds for the rule (read off the compiled policy).
    public static func cRule(for compiled: CompiledPolicy) -> tl_rule {
        let policy = compiled.policy
        var rule = tl_rule()
        withUnsafeMutableBytes(of: &rule.table) { table in
            for byte in 0..<128 {
                var facts: UInt8 = 0
                for (index, members) in compiled.classMembers.enumerated() where members.contains(UInt32(byte)) {
                    facts |= UInt8(1) << UInt8(index) | UInt8(TL_ALLOWED)
                }
                if compiled.forbiddenLeading.contains(UInt32(byte)) { facts |= UInt8(TL_LEADING) }
                if compiled.forbiddenTrailing.contains(UInt32(byte)) { facts |= UInt8(TL_TRAILING) }
                table[byte] = facts
            }
        }
        rule.min_length = policy.length.min
        rule.max_length = policy.length.max ?? Int.max
        for requirement in policy.requirements {
            guard case .atLeast(let k, let names) = requirement else { continue }
            for name in names ?? policy.classes.map(\.name) {
                if let index = policy.classes.firstIndex(where: { $0.name == name }) { rule.required_mask |= UInt8(1) << UInt8(index) }
            }
            rule.required_count = Int32(k)
        }
        return rule
    }
}

/// The C table loop over a corpus.
public struct CTableBaseline: Sendable {
    public let rule: tl_rule

    public init(_ compiled: CompiledPolicy) { rule = BaselineRule.cRule(for: compiled) }

    public func countValid(_ corpus: Corpus) -> Int {
        withUnsafePointer(to: rule) { rule in
            corpus.bytes.withUnsafeBufferPointer { bytes in
                corpus.offsets.withUnsafeBufferPointer { offsets in
                    tl_count_valid(rule, bytes.baseAddress, offsets.baseAddress, corpus.count)
                }
            }
        }
    }
}

/// One anchored PCRE2 pattern, JIT-compiled, UTF mode (each subject's UTF-8 is checked,
/// as the library's byte API does), one match-data block reused for every match: the
/// fastest honest way to use PCRE2 for the rule.
public final class PCRE2Baseline: @unchecked Sendable {
    private let code: OpaquePointer
    private let matchData: OpaquePointer
    public let jit: Bool

    public init?(pattern: String) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pattern.utf8)
        guard let code = bytes.withUnsafeBufferPointer({ pcre2_compile_8($0.baseAddress, $0.count, UInt32(PCRE2_UTF), &errorCode, &errorOffset, nil) }) else { return nil }
        jit = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
        guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
            pcre2_code_free_8(code)
            return nil
        }
        self.code = code
        self.matchData = matchData
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_code_free_8(code)
    }

    @inline(__always)
    public func matches(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        pcre2_match_8(code, subject.baseAddress ?? UnsafePointer(bitPattern: 1), subject.count, 0, 0, matchData, nil) >= 0
    }

    public func countValid(_ corpus: Corpus) -> Int {
        var valid = 0
        corpus.withEachBuffer { if matches($0) { valid += 1 } }
        return valid
    }
}
