extension PasswordRules: CustomStringConvertible {
    /// The canonical form: each `required` rule in order, then the `allowed` rule, then
    /// `max-consecutive`, `minlength` and `maxlength`, each written `name: value;` and
    /// separated by one space; classes separated by `, `.
    ///
    /// ```swift
    /// let rules = try PasswordRules("maxlength: 20;minlength:8;  required: [-_],digit;allowed:lower")
    /// rules.description
    /// // "required: digit, [-_]; allowed: lower, digit, [-_]; minlength: 8; maxlength: 20;"
    /// ```
    ///
    /// A custom class lists `-` first, then uppercase letters, lowercase letters, digits,
    /// the other characters in ASCII order, and `]` last: the reference's order, except for
    /// `-` and `]`, which go where the grammar reads them back (so parsing the printed form
    /// gives the same rules). An empty required rule prints as `required: [];`, an empty
    /// allowed rule not at all, a `minlength` of 0 not at all (the reference ignores it).
    public var description: String {
        var parts: [String] = []
        for classes in required {
            parts.append("required: " + (classes.isEmpty ? "[]" : PasswordRules.list(classes)) + ";")
        }
        if !allowed.isEmpty { parts.append("allowed: " + PasswordRules.list(allowed) + ";") }
        if let maxConsecutive { parts.append("max-consecutive: \(maxConsecutive);") }
        if let minLength, minLength > 0 { parts.append("minlength: \(minLength);") }
        if let maxLength { parts.append("maxlength: \(maxLength);") }
        return parts.joined(separator: " ")
    }

    static func list(_ classes: [PasswordRulesCharacterClass]) -> String {
        classes.map(\.description).joined(separator: ", ")
    }
}
