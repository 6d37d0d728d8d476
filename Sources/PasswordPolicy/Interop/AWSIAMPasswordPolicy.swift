/// An AWS IAM account password policy: the request of `UpdateAccountPasswordPolicy`
/// (IAM API 2010-05-08), as JSON with its parameter names.
///
/// Only `MinimumPasswordLength` (6 to 128, default 6) and the four `Require…` flags are
/// about a password's content. `RequireSymbols` means one of AWS's fixed symbols
/// `! @ # $ % ^ & * ( ) _ + - = [ ] { } | '`; the letters are A-Z and a-z, the numbers 0-9.
/// The other parameters (`AllowUsersToChangePassword`, `MaxPasswordAge`,
/// `PasswordReusePrevention`, `HardExpiry`) are kept in ``otherParameters`` and become notes
/// of the policy, never dropped silently.
///
/// ```swift
/// let iam = try AWSIAMPasswordPolicy(json: #"{"MinimumPasswordLength": 14, "RequireSymbols": true}"#)
/// let policy = iam.policy(id: "example.iam")
/// let back = try CompiledPolicy(policy).awsIAMPasswordPolicy()   // the same settings, no losses
/// ```
public struct AWSIAMPasswordPolicy: Sendable, Hashable {
    /// The fixed symbols `RequireSymbols` asks for.
    public static let symbols = "!@#$%^&*()_+-=[]{}|'"
    /// The longest password IAM accepts (`CreateLoginProfile`'s `Password`: 1 to 128 characters).
    public static let maximumPasswordLength = 128
    /// What IAM accepts in a password: tab, line feed, carriage return and U+0020 to U+00FF
    /// (the API's pattern `[\u0009\u000A\u000D\u0020-\u00FF]+`).
    public static let allowedCharacters = "\\x09\\x0A\\x0D\\x20-\\xFF"

    /// `MinimumPasswordLength`; nil means the API's default, 6.
    public var minimumPasswordLength: Int?
    /// `RequireSymbols`: at least one of ``symbols``.
    public var requireSymbols: Bool
    /// `RequireNumbers`: at least one of 0-9.
    public var requireNumbers: Bool
    /// `RequireUppercaseCharacters`: at least one of A-Z.
    public var requireUppercaseCharacters: Bool
    /// `RequireLowercaseCharacters`: at least one of a-z.
    public var requireLowercaseCharacters: Bool
    /// The parameters outside the password's content, as written (name, JSON value), in order.
    public var otherParameters: [String: String]

    /// A policy from its parameters.
    ///
    /// ```swift
    /// let iam = AWSIAMPasswordPolicy(minimumPasswordLength: 12, requireNumbers: true)
    /// ```
    public init(minimumPasswordLength: Int? = nil, requireSymbols: Bool = false, requireNumbers: Bool = false,
                requireUppercaseCharacters: Bool = false, requireLowercaseCharacters: Bool = false,
                otherParameters: [String: String] = [:]) {
        self.minimumPasswordLength = minimumPasswordLength
        self.requireSymbols = requireSymbols
        self.requireNumbers = requireNumbers
        self.requireUppercaseCharacters = requireUppercaseCharacters
        self.requireLowercaseCharacters = requireLowercaseCharacters
        self.otherParameters = otherParameters
    }

    /// The effective minimum length.
    public var minimumLength: Int { minimumPasswordLength ?? 6 }

    /// The request as JSON, parameters in the API's order (the other parameters after).
    ///
    /// ```swift
    /// print(AWSIAMPasswordPolicy(minimumPasswordLength: 12).json)
    /// ```
    public var json: String {
        var members: [(String, JSONValue)] = []
        if let minimumPasswordLength { members.append(("MinimumPasswordLength", .integer(minimumPasswordLength))) }
        members += [
            ("RequireSymbols", .bool(requireSymbols)), ("RequireNumbers", .bool(requireNumbers)),
            ("RequireUppercaseCharacters", .bool(requireUppercaseCharacters)), ("RequireLowercaseCharacters", .bool(requireLowercaseCharacters)),
        ]
        var text = JSONValue.object(members).text(pretty: true)
        if !otherParameters.isEmpty {
            // Values are kept as the JSON text they were read as.
            let extra = AWSIAMPasswordPolicy.otherParameterNames.compactMap { name in otherParameters[name].map { "  \"\(name)\": \($0)" } }
            text = String(text.dropLast(2)) + ",\n" + extra.joined(separator: ",\n") + "\n}"
        }
        return text
    }

    static let contentParameterNames = ["MinimumPasswordLength", "RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters", "RequireLowercaseCharacters"]
    static let otherParameterNames = ["AllowUsersToChangePassword", "MaxPasswordAge", "PasswordReusePrevention", "HardExpiry"]
}
