/// Writes a compiled policy in the Password Rules language, rule by rule, recording what
/// cannot be carried over. See ``CompiledPolicy/passwordRules(approximation:)``.
struct PasswordRulesExporter {
    let compiled: CompiledPolicy
    let approximation: PasswordRulesApproximation
    private var losses: [ConversionLoss] = []
    /// The allowed characters; nil for `unicode` (every character).
    private var alphabet: PrintableASCIISet?
    private var required: [[PasswordRulesCharacterClass]] = []

    init(compiled: CompiledPolicy, approximation: PasswordRulesApproximation) {
        self.compiled = compiled
        self.approximation = approximation
    }

    private var policy: Policy { compiled.policy }
    private var stricter: Bool { approximation == .stricter }

    mutating func export() -> PasswordRulesExport {
        exportAlphabet()
        exportFirstAndLast(key: "forbidLeading", charset: policy.forbidLeading, set: compiled.forbiddenLeading, which: "first")
        exportFirstAndLast(key: "forbidTrailing", charset: policy.forbidTrailing, set: compiled.forbiddenTrailing, which: "last")
        for (index, requirement) in policy.requirements.enumerated() {
            exportRequirement(requirement, keyPath: "require[\(index)]")
        }
        resolveUnicodeConflict()

        var maxLength = policy.length.max
        if maxLength == 0 {
            lose("length.max", "a maximum length of 0 cannot be written: the reference ignores maxlength: 0; left out")
            maxLength = nil
        }
        for (index, pattern) in policy.forbidPatterns.enumerated() {
            lose("forbidPatterns[\(index)]", "the forbidden pattern \"\(pattern.code)\" cannot be written in Password Rules; left out")
        }
        for (index, list) in policy.forbidLists.enumerated() {
            lose("forbidList[\(index)]", "the list of forbidden passwords \"\(list.list)\" cannot be written in Password Rules; left out")
        }
        if policy.normalization != nil {
            lose("normalize", "Unicode normalization cannot be written in Password Rules; left out")
        }
        if !policy.forbidContext.isEmpty {
            let names = policy.forbidContext.map { "\"\($0)\"" }.joined(separator: ", ")
            lose("forbidContext", "that the password must not contain the context value\(policy.forbidContext.count == 1 ? "" : "s") \(names) cannot be written in Password Rules; left out")
        }
        if policy.isOptional {
            lose("optional", "that an absent password is acceptable cannot be written in Password Rules (they describe a password that is there); left out")
        }

        var deduplicated: [[PasswordRulesCharacterClass]] = []
        for rule in required where !deduplicated.contains(rule) { deduplicated.append(rule) }
        let rules = PasswordRules(
            required: deduplicated,
            allowed: alphabet.map(\.canonicalClasses) ?? [.unicode],
            maxConsecutive: policy.maxConsecutive,
            minLength: policy.length.min > 0 ? policy.length.min : nil,
            maxLength: maxLength
        )
        return PasswordRulesExport(rules: rules, losses: losses)
    }

    // MARK: Allowed characters

    private mutating func exportAlphabet() {
        let union = policy.allowsOtherCharacters ? PrintableASCIISet.everyScalar : compiled.classUnion
        if PrintableASCIISet.everyScalar.isSubset(of: union) {
            alphabet = nil
            return
        }
        let outside = union.subtracting(PrintableASCIISet.printable)
        let ascii = PrintableASCIISet(union)
        guard !outside.isEmpty else {
            alphabet = ascii
            return
        }
        let what = "\(PasswordRulesExporter.describe(outside)) outside printable ASCII cannot be written in Password Rules, whose custom classes hold printable ASCII only"
        if stricter && !ascii.isEmpty {
            alphabet = ascii
            lose("classes", "\(what); left out of allowed (stricter)")
        } else {
            alphabet = nil
            lose("classes", "\(what); allowed is written as unicode, every character (\(stricter ? "no printable ASCII character is allowed, so nothing stricter can be written" : "looser"))")
        }
    }

    private mutating func exportFirstAndLast(key: String, charset: Charset?, set: ScalarSet, which: String) {
        guard charset != nil else { return }
        let relevant = alphabet.map { set.intersection($0.scalarSet) } ?? set
        guard !relevant.isEmpty else { return }
        let rule = "a rule about the \(which) character (not \(PasswordRulesExporter.describe(relevant))) cannot be written in Password Rules"
        guard stricter else {
            lose(key, "\(rule); left out, so the rules also accept passwords whose \(which) character is one of these (looser)")
            return
        }
        guard var remaining = alphabet else {
            lose(key, "\(rule); left out: allowed is unicode, from which nothing can be taken away")
            return
        }
        remaining.subtract(PrintableASCIISet(relevant))
        guard !remaining.isEmpty else {
            lose(key, "\(rule); left out: leaving these characters out of allowed would leave none")
            return
        }
        alphabet = remaining
        lose(key, "\(rule); instead these characters are left out of allowed altogether (stricter)")
    }

    // MARK: Requirements

    private func members(of name: String) -> ScalarSet {
        guard let index = policy.classes.firstIndex(where: { $0.name == name }) else { return ScalarSet() }
        return compiled.classMembers[index]
    }

