import PasswordPolicy

/// `-p FORMAT:VALUE_OR_FILE`: a policy written in a foreign format (today `aws-iam`), given
/// inline (a value starting with `{`) or as a file.
enum ForeignFormats {
    /// The prefixes `-p` understands, besides `rules:`.
    static let prefixes = ["aws-iam:"]

    /// The policy of a `FORMAT:...` value, or nil for any other value.
    static func policy(_ value: String) throws(CommandFailure) -> Policy? {
        guard let prefix = prefixes.first(where: { value.hasPrefix($0) }) else { return nil }
        let rest = String(value.dropFirst(prefix.count))
        let text: String
        if rest.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" }).hasPrefix("{") {
            text = rest
        } else {
            let bytes = try readFile(rest, limit: Policy.maximumFileSize)
            guard let decoded = String(validating: bytes, as: UTF8.self) else { throw CommandFailure("\(rest) is not valid UTF-8") }
            text = decoded
        }
        do {
            return try AWSIAMPasswordPolicy(json: text).policy()
        } catch {
            throw CommandFailure("the \(prefix.dropLast()) settings are not valid: \(error)")
        }
    }
}
