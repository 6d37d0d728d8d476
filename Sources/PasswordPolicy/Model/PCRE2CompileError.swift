/// A pattern that PCRE2 refused to compile.
///
/// `offset` is PCRE2's error offset in code units (bytes of UTF-8) from the start of the
/// text the caller supplied, and `message` is PCRE2's own description of the problem.
public struct PCRE2CompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PCRE2's numeric error code.
    public var code: Int32
    /// PCRE2's message for `code`.
    public var message: String
    /// Where in the pattern PCRE2 stopped, in UTF-8 bytes from the start of the pattern.
    public var offset: Int

    /// `PCRE2 error at offset N: message`.
    public var description: String { "PCRE2 error at offset \(offset): \(message)" }
}

