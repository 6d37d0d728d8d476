/// One thing wrong with a policy, located by its key path (`classes[2].set`).
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is: `length.max`, `classes[2].set`, `require[0].of[1]`; empty for
    /// the document as a whole.
    public var keyPath: String
    /// What is wrong, in plain words. Never contains a password.
    public var message: String
    /// PCRE2's own error, when PCRE2 refused a pattern or class at `keyPath`.
    public var pcre2: PCRE2CompileError?

    /// A problem at `keyPath`, with PCRE2's own error when PCRE2 refused something there.
    ///
    /// ```swift
    /// let problem = PolicyProblem(keyPath: "length.min", message: "must not be negative, found -1")
    /// ```
    public init(keyPath: String, message: String, pcre2: PCRE2CompileError? = nil) {
        self.keyPath = keyPath
        self.message = message
        self.pcre2 = pcre2
    }

    /// `key.path: message`, or the message alone for the document as a whole.
    public var description: String { keyPath.isEmpty ? message : "\(keyPath): \(message)" }
}

/// A policy that cannot be read or compiled, with every problem found.
///
/// ```swift
/// do {
///     _ = try CompiledPolicy(Policy(json: Array(text.utf8)))
/// } catch {
///     for problem in error.problems { print(problem) }   // "classes[1].set: PCRE2 error ..."
/// }
/// ```
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, in the order of the policy's keys.
    public var problems: [PolicyProblem]

    /// An error carrying `problems`.
    ///
    /// ```swift
    /// let error = PolicyError([PolicyProblem(keyPath: "id", message: "must not be empty")])
    /// ```
    public init(_ problems: [PolicyProblem]) { self.problems = problems }
    /// An error with one problem at `keyPath`.
    ///
    /// ```swift
    /// let error = PolicyError(keyPath: "classes", "at least one class is required")
    /// ```
    public init(keyPath: String, _ message: String) { self.problems = [PolicyProblem(keyPath: keyPath, message: message)] }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
