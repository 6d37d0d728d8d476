/// A policy as a Keycloak password policy string, and what the string cannot carry.
///
/// ```swift
/// let export = try CompiledPolicy(policy).keycloakPasswordPolicy()
/// print(export.settings.text)
/// export.losses.forEach { print($0) }
/// ```
public struct KeycloakExport: Sendable, Hashable {
    /// The policy string closest to the policy.
    public var settings: KeycloakPasswordPolicy
    /// What the string cannot say, each with what it says instead.
    public var losses: [ConversionLoss]

    /// The members of ``KeycloakPasswordPolicy/characterClasses``, as PCRE2 reads them.
    static let classMembers: [ScalarSet] = (try? CompiledPolicy(KeycloakPasswordPolicy(entries: []).policy()))?.classMembers ?? []
}

extension CompiledPolicy {
    /// The policy as a Keycloak policy string. A class required at least n times is written
    /// as the Keycloak count (`lowerCase`, `upperCase`, `digits`, `specialChars`) whose
    /// characters include it; everything Keycloak cannot say (other allowed characters,
    /// counts of a smaller class, maximum counts, `atLeast k of n` with k < n, first and last
    /// character, runs, patterns other than a `regexPattern` read from Keycloak, context other
    /// than username and email, more than one list) is a ``ConversionLoss``.
    ///
    /// ```swift
    /// let export = try CompiledPolicy(KeycloakPasswordPolicy("length(10) and digits(2)").policy()).keycloakPasswordPolicy()
    /// export.settings.text   // length(10) and digits(2)
    /// ```
    public func keycloakPasswordPolicy() -> KeycloakExport {
        var entries: [KeycloakPasswordPolicy.Entry] = [.init(id: "length", value: String(policy.length.min))]
        if let max = policy.length.max { entries.append(.init(id: "maxLength", value: String(max))) }
        var losses: [ConversionLoss] = []
        let keycloakAll = KeycloakExport.classMembers.last ?? ScalarSet()
        if !policy.allowsOtherCharacters, classUnion != keycloakAll {
            losses.append(ConversionLoss(keyPath: "classes", message: "Keycloak accepts any character: the policy's allowed characters are not written (looser)"))
        }
        let counts = keycloakCounts(&losses)
        for (slot, name) in ["lowerCase", "upperCase", "digits", "specialChars"].enumerated() where counts[slot] > 0 {
            entries.append(.init(id: name, value: String(counts[slot])))
        }
        entries += keycloakContentRules(&losses)
        return KeycloakExport(settings: KeycloakPasswordPolicy(entries: entries), losses: losses)
    }

    /// The four Keycloak counts the requirements ask for.
    private func keycloakCounts(_ losses: inout [ConversionLoss]) -> [Int] {
        var counts = [0, 0, 0, 0]
        let index = Dictionary(policy.classes.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (position, requirement) in policy.requirements.enumerated() {
            var required: [(slot: Int, count: Int)] = []
            switch requirement {
            case .count(let name, let min, let max):
                if let min, min > 0, let slot = index[name] { required = [(slot, min)] }
                if max != nil { losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "Keycloak has no maximum count: at most \(max ?? 0) of \(name) is not written (looser)")) }
            case .atLeast(let count, let names):
                let members = (names ?? policy.classes.map(\.name)).compactMap { index[$0] }
                if count >= members.count { required = members.map { ($0, 1) } } else if count > 0 {
                    losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "Keycloak cannot say \"at least \(count) of \(members.count)\": not written (looser)"))
                }
            }
            for (slot, count) in required {
                let name = policy.classes[slot].name
                guard let keycloak = KeycloakExport.classMembers.prefix(4).firstIndex(where: { classMembers[slot].isSubset(of: $0) }) else {
                    losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "class \(name) is inside no Keycloak class: its requirement is not written (looser)"))
                    continue
                }
                counts[keycloak] = Swift.max(counts[keycloak], count)
                if classMembers[slot] != KeycloakExport.classMembers[keycloak].intersection(classUnion) {
                    losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "class \(name) is smaller than Keycloak's \(KeycloakPasswordPolicy.characterClasses[keycloak].name) among the policy's characters: written \(KeycloakPasswordPolicy.characterClasses[keycloak].name)(\(count)) (looser)"))
                }
            }
        }
        return counts
    }

    /// Context, patterns and lists, and the losses of the rest.
    private func keycloakContentRules(_ losses: inout [ConversionLoss]) -> [KeycloakPasswordPolicy.Entry] {
        var entries: [KeycloakPasswordPolicy.Entry] = []
        for name in policy.forbidContext {
            switch name {
            case "username", "email":
                entries.append(.init(id: name == "username" ? "notUsername" : "notEmail"))
                losses.append(ConversionLoss(keyPath: "forbidContext", message: "Keycloak refuses only a password equal to the \(name): written \(entries.last?.id ?? "") (looser)"))
            default:
                losses.append(ConversionLoss(keyPath: "forbidContext", message: "Keycloak knows no context value \"\(name)\": not written (looser)"))
            }
        }
        for (index, rule) in policy.forbidPatterns.enumerated() {
            if let pattern = KeycloakPasswordPolicy.mustMatchPattern(rule), !pattern.contains(" and "), !entries.contains(where: { $0.id == "regexPattern" }) {
                entries.append(.init(id: "regexPattern", value: pattern))
            } else {
                losses.append(ConversionLoss(keyPath: "forbidPatterns[\(index)]", message: "Keycloak's regexPattern is a pattern the password must match, in Java's syntax: not written (looser)"))
            }
        }
        for (index, list) in policy.forbidLists.enumerated() {
            if index == 0 { entries.append(.init(id: "passwordBlacklist", value: list.list)) }
            losses.append(ConversionLoss(keyPath: "forbidList[\(index)]", message: index == 0
                ? "written passwordBlacklist(\(list.list)): Keycloak reads a file of that name from its blacklist folder and compares case-insensitively"
                : "Keycloak takes one list: not written (looser)"))
        }
        if policy.forbidLeading != nil { losses.append(ConversionLoss(keyPath: "forbidLeading", message: "Keycloak has no rule about the first character: not written (looser)")) }
        if policy.forbidTrailing != nil { losses.append(ConversionLoss(keyPath: "forbidTrailing", message: "Keycloak has no rule about the last character: not written (looser)")) }
        if policy.maxConsecutive != nil { losses.append(ConversionLoss(keyPath: "maxConsecutive", message: "Keycloak has no rule about repeated characters: not written (looser)")) }
        if policy.normalization != nil { losses.append(ConversionLoss(keyPath: "normalize", message: "Keycloak compares the password as typed: not written")) }
        if policy.isOptional { losses.append(ConversionLoss(keyPath: "optional", message: "a Keycloak password is always required: not written")) }
        return entries
    }
}
