/// A list of whole passwords a policy refuses (JSON key `forbidList`): the entire password,
/// after ``Policy/normalization`` and, when ``isCaseInsensitive``, case folding, must not be
/// a member. Unlike `forbidContext` (a substring rule), a list entry matches only the whole
/// password: `password` is refused, `my password is long` is not.
///
/// ```swift
/// let common = ForbiddenList(list: "common", isCaseInsensitive: true, code: "common",
///                            message: "is one of the 30,000 most common passwords")
/// ```
public struct ForbiddenList: Sendable, Hashable {
    /// A built-in list name (`common`) or a list the caller supplies by this name
    /// (``CompiledPolicy/init(_:blocklists:)``; the CLI reads a path relative to the policy file).
    public var list: String
    /// Whether the password is compared in lowercase (Unicode's default lowercase mapping,
    /// locale-independent) against entries compared the same way (JSON key `caseInsensitive`).
    public var isCaseInsensitive: Bool
    /// A stable identifier chosen by the policy author, reported in the violation's detail;
    /// `nil` reports the list's name.
    public var code: String?
    /// Why a member is refused, for people; `nil` takes the list's own reason ("is one of
    /// the 30,000 most common passwords"). It must not quote a password.
    public var message: String?

    /// A list rule.
    ///
    /// ```swift
    /// let breached = ForbiddenList(list: "breached", code: "hibp")
    /// ```
    public init(list: String, isCaseInsensitive: Bool = false, code: String? = nil, message: String? = nil) {
        self.list = list
        self.isCaseInsensitive = isCaseInsensitive
        self.code = code
        self.message = message
    }
}

/// The Unicode normalization form passwords are compared in (JSON key `normalize`).
///
/// ```swift
/// var policy = Presets.policy(id: "nist.sp800-63b-4.password")!
/// policy.normalization    // .nfc
/// ```
public enum UnicodeNormalization: String, Sendable, Hashable, CaseIterable {
    /// Normalization Form C: canonical decomposition, then canonical composition
    /// (Unicode Standard Annex #15).
    case nfc
}
