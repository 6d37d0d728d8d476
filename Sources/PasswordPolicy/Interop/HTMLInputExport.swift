/// A policy as an HTML `<input type="password">` element: the browser's own constraint
/// validation (`pattern`, `minlength`, `maxlength`, `required`) and a `passwordrules` hint
/// for password managers.
///
/// The `pattern` is an exact JavaScript (`v` flag) translation of the policy wherever
/// JavaScript can say it: the allowed characters and each class as explicit code point
/// ranges read off PCRE2, the length in code points, `atLeast` as an alternation of
/// lookaheads, per-class counts, first and last character, `maxConsecutive` with a
/// back-reference, and `forbidPatterns` entries that translate exactly. Whatever it cannot
/// say is a ``ConversionLoss``, and ``isPatternExact`` is then false.
///
/// ```swift
/// let export = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.linux")!).htmlInput()
/// print(export.element)          // <input type="password" ... pattern="..." ...>
/// export.losses.forEach { print($0) }
/// ```
public struct HTMLInputExport: Sendable, Hashable {
    /// The element, attributes escaped, ready to paste into a form.
    public var element: String
    /// The `pattern` attribute's value (unescaped): the browser matches it as `^(?:pattern)$` with the `v` flag.
    public var pattern: String
    /// `minlength`, emitted only when every allowed character is in the BMP (it counts UTF-16 code units).
    public var minimumLength: Int?
    /// `maxlength`, under the same condition as ``minimumLength``.
    public var maximumLength: Int?
    /// The `passwordrules` attribute (Apple's Password Rules, stricter approximation).
    public var passwordRules: String
    /// Whether the `pattern` accepts exactly the passwords the policy accepts (no context given).
    public var isPatternExact: Bool
    /// Everything the element cannot carry exactly: the pattern's losses, then the
    /// `passwordrules` hint's (their messages start with `passwordrules:`).
    public var losses: [ConversionLoss]
}

extension CompiledPolicy {
    /// The policy as an `<input type="password">` element (see ``HTMLInputExport``).
    ///
    /// ```swift
    /// let input = try CompiledPolicy(policy).htmlInput(name: "new-password")
    /// input.isPatternExact   // true when the pattern says the whole policy
    /// ```
    public func htmlInput(name: String = "password", id: String = "password") -> HTMLInputExport {
        let (pattern, patternLosses) = javaScriptPattern()
        let bmpOnly = !policy.allowsOtherCharacters && (classUnion.ranges.last?.upperBound ?? 0) <= 0xFFFF
        let rules = passwordRules(approximation: .stricter)
        var attributes: [(String, String?)] = [
            ("type", "password"), ("name", name), ("id", id), ("autocomplete", "new-password"),
        ]
        if !policy.isOptional { attributes.append(("required", nil)) }
        if bmpOnly {
            attributes.append(("minlength", String(policy.length.min)))
            if let max = policy.length.max { attributes.append(("maxlength", String(max))) }
        }
        attributes.append(("pattern", pattern))
        attributes.append(("passwordrules", rules.rules.description))
        attributes.append(("title", summary))
        let element = "<input " + attributes.map { key, value in
            value.map { "\(key)=\"\(HTMLText.escape($0))\"" } ?? key
        }.joined(separator: " ") + ">"
        var losses = patternLosses
        if !bmpOnly {
            losses.append(ConversionLoss(keyPath: "length", message: "minlength and maxlength count UTF-16 code units and the policy allows characters outside the BMP: they are left out, and the pattern enforces the length in code points"))
        }
        losses += rules.losses.map { ConversionLoss(keyPath: $0.keyPath, message: "passwordrules: " + $0.message) }
        return HTMLInputExport(
            element: element, pattern: pattern,
            minimumLength: bmpOnly ? policy.length.min : nil, maximumLength: bmpOnly ? policy.length.max : nil,
            passwordRules: rules.rules.description, isPatternExact: patternLosses.isEmpty, losses: losses)
    }

