extension CompiledPolicy {
    /// The longest password, in UTF-8 bytes, that validation reads (4 MiB). Anything longer
    /// is judged `length.long` from its size alone, whatever `length.max` says, so that a
    /// hostile input costs neither time nor memory (no service accepts such a password).
    public static let maximumPasswordBytes = 4 << 20

    /// Whether `password` satisfies the policy. Stops at the first failure and allocates
    /// nothing once warm (a pattern's or context value's first use compiles or borrows
    /// PCRE2 state that is then reused).
    ///
    /// ```swift
    /// policy.isValid("abc123ABC!@#")
    /// policy.isValid("alice-2024!", context: ["username": "Alice"])
    /// ```
    @inlinable
    public func isValid(_ password: String, context: [String: String] = [:]) -> Bool {
        CompiledPolicy.withBuffer(password) { isValid(buffer: $0, knownValidUTF8: true, context: context) }
    }

    /// Whether the UTF-8 `bytes` are a password that satisfies the policy; invalid UTF-8 is
    /// never valid.
    @inlinable
    public func isValid(utf8 bytes: some Collection<UInt8>, context: [String: String] = [:]) -> Bool {
        // One inlined use of the scan (a loop over passwords then makes no call for most of
        // them); bytes that are not contiguous are copied, out of line.
        if let verdict = bytes.withContiguousStorageIfAvailable({ isValid(buffer: $0, knownValidUTF8: false, context: context) }) {
            return verdict
        }
        return isValid(copying: Array(bytes), context: context)
    }

    /// ``isValid(utf8:context:)-(Collection<UInt8>,_)`` of bytes in memory: the form for
    /// a loop over many passwords, which it joins with no call for most of them.
    @inlinable @inline(__always)
    public func isValid(utf8 bytes: UnsafeBufferPointer<UInt8>, context: [String: String] = [:]) -> Bool {
        isValid(buffer: bytes, knownValidUTF8: false, context: context)
    }

