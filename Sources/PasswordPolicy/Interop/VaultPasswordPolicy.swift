/// A HashiCorp Vault password policy (Vault 1.5+): a fixed `length` and `charset` rules,
/// written in HCL.
///
/// Vault draws every character uniformly from the de-duplicated union of all rules'
/// charsets (at most 256 characters, all printable), then keeps a candidate only when each
/// rule finds at least `min-chars` of its characters in it. So the passwords Vault can
/// generate are exactly the strings of `length` characters from that union that satisfy
/// every rule, and ``policy(id:)`` is that set, exactly.
///
/// ```swift
/// let vault = try VaultPasswordPolicy(hcl: """
///     length = 20
///     rule "charset" {
///       charset = "abcdefghijklmnopqrstuvwxyz"
///       min-chars = 1
///     }
///     """)
/// let policy = vault.policy(id: "example.vault")
/// print(vault.hcl)
/// ```
public struct VaultPasswordPolicy: Sendable, Hashable {
    /// One `rule "charset"` block.
    public struct CharsetRule: Sendable, Hashable {
        /// The rule's `charset`, as written.
        public var charset: String
        /// The rule's `min-chars` (0 when absent).
        public var minChars: Int

        /// A rule: at least `minChars` characters of `charset`.
        ///
        /// ```swift
        /// let digits = VaultPasswordPolicy.CharsetRule(charset: "0123456789", minChars: 1)
        /// ```
        public init(charset: String, minChars: Int = 0) {
            self.charset = charset
            self.minChars = minChars
        }
    }

    /// The largest de-duplicated union of charsets Vault generates from.
    ///
    /// ```swift
    /// vault.charset.count <= VaultPasswordPolicy.maximumCharsetSize   // true for a policy Vault accepts
    /// ```
    public static let maximumCharsetSize = 256
    /// The smallest `length` Vault's documentation allows ("Must be >= 4").
    ///
    /// ```swift
    /// let length = max(24, VaultPasswordPolicy.minimumLength)
    /// ```
    public static let minimumLength = 4

    /// `length`: how many characters every generated password has.
    public var length: Int
    /// The `rule "charset"` blocks, in order.
    public var rules: [CharsetRule]

    /// A policy from its parts (not validated; ``init(hcl:)`` validates what it reads).
    ///
    /// ```swift
    /// let vault = VaultPasswordPolicy(length: 20, rules: [.init(charset: "abc", minChars: 1)])
    /// ```
    public init(length: Int, rules: [CharsetRule]) {
        self.length = length
        self.rules = rules
    }

    /// The characters Vault draws from: the de-duplicated union of every rule's charset.
    ///
    /// ```swift
    /// VaultPasswordPolicy(length: 8, rules: [.init(charset: "ab"), .init(charset: "bc")]).charset.count   // 3
    /// ```
    public var charset: ScalarSet { ScalarSet(rules.flatMap { $0.charset.unicodeScalars }) }

    /// The policy as HCL: `length`, then one `rule "charset"` block a rule, `min-chars`
    /// written only when above zero.
    ///
    /// ```swift
    /// print(VaultPasswordPolicy(length: 20, rules: [.init(charset: "abc", minChars: 1)]).hcl)
    /// ```
    public var hcl: String {
        var text = "length = \(length)\n"
        for rule in rules {
            text += "rule \"charset\" {\n  charset = \(Self.quoted(rule.charset))\n"
            if rule.minChars > 0 { text += "  min-chars = \(rule.minChars)\n" }
            text += "}\n"
        }
        return text
    }

    /// The exact set of passwords Vault generates: `length` characters, every one from
    /// ``charset``, and each rule's `min-chars` met.
    ///
    /// ```swift
    /// let policy = try VaultPasswordPolicy(hcl: "length = 8\nrule \"charset\" { charset = \"ab\" }").policy()
    /// ```
    public func policy(id: String = "vault.custom") -> Policy {
        var classes: [CharacterClass] = []
        var requirements: [Requirement] = []
        for (index, rule) in rules.enumerated() {
            var seen = Set<UInt32>(), unique = ""
            for scalar in rule.charset.unicodeScalars where seen.insert(scalar.value).inserted { unique.unicodeScalars.append(scalar) }
            let name = "charset\(index + 1)"
            classes.append(CharacterClass(name: name, .chars(unique)))
            if rule.minChars > 0 { requirements.append(.count(class: name, min: rule.minChars, max: nil)) }
        }
        return Policy(id: id, title: "HashiCorp Vault password policy", source: "HashiCorp Vault password policy (HCL), https://developer.hashicorp.com/vault/docs/concepts/password-policies",
                      notes: ["Vault generates passwords of exactly \(length) characters from the union of the rules' charsets; each class here is one rule \"charset\" block, in order."],
                      length: LengthRange(min: length, max: length), classes: classes, requirements: requirements)
    }

    /// An HCL string literal: `"` and `\` escaped, control characters as `\uXXXX`, and a
    /// `{` after `$` as `\u007B` so that HCL never sees an interpolation.
    static func quoted(_ text: String) -> String {
        var output = "\""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "{" where previous == "$": output += "\\u007B"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        return output + "\""
    }
}
