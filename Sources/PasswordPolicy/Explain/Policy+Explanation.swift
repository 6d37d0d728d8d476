/// Plain descriptions of a policy for the people who must choose a password under it.
///
/// The characters of each class are shown as PCRE2 decides them (the compiled members),
/// so the description of a policy built by ``Policy/intersection(_:)`` reads as well as
/// one written by hand.
///
/// ```swift
/// let cvm = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.linux")!)
/// cvm.summary
/// // "8 to 16 characters; at least 2 of: letters (a-z, A-Z), digits (0-9), specials (...); must not start with /"
/// for sentence in cvm.explanation { print(sentence) }
/// // Length: 8 to 16 characters
/// // Allowed characters: letters (a-z, A-Z), digits (0-9), specials (...)
/// // Include characters from at least 2 of: letters, digits, specials
/// // Must not start with /
/// ```
extension CompiledPolicy {
    /// The policy as short sentences, one rule each, in the order a person would apply
    /// them: length, allowed characters, requirements, prohibitions. Never empty.
    public var explanation: [String] {
        let policy = self.policy
        var sentences: [String] = []
        sentences.append("Length: " + Explanation.length(policy.length))
        let classes = policy.classes.indices.map { describeClass(at: $0) }
        if policy.allowsOtherCharacters {
            sentences.append("Any character is allowed; these classes count towards the requirements: " + classes.joined(separator: ", "))
        } else {
            sentences.append("Allowed characters: " + classes.joined(separator: ", "))
        }
        for requirement in policy.requirements {
            sentences.append(Explanation.capitalized(Explanation.requirement(requirement, classNames: policy.classes.map(\.name))))
        }
        sentences.append(contentsOf: prohibitionPhrases().map(Explanation.capitalized))
        if policy.isOptional {
            sentences.append("The password may also be left out entirely (the service's password-free mode)")
        }
        return sentences
    }

    /// One line: the length, the classes and how many are needed, the prohibitions. Used
    /// by `pwpolicy presets`.
    public var summary: String {
        let policy = self.policy
        var parts: [String] = [Explanation.length(policy.length)]
        let names = policy.classes.map(\.name)
        let described = policy.classes.indices.map { describeClass(at: $0) }.joined(separator: ", ")
        var requirements = policy.requirements
        // The common shape "at least k of all the classes" reads best with the classes inline.
        if let index = requirements.firstIndex(where: { if case .atLeast(_, let of) = $0 { return of == nil || Set(of ?? []) == Set(names) } else { return false } }),
           case .atLeast(let count, _) = requirements[index] {
            requirements.remove(at: index)
            let prefix = policy.allowsOtherCharacters ? "any characters; " : ""
            if count >= names.count, names.count > 1 {
                parts.append(prefix + "at least one of each: " + described)
            } else if names.count == 1 {
                parts.append(prefix + "from " + described)
            } else {
                parts.append(prefix + "at least \(count) of: " + described)
            }
        } else {
            parts.append((policy.allowsOtherCharacters ? "any characters; classes: " : "from: ") + described)
        }
        parts.append(contentsOf: requirements.map { Explanation.requirement($0, classNames: names) })
        parts.append(contentsOf: prohibitionPhrases())
        if policy.isOptional { parts.append("may be left out") }
        return parts.joined(separator: "; ")
    }

    /// "must not start with /", "no character more than 3 times in a row", ...
    private func prohibitionPhrases() -> [String] {
        let policy = self.policy
        var phrases: [String] = []
        if policy.forbidLeading != nil {
            phrases.append("must not start with " + Explanation.oneOf(forbiddenLeading, written: policy.forbidLeading))
        }
        if policy.forbidTrailing != nil {
            phrases.append("must not end with " + Explanation.oneOf(forbiddenTrailing, written: policy.forbidTrailing))
        }
        if let run = policy.maxConsecutive {
            phrases.append(run == 1
                ? "no character twice in a row"
                : "no character more than \(run) times in a row")
        }
        for pattern in policy.forbidPatterns {
            // The author's message may describe the rule or the violation ("contains the
            // word password"), so it is quoted beside the rule, not used as the rule.
            phrases.append("must not match the pattern \(pattern.pattern) (\(pattern.code): \(pattern.message.trimmingTrailingPeriod))")
        }
        if !policy.forbidContext.isEmpty {
            phrases.append("must not contain the " + Explanation.orList(policy.forbidContext) + " (in any letter case)")
        }
        for (rule, list) in forbiddenLists {
            let folding = rule.isCaseInsensitive ? ", in any letter case" : ""
            phrases.append("must not be, as a whole, a password of the list \"\(list.name)\" (\(list.count) entries\(folding); a member \((rule.message ?? list.reason).trimmingTrailingPeriod))")
        }
        if policy.normalization != nil {
            phrases.append("is compared in Unicode NFC: every check, the length included (in scalars of the NFC form), sees the NFC form")
        }
        return phrases
    }

    /// "letters (a-z, A-Z)"
    private func describeClass(at index: Int) -> String {
        let characterClass = policy.classes[index]
        return "\(characterClass.name) (\(Explanation.contents(classMembers[index], written: characterClass.charset)))"
    }
}

