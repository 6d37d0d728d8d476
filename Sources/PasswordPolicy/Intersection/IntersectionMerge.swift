/// The parts of an intersection gathered policy by policy: the classes that keep members
/// every policy allows, the requirements renamed to them, and the reasons no password can
/// satisfy them all (``Policy/intersection(compiled:)`` reads it).
struct IntersectionMerge {
    let policies: [Policy]
    let ids: [String]
    let minLength: Int
    let maxLength: Int?
    /// Characters every policy allows; nil when every policy allows any character.
    let common: ScalarSet?
    private(set) var classes: [CharacterClass] = []
    private(set) var members: [ScalarSet] = []
    private(set) var requirements: [Requirement] = []
    var reasons: [String] = []

    init(_ compiled: [CompiledPolicy]) {
        policies = compiled.map(\.policy)
        ids = policies.map(\.id)
        minLength = policies.map(\.length.min).max() ?? 0
        maxLength = policies.compactMap(\.length.max).min()
        if let maxLength, maxLength < minLength {
            reasons.append("the length ranges do not overlap (" + policies.map { "\($0.id): \($0.length)" }.joined(separator: "; ") + ")")
        }
        var common: ScalarSet?
        for part in compiled where !part.policy.allowsOtherCharacters {
            common = common.map { $0.intersection(part.classUnion) } ?? part.classUnion
        }
        self.common = common
    }

    /// Adds one policy's classes (what remains of them) and its requirements.
    mutating func add(_ part: CompiledPolicy) {
        let rename = addClasses(of: part)
        addRequirements(of: part.policy, renamed: rename)
    }

    /// Each class keeps its charset when every member remains, else becomes the exact
    /// `set` of what remains; a class equal to one already kept is merged, one whose name
    /// is taken is renamed `policy-id:name`. Returns the new name of every kept class.
    private mutating func addClasses(of part: CompiledPolicy) -> [String: String] {
        var rename: [String: String] = [:]
        for (index, characterClass) in part.policy.classes.enumerated() {
            let original = part.classMembers[index]
            let remaining = common.map { original.intersection($0) } ?? original
            if remaining.isEmpty { continue }
            if let existing = classes.firstIndex(where: { $0.name == characterClass.name }), members[existing] == remaining {
                rename[characterClass.name] = characterClass.name
                continue
            }
            var name = characterClass.name
            if classes.contains(where: { $0.name == name }) { name = "\(part.policy.id):\(characterClass.name)" }
            var suffix = 2
            while classes.contains(where: { $0.name == name }) {
                name = "\(part.policy.id):\(characterClass.name)#\(suffix)"
                suffix += 1
            }
            rename[characterClass.name] = name
            classes.append(CharacterClass(name: name, remaining == original ? characterClass.charset : .set(remaining.pcre2ClassBody)))
            members.append(remaining)
        }
        return rename
    }

    private mutating func addRequirements(of policy: Policy, renamed rename: [String: String]) {
        for requirement in policy.requirements {
            switch requirement {
            case .atLeast(let count, let names):
                let listed = names ?? policy.classes.map(\.name)
                let kept = listed.compactMap { rename[$0] }
                if kept.count < count {
                    let lost = listed.filter { rename[$0] == nil }
                    reasons.append("\(policy.id) needs \(count) of \(Messages.list(listed)), but \(Messages.list(lost)) \(lost.count == 1 ? "has" : "have") no character that every policy allows")
                } else if !requirements.contains(.atLeast(count, of: kept)) {
                    requirements.append(.atLeast(count, of: kept))
                }
            case .count(let name, let min, let max):
                if let renamed = rename[name] {
                    if !requirements.contains(.count(class: renamed, min: min, max: max)) { requirements.append(.count(class: renamed, min: min, max: max)) }
                } else if let min, min > 0 {
                    reasons.append("\(policy.id) needs at least \(min) of \"\(name)\", but no character of it is allowed by every policy")
                }
            }
        }
    }

    private var title: String { "Intersection of " + Messages.list(ids) }
    private var note: String { "Every password must satisfy each of: " + ids.joined(separator: ", ") + "." }

    /// The intersection when no character is allowed by every policy and none needs one.
    func onlyTheEmptyPassword(_ first: Policy) -> Policy {
        var onlyEmpty = first
        onlyEmpty.id = ids.joined(separator: "+")
        onlyEmpty.title = title
        onlyEmpty.source = nil
        onlyEmpty.notes = [note.dropLast() + ". No character is allowed by all of them, so only the empty password is."]
        onlyEmpty.length = LengthRange(min: 0, max: 0)
        onlyEmpty.requirements = []
        onlyEmpty.forbidPatterns = policies.flatMap(\.forbidPatterns)
        onlyEmpty.forbidContext = Array(Set(policies.flatMap(\.forbidContext))).sorted()
        onlyEmpty.normalization = policies.lazy.compactMap(\.normalization).first
        onlyEmpty.forbidLists = policies.flatMap(\.forbidLists)
        onlyEmpty.isOptional = policies.allSatisfy(\.isOptional)
        return onlyEmpty
    }

    /// The merged policy: the common length, the kept classes and requirements, the
    /// smallest `maxConsecutive`, the patterns and context names of every policy.
    func result(forbidLeading: Charset?, forbidTrailing: Charset?) -> Policy {
        var result = Policy(
            id: ids.joined(separator: "+"), title: title, source: nil, notes: [note],
            length: LengthRange(min: minLength, max: maxLength), classes: classes,
            allowsOtherCharacters: policies.allSatisfy(\.allowsOtherCharacters), requirements: requirements,
            forbidLeading: forbidLeading, forbidTrailing: forbidTrailing,
            maxConsecutive: policies.compactMap(\.maxConsecutive).min(), isOptional: policies.allSatisfy(\.isOptional))
        for policy in policies {
            for pattern in policy.forbidPatterns where !result.forbidPatterns.contains(pattern) { result.forbidPatterns.append(pattern) }
            for name in policy.forbidContext where !result.forbidContext.contains(name) { result.forbidContext.append(name) }
            for list in policy.forbidLists where !result.forbidLists.contains(list) { result.forbidLists.append(list) }
            if result.normalization == nil { result.normalization = policy.normalization }
        }
        return result
    }
}
