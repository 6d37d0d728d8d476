/// Reads a Password Rules string into its rules, one by one and unmerged, the way the
/// reference parser (`tools/PasswordRulesParser.js` in apple/password-manager-resources)
/// reads it, and records what the reference reports or silently drops.
///
/// The grammar, as the reference implements it:
///
/// - rules are `name: value`, separated by `;` (a `;` after the last is optional); ASCII
///   whitespace (space, tab, LF, CR, form feed) may stand around names, values and
///   separators, but not between a name and its `:`;
/// - names are `required`, `allowed`, `max-consecutive`, `minlength` and `maxlength`,
///   case-sensitive; an identifier is a run of ASCII letters and `-`;
/// - `required` and `allowed` take classes separated by `,`: a named class (case-insensitive)
///   or a custom class `[...]`; the others take a run of ASCII digits;
/// - in a custom class, a `-` counts only as its first character (others are ignored),
///   characters outside printable ASCII are ignored, and the first `]` ends the class,
///   unless another `]` follows at once: then the first is a member and the second ends it.
///
/// Where the reference stops, this parser stops at the same place with the same outcome:
/// the rule is dropped, or the whole input is (``discardedEverything``).
struct PasswordRulesParser {
    enum RuleName: String, CaseIterable {
        case required, allowed
        case maxConsecutive = "max-consecutive"
        case minLength = "minlength"
        case maxLength = "maxlength"
    }

    enum Value: Equatable {
        case classes([PasswordRulesCharacterClass])
        case number(Int)
    }

    /// One rule as written, before merging.
    struct RawRule: Equatable {
        var name: RuleName
        var value: Value
        /// Offset of the rule's name in the input.
        var offset: Int
    }

    private let input: [Unicode.Scalar]
    private var position = 0
    private(set) var diagnostics: [PasswordRulesDiagnostic] = []

    init(_ text: String) { input = Array(text.unicodeScalars) }

    /// The rules the reference keeps, in input order, or nil when it discards them all.
    mutating func parse() -> [RawRule]? {
        var rules: [RawRule] = []
        skipWhitespace()
        while position < input.count {
            guard isIdentifierCharacter(input[position]) else {
                warn("parsing stops at \(excerpt()): a rule must begin with its name; the reference ignores the rest of the input")
                return rules
            }
            if let rule = parseRule() { rules.append(rule) }
            skipWhitespace()
            if position >= input.count { break }
            if input[position] == ";" {
                position += 1
                skipWhitespace()
                if position >= input.count { return rules }
                continue
            }
            // After an unknown rule name the position is back on the name, already reported.
            if diagnostics.last.map({ $0.severity != .error || $0.offset != position }) ?? true {
                fail("expected ';' between rules, found \(excerpt())")
            }
            return nil
        }
        return rules
    }

    // MARK: Rules

    private mutating func parseRule() -> RawRule? {
        let start = position
        let word = readIdentifier()
        guard let name = RuleName(rawValue: word) else {
            let known = RuleName.allCases.map(\.rawValue).joined(separator: ", ")
            let caseHint = RuleName(rawValue: word.lowercased()) != nil ? " (rule names are case-sensitive)" : ""
            fail("unknown rule name \"\(word)\"\(caseHint); the names are \(known)", at: start)
            position = start
            return nil
        }
        guard position < input.count else {
            fail("the input ends after \"\(word)\"; expected ':' and a value")
            return nil
        }
        guard input[position] == ":" else {
            fail("expected ':' right after \"\(word)\", found \(excerpt())")
            return nil
        }
        position += 1
        skipWhitespace()
        if position >= input.count || input[position] == ";" {
            warn("\"\(word)\" has no value; the reference ignores the rule", at: start)
            return nil
        }
        switch name {
        case .required, .allowed:
            guard let classes = parseClassList() else { return nil }
            if classes.isEmpty {
                let effect = name == .required ? "a required rule with no class, which requires nothing" : "an allowed rule that adds no character"
                warn("\"\(word)\" lists no character: its only custom class is empty, so the reference keeps \(effect)", at: start)
            }
            return RawRule(name: name, value: .classes(classes), offset: start)
        case .maxConsecutive, .minLength, .maxLength:
            guard let number = parseInteger(for: word) else { return nil }
            if number == 0 {
                warn("\"\(word): 0\" is ignored: the reference treats 0 as no value", at: start)
                return nil
            }
            return RawRule(name: name, value: .number(number), offset: start)
        }
    }

