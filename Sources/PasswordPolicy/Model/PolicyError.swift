/// One thing wrong with a policy, located by its key path (`classes[2].set`).
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is: `length.max`, `classes[2].set`, `require[0].of[1]`; empty for
    /// the document as a whole.
    public var keyPath: String
    /// What is wrong, in plain words. Never contains a password.
    public var message: String
    /// PCRE2's own error, when PCRE2 refused a pattern or class at `keyPath`.
    public var pcre2: PCRE2CompileError?

    public init(keyPath: String, message: String, pcre2: PCRE2CompileError? = nil) {
        self.keyPath = keyPath
        self.message = message
        self.pcre2 = pcre2
    }

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
    public var problems: [PolicyProblem]

    public init(_ problems: [PolicyProblem]) { self.problems = problems }
    public init(keyPath: String, _ message: String) { self.problems = [PolicyProblem(keyPath: keyPath, message: message)] }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Formats a path of keys and indices the way the errors print them: `classes[2].set`.
struct KeyPath {
    private(set) var text: String

    init(_ text: String = "") { self.text = text }

    func key(_ name: String) -> KeyPath { KeyPath(text.isEmpty ? name : text + "." + name) }
    func index(_ index: Int) -> KeyPath { KeyPath(text + "[\(index)]") }
}
