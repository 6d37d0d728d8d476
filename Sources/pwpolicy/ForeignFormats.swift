import PasswordPolicy

/// `-p FORMAT:VALUE_OR_FILE`: a policy written in a foreign format, given inline or as a
/// file. `aws-iam:` and `okta:` take JSON (inline when it starts with `{`), `vault:` HCL
/// (inline when it holds `=`), `keycloak:` a policy string (a file when it holds `/`).
enum ForeignFormats {
    /// The prefixes `-p` understands, besides `rules:`.
    static let prefixes = ["aws-iam:", "vault:", "keycloak:", "okta:"]

    /// The format name of a `FORMAT:...` value, or nil.
    static func format(of value: String) -> String? {
        prefixes.first(where: { value.hasPrefix($0) }).map { String($0.dropLast()) }
    }

    /// The policy of a `FORMAT:...` value, or nil for any other value.
    static func policy(_ value: String) throws(CommandFailure) -> Policy? {
        guard let format = format(of: value) else { return nil }
        let rest = String(value.dropFirst(format.count + 1))
        let trimmed = rest.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" })
        let isInline = switch format {
        case "vault": rest.contains("=")
        case "keycloak": !rest.contains("/")
        default: trimmed.hasPrefix("{")
        }
        let text: String
        if isInline {
            text = rest
        } else {
            let bytes = try readFile(rest, limit: Policy.maximumFileSize)
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw CommandFailure("\(rest) is not valid UTF-8") }
            text = format == "keycloak" ? decoded.trimmingNewline : decoded
        }
        do {
            switch format {
            case "vault": return try VaultPasswordPolicy(hcl: text).policy()
            case "keycloak": return try KeycloakPasswordPolicy(text).policy()
            case "okta": return try OktaPasswordComplexity(json: text).policy()
            default: return try AWSIAMPasswordPolicy(json: text).policy()
            }
        } catch {
            let what = format == "keycloak" ? "policy string is" : format == "vault" ? "policy is" : "settings are"
            throw CommandFailure("the \(format) \(what) not valid\(isInline ? "" : " (\(rest))"): \(error)")
        }
    }
}

extension String {
    /// The text without one final line feed (a file holding one policy string a line).
    var trimmingNewline: String {
        var text = self
        if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
