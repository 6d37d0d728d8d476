internal import CPCRE2
import Synchronization

/// Limits applied to every PCRE2 match the library runs, so that a hostile pattern in a
/// policy (catastrophic backtracking, say) ends with a verdict instead of a hang. Internal:
/// the library's answers must not depend on a caller's setting.
struct PCRE2Limits: Sendable, Hashable {
    /// PCRE2's match limit: the number of times its internal match function may be called.
    var matchLimit: UInt32 = 1_000_000
    /// PCRE2's depth limit (backtracking depth) for the interpreter.
    var depthLimit: UInt32 = 10_000
    /// PCRE2's heap limit, in KiB, for the interpreter's backtracking memory.
    var heapLimitKiB: UInt32 = 20_000
}

/// The outcome of running a pattern against a subject.
enum PCRE2MatchResult: Sendable, Equatable {
    case match(start: Int, end: Int)
    case noMatch
    /// PCRE2 stopped before deciding (a resource limit or another match-time error).
    case failed(code: Int32)
}

/// An owning wrapper around one compiled PCRE2 pattern (8-bit code units, UTF mode).
///
/// The compiled code is immutable after `init`, and PCRE2 documents compiled patterns
/// (including their JIT code) as safe to use from several threads at once. Match data is
/// per match: a match borrows one from the pattern's small pool (made on first use, then
/// reused), so matching allocates nothing once each thread has had one. The match context
/// holding the limits is only read.
final class PCRE2Pattern: @unchecked Sendable {
    private let code: OpaquePointer
    private let matchContext: OpaquePointer?
    /// Idle match data, at most ``poolLimit``; a borrower takes one under the lock and gives it back.
    private let pool = Mutex<[MatchData]>([])
    private static let poolLimit = 16

    /// The options every pattern in this library is compiled with: UTF-8 and Unicode
    /// properties for `\d`, `\w`, POSIX classes and case folding.
    static let baseOptions: UInt32 = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP)

    /// Compiles `pattern`. Throws PCRE2's message and offset when the pattern is invalid.
    /// With `jit` false the pattern runs in PCRE2's interpreter (same answers) until
    /// ``compileJIT()``: for patterns matched only a few times, where JIT compiling costs
    /// more than it saves.
    init(
        _ pattern: String, options: UInt32 = 0, baseOptions: UInt32 = PCRE2Pattern.baseOptions,
        limits: PCRE2Limits = PCRE2Limits(), jit: Bool = true
    ) throws(PCRE2CompileError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        var utf8 = Array(pattern.utf8)
        let length = utf8.count
        utf8.append(0)
        let compiled = utf8.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, length, baseOptions | options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PCRE2CompileError(code: errorCode, message: PCRE2.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        // JIT is an optimisation: where the platform has none, the interpreter gives the
        // same answers, so a JIT failure is not an error.
        if jit { _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) }
        let context = pcre2_match_context_create_8(nil)
        if let context {
            pcre2_set_match_limit_8(context, limits.matchLimit)
            pcre2_set_depth_limit_8(context, limits.depthLimit)
            pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        }
        matchContext = context
    }

    deinit {
        if let matchContext { pcre2_match_context_free_8(matchContext) }
        pcre2_code_free_8(code)
    }

    /// The minimum length, in characters, of any subject this pattern can match.
    var minimumLength: Int {
        var value: UInt32 = 0
        let rc = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MINLENGTH), &value)
        return rc == 0 ? Int(value) : 0
    }

    /// JIT-compiles a pattern made with `jit: false`. Call it before the pattern is shared
    /// between threads (PCRE2 changes the compiled code in place).
    func compileJIT() {
        _ = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
    }

    /// The bytes a match can start with, as PCRE2 knows them from compiling: its
    /// start-of-match bitmap, or its one first code unit when that is neither a letter nor
    /// a non-ASCII byte (whose other cases could start with other bytes); nil when PCRE2
    /// knows neither, and any byte may start a match. PCRE2's own matcher skips every
    /// start position whose byte is not in this set, so a subject starting elsewhere
    /// cannot match.
    var possibleFirstBytes: [Bool]? {
        var bitmap: UnsafePointer<UInt8>? = nil
        if pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap) == 0, let bitmap {
            return (0..<256).map { bitmap[$0 >> 3] & (1 << UInt8($0 & 7)) != 0 }
        }
        var type: UInt32 = 0
        var unit: UInt32 = 0
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type) == 0, type == 1,
              pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit) == 0, unit < 0x80,
              !(0x41...0x5A).contains(unit), !(0x61...0x7A).contains(unit) else { return nil }
        return (0..<256).map { $0 == Int(unit) }
    }

    /// Runs the pattern once against `subject`, starting the search at byte `offset`.
    ///
    /// `subject` must be valid UTF-8: callers check it first, so PCRE2 is told to skip
    /// its own check.
    func firstMatch(in subject: UnsafeBufferPointer<UInt8>, from offset: Int = 0, matchData: MatchData? = nil) -> PCRE2MatchResult {
        if let matchData { return run(subject, from: offset, data: matchData) }
        let data = pool.withLock { $0.popLast() } ?? MatchData(for: self)
        let result = run(subject, from: offset, data: data)
        pool.withLock { idle in
            if idle.count < PCRE2Pattern.poolLimit {
                idle.reserveCapacity(PCRE2Pattern.poolLimit)
                idle.append(data)
            }
        }
        return result
    }

    private func run(_ subject: UnsafeBufferPointer<UInt8>, from offset: Int, data: MatchData) -> PCRE2MatchResult {
        guard let pointer = data.pointer else { return .failed(code: Int32(PCRE2_ERROR_NOMEMORY)) }
        guard let base = subject.baseAddress else {
            // A zero-length subject still needs a valid pointer.
            return PCRE2Pattern.emptySubject.withUnsafeBufferPointer {
                run(UnsafeBufferPointer(rebasing: $0[0..<0]), from: 0, data: data)
            }
        }
        let rc = pcre2_match_8(code, base, subject.count, offset, UInt32(PCRE2_NO_UTF_CHECK), pointer, matchContext)
        if rc == Int32(PCRE2_ERROR_NOMATCH) { return .noMatch }
        if rc < 0 { return .failed(code: rc) }
        guard let ovector = pcre2_get_ovector_pointer_8(pointer) else { return .failed(code: Int32(PCRE2_ERROR_NOMEMORY)) }
        return .match(start: ovector[0], end: ovector[1])
    }

    private static let emptySubject: [UInt8] = [0]

    /// Whether the pattern matches anywhere in the UTF-8 bytes of `subject`.
    func firstMatch(in subject: some Sequence<UInt8>) -> PCRE2MatchResult {
        let bytes = Array(subject)
        return bytes.withUnsafeBufferPointer { firstMatch(in: $0) }
    }

    /// Match data for one match at a time; freed with the value.
    final class MatchData: @unchecked Sendable {
        fileprivate let pointer: OpaquePointer?
        init(for pattern: PCRE2Pattern) { pointer = pcre2_match_data_create_from_pattern_8(pattern.code, nil) }
        deinit { if let pointer { pcre2_match_data_free_8(pointer) } }
    }
}
