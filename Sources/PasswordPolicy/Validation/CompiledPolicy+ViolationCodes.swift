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
        .encodingInvalid, .passwordMissing,
    ]

    /// The set holding `code` alone; empty for a code this library does not produce.
    public init(_ code: ViolationCode) {
        guard let index = ViolationCodeSet.allCodes.firstIndex(of: code) else { self.init(rawValue: 0); return }
        self.init(rawValue: 1 << UInt16(index))
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
}

extension CompiledPolicy {
    /// The codes of every violation of the UTF-8 `bytes`: exactly the codes of
    /// ``validate(utf8:context:)``, without its messages and details, and allocating
    /// nothing for a policy without per-class counts, patterns or context rules.
    @inlinable
    public func violationCodes(utf8 bytes: some Collection<UInt8>, context: [String: String] = [:]) -> ViolationCodeSet {
        if let result = bytes.withContiguousStorageIfAvailable({ violationCodes(buffer: $0, knownValidUTF8: false, context: context) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { violationCodes(buffer: $0, knownValidUTF8: false, context: context) }
    }

    /// The codes of every violation of `password` (see ``violationCodes(utf8:context:)``).
    @inlinable
    public func violationCodes(_ password: String, context: [String: String] = [:]) -> ViolationCodeSet {
        if let result = password.utf8.withContiguousStorageIfAvailable({ violationCodes(buffer: $0, knownValidUTF8: true, context: context) }) {
            return result
        }
        var password = password
        return password.withUTF8 { violationCodes(buffer: $0, knownValidUTF8: true, context: context) }
    }

    @usableFromInline
    func violationCodes(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> ViolationCodeSet {
        if isValid(buffer: buffer, knownValidUTF8: knownValidUTF8, context: context) { return [] }
        if buffer.count > CompiledPolicy.maximumPasswordBytes { return .lengthLong }
        if !knownValidUTF8 {
            var index = 0
            while index < buffer.count {
                guard let (_, width) = UTF8Decoding.decode(buffer, at: index) else { return .encodingInvalid }
                index += width
            }
        }
        var codes: ViolationCodeSet = []
        let classMask = table.classMask
        let allowOther = policy.allowOther
        let maxRun = policy.maxConsecutive ?? Int.max
        var length = 0
        var presence: UInt64 = 0
        var firstMask: UInt64 = 0
        var lastMask: UInt64 = 0
        var previous: UInt32 = .max
        var run = 0
        var index = 0
        while index < buffer.count {
            let (value, width) = CompiledPolicy.decodeValid(buffer, at: index)
            index += width
            length += 1
            let mask = table.mask(value)
            if mask & classMask == 0, !allowOther { codes.insert(.charsetDisallowed) }
            if length == 1 { firstMask = mask }
            lastMask = mask
            presence |= mask
            if value == previous {
                run += 1
                if run > maxRun { codes.insert(.consecutiveExceeded) }
            } else {
                previous = value
                run = 1
            }
        }
        if length < policy.length.min { codes.insert(.lengthShort) }
        if length > maximumLength { codes.insert(.lengthLong) }
        for requirement in atLeast where (presence & requirement.mask).nonzeroBitCount < requirement.count {
            codes.insert(.classesInsufficient)
        }
        if !counts.isEmpty {
            let tally = classCounts(buffer)
            for requirement in counts {
                let count = tally[requirement.index]
                if count < requirement.min { codes.insert(.classTooFew) }
                if count > requirement.max { codes.insert(.classTooMany) }
            }
        }
        if length > 0, firstMask & CharacterTable.leadingBit != 0, policy.forbidLeading != nil { codes.insert(.leadingForbidden) }
        if length > 0, lastMask & CharacterTable.trailingBit != 0, policy.forbidTrailing != nil { codes.insert(.trailingForbidden) }
        for (pattern, _) in patterns {
            if case .noMatch = pattern.firstMatch(in: buffer) { continue }
            codes.insert(.patternForbidden)
        }
        if !context.isEmpty {
            for name in policy.forbidContext {
                if let value = context[name], CompiledPolicy.contains(buffer, caseInsensitively: value) { codes.insert(.contextContained) }
            }
        }
        return codes
    }
}
