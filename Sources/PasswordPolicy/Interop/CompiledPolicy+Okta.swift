/// A policy as Okta complexity settings, and what they cannot carry.
///
/// ```swift
/// let export = try CompiledPolicy(policy).oktaPasswordComplexity()
/// print(export.settings.json)
/// export.losses.forEach { print($0) }
/// ```
public struct OktaExport: Sendable, Hashable {
    /// The settings closest to the policy.
    public var settings: OktaPasswordComplexity
    /// What the settings cannot say, each with what they say instead.
    public var losses: [ConversionLoss]
}

extension CompiledPolicy {
    /// The policy as Okta complexity settings (character sets as
    /// ``OktaPasswordComplexity`` reads them). A count is set to 1 when every compliant
    /// password must contain a character of a class inside that Okta class; everything Okta
    /// cannot say (a maximum length, restricted characters, counts above one, maximum
    /// counts, `atLeast k of n` with k < n, first and last character, runs, patterns, lists,
    /// context other than the username, `firstName` and `lastName`) is a ``ConversionLoss``.
    ///
    /// ```swift
    /// let export = try CompiledPolicy(OktaPasswordComplexity(minLength: 10).policy()).oktaPasswordComplexity()
    /// export.losses.isEmpty   // true
    /// ```
    public func oktaPasswordComplexity() -> OktaExport {
        var losses: [ConversionLoss] = []
        var settings = OktaPasswordComplexity(minLength: policy.length.min, minLowerCase: 0, minUpperCase: 0, minNumber: 0, minSymbol: 0, excludeUsername: false)
        if let max = policy.length.max { losses.append(ConversionLoss(keyPath: "length.max", message: "Okta has no maximum length: at most \(max) is not written (looser)")) }
        if !policy.allowsOtherCharacters {
            losses.append(ConversionLoss(keyPath: "classes", message: "Okta accepts any character: the policy's allowed characters are not written (looser)"))
        }
        let oktaClasses: [(String, ScalarSet, WritableKeyPath<OktaPasswordComplexity, Int>)] = [
            ("minLowerCase", ScalarSet(ranges: [0x61...0x7A]), \.minLowerCase), ("minUpperCase", ScalarSet(ranges: [0x41...0x5A]), \.minUpperCase),
            ("minNumber", ScalarSet(ranges: [0x30...0x39]), \.minNumber), ("minSymbol", ScalarSet(OktaPasswordComplexity.symbols.unicodeScalars), \.minSymbol),
        ]
        let index = Dictionary(policy.classes.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (position, requirement) in policy.requirements.enumerated() {
            var required: [Int] = []
            switch requirement {
            case .count(let name, let min, let max):
                if let min, min >= 1, let slot = index[name] { required = [slot] }
                if (min ?? 0) > 1 || max != nil {
                    losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "Okta counts no class beyond \"at least one\": \(name)'s bounds are not written in full (looser)"))
                }
            case .atLeast(let count, let names):
                let members = (names ?? policy.classes.map(\.name)).compactMap { index[$0] }
                if count >= members.count { required = members } else if count > 0 {
                    losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "Okta cannot say \"at least \(count) of \(members.count)\": not written (looser)"))
                }
            }
            for slot in required {
                let name = policy.classes[slot].name
                guard let okta = oktaClasses.first(where: { classMembers[slot].isSubset(of: $0.1) }) else {
                    losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "class \(name) is inside no Okta class: its requirement is not written (looser)"))
                    continue
                }
                settings[keyPath: okta.2] = 1
                if classMembers[slot] != okta.1.intersection(classUnion) {
                    losses.append(ConversionLoss(keyPath: "require[\(position)]", message: "class \(name) is smaller than Okta's class among the policy's characters: written \(okta.0) (looser)"))
                }
            }
        }
        losses += oktaContext(&settings)
        return OktaExport(settings: settings, losses: losses)
    }

    /// Context and the keys Okta has nothing for.
    private func oktaContext(_ settings: inout OktaPasswordComplexity) -> [ConversionLoss] {
        var losses: [ConversionLoss] = []
        for name in policy.forbidContext {
            switch name {
            case "username": settings.excludeUsername = true
            case "firstName", "lastName": settings.excludeAttributes.append(name)
            default: losses.append(ConversionLoss(keyPath: "forbidContext", message: "Okta excludes only the username, firstName and lastName: \"\(name)\" is not written (looser)"))
            }
        }
        for index in policy.forbidLists.indices {
            losses.append(ConversionLoss(keyPath: "forbidList[\(index)]", message: "Okta checks only its own common-password dictionary: the list is not written (looser)"))
        }
        if policy.forbidLeading != nil { losses.append(ConversionLoss(keyPath: "forbidLeading", message: "Okta has no rule about the first character: not written (looser)")) }
        if policy.forbidTrailing != nil { losses.append(ConversionLoss(keyPath: "forbidTrailing", message: "Okta has no rule about the last character: not written (looser)")) }
        if policy.maxConsecutive != nil { losses.append(ConversionLoss(keyPath: "maxConsecutive", message: "Okta has no rule about repeated characters: not written (looser)")) }
        for index in policy.forbidPatterns.indices {
            losses.append(ConversionLoss(keyPath: "forbidPatterns[\(index)]", message: "Okta has no forbidden patterns: not written (looser)"))
        }
        if policy.normalization != nil { losses.append(ConversionLoss(keyPath: "normalize", message: "Okta compares the password as typed: not written")) }
        if policy.isOptional { losses.append(ConversionLoss(keyPath: "optional", message: "an Okta password is always required: not written")) }
        return losses
    }
}