    private mutating func exportRequirement(_ requirement: Requirement, keyPath: String) {
        switch requirement {
        case .atLeast(let count, let listed):
            var names: [String] = []
            for name in listed ?? policy.classes.map(\.name) where !names.contains(name) { names.append(name) }
            let list = names.joined(separator: ", ")
            if count >= names.count {
                for name in names { requireOne(of: members(of: name), keyPath: keyPath, what: "a character of \(name)") }
            } else if count <= 1 {
                let union = names.reduce(ScalarSet()) { $0.union(members(of: $1)) }
                requireOne(of: union, keyPath: keyPath, what: "a character of one of \(list)")
            } else {
                let rule = "at least \(count) of \(list) cannot be written in Password Rules (a required rule asks for one character of its classes)"
                if stricter, policy.length.max.map({ $0 >= names.count }) ?? true {
                    lose(keyPath, "\(rule); written as all \(names.count) of them required (stricter)")
                    for name in names { requireOne(of: members(of: name), keyPath: keyPath, what: "a character of \(name)") }
                } else {
                    let why = stricter ? "all \(names.count) of them would not fit in length.max \(policy.length.max ?? 0), so it is written as one of them (looser)" : "written as at least one of them (looser)"
                    lose(keyPath, "\(rule); \(why)")
                    let union = names.reduce(ScalarSet()) { $0.union(members(of: $1)) }
                    requireOne(of: union, keyPath: keyPath, what: "a character of one of \(list)")
                }
            }
        case .count(let name, let min, let max):
            if let min, min >= 1 {
                if min > 1 {
                    lose(keyPath, "at least \(min) characters of \(name) cannot be written in Password Rules; written as at least one (looser)")
                }
                requireOne(of: members(of: name), keyPath: keyPath, what: "a character of \(name)")
            }
            if let max {
                lose(keyPath, "at most \(max) character\(max == 1 ? "" : "s") of \(name) cannot be written in Password Rules; left out (looser)")
            }
        }
    }

    /// Adds a required rule for "at least one character of `set`", within the alphabet.
    private mutating func requireOne(of set: ScalarSet, keyPath: String, what: String) {
        guard let alphabet else {
            if PrintableASCIISet.everyScalar.isSubset(of: set) {
                required.append([.unicode])
                return
            }
            let outside = set.subtracting(PrintableASCIISet.printable)
            let ascii = PrintableASCIISet(set)
            if outside.isEmpty, !ascii.isEmpty {
                required.append(ascii.canonicalClasses)
            } else if stricter, !ascii.isEmpty {
                lose(keyPath, "\(what): \(PasswordRulesExporter.describe(outside)) outside printable ASCII cannot be written; required with its printable ASCII characters only (stricter)")
                required.append(ascii.canonicalClasses)
            } else if !stricter {
                lose(keyPath, "\(what): \(PasswordRulesExporter.describe(outside)) outside printable ASCII cannot be written; required as unicode, any character (looser)")
                required.append([.unicode])
            } else {
                lose(keyPath, "\(what): none of its characters is printable ASCII, which is all Password Rules can name; the requirement is left out")
            }
            return
        }
        var ascii = PrintableASCIISet(set)
        let allowed = alphabet
        ascii = PrintableASCIISet(ascii.scalarSet.intersection(allowed.scalarSet))
        guard !ascii.isEmpty else {
            lose(keyPath, "\(what): none of its characters is left in allowed; the requirement is left out")
            return
        }
        required.append(ascii.canonicalClasses)
    }

    /// The reference merges each required rule's classes into `allowed`, and in a merged
    /// list the first of `ascii-printable` and `unicode` wins: `required: ascii-printable`
    /// next to `allowed: unicode` reads back as `allowed: ascii-printable`.
    private mutating func resolveUnicodeConflict() {
        guard alphabet == nil, required.contains([.asciiPrintable]) else { return }
        let rule = "a required rule for every printable ASCII character cannot stand beside allowed: unicode (the reference then narrows allowed to ascii-printable)"
        if stricter {
            var printable = PrintableASCIISet()
            printable.formUnion(PrintableASCIISet(.asciiPrintable))
            alphabet = printable
            required = required.map { $0 == [.unicode] ? [.asciiPrintable] : $0 }
            lose("require", "\(rule); allowed is written as ascii-printable (stricter)")
        } else {
            required = required.map { $0 == [.asciiPrintable] ? [.unicode] : $0 }
            lose("require", "\(rule); the rule is written as required: unicode, any character (looser)")
        }
    }

    private mutating func lose(_ keyPath: String, _ message: String) {
        losses.append(ConversionLoss(keyPath: keyPath, message: message))
    }

    /// "the 3 characters ä, ö, ü" or "1,114,000 characters", for messages.
    static func describe(_ set: ScalarSet) -> String {
        let count = set.count
        guard count <= 40 else { return "\(count) characters" }
        let names = set.scalars.map { scalar -> String in
            PrintableASCIISet.isPrintable(scalar.value) && scalar != " " ? String(scalar) : PasswordRulesParser.name(of: scalar)
        }
        return count == 1 ? "the character \(names[0])" : "the \(count) characters \(names.joined(separator: " "))"
    }
}