    /// The whole policy as one JavaScript `v`-flag expression (unanchored; HTML anchors it),
    /// and what it leaves out.
    func javaScriptPattern() -> (String, [ConversionLoss]) {
        let any = JavaScriptRegex.anyCharacter
        var parts: [String] = []
        var losses: [ConversionLoss] = []
        if policy.forbidLeading != nil, !forbiddenLeading.isEmpty {
            parts.append("(?!" + JavaScriptRegex.characterClass(forbiddenLeading) + ")")
        }
        if policy.forbidTrailing != nil, !forbiddenTrailing.isEmpty {
            parts.append("(?!" + any + "*" + JavaScriptRegex.characterClass(forbiddenTrailing) + "$)")
        }
        for (index, requirement) in atLeastLookaheads().enumerated() {
            if let lookahead = requirement { parts.append(lookahead) } else {
                losses.append(ConversionLoss(keyPath: "require[\(index)]", message: "too many combinations of classes for one pattern: the pattern does not check this requirement"))
            }
        }
        for requirement in counts {
            let members = classMembers[requirement.index]
            let inClass = JavaScriptRegex.characterClass(members), outside = JavaScriptRegex.characterClass(members, negated: true)
            if requirement.min > 0 { parts.append("(?=(?:\(outside)*\(inClass)){\(requirement.min)})") }
            if requirement.max != Int.max { parts.append("(?!(?:\(outside)*\(inClass)){\(requirement.max + 1)})") }
        }
        if let limit = policy.maxConsecutive {
            parts.append("(?!\(any)*(?<run>\(any))\\k<run>{\(limit)})")
        }
        for (index, rule) in policy.forbidPatterns.enumerated() {
            switch JavaScriptRegex.translate(rule.pattern) {
            case .success(let translated):
                parts.append("(?!\(any)*?(?\(translated.caseless ? "i" : ""):\(translated.source)))")
            case .failure(let failure):
                losses.append(ConversionLoss(keyPath: "forbidPatterns[\(index)]", message: "JavaScript cannot say \(failure.reason) exactly: the pattern does not check \"\(rule.code)\""))
            }
        }
        if !policy.forbidContext.isEmpty {
            losses.append(ConversionLoss(keyPath: "forbidContext", message: "a page cannot know the \(Messages.list(policy.forbidContext)): not checked"))
        }
        losses += HTMLInputExport.unsupportedLosses(policy)
        let characters = policy.allowsOtherCharacters ? any : JavaScriptRegex.characterClass(classUnion)
        parts.append(characters + "{\(policy.length.min),\(policy.length.max.map(String.init) ?? "")}")
        return (parts.joined(), losses)
    }

    /// One lookahead alternation per `atLeast` requirement (nil when it would be too large):
    /// every choice of `count` of its classes, each present somewhere.
    private func atLeastLookaheads() -> [String?] {
        atLeast.map { requirement in
            let members = classMembers.indices.filter { requirement.mask & (UInt64(1) << UInt64($0)) != 0 }
            guard requirement.count > 0 else { return "" }
            guard requirement.count <= members.count else { return "(?!)" }
            let choices = Self.combinations(of: members, choosing: requirement.count, limit: 512)
            guard let choices else { return nil }
            let alternatives = choices.map { choice in
                choice.map { "(?=\(JavaScriptRegex.anyCharacter)*\(JavaScriptRegex.characterClass(classMembers[$0])))" }.joined()
            }
            return "(?:" + alternatives.joined(separator: "|") + ")"
        }
    }

    /// Every `k`-element subset of `items`, in order, or nil when there are more than `limit`.
    static func combinations(of items: [Int], choosing k: Int, limit: Int) -> [[Int]]? {
        var result: [[Int]] = []
        var current: [Int] = []
        func extend(from start: Int) -> Bool {
            if current.count == k {
                result.append(current)
                return result.count <= limit
            }
            guard start < items.count else { return true }
            for index in start..<items.count where items.count - index >= k - current.count {
                current.append(items[index])
                defer { current.removeLast() }
                if !extend(from: index + 1) { return false }
            }
            return true
        }
        return extend(from: 0) ? result : nil
    }
}

extension HTMLInputExport {
    /// What neither the pattern nor the page checks: lists of forbidden passwords (the page
    /// carries no list) and Unicode normalization (the browser checks the password as typed).
    static func unsupportedLosses(_ policy: Policy) -> [ConversionLoss] {
        var losses = policy.forbidLists.indices.map { index in
            ConversionLoss(keyPath: "forbidList[\(index)]", message: "the page carries no list of forbidden passwords (\(policy.forbidLists[index].list)): not checked")
        }
        if policy.normalization != nil {
            losses.append(ConversionLoss(keyPath: "normalize", message: "the browser checks the password as typed, not in NFC"))
        }
        return losses
    }
}
