/// A policy as AWS IAM settings, and what they cannot carry.
///
/// ```swift
/// let export = try CompiledPolicy(policy).awsIAMPasswordPolicy()
/// print(export.settings.json)
/// export.losses.forEach { print($0) }
/// ```
public struct AWSIAMExport: Sendable, Hashable {
    /// The settings closest to the policy.
    public var settings: AWSIAMPasswordPolicy
    /// What the settings cannot say, each with what they say instead.
    public var losses: [ConversionLoss]

    /// Every character IAM accepts, as PCRE2 reads ``AWSIAMPasswordPolicy/allowedCharacters``.
    static let allowedCharacters: ScalarSet = (try? CompiledPolicy(AWSIAMPasswordPolicy().policy()))?.classUnion ?? ScalarSet()
}

extension CompiledPolicy {
    /// The policy as `UpdateAccountPasswordPolicy` settings. A `Require…` flag is set when
    /// every compliant password must contain a character of a class inside that IAM class;
    /// everything else IAM cannot say (a maximum length other than 128, other allowed
    /// characters, `atLeast k of n` with k < n, counts above one, first and last character,
    /// runs, patterns, context) is a ``ConversionLoss``.
    ///
    /// ```swift
    /// let export = try CompiledPolicy(AWSIAMPasswordPolicy(minimumPasswordLength: 10).policy()).awsIAMPasswordPolicy()
    /// export.losses.isEmpty   // true
    /// ```
    public func awsIAMPasswordPolicy() -> AWSIAMExport {
        var losses: [ConversionLoss] = []
        var settings = AWSIAMPasswordPolicy(minimumPasswordLength: min(max(policy.length.min, 6), 128))
        if policy.length.min < 6 { losses.append(ConversionLoss(keyPath: "length.min", message: "IAM's smallest minimum is 6: written 6 (stricter)")) }
        if policy.length.min > 128 { losses.append(ConversionLoss(keyPath: "length.min", message: "IAM's largest minimum is 128: written 128 (looser)")) }
        if policy.length.max != AWSIAMPasswordPolicy.maximumPasswordLength {
            losses.append(ConversionLoss(keyPath: "length.max", message: "IAM's maximum is always 128 characters: \(policy.length.max.map { "at most \($0)" } ?? "no maximum") cannot be written"))
        }
        let iamAllowed = AWSIAMExport.allowedCharacters
        if policy.allowsOtherCharacters || classUnion != iamAllowed {
            losses.append(ConversionLoss(keyPath: "classes", message: "IAM accepts tab, line feed, carriage return and U+0020 to U+00FF; the policy's allowed characters differ and cannot be written"))
        }
        let iamClasses: [(String, ScalarSet, WritableKeyPath<AWSIAMPasswordPolicy, Bool>)] = [
            ("RequireLowercaseCharacters", ScalarSet(ranges: [0x61...0x7A]), \.requireLowercaseCharacters),
            ("RequireUppercaseCharacters", ScalarSet(ranges: [0x41...0x5A]), \.requireUppercaseCharacters),
            ("RequireNumbers", ScalarSet(ranges: [0x30...0x39]), \.requireNumbers),
            ("RequireSymbols", ScalarSet(AWSIAMPasswordPolicy.symbols.unicodeScalars), \.requireSymbols),
        ]
        let indexByName = Dictionary(policy.classes.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (index, requirement) in policy.requirements.enumerated() {
            var required: [Int] = []
            switch requirement {
            case .count(let name, let min, let max):
                if let min, min >= 1, let slot = indexByName[name] { required = [slot] }
                if (min ?? 0) > 1 || max != nil || required.isEmpty {
                    losses.append(ConversionLoss(keyPath: "require[\(index)]", message: "IAM counts no class beyond \"at least one\": \(name)'s bounds are not written in full"))
                }
            case .atLeast(let count, let names):
                let members = (names ?? policy.classes.map(\.name)).compactMap { indexByName[$0] }
                if count >= members.count { required = members } else if count > 0 {
                    losses.append(ConversionLoss(keyPath: "require[\(index)]", message: "IAM cannot say \"at least \(count) of \(members.count)\": not written (looser)"))
                }
            }
            for slot in required {
                guard let iam = iamClasses.first(where: { classMembers[slot].isSubset(of: $0.1) }) else {
                    losses.append(ConversionLoss(keyPath: "require[\(index)]", message: "class \(policy.classes[slot].name) is inside no IAM class: its requirement is not written (looser)"))
                    continue
                }
                settings[keyPath: iam.2] = true
                if classMembers[slot] != iam.1 {
                    losses.append(ConversionLoss(keyPath: "require[\(index)]", message: "class \(policy.classes[slot].name) is smaller than IAM's class: written \(iam.0) (looser)"))
                }
            }
        }
        losses += iamUnsayable()
        return AWSIAMExport(settings: settings, losses: losses)
    }

    /// The keys IAM has nothing for.
    private func iamUnsayable() -> [ConversionLoss] {
        var losses: [ConversionLoss] = []
        if policy.forbidLeading != nil { losses.append(ConversionLoss(keyPath: "forbidLeading", message: "IAM has no rule about the first character: not written (looser)")) }
        if policy.forbidTrailing != nil { losses.append(ConversionLoss(keyPath: "forbidTrailing", message: "IAM has no rule about the last character: not written (looser)")) }
        if policy.maxConsecutive != nil { losses.append(ConversionLoss(keyPath: "maxConsecutive", message: "IAM has no rule about repeated characters: not written (looser)")) }
        for index in policy.forbidPatterns.indices {
            losses.append(ConversionLoss(keyPath: "forbidPatterns[\(index)]", message: "IAM has no forbidden patterns: not written (looser)"))
        }
        if !policy.forbidContext.isEmpty { losses.append(ConversionLoss(keyPath: "forbidContext", message: "IAM cannot forbid context values: not written (looser)")) }
        if policy.isOptional { losses.append(ConversionLoss(keyPath: "optional", message: "an IAM console password is always a password: not written")) }
        return losses
    }
}