/// The pieces the explanation is built from.
enum Explanation {
    /// "8 to 16 characters", "at least 8 characters", "exactly 12 characters"
    static func length(_ range: LengthRange) -> String {
        guard let max = range.max else {
            return range.min == 0 ? "any number of characters" : "at least \(range.min) \(Messages.characters(range.min))"
        }
        if range.min == max { return "exactly \(max) \(Messages.characters(max))" }
        if range.min == 0 { return "at most \(max) \(Messages.characters(max))" }
        return "\(range.min) to \(max) characters"
    }

    static func requirement(_ requirement: Requirement, classNames: [String]) -> String {
        switch requirement {
        case .atLeast(let count, let of):
            let members = of ?? classNames
            if members.count == 1 { return "include a character from \(members[0])" }
            if count >= members.count { return "include at least one character from each of: " + members.joined(separator: ", ") }
            return "include characters from at least \(count) of: " + members.joined(separator: ", ")
        case .count(let name, let min, let max):
            switch (min, max) {
            case (let min?, let max?) where min == max:
                return min == 0 ? "no characters from \(name)" : "exactly \(min) \(Messages.characters(min)) from \(name)"
            case (let min?, let max?) where min > 0:
                return "\(min) to \(max) characters from \(name)"
            case (_, let max?):
                return max == 0 ? "no characters from \(name)" : "at most \(max) \(Messages.characters(max)) from \(name)"
            case (let min?, nil):
                return min == 1 ? "at least one character from \(name)" : "at least \(min) characters from \(name)"
            case (nil, nil):
                return "any number of characters from \(name)"
            }
        }
    }

    /// "/" for a single character, "any of -/" for several, "a character in [\p{Lu}]" for
    /// a large Unicode set.
    static func oneOf(_ members: ScalarSet, written: Charset?) -> String {
        if members.count == 1, let scalar = members.scalars.first(where: { _ in true }) { return display(scalar) }
        return "any of " + contents(members, written: written)
    }

    /// The characters of a set as people read them: ranges of letters and digits as `a-z`,
    /// other characters listed as they are, invisible ones as `U+00A0`, the space as
    /// "space". A large set outside ASCII is shown as its PCRE2 class.
    static func contents(_ members: ScalarSet, written: Charset?) -> String {
        if case .chars(let chars)? = written {
            var seen = Set<UInt32>()
            let scalars = chars.unicodeScalars.filter { seen.insert($0.value).inserted }
            return pieces(singles: Array(scalars))
        }
        if case .set(let body)? = written, let simple = simpleRanges(body), !simple.isEmpty {
            return simple.joined(separator: ", ")
        }
        if members.count <= 512 {
            var items: [String] = []
            var singles: [Unicode.Scalar] = []
            for range in members.ranges {
                guard let low = Unicode.Scalar(range.lowerBound), let high = Unicode.Scalar(range.upperBound) else { continue }
                if range.upperBound - range.lowerBound >= 2, isRangeEnd(low), isRangeEnd(high) {
                    if !singles.isEmpty { items.append(pieces(singles: singles)); singles = [] }
                    items.append("\(low)-\(high)")
                } else {
                    singles.append(contentsOf: range.lazy.compactMap(Unicode.Scalar.init))
                }
            }
            if !singles.isEmpty { items.append(pieces(singles: singles)) }
            return items.joined(separator: ", ")
        }
        if case .set(let body)? = written { return "[\(body)], \(members.count) characters" }
        return "\(members.count) characters"
    }

    /// A `set` body that is only printable ASCII ranges and characters, split as written:
    /// "a-zA-Z" gives ["a-z", "A-Z"]. Nil when the body uses anything PCRE2 treats
    /// specially (escapes, POSIX classes, negation).
    private static func simpleRanges(_ body: String) -> [String]? {
        let scalars = Array(body.unicodeScalars)
        guard !scalars.isEmpty, scalars.first != "^",
              scalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" && $0 != "[" && $0 != "]" })
        else { return nil }
        var items: [String] = []
        var singles: [Unicode.Scalar] = []
        var index = 0
        while index < scalars.count {
            if index + 2 < scalars.count, scalars[index + 1] == "-" {
                if !singles.isEmpty { items.append(pieces(singles: singles)); singles = [] }
                items.append("\(scalars[index])-\(scalars[index + 2])")
                index += 3
            } else {
                singles.append(scalars[index])
                index += 1
            }
        }
        if !singles.isEmpty { items.append(pieces(singles: singles)) }
        return items
    }

    /// Letters and digits make readable range ends; punctuation ranges are listed instead.
    private static func isRangeEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Visible characters run together (`()~!@#`); the space and invisible characters are
    /// named after them: "()~!@# and space".
    private static func pieces(singles: [Unicode.Scalar]) -> String {
        var visible = ""
        var named: [String] = []
        for scalar in singles {
            if isVisible(scalar) { visible.unicodeScalars.append(scalar) } else { named.append(display(scalar)) }
        }
        if visible.isEmpty { return Messages.list(named) }
        return named.isEmpty ? visible : visible + " and " + Messages.list(named)
    }

    /// A single character as shown in a sentence.
    static func display(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "space" }
        if isVisible(scalar) { return String(scalar) }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned,
             .privateUse, .surrogate, .nonspacingMark, .enclosingMark, .spacingMark:
            return false
        default:
            return true
        }
    }

    /// "a, b or c"
    static func orList(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    static func capitalized(_ phrase: String) -> String {
        guard let first = phrase.first else { return phrase }
        return first.uppercased() + phrase.dropFirst()
    }
}

private extension String {
    var trimmingTrailingPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
