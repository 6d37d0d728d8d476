/// One character class of Apple's Password Rules language: a named class such as `upper`,
/// or a custom class written in brackets, such as `[-_!]`.
///
/// ```swift
/// let rules = try PasswordRules("required: upper, [-_]; allowed: lower;")
/// rules.required[0]   // [.upper, .custom("-_")]
/// PasswordRulesCharacterClass.custom("_-").description   // "[-_]"
/// PasswordRulesCharacterClass.special.members.count     // 33
/// ```
///
/// The named classes mean what the reference parser (`tools/PasswordRulesParser.js` in
/// apple/password-manager-resources) gives them:
///
/// | class | characters |
/// |---|---|
/// | `upper` | `A` to `Z` |
/// | `lower` | `a` to `z` |
/// | `digit` | `0` to `9` |
/// | `special` | the 33 other printable ASCII characters, the space included (below) |
/// | `ascii-printable` | U+0020 to U+007E: all of the above |
/// | `unicode` | every Unicode character |
///
/// The special characters, in ASCII order, after the space:
///
/// ```text
/// !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
/// ```
///
/// A custom class holds printable ASCII characters only (U+0020 to U+007E); the reference
/// ignores any other character written inside the brackets.
public enum PasswordRulesCharacterClass: Sendable, Hashable {
    /// `upper`: the ASCII uppercase letters `A` to `Z`.
    case upper
    /// `lower`: the ASCII lowercase letters `a` to `z`.
    case lower
    /// `digit`: the ASCII digits `0` to `9`.
    case digit
    /// `special`: the printable ASCII characters that are neither letters nor digits,
    /// the space included (33 characters).
    case special
    /// `ascii-printable`: U+0020 (space) to U+007E (`~`).
    case asciiPrintable
    /// `unicode`: every Unicode character.
    case unicode
    /// A custom class `[...]`. The string lists its characters; the printed form puts them
    /// in the canonical order (see ``PasswordRules/description``) whatever order they are
    /// given in here.
    case custom(String)

    /// The named classes, in the order the reference lists them after canonicalization.
    public static let named: [PasswordRulesCharacterClass] = [.upper, .lower, .digit, .special, .asciiPrintable, .unicode]

    /// The name a rule uses for the class (`upper`, `ascii-printable`, ...), or nil for a
    /// custom class.
    ///
    /// ```swift
    /// PasswordRulesCharacterClass.asciiPrintable.identifier   // "ascii-printable"
    /// ```
    public var identifier: String? {
        switch self {
        case .upper: "upper"
        case .lower: "lower"
        case .digit: "digit"
        case .special: "special"
        case .asciiPrintable: "ascii-printable"
        case .unicode: "unicode"
        case .custom: nil
        }
    }

    /// The named class with this identifier, compared without regard to ASCII case as
    /// the reference does (`uPPeR` is `upper`); nil for any other word.
    ///
    /// ```swift
    /// PasswordRulesCharacterClass(identifier: "Digit")   // .digit
    /// PasswordRulesCharacterClass(identifier: "letters") // nil
    /// ```
    public init?(identifier: String) {
        let lowered = String(identifier.unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Character(Unicode.Scalar(scalar.value + 32) ?? scalar) : Character(scalar)
        })
        guard let named = PasswordRulesCharacterClass.named.first(where: { $0.identifier == lowered }) else { return nil }
        self = named
    }

    /// Every Unicode scalar value in the class. For ``unicode`` that is every scalar value
    /// (U+0000 to U+10FFFF without the surrogates); for a custom class, its printable
    /// ASCII characters.
    ///
    /// ```swift
    /// PasswordRulesCharacterClass.digit.members.contains("7")   // true
    /// ```
    public var members: ScalarSet {
        switch self {
        case .unicode: return PrintableASCIISet.everyScalar
        default: return PrintableASCIISet(self).scalarSet
        }
    }

    /// Whether the class contains every printable ASCII character.
    var coversPrintableASCII: Bool { self == .asciiPrintable || self == .unicode }
}

extension PasswordRulesCharacterClass: CustomStringConvertible {
    /// The class as a rule writes it: its identifier, or the custom class in brackets with
    /// its characters in canonical order (`-` first, `]` last).
    ///
    /// ```swift
    /// PasswordRulesCharacterClass.custom("]a-").description   // "[-a]]"
    /// ```
    public var description: String {
        switch self {
        case .custom: "[" + PrintableASCIISet(self).canonicalCharacters + "]"
        default: identifier ?? ""
        }
    }
}
