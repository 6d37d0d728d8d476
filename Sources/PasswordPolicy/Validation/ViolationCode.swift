/// The stable codes of `policy-format.md`, format 1. Scripts match on these strings.
public struct ViolationCode: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code as the policy format writes it: `length.short`, `charset.disallowed`, ...
    public let rawValue: String
    /// The code with this text; codes outside format 1 are allowed (a pattern's own, say).
    ///
    /// ```swift
    /// ViolationCode(rawValue: "length.short") == .lengthShort   // true
    /// ```
    public init(rawValue: String) { self.rawValue = rawValue }

    /// No password was given and the policy is not `optional`.
    public static let passwordMissing = ViolationCode(rawValue: "password.missing")
    /// Fewer scalars than `length.min`.
    public static let lengthShort = ViolationCode(rawValue: "length.short")
    /// More scalars than `length.max`.
    public static let lengthLong = ViolationCode(rawValue: "length.long")
    /// A character in no declared class (with `allowOther` false).
    public static let charsetDisallowed = ViolationCode(rawValue: "charset.disallowed")
    /// An `atLeast` requirement fails.
    public static let classesInsufficient = ViolationCode(rawValue: "classes.insufficient")
    /// A class has fewer characters than its `min`.
    public static let classTooFew = ViolationCode(rawValue: "class.tooFew")
    /// A class has more characters than its `max`.
    public static let classTooMany = ViolationCode(rawValue: "class.tooMany")
    /// The first character is in `forbidLeading`.
    public static let leadingForbidden = ViolationCode(rawValue: "leading.forbidden")
    /// The last character is in `forbidTrailing`.
    public static let trailingForbidden = ViolationCode(rawValue: "trailing.forbidden")
    /// A run of one character longer than `maxConsecutive`.
    public static let consecutiveExceeded = ViolationCode(rawValue: "consecutive.exceeded")
    /// A `forbidPatterns` entry matched.
    public static let patternForbidden = ViolationCode(rawValue: "pattern.forbidden")
    /// The password contains a context value.
    public static let contextContained = ViolationCode(rawValue: "context.contained")
    /// The whole password is in a `forbidList` list.
    public static let blocklistContained = ViolationCode(rawValue: "blocklist.contained")
    /// The input bytes are not valid UTF-8.
    public static let encodingInvalid = ViolationCode(rawValue: "encoding.invalid")

    /// The raw value.
    public var description: String { rawValue }
    /// Orders codes by their text, for stable lists.
    public static func < (lhs: ViolationCode, rhs: ViolationCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
