/// An Okta password policy's complexity settings: `settings.password.complexity` of a
/// password policy (Okta Policy API).
///
/// The counts are 0 or 1 ("0 indicates no, 1 indicates yes"); absent keys take Okta's
/// documented defaults (`minLength` 8, each count 1, `excludeUsername` true,
/// `dictionary.common.exclude` false). Okta's documentation names no exact character sets;
/// this library reads the letters as A-Z and a-z, the numbers as 0-9 and the symbols as
/// ASCII punctuation (its example is `!@#$%^&*`), and lets any other character through,
/// and records that in the policy's notes.
///
/// ```swift
/// let okta = try OktaPasswordComplexity(json: #"{"minLength": 12, "minSymbol": 0}"#)
/// let policy = okta.policy(id: "example.okta")
/// print(okta.json)
/// ```
public struct OktaPasswordComplexity: Sendable, Hashable {
    /// The characters `minSymbol` counts here: ASCII punctuation.
    ///
    /// ```swift
    /// OktaPasswordComplexity.symbols.contains("!")   // true
    /// ```
    public static let symbols = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

    /// `minLength` (default 8).
    public var minLength: Int
    /// `minLowerCase`: 1 requires a lower case letter (default 1).
    public var minLowerCase: Int
    /// `minUpperCase`: 1 requires an upper case letter (default 1).
    public var minUpperCase: Int
    /// `minNumber`: 1 requires a number (default 1).
    public var minNumber: Int
    /// `minSymbol`: 1 requires a symbol (default 1).
    public var minSymbol: Int
    /// `excludeUsername`: the password must not contain the username (default true).
    public var excludeUsername: Bool
    /// `excludeAttributes`: profile attributes (`firstName`, `lastName`) the password must not contain.
    public var excludeAttributes: [String]
    /// `dictionary.common.exclude`: refuse passwords in Okta's common-password dictionary.
    public var excludeCommonPasswords: Bool
    /// Settings read beside the complexity (`age`, `lockout`), as `name: JSON`, kept as notes.
    public var otherSettings: [String]

    /// Settings from their values; every parameter defaults as Okta does.
    ///
    /// ```swift
    /// let okta = OktaPasswordComplexity(minLength: 12, minSymbol: 0)
    /// ```
    public init(minLength: Int = 8, minLowerCase: Int = 1, minUpperCase: Int = 1, minNumber: Int = 1, minSymbol: Int = 1,
                excludeUsername: Bool = true, excludeAttributes: [String] = [], excludeCommonPasswords: Bool = false, otherSettings: [String] = []) {
        self.minLength = minLength
        self.minLowerCase = minLowerCase
        self.minUpperCase = minUpperCase
        self.minNumber = minNumber
        self.minSymbol = minSymbol
        self.excludeUsername = excludeUsername
        self.excludeAttributes = excludeAttributes
        self.excludeCommonPasswords = excludeCommonPasswords
        self.otherSettings = otherSettings
    }

    /// The settings as `{"settings": {"password": {"complexity": {...}}}}`, every key written.
    ///
    /// ```swift
    /// print(OktaPasswordComplexity(minLength: 10).json)
    /// ```
    public var json: String {
        let complexity = JSONValue.object([
            ("minLength", .integer(minLength)), ("minLowerCase", .integer(minLowerCase)), ("minUpperCase", .integer(minUpperCase)),
            ("minNumber", .integer(minNumber)), ("minSymbol", .integer(minSymbol)), ("excludeUsername", .bool(excludeUsername)),
            ("excludeAttributes", .array(excludeAttributes.map { .string($0) })),
            ("dictionary", .object([("common", .object([("exclude", .bool(excludeCommonPasswords))]))])),
        ])
        return JSONValue.object([("settings", .object([("password", .object([("complexity", complexity)]))]))]).text(pretty: true)
    }

    /// The policy Okta enforces with these settings, with the character sets read as the
    /// type's documentation says; `excludeUsername` and `excludeAttributes` become
    /// `forbidContext`, the dictionary and other settings notes.
    ///
    /// ```swift
    /// let policy = OktaPasswordComplexity(minLength: 12).policy(id: "example.okta")
    /// ```
    public func policy(id: String = "okta.custom") -> Policy {
        let classes = [
            CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "upper", .set("A-Z")),
            CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "symbols", .chars(Self.symbols)),
        ]
        var requirements: [Requirement] = []
        for (name, count) in [("lower", minLowerCase), ("upper", minUpperCase), ("digits", minNumber), ("symbols", minSymbol)] where count > 0 {
            requirements.append(.count(class: name, min: count, max: nil))
        }
        var notes = ["Okta names no exact character sets: letters are read as A-Z and a-z, numbers as 0-9, symbols as ASCII punctuation; other characters are allowed."]
        if excludeCommonPasswords { notes.append("dictionary.common.exclude: Okta refuses passwords of its common-password dictionary; not checked here.") }
        var context = excludeUsername ? ["username"] : []
        for name in excludeAttributes where !context.contains(name) { context.append(name) }
        notes += otherSettings.map { "\($0) (an Okta setting outside the password's content; not checked here)" }
        return Policy(id: id, title: "Okta password policy complexity", source: "Okta Policy API, password policy settings.password.complexity, https://developer.okta.com/docs/reference/api/policy/",
                      notes: notes, length: LengthRange(min: minLength, max: nil), classes: classes, allowsOtherCharacters: true,
                      requirements: requirements, forbidContext: context)
    }
}
