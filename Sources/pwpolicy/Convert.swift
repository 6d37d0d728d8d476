import ArgumentParser
import PasswordPolicy

/// `pwpolicy convert -p P... --to rules|json`: a policy in Apple's Password Rules language
/// or as a policy file, with what could not be carried over on standard error.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a policy to Apple's Password Rules language, a policy file, or AWS IAM, Vault, Keycloak or Okta settings.",
        discussion: """
        --to rules prints the policy (or the intersection of several) as Password Rules, in \
        canonical form, and on standard error one line per rule that could not be carried \
        over exactly ("pwpolicy: loss: KEY: what was written instead"). Given one \
        -p 'rules:...', it prints the canonical form of those rules.

        --to json prints the policy as a format-1 policy file; a 'rules:...' policy becomes \
        the policy that accepts exactly what the rules accept.

        --to aws-iam prints AWS IAM UpdateAccountPasswordPolicy settings (JSON) and on \
        standard error what they cannot say. -p 'aws-iam:{...}' or -p aws-iam:FILE reads such \
        settings as a policy (errors name the line and column); the parameters outside the \
        password's content become notes.

        --to vault prints a HashiCorp Vault password policy (HCL) generating --length \
        characters (default: the policy's minimum or 20, whichever is larger, within its \
        range); where Vault cannot say a rule the stricter side is written, and each loss goes \
        to standard error. --to keycloak prints a Keycloak password policy string, --to okta \
        Okta's settings.password.complexity (JSON). -p vault:HCL_OR_FILE, \
        -p 'keycloak:length(8) and digits(1)' (or keycloak:FILE, a path with /) and \
        -p 'okta:{...}' (or okta:FILE) read those formats as policies wherever -p is accepted.

        Exit status: 0 converted (even with losses, unless --exact or --strict); 1 with --exact when \
        something could not be carried over; 2 a usage error, or a policy or Password Rules \
        string that cannot be read (the reason on standard error).
        """
    )

    enum Target: String, CaseIterable, ExpressibleByArgument {
        case rules
        case json
        case awsIAM = "aws-iam"
        case vault
        case keycloak
        case okta
    }

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("to"), help: ArgumentHelp("What to print: rules (Password Rules), json (a policy file), aws-iam (UpdateAccountPasswordPolicy settings), vault (Vault HCL), keycloak (a policy string) or okta (complexity JSON).", valueName: "rules|json|aws-iam|vault|keycloak|okta"))
    var target: Target

    @Option(
        name: .customLong("approximation"),
        help: ArgumentHelp(
            "For --to rules, what to write where the language cannot say a rule exactly: stricter (rules that accept fewer passwords, so that generated ones pass) or looser (rules that accept every password the policy accepts).",
            valueName: "stricter|looser"
        )
    )
    var approximation: PasswordRulesApproximation = .stricter

    @Option(name: .customLong("id"), help: ArgumentHelp("The id of the printed policy file (--to json).", valueName: "id"))
    var id: String?

    @Option(name: .customLong("length"), help: ArgumentHelp("For --to vault, the length of the passwords Vault generates (default: the policy's minimum or 20, whichever is larger, within its range).", valueName: "n"))
    var length: Int?

    @Flag(name: [.customLong("exact"), .customLong("strict")], help: "Exit with 1 when something could not be carried over exactly.")
    var exact = false

    func run() throws {
        var output = BufferedWriter()
        if policyOptions.policies.count == 1, let text = PolicyOptions.passwordRulesText(policyOptions.policies[0]) {
            // One Password Rules string: its canonical form, or its policy.
            let rules = try PolicyOptions.passwordRules(text)
            switch target {
            case .rules: try output.write(rules.description + "\n")
            case .json: try output.write(rules.policy(id: id ?? PasswordRules.defaultPolicyID).jsonString() + "\n")
            case .awsIAM, .vault, .keycloak, .okta: try writeForeign(try PolicyOptions.load(policyOptions.policies[0]).1, to: &output)
            }
            try output.flush()
            return
        }
        let loaded = try policyOptions.load()
        switch target {
        case .json:
            var policy = loaded.combined
            if let id { policy.id = id }
            try output.write(policy.jsonString() + "\n")
            try output.flush()
        case .awsIAM, .vault, .keycloak, .okta:
            try writeForeign(loaded.compiled, to: &output)
        case .rules:
            let export = loaded.compiled.passwordRules(approximation: approximation)
            try output.write(export.rules.description + "\n")
            try output.flush()
            for loss in export.losses {
                StandardError.write("pwpolicy: loss: \(loss)\n")
            }
            if exact && !export.isExact {
                let count = export.losses.count
                throw CommandFailure("\(count) rule\(count == 1 ? "" : "s") could not be carried over exactly (--exact)", exitCode: 1)
            }
        }
    }
}

extension PasswordRulesApproximation: ExpressibleByArgument {}

extension PolicyOptions {
    /// The prefix of a `--policy` value that is a Password Rules string.
    static let passwordRulesPrefix = "rules:"

    /// The Password Rules string of a `rules:...` value, or nil for any other value.
    static func passwordRulesText(_ value: String) -> String? {
        value.hasPrefix(passwordRulesPrefix) ? String(value.dropFirst(passwordRulesPrefix.count)) : nil
    }

    /// The rules of a Password Rules string: its errors fail the command (exit 2) with the
    /// reason; its warnings, about what the reference parser silently drops, go to
    /// standard error.
    static func passwordRules(_ text: String) throws(CommandFailure) -> PasswordRules {
        let result = PasswordRules.parse(text)
        guard result.errors.isEmpty else {
            let reasons = result.diagnostics.map { "  " + ($0.severity == .warning ? "warning: " : "") + describe($0) }.joined(separator: "\n")
            throw CommandFailure("the Password Rules \"\(text)\" are not valid:\n" + reasons)
        }
        for warning in result.warnings {
            StandardError.warn("Password Rules: " + describe(warning))
        }
        return result.rules
    }

    /// The policy of a Password Rules string (see ``passwordRules(_:)``).
    static func passwordRulesPolicy(_ text: String) throws(CommandFailure) -> Policy {
        try passwordRules(text).policy()
    }

    private static func describe(_ diagnostic: PasswordRulesDiagnostic) -> String {
        (diagnostic.offset.map { "offset \($0): " } ?? "") + diagnostic.message
    }
}
