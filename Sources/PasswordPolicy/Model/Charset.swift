/// A set of characters, written as a literal list or as the body of a PCRE2 class.
///
/// ```swift
/// let specials: Charset = .chars("()`~!@#$%^&*-+=_|{}[]:;'<>,.?/")
/// let letters: Charset = .set("a-zA-Z")
/// let anyUppercase: Charset = .set("\\p{Lu}")
/// ```
///
/// Membership is decided by PCRE2 (UTF and UCP modes): a character belongs to the set
/// exactly when PCRE2 matches it against `[` + body + `]`.
public enum Charset: Sendable, Hashable {
    /// Every Unicode scalar in the string, taken literally; nothing needs escaping.
    case chars(String)
    /// The body of a PCRE2 character class: ranges, escapes, POSIX classes, `\p{...}`.
    case set(String)
}

extension Charset: ExpressibleByStringLiteral {
    /// A string literal is a literal list of characters, as a bare JSON string is.
    public init(stringLiteral value: String) { self = .chars(value) }
}

extension Charset {
    /// The charset as people read it in a message: the literal characters, or the PCRE2 class.
    var readableDescription: String {
        switch self {
        case .chars(let chars): chars.unicodeScalars.count == 1 ? chars : "any of \(chars)"
        case .set(let body): "a character in [\(body)]"
        }
    }

    /// The JSON key the charset is written under: `chars` or `set`.
    var keyName: String {
        switch self {
        case .chars: "chars"
        case .set: "set"
        }
    }
}
