/// A Keycloak realm's password policy string: policy ids joined by ` and `, each with an
/// optional value in parentheses, as the realm's `passwordPolicy` attribute holds it:
/// `length(8) and digits(1) and upperCase(1) and lowerCase(1) and specialChars(1) and notUsername`.
///
/// The ids of Keycloak's Server Administration Guide ("Password policies") are read:
/// about the password's content `length`, `maxLength`, `digits`, `lowerCase`, `upperCase`,
/// `specialChars`, `notUsername`, `notEmail`, `regexPattern`, `passwordBlacklist`; outside
/// it `hashAlgorithm`, `hashIterations`, `passwordHistory`, `passwordAge`,
/// `forceExpiredPasswordChange`, `maxAuthAge`, kept as notes of the policy.
///
/// Keycloak counts in Java `char`s (UTF-16 code units): `digits` counts
/// `Character.isDigit` (Unicode Nd), `lowerCase` and `upperCase` count
/// `Character.isLowerCase`/`isUpperCase` (Unicode's Lowercase and Uppercase properties),
/// and `specialChars` counts every `char` that is not `Character.isLetterOrDigit`, that is
/// neither a letter (L) nor a decimal digit (Nd): punctuation, symbols, spaces, controls,
/// marks, and each half of a character outside the Basic Multilingual Plane. See
/// ``policy(id:)`` for how that becomes a policy.
///
/// ```swift
/// let keycloak = try KeycloakPasswordPolicy("length(12) and digits(1) and notUsername")
/// let policy = try keycloak.policy(id: "example.keycloak")
/// print(keycloak.text)   // length(12) and digits(1) and notUsername
/// ```
public struct KeycloakPasswordPolicy: Sendable, Hashable {
    /// One policy of the string: its id and the text in its parentheses, if any.
    public struct Entry: Sendable, Hashable {
        /// The policy id: `length`, `digits`, ...
        public var id: String
        /// The value between the parentheses, as written; nil without parentheses.
        public var value: String?

        /// An entry.
        ///
        /// ```swift
        /// let entry = KeycloakPasswordPolicy.Entry(id: "length", value: "12")
        /// ```
        public init(id: String, value: String? = nil) {
            self.id = id
            self.value = value
        }

        /// `id(value)` or `id`.
        public var text: String { value.map { "\(id)(\($0))" } ?? id }
    }

    /// The ids about the password's content.
    ///
    /// ```swift
    /// KeycloakPasswordPolicy.contentPolicyIDs.contains("specialChars")   // true
    /// ```
    public static let contentPolicyIDs = ["length", "maxLength", "digits", "lowerCase", "upperCase", "specialChars", "notUsername", "notEmail", "regexPattern", "passwordBlacklist"]
    /// The ids outside the password's content, kept as notes.
    ///
    /// ```swift
    /// KeycloakPasswordPolicy.otherPolicyIDs.contains("passwordHistory")   // true
    /// ```
    public static let otherPolicyIDs = ["hashAlgorithm", "hashIterations", "passwordHistory", "passwordAge", "forceExpiredPasswordChange", "maxAuthAge"]
    /// The ids whose value is an integer, with Keycloak's default when no value is given.
    static let integerDefaults = ["length": 8, "maxLength": 64, "digits": 1, "lowerCase": 1, "upperCase": 1, "specialChars": 1]

    /// The entries, in order.
    public var entries: [Entry]

    /// A policy string from its entries.
    ///
    /// ```swift
    /// let keycloak = KeycloakPasswordPolicy(entries: [.init(id: "length", value: "10"), .init(id: "notEmail")])
    /// ```
    public init(entries: [Entry]) { self.entries = entries }

    /// The policy string: the entries joined by ` and `.
    ///
    /// ```swift
    /// KeycloakPasswordPolicy(entries: [.init(id: "length", value: "10")]).text   // length(10)
    /// ```
    public var text: String { entries.map(\.text).joined(separator: " and ") }

    /// The value Keycloak uses for an id: the last entry wins, as in Keycloak's own map.
    func value(_ id: String) -> Entry? { entries.last { $0.id == id } }

    /// The integer of an id that takes one, with Keycloak's default when no value is given.
    func integer(_ id: String) -> Int? {
        guard let entry = value(id) else { return nil }
        if let text = entry.value, !text.isEmpty { return Int(text.trimmingKeycloakSpaces) }
        return Self.integerDefaults[id]
    }
}

extension String {
    /// The text without the leading and trailing characters up to U+0020 (Java's `trim`).
    var trimmingKeycloakSpaces: String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }), let last = scalars.lastIndex(where: { $0.value > 0x20 }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
