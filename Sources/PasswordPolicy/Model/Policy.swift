/// A declarative password policy: the set of passwords a service accepts.
///
/// A policy is a plain value. Build one in code, or decode one from the JSON format of
/// `policy-format.md` with ``Policy/init(json:)-(String)``; compile it once with
/// ``CompiledPolicy/init(_:)`` and then validate (and generate) against the result.
///
/// ```swift
/// let policy = Policy(
///     id: "example.service",
///     length: LengthRange(min: 8, max: 16),
///     classes: [
///         CharacterClass(name: "letters", .set("a-zA-Z")),
///         CharacterClass(name: "digits", .set("0-9")),
///     ],
///     requirements: [.atLeast(2, of: nil)],
///     forbidLeading: "/"
/// )
/// let compiled = try CompiledPolicy(policy)
/// compiled.isValid("abc12345")   // true
/// ```
public struct Policy: Sendable, Hashable {
    /// The newest format version this library reads and writes.
    public static let currentFormat = 1

    /// The format version; files with a higher one are refused.
    public var format: Int
    /// Stable identifier, lowercase and dot-separated: `vendor.service[.variant]`.
    public var id: String
    /// One line for people.
    public var title: String?
    /// Where the rule comes from: document, API name and version.
    public var source: String?
    /// Interpretations and discrepancies in the source, in plain words.
    public var notes: [String]
    /// Inclusive bounds on the length, in Unicode scalar values.
    public var length: LengthRange
    /// The named character classes; at least one.
    public var classes: [CharacterClass]
    /// When false, every character must belong to at least one class (JSON key `allowOther`).
    public var allowsOtherCharacters: Bool
    /// Requirements that must all hold (JSON key `require`).
    public var requirements: [Requirement]
    /// The first character must not be in this set.
    public var forbidLeading: Charset?
    /// The last character must not be in this set.
    public var forbidTrailing: Charset?
    /// No character may repeat more than this many times in a row.
    public var maxConsecutive: Int?
    /// Patterns that must not match anywhere in the password.
    public var forbidPatterns: [ForbiddenPattern]
    /// Names of context values (`username`, ...) the password must not contain,
    /// case-insensitively, when the caller supplies them.
    public var forbidContext: [String]
    /// Whether an absent password is acceptable, a service's password-free mode (JSON key `optional`).
    public var isOptional: Bool
    /// The form every check compares in (JSON key `normalize`); `nil` compares the bytes as
    /// received. See ``UnicodeNormalization``.
    public var normalization: UnicodeNormalization?
    /// Lists of whole passwords the policy refuses (JSON key `forbidList`).
    public var forbidLists: [ForbiddenList]

    /// A policy from its parts; every key of the format but `id`, `length` and `classes`
    /// has its default.
    ///
    /// ```swift
    /// let pin = Policy(id: "example.pin", length: LengthRange(min: 4, max: 6),
    ///                  classes: [CharacterClass(name: "digits", .set("0-9"))], maxConsecutive: 2)
    /// ```
    public init(
        format: Int = Policy.currentFormat,
        id: String,
        title: String? = nil,
        source: String? = nil,
        notes: [String] = [],
        length: LengthRange,
        classes: [CharacterClass],
        allowsOtherCharacters: Bool = false,
        requirements: [Requirement] = [],
        forbidLeading: Charset? = nil,
        forbidTrailing: Charset? = nil,
        maxConsecutive: Int? = nil,
        forbidPatterns: [ForbiddenPattern] = [],
        forbidContext: [String] = [],
        isOptional: Bool = false,
        normalization: UnicodeNormalization? = nil,
        forbidLists: [ForbiddenList] = []
    ) {
        self.format = format
        self.id = id
        self.title = title
        self.source = source
        self.notes = notes
        self.length = length
        self.classes = classes
        self.allowsOtherCharacters = allowsOtherCharacters
        self.requirements = requirements
        self.forbidLeading = forbidLeading
        self.forbidTrailing = forbidTrailing
        self.maxConsecutive = maxConsecutive
        self.forbidPatterns = forbidPatterns
        self.forbidContext = forbidContext
        self.isOptional = isOptional
        self.normalization = normalization
        self.forbidLists = forbidLists
    }
}
