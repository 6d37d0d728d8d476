/// Why a generator could not be built or could not produce a password.
///
/// Match on ``code``; ``description`` says which rule or option is at fault, in plain
/// words. Descriptions never contain a generated password (nor a part of one). New codes
/// may be added in later versions, so a `switch` over codes needs a `default`.
///
/// ```swift
/// do {
///     let password = try compiled.generate(length: 40)
/// } catch {
///     if error.code == .lengthOutOfRange { print(error) }   // "length 40 is outside the policy's range (8 to 16)"
/// }
/// ```
public struct GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        /// A code from its stable name.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The requested length (or range of lengths) is not within the policy's length range.
        public static let lengthOutOfRange = Code(rawValue: "length.outOfRange")
        /// The requested length is longer than ``PasswordGenerator/maximumLength``.
        public static let lengthUnsupported = Code(rawValue: "length.unsupported")
        /// No character is left to draw from.
        public static let emptyAlphabet = Code(rawValue: "alphabet.empty")
        /// A requirement can no longer be met: the classes it needs have no character left to draw.
        public static let classEmptied = Code(rawValue: "class.emptied")
        /// No password satisfies the rules at the requested lengths.
        public static let unsatisfiable = Code(rawValue: "policy.unsatisfiable")
        /// `forbidPatterns` or `forbidContext` rejected too many candidates in a row.
        public static let rejectionLimit = Code(rawValue: "rejection.limit")
        /// Exact counting would need more states than the generator allows.
        public static let tooComplex = Code(rawValue: "policy.tooComplex")
        /// An argument is not meaningful (a negative count, say).
        public static let invalidArgument = Code(rawValue: "argument.invalid")
    }

    /// What went wrong, with what the library knows about it.
    enum Kind: Sendable, Hashable {
        case lengthOutOfRange(requested: ClosedRange<Int>, allowed: LengthRange)
        case lengthUnsupported(requested: Int, maximum: Int)
        case emptyAlphabet(reason: String)
        case classEmptied(classNames: [String], requirement: String, cause: String)
        case unsatisfiable(reason: String)
        case rejectionLimit(attempts: Int, codes: [String])
        case tooComplex(states: Int, limit: Int)
        case invalidArgument(String)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The kind of failure: match on this.
    public var code: Code {
        switch kind {
        case .lengthOutOfRange: .lengthOutOfRange
        case .lengthUnsupported: .lengthUnsupported
        case .emptyAlphabet: .emptyAlphabet
        case .classEmptied: .classEmptied
        case .unsatisfiable: .unsatisfiable
        case .rejectionLimit: .rejectionLimit
        case .tooComplex: .tooComplex
        case .invalidArgument: .invalidArgument
        }
    }

    /// For ``Code/rejectionLimit``: the rules that rejected the candidates (pattern codes,
    /// or `context:NAME`), most frequent first; empty for every other code.
    public var rejectingRules: [String] {
        if case .rejectionLimit(_, let codes) = kind { return codes }
        return []
    }

    /// What went wrong, in a sentence for people.
    public var description: String {
        switch kind {
        case .lengthOutOfRange(let requested, let allowed):
            let what = requested.lowerBound == requested.upperBound ? "length \(requested.lowerBound) is" : "lengths \(requested.lowerBound)-\(requested.upperBound) are"
            return "\(what) outside the policy's range (\(allowed))"
        case .lengthUnsupported(let requested, let maximum):
            return "length \(requested) is longer than the generator supports (at most \(maximum) characters)"
        case .emptyAlphabet(let reason):
            return "no character is left to generate from: \(reason)"
        case .classEmptied(let classNames, let requirement, let cause):
            let classes = Messages.list(classNames.map { "\"\($0)\"" })
            return "cannot generate: \(requirement) cannot be met: \(cause) removed every character of \(classes)"
        case .unsatisfiable(let reason):
            return "cannot generate: \(reason)"
        case .rejectionLimit(let attempts, let codes):
            let rules = codes.isEmpty ? "" : " (rejected by \(Messages.list(codes)))"
            return "gave up after \(attempts) candidates in a row were rejected by the policy's forbidden patterns or context\(rules)"
        case .tooComplex(let states, let limit):
            return "the policy's rules combine into \(states) counting states, more than the generator's limit of \(limit)"
        case .invalidArgument(let message):
            return message
        }
    }
}

extension GenerationError {
    static func lengthOutOfRange(requested: ClosedRange<Int>, allowed: LengthRange) -> GenerationError { GenerationError(.lengthOutOfRange(requested: requested, allowed: allowed)) }
    static func lengthUnsupported(requested: Int, maximum: Int) -> GenerationError { GenerationError(.lengthUnsupported(requested: requested, maximum: maximum)) }
    static func emptyAlphabet(reason: String) -> GenerationError { GenerationError(.emptyAlphabet(reason: reason)) }
    static func classEmptied(classNames: [String], requirement: String, cause: String) -> GenerationError {
        GenerationError(.classEmptied(classNames: classNames, requirement: requirement, cause: cause))
    }
    static func unsatisfiable(reason: String) -> GenerationError { GenerationError(.unsatisfiable(reason: reason)) }
    static func rejectionLimit(attempts: Int, codes: [String]) -> GenerationError { GenerationError(.rejectionLimit(attempts: attempts, codes: codes)) }
    static func tooComplex(states: Int, limit: Int) -> GenerationError { GenerationError(.tooComplex(states: states, limit: limit)) }
    static func invalidArgument(_ message: String) -> GenerationError { GenerationError(.invalidArgument(message)) }
}
