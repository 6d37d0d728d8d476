internal import CPCRE2
import Synchronization

/// Finds a literal value in a password, case-insensitively with Unicode case folding: how
/// `forbidContext` values are matched, in validation and in generation alike.
///
/// Each distinct value is compiled once (PCRE2 `LITERAL | CASELESS`, UTF) and kept, so a
/// caller that validates many passwords with the same context pays for compiling once and
/// allocates nothing afterwards. At most ``capacity`` values are kept; past that the cache
/// starts over. Safe to share across threads.
final class CaselessLiteralCache: Sendable {
    static let capacity = 64
    private let patterns = Mutex<[String: PCRE2Pattern]>([:])

    init() {}

    /// The compiled search for `value`, or nil when PCRE2 cannot compile it.
    func pattern(for value: String) -> PCRE2Pattern? {
        if let cached = patterns.withLock({ $0[value] }) { return cached }
        // PCRE2_LITERAL combines with UTF (which brings Unicode case folding) but not UCP.
        guard let compiled = try? PCRE2Pattern(value, options: UInt32(PCRE2_LITERAL) | UInt32(PCRE2_CASELESS), baseOptions: UInt32(PCRE2_UTF)) else {
            return nil
        }
        patterns.withLock { cache in
            if cache.count >= CaselessLiteralCache.capacity { cache.removeAll(keepingCapacity: true) }
            cache[value] = compiled
        }
        return compiled
    }

    /// Whether `value` occurs in the valid UTF-8 `buffer`. An empty value is never
    /// contained. Fails closed: if PCRE2 cannot compile or decide the search, the answer
    /// is "contained".
    func contains(_ value: String, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !value.isEmpty else { return false }
        guard let pattern = pattern(for: value) else { return true }
        if case .noMatch = pattern.firstMatch(in: buffer) { return false }
        return true
    }
}
