/// A PCRE2 pattern that must not match anywhere in the password.
///
/// ```swift
/// let noPassword = ForbiddenPattern(pattern: "(?i)pass(word)?", code: "acme.password",
///                                   message: "must not contain the word password")
/// ```
public struct ForbiddenPattern: Sendable, Hashable {
    /// A PCRE2 pattern, compiled in UTF and UCP modes.
    public var pattern: String
    /// A stable identifier chosen by the policy author, reported with `pattern.forbidden`.
    public var code: String
    /// A sentence for people, reported with the violation. It must not quote a password.
    public var message: String

    /// A forbidden pattern with the code and message reported when it matches.
    ///
    /// ```swift
    /// let rule = ForbiddenPattern(pattern: "(.)\\1\\1", code: "acme.triple", message: "no character three times in a row")
    /// ```
    public init(pattern: String, code: String, message: String) {
        self.pattern = pattern
        self.code = code
        self.message = message
    }
}
