/// How ``CompiledPolicy/passwordRules(approximation:)`` writes what the Password Rules
/// language cannot say exactly.
///
/// ```swift
/// let cvm = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.windows")!)
/// cvm.passwordRules(approximation: .stricter).rules.required.count   // 4: all four classes
/// cvm.passwordRules(approximation: .looser).rules.required.count     // 1: one of the four
/// ```
///
/// Whichever is chosen, every approximation is reported as a ``ConversionLoss``.
public enum PasswordRulesApproximation: String, Sendable, Hashable, CaseIterable {
    /// Prefer rules that accept fewer passwords than the policy: what a password manager
    /// generates from them then satisfies the policy as far as the language allows.
    /// `atLeast k of n` (1 < k < n) becomes all n classes required; characters the policy
    /// forbids first or last are left out of `allowed` altogether; characters outside
    /// printable ASCII are left out. The default, since the language serves password
    /// generation.
    case stricter
    /// Prefer rules that accept more passwords than the policy: every password the policy
    /// accepts passes the rules. `atLeast k of n` becomes "one of the n"; first and last
    /// character rules are left out; a class with characters outside printable ASCII
    /// becomes `unicode`.
    case looser
}

/// A rule of a policy that Password Rules cannot carry exactly: the same loss report
/// every conversion gives (``ConversionLoss``), under its earlier name.
@available(*, deprecated, renamed: "ConversionLoss")
public typealias PasswordRulesLoss = ConversionLoss

/// A policy written in the Password Rules language: the rules, and every part of the
/// policy they could not carry exactly.
///
/// ```swift
/// let export = try policy.passwordRules()
/// print(export.rules)                        // canonical Password Rules
/// if !export.isExact { export.losses.forEach { print($0) } }
/// ```
public struct PasswordRulesExport: Sendable, Hashable {
    /// The rules, in canonical form: parsing their ``PasswordRules/description`` gives
    /// them back unchanged.
    public var rules: PasswordRules
    /// What could not be carried over exactly, in the order of the policy's keys.
    public var losses: [ConversionLoss]

    /// An export from its parts.
    ///
    /// ```swift
    /// let export = PasswordRulesExport(rules: PasswordRules(), losses: [])
    /// ```
    public init(rules: PasswordRules, losses: [ConversionLoss]) {
        self.rules = rules
        self.losses = losses
    }

    /// Whether the rules accept exactly the passwords the policy accepts.
    public var isExact: Bool { losses.isEmpty }
}
