/// Password rules in Apple's Password Rules language, in the canonical form the reference
/// parser produces.
///
/// The language (the `passwordrules` HTML attribute, and the site quirks of
/// apple/password-manager-resources) describes what a password manager may generate:
///
/// ```text
/// minlength: 8; maxlength: 32; required: lower; required: upper; required: digit; allowed: [-_!];
/// ```
///
/// Parse a string with ``init(_:)`` (strict: errors throw) or ``parse(_:)`` (lenient,
/// exactly as the reference: never fails, reports what it dropped), print the canonical
/// form with ``description``, convert to a format-1 ``Policy`` with ``policy(id:title:)``,
/// and back with ``CompiledPolicy/passwordRules(approximation:)``.
///
/// ```swift
/// let rules = try PasswordRules("minlength: 8; required: digit; required: upper; allowed: lower")
/// rules.description
/// // "required: digit; required: upper; allowed: upper, lower, digit; minlength: 8;"
/// let compiled = try CompiledPolicy(rules.policy(id: "example.site"))
/// compiled.isValid("abcdef1G")   // true
/// ```
///
/// The canonical form is what the reference's `parsePasswordRules` returns, merged the way
/// it merges:
/// - every `required` rule stays, in input order, its classes canonicalized;
/// - all `allowed` rules, and the classes of every `required` rule, merge into one
///   `allowed` rule; when nothing is allowed or required it is `ascii-printable`;
/// - of several `max-consecutive` or `maxlength` rules the smallest value holds, of several
///   `minlength` rules the largest.
public struct PasswordRules: Sendable, Hashable {
    /// The `required` rules, in input order. Each needs at least one character from the
    /// union of its classes: `required: digit, upper` is "a digit or an uppercase letter",
    /// two rules `required: digit; required: upper` need both.
    public var required: [[PasswordRulesCharacterClass]]
    /// The merged `allowed` rule: every character of the password must be in one of these
    /// classes.
    public var allowed: [PasswordRulesCharacterClass]
    /// `max-consecutive`: no character may repeat more than this many times in a row.
    public var maxConsecutive: Int?
    /// `minlength`, when above 0.
    public var minLength: Int?
    /// `maxlength`.
    public var maxLength: Int?

    /// Rules from their parts. The parts are printed as given; parse the printed form to
    /// canonicalize rules written by hand.
    ///
    /// ```swift
    /// let rules = PasswordRules(required: [[.digit]], allowed: [.lower, .digit], minLength: 6)
    /// rules.description   // "required: digit; allowed: lower, digit; minlength: 6;"
    /// ```
    public init(
        required: [[PasswordRulesCharacterClass]] = [],
        allowed: [PasswordRulesCharacterClass] = [.asciiPrintable],
        maxConsecutive: Int? = nil,
        minLength: Int? = nil,
        maxLength: Int? = nil
    ) {
        self.required = required
        self.allowed = allowed
        self.maxConsecutive = maxConsecutive
        self.minLength = minLength
        self.maxLength = maxLength
    }

    /// Parses `text` strictly: throws when the reference parser reports an error for it
    /// (an unknown rule name or class, a malformed value, a missing separator, an unclosed
    /// custom class). Warnings, about what the reference silently drops, do not throw; use
    /// ``parse(_:)`` to read them.
    ///
    /// ```swift
    /// let rules = try PasswordRules("required: upper; minlength: 12")
    /// rules.minLength   // 12
    /// try PasswordRules("minlength: twelve")   // throws PasswordRulesError
    /// ```
    public init(_ text: String) throws(PasswordRulesError) {
        let result = PasswordRules.parse(text)
        guard result.errors.isEmpty else { throw PasswordRulesError(diagnostics: result.diagnostics) }
        self = result.rules
    }

    /// Parses `text` as the reference parser does, and never fails: the rules are what the
    /// reference returns (its default `allowed: ascii-printable;` when it discards the
    /// input), and the diagnostics say what it reported, dropped or repaired.
    ///
    /// ```swift
    /// let result = PasswordRules.parse("minlength: 8; required: [äb-]")
    /// result.rules.description   // "required: [b]; allowed: [b]; minlength: 8;"
    /// result.warnings.count      // 2: the ä and the '-' were ignored
    /// result.errors.isEmpty      // true
    /// ```
    public static func parse(_ text: String) -> PasswordRulesParseResult {
        var parser = PasswordRulesParser(text)
        let raw = parser.parse()
        var diagnostics = parser.diagnostics
        let rules: [PasswordRulesParser.RawRule]
        if let raw {
            rules = raw
        } else {
            rules = []
            diagnostics.append(PasswordRulesDiagnostic(
                severity: .error, offset: nil,
                message: "because of this error the reference parser discards every rule of the input; what remains is its default, allowed: ascii-printable;"
            ))
        }
        let merged = PasswordRules(merging: rules, diagnostics: &diagnostics)
        return PasswordRulesParseResult(rules: merged, diagnostics: diagnostics)
    }
}

/// The outcome of ``PasswordRules/parse(_:)``: the rules as the reference parser returns
/// them, and what it reported along the way.
///
/// ```swift
/// let result = PasswordRules.parse("required: upper, [ab-c]")
/// if result.errors.isEmpty {
///     print(result.rules)                          // required: upper, [abc]; allowed: upper, [abc];
///     result.warnings.forEach { print($0) }        // the ignored '-'
/// }
/// ```
public struct PasswordRulesParseResult: Sendable, Hashable {
    /// The rules, canonical and merged, as the reference returns them.
    public var rules: PasswordRules
    /// Errors and warnings, in the order they were found.
    public var diagnostics: [PasswordRulesDiagnostic]

    /// A result from its parts.
    ///
    /// ```swift
    /// let result = PasswordRulesParseResult(rules: PasswordRules(), diagnostics: [])
    /// ```
    public init(rules: PasswordRules, diagnostics: [PasswordRulesDiagnostic]) {
        self.rules = rules
        self.diagnostics = diagnostics
    }

    /// What the reference reports as errors: the input is malformed there.
    public var errors: [PasswordRulesDiagnostic] { diagnostics.filter { $0.severity == .error } }
    /// What the reference silently drops or repairs.
    public var warnings: [PasswordRulesDiagnostic] { diagnostics.filter { $0.severity == .warning } }
}
