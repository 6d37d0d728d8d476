extension PasswordRules {
    /// Merges rules as the reference's `parsePasswordRules` does (without its "minified"
    /// option): required rules canonicalized one by one and kept in order; every allowed
    /// class and every required rule's canonical classes merged into one allowed rule,
    /// `ascii-printable` when empty; smallest `max-consecutive` and `maxlength`, largest
    /// `minlength`.
    init(merging rules: [PasswordRulesParser.RawRule], diagnostics: inout [PasswordRulesDiagnostic]) {
        var required: [[PasswordRulesCharacterClass]] = []
        var allowed: [PasswordRulesCharacterClass] = []
        var maxConsecutive: Int?
        var minLength: Int?
        var maxLength: Int?
        var counts: [PasswordRulesParser.RuleName: Int] = [:]

        for rule in rules {
            counts[rule.name, default: 0] += 1
            switch (rule.name, rule.value) {
            case (.maxConsecutive, .number(let value)):
                maxConsecutive = Swift.min(value, maxConsecutive ?? value)
            case (.minLength, .number(let value)):
                minLength = Swift.max(value, minLength ?? value)
            case (.maxLength, .number(let value)):
                maxLength = Swift.min(value, maxLength ?? value)
            case (.required, .classes(let classes)):
                let canonical = PasswordRules.canonicalize(classes, rule: "required", at: rule.offset, diagnostics: &diagnostics)
                required.append(canonical)
                allowed += canonical
            case (.allowed, .classes(let classes)):
                allowed += classes
            default:
                break
            }
        }
        for (name, kept) in [(PasswordRulesParser.RuleName.maxConsecutive, maxConsecutive), (.minLength, minLength), (.maxLength, maxLength)] {
            if let count = counts[name], count > 1, let kept {
                let which = name == .minLength ? "largest" : "smallest"
                diagnostics.append(PasswordRulesDiagnostic(
                    severity: .warning, offset: nil,
                    message: "\"\(name.rawValue)\" is given \(count) times; the reference keeps the \(which) value, \(kept)"
                ))
            }
        }
        var merged = PasswordRules.canonicalize(allowed, rule: "allowed", at: nil, diagnostics: &diagnostics)
        if merged.isEmpty { merged = [.asciiPrintable] }
        if merged != [.unicode], required.contains([.unicode]) {
            diagnostics.append(PasswordRulesDiagnostic(
                severity: .warning, offset: nil,
                message: "a required rule is unicode but the merged allowed rule is \(PasswordRules.list(merged)) (ascii-printable came first in it), so the rule asks for one of those; the canonical form, which lists required rules first, reads back with allowed: unicode"
            ))
        }
        self.init(required: required, allowed: merged, maxConsecutive: maxConsecutive, minLength: minLength, maxLength: maxLength)
    }

    /// The canonical classes of one rule, as the reference's canonicalization gives them:
    /// the first `unicode` or `ascii-printable` in the list stands alone; otherwise the
    /// characters of every class are gathered and regrouped into complete named classes
    /// and one custom class (``PrintableASCIISet/canonicalClasses``).
    static func canonicalize(
        _ classes: [PasswordRulesCharacterClass], rule: String, at offset: Int?,
        diagnostics: inout [PasswordRulesDiagnostic]
    ) -> [PasswordRulesCharacterClass] {
        if let index = classes.firstIndex(where: \.coversPrintableASCII) {
            let winner = classes[index]
            if winner == .asciiPrintable, classes[(index + 1)...].contains(.unicode) {
                let place = rule == "allowed" ? "the merged allowed rule (every allowed class and every required rule's classes)" : "this required rule"
                diagnostics.append(PasswordRulesDiagnostic(
                    severity: .warning, offset: offset,
                    message: "unicode is ignored: ascii-printable comes before it in \(place), and the reference keeps only the first of the two, so characters outside printable ASCII are not allowed"
                ))
            }
            return [winner]
        }
        var set = PrintableASCIISet()
        for characterClass in classes { set.formUnion(PrintableASCIISet(characterClass)) }
        return set.canonicalClasses
    }
}