    /// `class (, class)*` up to `;` or the end of the input.
    private mutating func parseClassList() -> [PasswordRulesCharacterClass]? {
        var classes: [PasswordRulesCharacterClass] = []
        while true {
            if isIdentifierCharacter(input[position]) {
                let start = position
                let word = readIdentifier()
                guard let named = PasswordRulesCharacterClass(identifier: word) else {
                    let known = PasswordRulesCharacterClass.named.compactMap(\.identifier).joined(separator: ", ")
                    fail("unknown character class \"\(word)\"; the classes are \(known) and custom classes in [...]", at: start)
                    position = start
                    return nil
                }
                classes.append(named)
            } else if input[position] == "[" {
                if let characters = parseCustomClass() {
                    if characters.isEmpty {
                        warn("an empty custom class is ignored", at: position - 1)
                    } else {
                        var text = ""
                        text.unicodeScalars.append(contentsOf: characters)
                        classes.append(.custom(text))
                    }
                }
            } else {
                fail("expected a character class (a name or [...]), found \(excerpt())")
                return nil
            }
            skipWhitespace()
            if position >= input.count || input[position] == ";" { break }
            if input[position] == "," {
                position += 1
                skipWhitespace()
                if position >= input.count {
                    fail("the input ends after ','; expected another character class")
                    return nil
                }
                continue
            }
            fail("expected ',' or ';' after a character class, found \(excerpt())")
            return nil
        }
        return classes
    }

    /// `[...]`, with `position` on the `[`. Nil after an error (the class runs to the end
    /// of the input); the reference then goes on with the classes read before it.
    private mutating func parseCustomClass() -> [Unicode.Scalar]? {
        let open = position
        position += 1
        guard position < input.count else {
            fail("the input ends after '['; the custom class is dropped", at: open)
            return nil
        }
        let first = position
        var characters: [Unicode.Scalar] = []
        repeat {
            let scalar = input[position]
            if !PrintableASCIISet.isPrintable(scalar.value) {
                warn("\(PasswordRulesParser.name(of: scalar)) is ignored in a custom class: only printable ASCII characters (space to ~) count")
                position += 1
                continue
            }
            if scalar == "-" && position > first {
                warn("'-' is ignored: a '-' counts only as the first character of a custom class")
                position += 1
                continue
            }
            characters.append(scalar)
            position += 1
            if scalar == "]" { break }
        } while position < input.count

        if (position < input.count && input[position] != "]") || (position == input.count && input[position - 1] == "]") {
            // The last ']' taken ended the class: it is not a member.
            _ = characters.popLast()
            return characters
        }
        if position < input.count && input[position] == "]" {
            // "]]": the first ']' is a member, the second ends the class.
            position += 1
            return characters
        }
        fail("the custom class opened at offset \(open) is never closed; it is dropped", at: open)
        return nil
    }

    private mutating func parseInteger(for word: String) -> Int? {
        let start = position
        guard isDigit(input[position]) else {
            fail("\"\(word)\" takes a whole number, found \(excerpt()); the rule is dropped")
            return nil
        }
        var value = 0
        var overflowed = false
        repeat {
            let digit = Int(input[position].value - 0x30)
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { overflowed = true } else { value = sum }
            position += 1
        } while position < input.count && isDigit(input[position])
        guard position >= input.count || input[position] == ";" else {
            fail("\"\(word)\" takes digits only, then ';' or the end of the input; found \(excerpt()) (the rule is dropped)")
            return nil
        }
        if overflowed {
            value = Int.max
            warn("the number of \"\(word)\" is too large; it is read as \(Int.max)", at: start)
        }
        return value
    }

    // MARK: Lexing

    private func isIdentifierCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "-"
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{0C}" || scalar == "\n" || scalar == "\r" || scalar == "\t"
    }

    private mutating func skipWhitespace() {
        while position < input.count && isWhitespace(input[position]) { position += 1 }
    }

    private mutating func readIdentifier() -> String {
        var word = ""
        while position < input.count && isIdentifierCharacter(input[position]) {
            word.unicodeScalars.append(input[position])
            position += 1
        }
        return word
    }

    /// The input from the current position, quoted and cut short.
    private func excerpt() -> String {
        guard position < input.count else { return "the end of the input" }
        let limit = 24
        var text = ""
        text.unicodeScalars.append(contentsOf: input[position..<min(input.count, position + limit)])
        return "\"" + text + (input.count - position > limit ? "..." : "") + "\""
    }

    static func name(of scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        let printable = scalar.properties.generalCategory != .control && scalar.properties.generalCategory != .format
            && !scalar.properties.isWhitespace
        return printable ? "U+\(hex) (\(scalar))" : "U+\(hex)"
    }

    private mutating func fail(_ message: String, at offset: Int? = nil) {
        diagnostics.append(PasswordRulesDiagnostic(severity: .error, offset: offset ?? position, message: message))
    }

    private mutating func warn(_ message: String, at offset: Int? = nil) {
        diagnostics.append(PasswordRulesDiagnostic(severity: .warning, offset: offset ?? position, message: message))
    }
}
