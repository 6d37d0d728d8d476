/// Why a generator could not be built or could not produce a password.
///
/// Descriptions say which rule or option is at fault, in plain words. They never contain
/// a generated password (nor a part of one).
///
/// ```swift
/// do {
///     let password = try compiled.generate(length: 40)
/// } catch {
///     print(error)   // "length 40 is outside the policy's range (8 to 16)"
/// }
/// ```
public enum GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The requested length (or range of lengths) is not within the policy's length range.
    case lengthOutOfRange(requested: ClosedRange<Int>, allowed: LengthRange)
    /// The requested length is longer than this generator supports (``PasswordGenerator/maximumLength``).
    case lengthUnsupported(requested: Int, maximum: Int)
    /// No character is left to draw from; `reason` says which restriction removed them.
    case emptyAlphabet(reason: String)
    /// A requirement can no longer be met because classes it needs have no character left
    /// to draw: `cause` says what removed them (the exclusions, the ASCII restriction, or
    /// the printable-character rule).
    case classEmptied(classNames: [String], requirement: String, cause: String)
    /// No password satisfies the rules at the requested lengths; `reason` says why.
    case unsatisfiable(reason: String)
    /// `forbidPatterns` or `forbidContext` rejected `attempts` candidates in a row; `codes`
    /// are the rules that rejected them (pattern codes, or `context:NAME`), most frequent first.
    case rejectionLimit(attempts: Int, codes: [String])
    /// Exact counting would need more states than the generator allows.
    case tooComplex(states: Int, limit: Int)
    /// An argument is not meaningful (a negative count, say).
    case invalidArgument(String)

    /// What went wrong, in a sentence for people.
    public var description: String {
        switch self {
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
