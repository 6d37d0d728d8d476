extension PasswordGenerator {
    /// The exact number of passwords of `length` characters the generator can produce:
    /// those over its alphabet that satisfy every character rule of the policy (see the
    /// type's documentation; `forbidPatterns` and `forbidContext` are not subtracted).
    /// Zero for a length outside the policy's range.
    ///
    /// ```swift
    /// let count = try generator.count(length: 16)
    /// print("\(count) passwords, \(count.log2) bits")
    /// ```
    ///
    /// Throws ``GenerationError/Code/lengthUnsupported`` beyond ``maximumLength``.
    public func count(length: Int) throws(GenerationError) -> PasswordCount {
        guard core.lengthRange.contains(length) else { return PasswordCount() }
        guard length <= PasswordGenerator.maximumLength else { throw .lengthUnsupported(requested: length, maximum: PasswordGenerator.maximumLength) }
        return PasswordCount(words: core.tableAndCount(length: length).1)
    }

    /// The exact number of passwords with a length in `lengths` the generator can produce.
    public func count(lengths: ClosedRange<Int>) throws(GenerationError) -> PasswordCount {
        var total = PasswordCount()
        for length in lengths { total += try count(length: length) }
        return total
    }

    /// The entropy of a generated password of `length` characters, in bits: log2 of
    /// ``count(length:)``, exactly (to `Double` precision), since every one of those
    /// passwords is equally likely. `-infinity` when there is none. Passwords refused by
    /// `forbidPatterns`, `forbidContext` or a `forbidList` list are drawn again, never
    /// proposed, and not subtracted here: the true count can only be lower (by at most the
    /// list's size for a list).
    ///
    /// ```swift
    /// let bits = try generator.entropyBits(length: 16)   // e.g. 104.6
    /// ```
    public func entropyBits(length: Int) throws(GenerationError) -> Double { try count(length: length).log2 }

    /// The entropy of a password generated with ``generate(lengths:context:)``: log2 of
    /// the number of compliant passwords over the whole range.
    public func entropyBits(lengths: ClosedRange<Int>) throws(GenerationError) -> Double { try count(lengths: lengths).log2 }

    /// Throws unless `lengths` lies within the policy's range (and ``maximumLength``) and
    /// some compliant password has a length in it: the checks ``generate(lengths:context:)``
    /// makes before drawing, without drawing.
    ///
    /// ```swift
    /// try generator.checkSatisfiable(lengths: 12...16)
    /// ```
    public func checkSatisfiable(lengths: ClosedRange<Int>) throws(GenerationError) {
        _ = try GenerationPlan(core: core, lengths: lengths)
    }
}
