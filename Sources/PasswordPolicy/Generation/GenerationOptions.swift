/// Choices about how a ``PasswordGenerator`` draws, beyond what the policy says.
///
/// ```swift
/// // Printable ASCII only, and none of the look-alikes I, l, 1, O and 0.
/// let options = GenerationOptions(ascii: true, exclude: "Il1O0")
/// let generator = try PasswordGenerator(compiled, options: options)
/// ```
///
/// Whatever the options, the generator only ever proposes characters the policy allows
/// (members of its classes; see ``PasswordGenerator`` for the exact alphabet), and
/// ``PasswordGenerator/count(length:)`` counts exactly the passwords it can produce.
public struct GenerationOptions: Sendable, Hashable {
    /// Restrict the alphabet to printable ASCII: `!` (0x21) to `~` (0x7E), plus the space
    /// (0x20) when a class of the policy contains it.
    public var ascii: Bool
    /// Characters never to draw, for example look-alikes such as `Il1O0`. When removing
    /// them leaves a required class with no character, the generator says so
    /// (``GenerationError/Code/classEmptied``).
    public var exclude: ScalarSet
    /// How many candidates `forbidPatterns` and `forbidContext` may reject, for one
    /// password, before generation stops with ``GenerationError/Code/rejectionLimit``.
    public var maxRejectedAttempts: Int

    /// How to sample; tests force one path or the other.
    var strategy: Strategy = .automatic

    /// Which characters the counting alphabet holds (see
    /// ``PasswordGenerator/countingAlphabet(_:options:scope:)``). Lint counts over every
    /// character the policy accepts (``Scope/everyAccepted``) to decide whether any password
    /// exists at all; generation uses the drawable ones.
    enum Scope: Sendable, Hashable {
        /// Characters a person can type and see (``GenerationOptions/ascii`` narrows further).
        case drawable
        /// Every character validation accepts: the classes' members, or every scalar value
        /// with `allowOther`. For counting only.
        case everyAccepted
    }

    enum Strategy: Sendable, Hashable {
        /// Draw-and-check when its acceptance rate is provably high, else exact sampling.
        case automatic
        /// Always sample position by position from exact counts.
        case exact
        /// Always draw-and-check (with the exact fallback after the attempt bound).
        case rejection
    }

    /// - Parameters:
    ///   - ascii: restrict generation to printable ASCII.
    ///   - exclude: characters never to draw (each Unicode scalar of the string).
    ///   - maxRejectedAttempts: the bound on candidates rejected by `forbidPatterns` /
    ///     `forbidContext` for one password.
    public init(ascii: Bool = false, exclude: String = "", maxRejectedAttempts: Int = 1000) {
        self.ascii = ascii
        self.exclude = ScalarSet(exclude.unicodeScalars)
        self.maxRejectedAttempts = max(1, maxRejectedAttempts)
    }

    /// - Parameters:
    ///   - ascii: restrict generation to printable ASCII.
    ///   - excluding: a set of characters never to draw.
    ///   - maxRejectedAttempts: the bound on candidates rejected by patterns or context.
    public init(ascii: Bool = false, excluding: ScalarSet, maxRejectedAttempts: Int = 1000) {
        self.ascii = ascii
        self.exclude = excluding
        self.maxRejectedAttempts = max(1, maxRejectedAttempts)
    }
}
