extension KeycloakPasswordPolicy {
    /// Reads a policy string as Keycloak does (split at ` and `, each part `id` or
    /// `id(value)`, a later entry of an id replacing an earlier one), refusing with the column
    /// what Keycloak refuses (an unknown id, a value that is not an integer where one is
    /// needed) and what it would misread (a part without its closing parenthesis, an empty
    /// part, a `regexPattern` PCRE2 cannot compile).
    ///
    /// ```swift
    /// do { _ = try KeycloakPasswordPolicy("length(8) and digits(two)") } catch { print(error) }
    /// // keycloak: line 1, column 22: digits needs an integer, not "two"
    /// ```
    public init(_ text: String) throws(ConversionError) {
        guard text.utf8.count <= Policy.maximumFileSize else {
            throw ConversionError(code: .syntax, format: "keycloak", message: "the policy string is \(text.utf8.count) bytes; at most \(Policy.maximumFileSize) are read")
        }
        let scalars = Array(text.unicodeScalars)
        var entries: [Entry] = []
        if !text.trimmingKeycloakSpaces.isEmpty {
            for range in Self.parts(scalars) {
                entries.append(try Self.entry(scalars, range))
            }
        }
        self.init(entries: entries)
    }

    /// The ranges between the ` and ` separators.
    private static func parts(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let separator: [Unicode.Scalar] = [" ", "a", "n", "d", " "]
        var parts: [Range<Int>] = [], start = 0, index = 0
        while index + separator.count <= scalars.count {
            if scalars[index..<index + separator.count].elementsEqual(separator) {
                parts.append(start..<index)
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(start..<scalars.count)
        return parts
    }

    private static func error(_ code: ConversionError.Code, _ message: String, at offset: Int) -> ConversionError {
        ConversionError(code: code, format: "keycloak", line: 1, column: offset + 1, message: message)
    }

    private static func entry(_ scalars: [Unicode.Scalar], _ range: Range<Int>) throws(ConversionError) -> Entry {
        guard let first = range.first(where: { scalars[$0].value > 0x20 }), let last = range.last(where: { scalars[$0].value > 0x20 }) else {
            throw error(.syntax, "an empty policy between \"and\"s", at: range.lowerBound)
        }
        let string = { (bounds: Range<Int>) in String(String.UnicodeScalarView(scalars[bounds])) }
        var id: String, value: String?, valueStart = first
        if let open = (first...last).first(where: { scalars[$0] == "(" }) {
            id = string(first..<open).trimmingKeycloakSpaces
            guard scalars[last] == ")", last > open else { throw error(.syntax, "the value of \(id) opened here has no closing parenthesis at the end", at: open) }
            value = string(open + 1..<last)
            valueStart = open + 1
        } else {
            id = string(first..<last + 1)
        }
        guard contentPolicyIDs.contains(id) || otherPolicyIDs.contains(id) else {
            throw error(.invalidValue, "unsupported policy \"\(id)\"; Keycloak's are \(Messages.list(contentPolicyIDs + otherPolicyIDs))", at: first)
        }
        if integerDefaults[id] != nil, let value, !value.isEmpty {
            guard let number = Int(value), number >= 0, number <= 1_000_000 else {
                throw error(.invalidValue, "\(id) needs an integer from 0 to 1000000, not \"\(value)\"", at: valueStart)
            }
        }
        if id == "regexPattern" {
            guard let value, !value.isEmpty else { throw error(.invalidValue, "regexPattern needs a pattern", at: first) }
            let probe = Policy(id: "keycloak.probe", length: LengthRange(min: 0, max: nil), classes: [CharacterClass(name: "any", .set("\\x{0}-\\x{10FFFF}"))],
                               forbidPatterns: [mustMatch(value)])
            do { _ = try CompiledPolicy(probe) } catch {
                throw Self.error(.invalidValue, "regexPattern is not a pattern PCRE2 reads: \(error.problems.map(\.message).joined(separator: "; "))", at: valueStart)
            }
        }
        return Entry(id: id, value: value)
    }

    /// The forbidden pattern that refuses every password `pattern` does not match whole
    /// (Java's `Matcher.matches`).
    static func mustMatch(_ pattern: String) -> ForbiddenPattern {
        ForbiddenPattern(pattern: "\\A(?!(?:\(pattern))\\z)", code: "keycloak.regexPattern", message: "must match Keycloak's regexPattern")
    }

    /// The `regexPattern` of a forbidden pattern made by ``mustMatch(_:)``, or nil.
    static func mustMatchPattern(_ rule: ForbiddenPattern) -> String? {
        let text = rule.pattern
        guard text.hasPrefix("\\A(?!(?:"), text.hasSuffix(")\\z)") else { return nil }
        return String(text.dropFirst(8).dropLast(4))
    }
}
