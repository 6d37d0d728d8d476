extension PasswordRules {
    /// The id ``policy(id:title:)`` gives a policy when the caller names none.
    public static let defaultPolicyID = "passwordrules.imported"

    /// The format-1 policy that accepts exactly the passwords these rules accept.
    ///
    /// ```swift
    /// let rules = try PasswordRules("minlength: 8; required: lower, upper; required: digit; allowed: [-_]")
    /// let policy = rules.policy(id: "example.site")
    /// policy.classes.map(\.name)   // ["upper", "lower", "digit", "custom", "required-1"]
    /// policy.requirements               // [.atLeast(2, of: ["required-1", "digit"])]
    /// ```
    ///
    /// The mapping:
    /// - **allowed**: each class of the merged `allowed` rule becomes a class of the policy,
    ///   named after it: `upper` (`A-Z`), `lower` (`a-z`), `digit` (`0-9`), `special` (the 33
    ///   characters, as `chars`), `ascii-printable` (`\x{20}-\x{7e}`), `unicode` (`\p{Any}`:
    ///   every character), and `custom` for the custom class (as `chars`). `allowOther` stays
    ///   false: a character must be in one of these, as the rules say. Since the reference
    ///   merges every required class into `allowed`, these classes cover the required ones.
    /// - **required**: a required rule whose one class is already a class of the policy
    ///   uses it; any other (several classes, or a custom class that differs from the
    ///   allowed one) becomes a class `required-N` (N counts the required rules from 1)
    ///   holding the union of its classes. One requirement `atLeast(n, of: ...)` over the n
    ///   distinct classes then asks for a character of each, which is what n required rules
    ///   mean. A required rule with no character requires nothing and is left out, with a
    ///   note.
    /// - **max-consecutive** → `maxConsecutive`; **minlength** → `length.min` (0 when
    ///   absent); **maxlength** → `length.max` (no upper bound when absent). Lengths count
    ///   Unicode scalars, which for the ASCII alphabets of most rules is the number of
    ///   characters.
    /// - `source` records the canonical rules; nothing is lost.
    ///
    /// A `minlength` above `maxlength` is carried over as it is: compiling the policy
    /// reports it.
    public func policy(id: String = PasswordRules.defaultPolicyID, title: String? = nil) -> Policy {
        var classes: [CharacterClass] = []
        var notes: [String] = []
        func addClass(_ preferredName: String, _ charset: Charset) -> String {
            var name = preferredName
            var suffix = 2
            while classes.contains(where: { $0.name == name }) {
                name = "\(preferredName)-\(suffix)"
                suffix += 1
            }
            classes.append(CharacterClass(name: name, charset))
            return name
        }

        var nameOfClass: [PasswordRulesCharacterClass: String] = [:]
        for characterClass in allowed.isEmpty ? [.asciiPrintable] : allowed where nameOfClass[characterClass] == nil {
            guard let charset = PasswordRules.charset(for: [characterClass]) else { continue }
            nameOfClass[characterClass] = addClass(characterClass.identifier ?? "custom", charset)
        }
        var required: [String] = []
        var nameOfRule: [[PasswordRulesCharacterClass]: String] = [:]
        for (index, rule) in self.required.enumerated() {
            let name: String
            if rule.count == 1, let existing = nameOfClass[rule[0]] {
                name = existing
            } else if let existing = nameOfRule[rule] {
                name = existing
            } else if let charset = PasswordRules.charset(for: rule) {
                name = addClass("required-\(index + 1)", charset)
                nameOfRule[rule] = name
            } else {
                notes.append("Required rule \(index + 1) has no character (required: [];), so it requires nothing and is left out.")
                continue
            }
            if !required.contains(name) { required.append(name) }
        }
        if classes.isEmpty, let charset = PasswordRules.charset(for: [.asciiPrintable]) {
            _ = addClass("ascii-printable", charset)
        }
        return Policy(
            id: id,
            title: title,
            source: "Apple Password Rules: \(description)",
            notes: notes,
            length: LengthRange(min: minLength ?? 0, max: maxLength),
            classes: classes,
            requirements: required.isEmpty ? [] : [.atLeast(required.count, of: required)],
            maxConsecutive: maxConsecutive
        )
    }

    /// A charset for the union of `classes`, or nil when they have no character.
    static func charset(for classes: [PasswordRulesCharacterClass]) -> Charset? {
        if classes.contains(.unicode) { return .set("\\p{Any}") }
        if classes.contains(.asciiPrintable) { return .set("\\x{20}-\\x{7e}") }
        if classes.count == 1 {
            switch classes[0] {
            case .upper: return .set("A-Z")
            case .lower: return .set("a-z")
            case .digit: return .set("0-9")
            default: break
            }
        }
        if classes.allSatisfy({ $0 == .special || $0.identifier == nil }) {
            var set = PrintableASCIISet()
            for characterClass in classes { set.formUnion(PrintableASCIISet(characterClass)) }
            return set.isEmpty ? nil : .chars(set.orderedASCII)
        }
        // Letters or digits with other characters: a PCRE2 class body, every character
        // that is not a letter or a digit escaped (a backslash before ASCII punctuation
        // always means the character itself).
        var body = ""
        var set = PrintableASCIISet()
        for characterClass in classes {
            switch characterClass {
            case .upper: body += "A-Z"
            case .lower: body += "a-z"
            case .digit: body += "0-9"
            default: set.formUnion(PrintableASCIISet(characterClass))
            }
        }
        for value in set.values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alphanumeric = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            body += alphanumeric ? String(scalar) : "\\" + String(scalar)
        }
        return body.isEmpty ? nil : .set(body)
    }
}

extension PrintableASCIISet {
    /// The members in ASCII order.
    var orderedASCII: String {
        var text = ""
        text.unicodeScalars.append(contentsOf: values.compactMap(Unicode.Scalar.init))
        return text
    }
}
