extension VaultPasswordPolicy {
    /// Reads a password policy in the HCL subset Vault accepts: `length = N` and
    /// `rule "charset" { charset = "..." min-chars = N }` blocks, comments `#`, `//` and
    /// `/* */`, HCL string escapes. It refuses, with the line and column, what Vault refuses
    /// (no rule, an empty or unprintable charset, a union over 256 characters, `min-chars`
    /// adding up to more than `length`, `length` under 4 as Vault's documentation says) and
    /// what Vault would silently ignore (an unknown key or rule type).
    ///
    /// ```swift
    /// do {
    ///     _ = try VaultPasswordPolicy(hcl: "length = 20\nrule \"charset\" { charset = \"abc\" min-chars = 1 }")
    /// } catch {
    ///     print(error)   // vault: line L, column C: ...
    /// }
    /// ```
    public init(hcl text: String) throws(ConversionError) {
        guard text.utf8.count <= Policy.maximumFileSize else {
            throw ConversionError(code: .syntax, format: "vault", message: "the document is \(text.utf8.count) bytes; at most \(Policy.maximumFileSize) are read")
        }
        var scanner = HCLScanner(text)
        var length: (value: Int, token: HCLScanner.Token)?
        var rules: [(CharsetRule, HCLScanner.Token)] = []
        while true {
            let token = try scanner.next()
            switch token.kind {
            case .end:
                self.init(length: length?.value ?? 0, rules: rules.map(\.0))
                try validate(length: length, rules: rules, end: token)
                return
            case .identifier("length"):
                if length != nil { throw Self.error(.invalidValue, "length is given twice", at: token) }
                try Self.expect(.symbol("="), &scanner, after: "length")
                let value = try scanner.next()
                guard case .integer(let number) = value.kind else { throw Self.error(.invalidValue, "length must be an integer", at: value) }
                length = (number, value)
            case .identifier("rule"):
                rules.append((try Self.rule(&scanner), token))
            case .identifier(let name):
                throw Self.error(.invalidValue, "unknown key \"\(name)\": a Vault password policy has length and rule \"charset\" blocks", at: token)
            case .symbol("{") where length == nil && rules.isEmpty:
                throw Self.error(.syntax, "Vault's JSON form is not read here: give the policy in HCL", at: token)
            default:
                throw Self.error(.syntax, "expected length or rule", at: token)
            }
        }
    }

    private static func rule(_ scanner: inout HCLScanner) throws(ConversionError) -> CharsetRule {
        let type = try scanner.next()
        guard case .string(let name) = type.kind else { throw error(.syntax, "expected the rule's type in quotes: rule \"charset\"", at: type) }
        guard name == "charset" else { throw error(.invalidValue, "unknown rule type \"\(name)\": Vault has only \"charset\" rules", at: type) }
        let open = try scanner.next()
        guard open.kind == .symbol("{") else { throw error(.syntax, "expected { after rule \"charset\"", at: open) }
        var charset: String?, minChars: Int?
        while true {
            let key = try scanner.next()
            switch key.kind {
            case .symbol("}"):
                guard let charset else { throw error(.invalidValue, "the rule has no charset", at: open) }
                return CharsetRule(charset: charset, minChars: minChars ?? 0)
            case .symbol(","):
                continue
            case .identifier("charset"):
                if charset != nil { throw error(.invalidValue, "charset is given twice in this rule", at: key) }
                try expect(.symbol("="), &scanner, after: "charset")
                let value = try scanner.next()
                guard case .string(let text) = value.kind else { throw error(.invalidValue, "charset must be a quoted string", at: value) }
                guard !text.isEmpty else { throw error(.invalidValue, "charset is empty", at: value) }
                if let bad = text.unicodeScalars.first(where: { !VaultPrintable.characters.contains($0) }) {
                    throw error(.invalidValue, "charset holds U+\(String(bad.value, radix: 16, uppercase: true)), which is not printable (Vault refuses it)", at: value)
                }
                charset = text
            case .identifier("min-chars"):
                if minChars != nil { throw error(.invalidValue, "min-chars is given twice in this rule", at: key) }
                try expect(.symbol("="), &scanner, after: "min-chars")
                let value = try scanner.next()
                guard case .integer(let number) = value.kind else { throw error(.invalidValue, "min-chars must be a non-negative integer", at: value) }
                minChars = number
            case .identifier(let name):
                throw error(.invalidValue, "unknown key \"\(name)\" in a charset rule (charset, min-chars)", at: key)
            case .end:
                throw error(.syntax, "the rule opened here is not closed with }", at: open)
            default:
                throw error(.syntax, "expected charset, min-chars or }", at: key)
            }
        }
    }

    private func validate(length: (value: Int, token: HCLScanner.Token)?, rules: [(CharsetRule, HCLScanner.Token)], end: HCLScanner.Token) throws(ConversionError) {
        guard let length else { throw Self.error(.invalidValue, "length is missing", at: end) }
        guard length.value >= Self.minimumLength else { throw Self.error(.invalidValue, "length must be at least \(Self.minimumLength), not \(length.value)", at: length.token) }
        guard let last = rules.last else { throw Self.error(.invalidValue, "no rule \"charset\": Vault needs at least one charset", at: end) }
        let size = charset.count
        guard size <= Self.maximumCharsetSize else {
            throw Self.error(.invalidValue, "the rules' charsets together hold \(size) different characters; Vault allows at most \(Self.maximumCharsetSize)", at: last.1)
        }
        let required = rules.reduce(0) { $0 + $1.0.minChars }
        guard required <= length.value else {
            throw Self.error(.invalidValue, "the rules require at least \(required) characters but length is \(length.value)", at: length.token)
        }
    }

    private static func expect(_ kind: HCLScanner.Kind, _ scanner: inout HCLScanner, after key: String) throws(ConversionError) {
        let token = try scanner.next()
        guard token.kind == kind else { throw error(.syntax, "expected = after \(key)", at: token) }
    }

    static func error(_ code: ConversionError.Code, _ message: String, at token: HCLScanner.Token) -> ConversionError {
        ConversionError(code: code, format: "vault", line: token.line, column: token.column, message: message)
    }
}

/// The characters Vault accepts in a charset: Go's `unicode.IsPrint` (letters, marks,
/// numbers, punctuation, symbols and U+0020), as PCRE2 reads those properties.
enum VaultPrintable {
    static let characters: ScalarSet = (try? CompiledPolicy(Policy(
        id: "vault.printable", length: LengthRange(min: 1, max: nil),
        classes: [CharacterClass(name: "printable", .set("\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\x{20}"))])))?.classUnion ?? ScalarSet(ranges: [0x20...0x7E])
}
