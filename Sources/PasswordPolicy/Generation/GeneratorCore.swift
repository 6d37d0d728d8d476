/// Everything a ``PasswordGenerator`` computes once: the alphabet and its atoms, the
/// counting automaton, the suffix-count table for the prepared lengths, the count of every
/// prepared length, and the fast path. Immutable, so one instance is shared by every copy
/// of the generator and by every thread.
final class GeneratorCore: Sendable {
    let compiled: CompiledPolicy
    let options: GenerationOptions
    let alphabet: GenerationAlphabet
    let rules: GenerationRules
    let automaton: GenerationAutomaton
    let table: CountTable
    /// `lengthCounts[L]`, for `L` in `0 ..< table.rowCount + 1`: the count of length `L`
    /// (zero outside the policy's range).
    let lengthCounts: [[UInt64]]
    /// Whether draw-and-check is used at each prepared length.
    let fastAtLength: [Bool]
    let fastPath: FastPath?
    /// The characters each class has left to draw (for diagnostics).
    let drawableByClass: [ScalarSet]
    // Read on every call, kept apart so that no call copies the whole compiled policy.
    let lengthRange: LengthRange
    /// Per atom: bit 0 forbidden first, bit 1 forbidden last.
    let atomFlags: [UInt8]
    let hasRejectionRules: Bool
    let maxRejectedAttempts: Int
    let strategy: GenerationOptions.Strategy
    let defaultLength: Int

    init(compiled: CompiledPolicy, options: GenerationOptions, alphabet: GenerationAlphabet, preparedLength: Int) throws(GenerationError) {
        self.compiled = compiled
        self.options = options
        self.alphabet = alphabet
        let rules = GenerationRules(compiled)
        self.rules = rules
        let automaton = try GenerationAutomaton(alphabet: alphabet, rules: rules)
        self.automaton = automaton
        let table = CountTable(automaton: automaton, alphabet: alphabet, rowCount: preparedLength)
        self.table = table
        let range = compiled.policy.length
        let log2Alphabet = PasswordCount(UInt64(alphabet.count)).log2
        var lengthCounts: [[UInt64]] = []
        var fastAtLength: [Bool] = []
        for length in 0...preparedLength {
            let count = range.contains(length) ? table.count(length: length, automaton: automaton, alphabet: alphabet) : [0]
            lengthCounts.append(count)
            let log2Acceptance = PasswordCount(words: count).log2 - Double(length) * log2Alphabet
            fastAtLength.append(log2Acceptance >= FastPath.minimumLog2Acceptance)
        }
        self.lengthCounts = lengthCounts
        self.fastAtLength = fastAtLength
        self.fastPath = FastPath(alphabet: alphabet, rules: rules)
        self.drawableByClass = compiled.classMembers.map { $0.intersection(alphabet.members) }
        self.lengthRange = range
        self.atomFlags = alphabet.atoms.map { ($0.leadingForbidden ? 1 : 0) | ($0.trailingForbidden ? 2 : 0) }
        self.hasRejectionRules = !compiled.patterns.isEmpty || !compiled.policy.forbidContext.isEmpty || !compiled.forbiddenLists.isEmpty
            || compiled.policy.normalization != nil
        self.maxRejectedAttempts = options.maxRejectedAttempts
        self.strategy = options.strategy
        self.defaultLength = Swift.min(Swift.max(PasswordGenerator.preferredLength, range.min), range.max ?? Int.max)
    }

    /// Lengths `0 ... preparedLength` are counted without further work.
    var preparedLength: Int { lengthCounts.count - 1 }

    /// The table and count for `length` (within the policy's range), computing rows
    /// beyond the prepared ones (starting from `base`, by default the prepared table) when needed.
    func tableAndCount(length: Int, from base: CountTable? = nil) -> (CountTable, [UInt64], fast: Bool) {
        if length <= preparedLength { return (table, lengthCounts[length], fastAtLength[length]) }
        let extended = (base ?? table).extended(automaton: automaton, alphabet: alphabet, rowCount: length)
        let count = extended.count(length: length, automaton: automaton, alphabet: alphabet)
        let log2Acceptance = PasswordCount(words: count).log2 - Double(length) * PasswordCount(UInt64(alphabet.count)).log2
        return (extended, count, log2Acceptance >= FastPath.minimumLog2Acceptance)
    }

    // MARK: Sampling

    /// One password of a prepared `length` for a policy without `forbidPatterns` or
    /// `forbidContext`: the common case, with nothing allocated but the result.
    func generatePrepared<R: RandomNumberGenerator>(length: Int, using generator: inout R) throws(GenerationError) -> String {
        if R.self == SystemRandomSource.self, var source = generator as? SystemRandomSource {
            // The concrete type, so that the sampling loop is specialised for it.
            return try generatePreparedSpecialized(length: length, using: &source)
        }
        return try generatePreparedSpecialized(length: length, using: &generator)
    }

    private func generatePreparedSpecialized<R: RandomNumberGenerator>(length: Int, using generator: inout R) throws(GenerationError) -> String {
        let result: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, 4 * length)) { buffer in
            guard let base = buffer.baseAddress else { return nil }
            defer { base.initialize(repeating: 0, count: buffer.count) }
            guard let written = sample(length: length, table: nil, total: nil, fast: fastAtLength[length],
                                       generator: &generator, into: base) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: base, count: written), as: UTF8.self)
        }
        guard let result else { throw .unsatisfiable(reason: reason(noPasswordIn: length...length)) }
        return result
    }

    /// One password of `length` characters, drawn uniformly from the compliant ones (all
    /// rules except `forbidPatterns` and `forbidContext`), as UTF-8 into `output`
    /// (`4 * length` bytes), with `table` covering `length` and `total` its count (nil: the
    /// prepared ones).
    /// Returns the number of bytes, or nil if `total` is zero.
    ///
    /// With the fast path: up to ``FastPath/attemptLimit`` draw-and-check candidates,
    /// then exact sampling. Each branch yields a uniform compliant password, and which
    /// branch produces the output does not depend on which password it is, so the mixture
    /// is uniform: P(x) = Σₖ (1-p)^(k-1)·N^(-L) + (1-p)^m / C = 1/C, since N^(-L) = p / C.
    func sample<R: RandomNumberGenerator>(length: Int, table: CountTable?, total: [UInt64]?, fast: Bool,
                                          generator: inout R,
                                          into output: UnsafeMutablePointer<UInt8>) -> Int? {
        let useFast: Bool
        switch strategy {
        case .automatic: useFast = fast
        case .exact: useFast = false
        case .rejection: useFast = true
        }
        if useFast, let fastPath {
            let accepted: Int? = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: DigitBatch.capacity) { storage in
                guard let base = storage.baseAddress else { return nil }
                var digits = DigitBatch(shape: fastPath.digitShape, storage: base)
                defer { digits.clear() }
                for _ in 0..<FastPath.attemptLimit {
                    if let written = fastPath.attempt(length: length, digits: &digits, generator: &generator, into: output) {
                        return written
                    }
                }
                return nil
            }
            if let accepted { return accepted }
        }
        return sampleExactly(length: length, table: table ?? self.table, total: total ?? lengthCounts[length], generator: &generator, into: output)
    }
}