    @usableFromInline
    func isValid(copying bytes: [UInt8], context: [String: String]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid(buffer: $0, knownValidUTF8: false, context: context) }
    }

    /// Whether an absent password is acceptable: true exactly when the policy is optional.
    public var acceptsMissingPassword: Bool { policy.isOptional }

    /// Every violation of the policy by `password`, in the order of `policy-format.md`'s
    /// table; empty when the password is valid. Messages never contain the password.
    ///
    /// ```swift
    /// for violation in policy.validate("short") {
    ///     print(violation.code, violation.message)   // length.short: 5 characters, ...
    /// }
    /// ```
    @inlinable
    public func validate(_ password: String, context: [String: String] = [:]) -> [Violation] {
        // Most passwords checked are valid: the allocation-free yes-or-no scan answers them
        // without building an array.
        if isValid(password, context: context) { return [] }
        return CompiledPolicy.withBuffer(password) { violations(buffer: $0, knownValidUTF8: true, context: context) }
    }

    /// Every violation for a password that may be absent: `nil` gives `password.missing`
    /// unless the policy is optional.
    public func validate(_ password: String?, context: [String: String] = [:]) -> [Violation] {
        guard let password else { return policy.isOptional ? [] : [ViolationText.missing] }
        return validate(password, context: context)
    }

    /// Every violation for a password given as UTF-8 bytes. Bytes that are not valid UTF-8
    /// give exactly one violation, `encoding.invalid`, with the offset of the first bad byte.
    @inlinable
    public func validate(utf8 bytes: some Collection<UInt8>, context: [String: String] = [:]) -> [Violation] {
        CompiledPolicy.withBuffer(utf8: bytes) { validate(buffer: $0, knownValidUTF8: false, context: context) }
    }

    /// The codes of every violation of the UTF-8 `bytes`: exactly the codes of
    /// ``validate(utf8:context:)``, without its messages and details, and allocating
    /// nothing once warm, but for the copy a case-insensitive `forbidList` folds or a
    /// normalizing policy normalizes (of upper-case or non-ASCII input).
    @inlinable
    public func violationCodes(utf8 bytes: some Collection<UInt8>, context: [String: String] = [:]) -> ViolationCodeSet {
        CompiledPolicy.withBuffer(utf8: bytes) { violationCodes(buffer: $0, knownValidUTF8: false, context: context) }
    }

    /// The codes of every violation of `password` (see ``violationCodes(utf8:context:)``).
    @inlinable
    public func violationCodes(_ password: String, context: [String: String] = [:]) -> ViolationCodeSet {
        CompiledPolicy.withBuffer(password) { violationCodes(buffer: $0, knownValidUTF8: true, context: context) }
    }

    /// The length verdict for a password known only by its length, in Unicode scalars:
    /// input too large to hold (a huge line in a stream, say). `length.short` or
    /// `length.long` with the same message ``validate(_:context:)-(String,_)`` gives, or nil
    /// when the length is within bounds and so decides nothing on its own.
    ///
    /// ```swift
    /// policy.lengthViolation(scalarCount: 70_000)?.code   // .lengthLong for a 16-character maximum
    /// ```
    public func lengthViolation(scalarCount length: Int) -> Violation? {
        ViolationText.length(length, policy.length)
    }

    // MARK: The one way in from String and from bytes

    /// Runs `body` on the UTF-8 of `password`. Native and small strings lend their UTF-8
    /// without a copy (and without the retain a `var` copy for `withUTF8` would cost);
    /// others are made contiguous.
    @inlinable
    static func withBuffer<Result>(_ password: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = password.utf8.withContiguousStorageIfAvailable(body) { return result }
        var password = password
        return password.withUTF8(body)
    }

    /// Runs `body` on `bytes`, copied only when they are not contiguous.
    @inlinable
    static func withBuffer<Result>(utf8 bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }

    // MARK: Verdicts from the scan

    @usableFromInline
    func validate(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> [Violation] {
        // Most passwords checked are valid: answer those from the allocation-free scan.
        if isValid(buffer: buffer, knownValidUTF8: knownValidUTF8, context: context) { return [] }
        return violations(buffer: buffer, knownValidUTF8: knownValidUTF8, context: context)
    }

    @usableFromInline
    func violationCodes(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> ViolationCodeSet {
        if policy.normalization != nil, let normalized = normalizedInput(buffer, knownValidUTF8: knownValidUTF8, context: context) {
            return normalized.bytes.withUnsafeBufferPointer { violationCodes(buffer: $0, knownValidUTF8: true, context: normalized.context) }
        }
        if isValid(buffer: buffer, knownValidUTF8: knownValidUTF8, context: context) { return [] }
        if buffer.count > CompiledPolicy.maximumPasswordBytes { return .lengthLong }
        if !knownValidUTF8, UTF8Decoding.firstInvalidOffset(buffer) != nil { return .encodingInvalid }
        var none = NoScanDetail()
        return PasswordScan.withScan(buffer, self, detail: &none) { scan, _ in scan.codes(self, buffer, context: context) }
    }

    /// Every violation, from the full scalar-by-scalar scan: independent of the yes-or-no
    /// fast path (the tests hold the two against each other).
    @usableFromInline
    func violations(buffer: UnsafeBufferPointer<UInt8>, knownValidUTF8: Bool, context: [String: String]) -> [Violation] {
        if policy.normalization != nil, let normalized = normalizedInput(buffer, knownValidUTF8: knownValidUTF8, context: context) {
            return normalized.bytes.withUnsafeBufferPointer { violations(buffer: $0, knownValidUTF8: true, context: normalized.context) }
        }
        if buffer.count > CompiledPolicy.maximumPasswordBytes { return [ViolationText.oversized(byteCount: buffer.count)] }
        if !knownValidUTF8, let offset = UTF8Decoding.firstInvalidOffset(buffer) { return [ViolationText.invalidEncoding(offset: offset)] }
        var detail = RecordedScanDetail()
        return PasswordScan.withScan(buffer, self, detail: &detail) { scan, detail in scan.violations(self, buffer, detail, context: context) }
    }

    /// The outcome of each `forbidPatterns` entry on valid UTF-8, in the policy's order.
    func patternOutcomes(_ buffer: UnsafeBufferPointer<UInt8>) -> [(rule: ForbiddenPattern, outcome: PCRE2MatchResult)] {
        if patterns.isEmpty { return [] }
        return patterns.map { (rule: $0.rule, outcome: $0.pattern.firstMatch(in: buffer)) }
    }

    /// The names of the context values the password contains, in the policy's order
    /// (a loop, not a lazy filter: a closure capturing `self` would copy the compiled policy).
    func containedContext(_ buffer: UnsafeBufferPointer<UInt8>, _ context: [String: String]) -> [String] {
        if context.isEmpty || policy.forbidContext.isEmpty { return [] }
        var names: [String] = []
        for name in policy.forbidContext where containsContext(named: name, buffer, context) { names.append(name) }
        return names
    }

    /// Whether the password contains the context value `name` (false when none is given).
    func containsContext(named name: String, _ buffer: UnsafeBufferPointer<UInt8>, _ context: [String: String]) -> Bool {
        guard let value = context[name] else { return false }
        return contextMatchers.contains(value, in: buffer)
    }

    /// Whether the password contains any of the context values `forbidContext` names.
    func containsAnyContext(_ buffer: UnsafeBufferPointer<UInt8>, _ context: [String: String]) -> Bool {
        if context.isEmpty { return false }
        for name in policy.forbidContext where containsContext(named: name, buffer, context) { return true }
        return false
    }
}
