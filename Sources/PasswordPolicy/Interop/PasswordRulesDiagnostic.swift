/// Something the Password Rules parser noticed in its input: an error the reference parser
/// reports, or a warning about something the reference silently drops or repairs.
///
/// ```swift
/// let result = PasswordRules.parse("required: upper, [ab-c];")
/// for diagnostic in result.diagnostics {
///     print(diagnostic)   // "warning at offset 20: '-' ignored: ..."
/// }
/// ```
public struct PasswordRulesDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The reference parser reports an error here (`console.error`): it drops the rule,
        /// or the whole input, as the message says. ``PasswordRules/init(_:)`` refuses
        /// input with an error.
        case error
        /// The input is accepted, but the reference drops or repairs something here
        /// without a word (or with a mere `console.warn`); the message says what.
        case warning
    }

    /// Whether this is an error or a warning.
    public var severity: Severity
    /// Where in the input, counted in Unicode scalars from 0; nil for something about the
    /// rules as a whole (such as the merging of several `allowed` rules).
    public var offset: Int?
    /// What happened, in plain words, with the reference's consequence.
    public var message: String

    /// A diagnostic; the parser makes these, tests and tools may too.
    ///
    /// ```swift
    /// let note = PasswordRulesDiagnostic(severity: .warning, offset: 3, message: "...")
    /// ```
    public init(severity: Severity, offset: Int?, message: String) {
        self.severity = severity
        self.offset = offset
        self.message = message
    }

    /// `error at offset 7: ...` or `warning: ...`.
    public var description: String {
        let location = offset.map { " at offset \($0)" } ?? ""
        return "\(severity.rawValue)\(location): \(message)"
    }
}

/// A Password Rules string that the reference parser reports errors for.
///
/// ```swift
/// do {
///     _ = try PasswordRules("minlength: 8; Required: upper")
/// } catch {
///     print(error)   // error at offset 14: unknown rule name "Required" ...
/// }
/// ```
public struct PasswordRulesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every diagnostic of the input, errors and warnings, in input order.
    public var diagnostics: [PasswordRulesDiagnostic]

    /// An error carrying `diagnostics`.
    public init(diagnostics: [PasswordRulesDiagnostic]) { self.diagnostics = diagnostics }

    /// The errors only.
    public var errors: [PasswordRulesDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One diagnostic a line, errors first.
    public var description: String {
        (errors + diagnostics.filter { $0.severity == .warning }).map(\.description).joined(separator: "\n")
    }
}
