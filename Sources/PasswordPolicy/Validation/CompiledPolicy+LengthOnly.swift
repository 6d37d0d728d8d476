extension CompiledPolicy {
    /// The length verdict for a password known only by its length, in Unicode scalars:
    /// input too large to hold (a huge line in a stream, say). `length.short` or
    /// `length.long` with the same message ``validate(_:context:)-(String,_)`` gives, or nil when the
    /// length is within bounds and so decides nothing on its own.
    ///
    /// ```swift
    /// policy.lengthViolation(scalarCount: 70_000)?.code   // .lengthLong for a 16-character maximum
    /// ```
    public func lengthViolation(scalarCount length: Int) -> Violation? {
        if length < policy.length.min {
            return Violation(code: .lengthShort, message: "too short: \(length) \(Messages.characters(length)), at least \(policy.length.min) required", detail: .length(actual: length, bound: policy.length.min))
        }
        if let max = policy.length.max, length > max {
            return Violation(code: .lengthLong, message: "too long: \(length) \(Messages.characters(length)), at most \(max) allowed", detail: .length(actual: length, bound: max))
        }
        return nil
    }
}
