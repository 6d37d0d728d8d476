/// What one generation call needs, prepared once: the lengths it may produce, their exact
/// counts, the count table covering them, and which sampling path each length takes.
struct GenerationPlan {
    let core: GeneratorCore
    let lengths: ClosedRange<Int>
    /// The count table covering `lengths`, when some lie beyond the prepared ones (nil:
    /// the core's own table).
    let table: CountTable?
    /// The count of each length in `lengths`, in order, and whether it takes the fast path.
    /// A single length keeps them in `singleTotal` and `singleFast` instead (no allocation).
    let totals: [[UInt64]]
    let fast: [Bool]
    let singleTotal: [UInt64]
    let singleFast: Bool
    /// The counts as integers and their sum (several lengths only).
    let counts: [PasswordCount]
    let grandTotal: PasswordCount

    init(core: GeneratorCore, lengths: ClosedRange<Int>) throws(GenerationError) {
        let allowed = core.lengthRange
        guard allowed.contains(lengths.lowerBound), allowed.contains(lengths.upperBound) else {
            throw .lengthOutOfRange(requested: lengths, allowed: allowed)
        }
        guard lengths.upperBound <= PasswordGenerator.maximumLength else {
            throw .lengthUnsupported(requested: lengths.upperBound, maximum: PasswordGenerator.maximumLength)
        }
        self.core = core
        self.lengths = lengths
        if lengths.lowerBound == lengths.upperBound {
            let (table, total, fast) = core.tableAndCount(length: lengths.lowerBound)
            self.table = lengths.lowerBound <= core.preparedLength ? nil : table
            singleTotal = total
            singleFast = fast
            totals = []
            self.fast = []
            counts = []
            grandTotal = PasswordCount()
            if Limbs.isZeroWords(total) { throw .unsatisfiable(reason: core.reason(noPasswordIn: lengths)) }
            return
        }
        var table: CountTable? = nil
        var totals: [[UInt64]] = []
        var fast: [Bool] = []
        for length in lengths {
            let (extended, count, isFast) = core.tableAndCount(length: length, from: table)
            if length > core.preparedLength { table = extended }
            totals.append(count)
            fast.append(isFast)
        }
        self.table = table
        self.totals = totals
        self.fast = fast
        singleTotal = []
        singleFast = false
        counts = totals.map { PasswordCount(words: $0) }
        grandTotal = counts.reduce(PasswordCount(), +)
        if grandTotal.isZero { throw .unsatisfiable(reason: core.reason(noPasswordIn: lengths)) }
    }

    /// The index in `lengths` of a length drawn with probability proportional to its count.
    private func drawLengthIndex<R: RandomNumberGenerator>(using generator: inout R) -> Int {
        if totals.isEmpty { return 0 }
        var value = PasswordCount.random(below: grandTotal, using: &generator)
        for (index, count) in counts.enumerated() {
            if value < count { return index }
            value = value.subtracting(count) ?? PasswordCount()
        }
        return counts.count - 1
    }

    /// One password: a length (when there are several), then a uniform compliant password
    /// of that length; a candidate that `checks` rejects is drawn again from the start
    /// (length included), so the result stays uniform over the passwords that pass.
    ///
    /// The OS source gets code specialised for it (the public entry points are generic,
    /// and calls from other modules would otherwise reach every draw through a witness table).
    func generate<R: RandomNumberGenerator>(context checks: RejectionChecks, using generator: inout R) throws(GenerationError) -> String {
        if R.self == SystemRandomSource.self, var source = generator as? SystemRandomSource {
            // The concrete type, so that the sampling loop is specialised for it.
            return try generate(context: checks, maxAttempts: core.maxRejectedAttempts, specialized: &source)
        }
        return try generate(context: checks, maxAttempts: core.maxRejectedAttempts, specialized: &generator)
    }

    private func generate<R: RandomNumberGenerator>(context checks: RejectionChecks, maxAttempts: Int, specialized generator: inout R) throws(GenerationError) -> String {
        var rejected: [String: Int] = [:]
        let attempts = checks.isEmpty ? 1 : maxAttempts
        for _ in 0..<attempts {
            let index = drawLengthIndex(using: &generator)
            let length = lengths.lowerBound + index
            let outcome: Outcome = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, 4 * length)) { buffer in
                guard let base = buffer.baseAddress else { return .failed }
                defer { base.initialize(repeating: 0, count: buffer.count) }
                let single = totals.isEmpty
                guard let written = core.sample(length: length, table: table, total: single ? singleTotal : totals[index], fast: single ? singleFast : fast[index],
                                                 generator: &generator, into: base) else { return .failed }
                let bytes = UnsafeBufferPointer(start: base, count: written)
                if let code = checks.rejection(bytes) { return .rejected(code) }
                return .password(String(decoding: bytes, as: UTF8.self))
            }
            switch outcome {
            case .password(let password): return password
            case .rejected(let code): rejected[code, default: 0] += 1
            case .failed: throw .unsatisfiable(reason: core.reason(noPasswordIn: length...length))
            }
        }
        let codes = rejected.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        throw .rejectionLimit(attempts: attempts, codes: codes)
    }

    private enum Outcome {
        case password(String)
        case rejected(String)
        case failed
    }
}
