/// The codes of the violations of one password, as a set of bits: what a bulk audit
/// counts, without building any message.
///
/// ```swift
/// let codes = policy.violationCodes(utf8: bytes)
/// if codes.contains(.lengthShort) { ... }
/// codes.contains(ViolationCodeSet(someCode))
/// for code in codes.codes { tally[code, default: 0] += 1 }
/// ```
public struct ViolationCodeSet: OptionSet, Sendable, Hashable {
    /// One bit per code, in the order of ``allCodes``.
    public let rawValue: UInt16
    /// The set with these bits.
    ///
    /// ```swift
    /// let both: ViolationCodeSet = [.lengthShort, .classesInsufficient]
    /// ViolationCodeSet(rawValue: both.rawValue) == both   // true
    /// ```
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Every code a password can have, in the order of `policy-format.md`'s table (the
    /// order `validate` reports them in).
    public static let allCodes: [ViolationCode] = [
        .lengthShort, .lengthLong, .charsetDisallowed, .classesInsufficient, .classTooFew, .classTooMany,
        .leadingForbidden, .trailingForbidden, .consecutiveExceeded, .patternForbidden, .contextContained,
        .encodingInvalid, .passwordMissing, .blocklistContained,
    ]

    /// The set holding `code` alone; empty for a code this library does not produce.
    public init(_ code: ViolationCode) {
        guard let index = ViolationCodeSet.allCodes.firstIndex(of: code) else { self.init(rawValue: 0); return }
        self.init(rawValue: 1 << UInt16(index))
    }

    /// The set of the codes of `violations`.
    ///
    /// ```swift
    /// let codes = ViolationCodeSet(policy.validate("short"))
    /// codes.contains(.lengthShort)   // true
    /// ```
    public init(_ violations: some Sequence<Violation>) {
        self.init(rawValue: violations.reduce(0) { $0 | ViolationCodeSet($1.code).rawValue })
    }

    /// The codes in the set, in the order of ``allCodes``.
    public var codes: [ViolationCode] {
        ViolationCodeSet.allCodes.indices.compactMap { rawValue & (1 << UInt16($0)) != 0 ? ViolationCodeSet.allCodes[$0] : nil }
    }

    /// `length.short`.
    public static let lengthShort = ViolationCodeSet(rawValue: 1 << 0)
    /// `length.long`.
    public static let lengthLong = ViolationCodeSet(rawValue: 1 << 1)
    /// `charset.disallowed`.
    public static let charsetDisallowed = ViolationCodeSet(rawValue: 1 << 2)
    /// `classes.insufficient`.
    public static let classesInsufficient = ViolationCodeSet(rawValue: 1 << 3)
    /// `class.tooFew`.
    public static let classTooFew = ViolationCodeSet(rawValue: 1 << 4)
    /// `class.tooMany`.
    public static let classTooMany = ViolationCodeSet(rawValue: 1 << 5)
    /// `leading.forbidden`.
    public static let leadingForbidden = ViolationCodeSet(rawValue: 1 << 6)
    /// `trailing.forbidden`.
    public static let trailingForbidden = ViolationCodeSet(rawValue: 1 << 7)
    /// `consecutive.exceeded`.
    public static let consecutiveExceeded = ViolationCodeSet(rawValue: 1 << 8)
    /// `pattern.forbidden`.
    public static let patternForbidden = ViolationCodeSet(rawValue: 1 << 9)
    /// `context.contained`.
    public static let contextContained = ViolationCodeSet(rawValue: 1 << 10)
    /// `encoding.invalid`.
    public static let encodingInvalid = ViolationCodeSet(rawValue: 1 << 11)
    /// `password.missing`.
    public static let passwordMissing = ViolationCodeSet(rawValue: 1 << 12)
    /// `blocklist.contained` (last in ``allCodes``: added after format 1's first codes).
    public static let blocklistContained = ViolationCodeSet(rawValue: 1 << 13)
}
