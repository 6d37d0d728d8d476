// Shared by the unit tests and the fuzz targets (Fuzz/), which compile it into the same
// module as the library with -D FUZZING.
#if !FUZZING
@testable import PasswordPolicy
#endif
import Synchronization

/// The slow reference for validation: no tables and no shared scanning code. It asks PCRE2
/// about every character (one match per class per character), decodes UTF-8 with the
/// standard library, and applies each rule of `policy-format.md` on its own.
struct ReferenceValidator {
    let policy: Policy
    private let classPatterns: [PCRE2Pattern]
    private let leading: PCRE2Pattern?
    private let trailing: PCRE2Pattern?
    private let patterns: [PCRE2Pattern]
    /// Each `forbidList` entry's list as a set of UTF-8 byte strings (lowercased when the
    /// entry is case-insensitive, in NFC when the policy normalizes); built-in lists only.
    private let lists: [Set<[UInt8]>]

    init?(_ policy: Policy) {
        self.policy = policy
        guard let classes = try? policy.classes.map({ try CharsetCompiler.compile($0.charset) }) else { return nil }
        classPatterns = classes
        leading = policy.forbidLeading.flatMap { try? CharsetCompiler.compile($0) }
        trailing = policy.forbidTrailing.flatMap { try? CharsetCompiler.compile($0) }
        guard let compiled = try? policy.forbidPatterns.map({ try PCRE2Pattern($0.pattern) }) else { return nil }
        patterns = compiled
        var lists: [Set<[UInt8]>] = []
        for rule in policy.forbidLists {
            guard let set = ReferenceValidator.set(of: rule.list, folded: rule.isCaseInsensitive, normalized: policy.normalization != nil) else { return nil }
            lists.append(set)
        }
        self.lists = lists
    }

    /// Built-in lists as sets, made once per way of reading them (30,000 entries each: the
    /// fuzz targets build a validator for nearly every input).
    private static let listSets = Mutex<[String: Set<[UInt8]>]>([:])

    private static func set(of name: String, folded: Bool, normalized: Bool) -> Set<[UInt8]>? {
        let key = "\(name) \(folded) \(normalized)"
        if let made = listSets.withLock({ $0[key] }) { return made }
        guard let list = Blocklist.builtIn(named: name) else { return nil }
        let set = Set(list.entries.map { entry in
            let text = folded ? entry.lowercased() : entry
            return normalized ? text._nfcCodeUnits : Array(text.utf8)
        })
        listSets.withLock { $0[key] = set }
        return set
    }

    /// Whether PCRE2 matches the single character `scalar` with `pattern` (a `[...]+` class).
    private static func matches(_ pattern: PCRE2Pattern, _ scalar: Unicode.Scalar) -> Bool {
        let bytes = Array(String(scalar).utf8)
        if case .match(0, bytes.count) = pattern.firstMatch(in: bytes) { return true }
        return false
    }

    /// The sorted set of violation codes for `bytes`.
    func codes(utf8 given: [UInt8], context givenContext: [String: String] = [:]) -> [String] {
        guard let original = String(validating: given, as: UTF8.self) else { return ["encoding.invalid"] }
        // With normalize nfc, every rule below reads the NFC form (the standard library's).
        let normalizing = policy.normalization != nil
        let bytes = normalizing ? original._nfcCodeUnits : given
        let text = normalizing ? String(decoding: bytes, as: UTF8.self) : original
        let context = normalizing ? givenContext.mapValues { String(decoding: $0._nfcCodeUnits, as: UTF8.self) } : givenContext
        let scalars = Array(text.unicodeScalars)
        var codes = Set<String>()
        if scalars.count < policy.length.min { codes.insert("length.short") }
        if let max = policy.length.max, scalars.count > max { codes.insert("length.long") }
        var counts = [Int](repeating: 0, count: policy.classes.count)
        for scalar in scalars {
            var inAny = false
            for (index, pattern) in classPatterns.enumerated() where ReferenceValidator.matches(pattern, scalar) {
                counts[index] += 1
                inAny = true
            }
            if !inAny, !policy.allowsOtherCharacters { codes.insert("charset.disallowed") }
        }
        for requirement in policy.requirements {
            switch requirement {
            case .atLeast(let k, let names):
                let named = names ?? policy.classes.map(\.name)
                let present = named.filter { name in policy.classes.firstIndex { $0.name == name }.map { counts[$0] > 0 } ?? false }
                if present.count < k { codes.insert("classes.insufficient") }
            case .count(let name, let min, let max):
                guard let index = policy.classes.firstIndex(where: { $0.name == name }) else { continue }
                if let min, counts[index] < min { codes.insert("class.tooFew") }
                if let max, counts[index] > max { codes.insert("class.tooMany") }
            }
        }
        if let first = scalars.first, let leading, ReferenceValidator.matches(leading, first) { codes.insert("leading.forbidden") }
        if let last = scalars.last, let trailing, ReferenceValidator.matches(trailing, last) { codes.insert("trailing.forbidden") }
        if let limit = policy.maxConsecutive {
            var run = 0
            for (index, scalar) in scalars.enumerated() {
                run = index > 0 && scalars[index - 1] == scalar ? run + 1 : 1
                if run > limit { codes.insert("consecutive.exceeded") }
            }
        }
        for pattern in patterns {
            if case .noMatch = pattern.firstMatch(in: bytes) { continue }
            codes.insert("pattern.forbidden")
        }
        for name in policy.forbidContext {
            guard let value = context[name], !value.isEmpty else { continue }
            // Case-insensitive containment by scalar comparison of lowercased forms: a
            // different method from the library's PCRE2 caseless literal match.
            let haystack = Array(text.lowercased().unicodeScalars)
            let needle = Array(value.lowercased().unicodeScalars)
            if needle.count <= haystack.count, (0...(haystack.count - needle.count)).contains(where: { Array(haystack[$0..<($0 + needle.count)]) == needle }) {
                codes.insert("context.contained")
            }
        }
        for (rule, list) in zip(policy.forbidLists, lists) {
            let folded = rule.isCaseInsensitive ? text.lowercased() : text
            let key = rule.isCaseInsensitive ? (normalizing ? folded._nfcCodeUnits : Array(folded.utf8)) : bytes
            if list.contains(key) { codes.insert("blocklist.contained") }
        }
        return codes.sorted()
    }
}
