/// A rule of a policy that a foreign format cannot carry exactly, and what was written
/// instead: the one form every conversion (Password Rules, HTML, AWS IAM, Vault, Keycloak,
/// Okta) reports its losses in.
///
/// ```swift
/// let export = try CompiledPolicy(Presets.policy(id: "aws.iam.default")!).htmlInput()
/// for loss in export.losses { print(loss) }   // keyPath: what was lost
/// ```
public struct ConversionLoss: Sendable, Hashable, CustomStringConvertible {
    /// The policy key the rule comes from: `require[0]`, `forbidPatterns[1]`, ...
    public var keyPath: String
    /// What could not be carried over, and what the target says instead.
    public var message: String

    /// A loss at `keyPath`.
    ///
    /// ```swift
    /// let loss = ConversionLoss(keyPath: "forbidContext", message: "not checked")
    /// ```
    public init(keyPath: String, message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    /// `keyPath: message`.
    public var description: String { "\(keyPath): \(message)" }
}

/// Escaping for HTML text and attribute values.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
