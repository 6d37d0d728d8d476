import Testing
@testable import PasswordPolicy

/// Builds boundary passwords for a preset from its own rules, and checks every entry point
/// (and the independent PCRE2 reference) against the codes the rule says they must get.
///
/// A boundary password is drawn by the generator from a *variant* of the preset: a copy with
/// one rule moved to the edge under test (the length fixed at `max + 1`, one class count at
/// `min - 1`, a class left out, ...). Everything else in the variant is the preset's own
/// rule, so the drawn password breaks exactly the rule under test and the expected codes
/// follow from the rule, not from the implementation.
struct RuleProbe {
    let policy: Policy
    let compiled: CompiledPolicy
    let reference: ReferenceValidator
    private(set) var random: SplitMix64

    init(id: String) throws {
        policy = try #require(Presets.policy(id: id), "preset \(id)")
        compiled = try CompiledPolicy(policy)
        reference = try #require(ReferenceValidator(policy), "\(id): the reference compiles it")
        var seed: UInt64 = 0x5EED
        for byte in id.utf8 { seed = seed &* 31 &+ UInt64(byte) }
        random = SplitMix64(seed: seed)
    }

    /// The lengths the probes use: `min` and, capped for generation, `max`.
    var shortest: Int { policy.length.min }
    var longest: Int { Swift.min(policy.length.max ?? (policy.length.min + 40), PasswordGenerator.maximumLength - 1) }

    /// `count` passwords satisfying `variant` at `length`, printable ASCII where the variant
    /// allows it; empty when the variant admits no password there.
    mutating func samples(_ variant: Policy, length: Int, count: Int = 1) -> [String] {
        guard let compiledVariant = try? CompiledPolicy(variant) else { return [] }
        for options in [GenerationOptions(ascii: true), GenerationOptions()] {
            guard let generator = try? PasswordGenerator(compiledVariant, options: options, preparing: length...length),
                  let first = try? generator.generate(length: length, using: &random) else { continue }
            var result = [first]
            while result.count < count, let next = try? generator.generate(length: length, using: &random) { result.append(next) }
            return result
        }
        return []
    }

    /// The preset with its length fixed at `length`.
    func withLength(_ length: Int) -> Policy {
        var variant = policy
        variant.length = LengthRange(min: length, max: length)
        return variant
    }

    /// The codes every entry point gives `password`; they must agree with each other and
    /// with the reference, and equal `expected`.
    func expect(_ password: String, _ expected: Set<ViolationCode>, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let comment = Comment(rawValue: "\(policy.id): \(what) (\(password.unicodeScalars.count) characters)")
        let codes = Set(compiled.validate(password).map(\.code))
        #expect(codes == expected, comment, sourceLocation: sourceLocation)
        #expect(Set(compiled.validate(utf8: Array(password.utf8)).map(\.code)) == expected, comment, sourceLocation: sourceLocation)
        #expect(compiled.violationCodes(password) == ViolationCodeSet(codes.map { Violation(code: $0, message: "") }), comment, sourceLocation: sourceLocation)
        #expect(compiled.isValid(password) == expected.isEmpty, comment, sourceLocation: sourceLocation)
        #expect(Set(reference.codes(utf8: Array(password.utf8))) == Set(expected.map(\.rawValue)), "reference: \(comment)", sourceLocation: sourceLocation)
    }

    /// The classes (indices) that contain `scalar`, by PCRE2's members.
    func classes(of scalar: Unicode.Scalar) -> [Int] {
        compiled.classMembers.indices.filter { compiled.classMembers[$0].contains(scalar) }
    }

    /// The characters a probe tries for a class: its literal list, or for a `set` its ASCII
    /// members and its first 200 others.
    func probeCharacters(of index: Int) -> [Unicode.Scalar] {
        if case .chars(let chars) = policy.classes[index].charset {
            var seen = Set<Unicode.Scalar>()
            return chars.unicodeScalars.filter { seen.insert($0).inserted }
        }
        let members = compiled.classMembers[index]
        let ascii = (0...0x7F).compactMap(Unicode.Scalar.init).filter { members.contains($0) }
        var others: [Unicode.Scalar] = []
        for scalar in members.scalars where scalar.value > 0x7F {
            others.append(scalar)
            if others.count == 200 { break }
        }
        return ascii + others
    }

    /// The preset made to leave room for one more character of the classes `indices`: the
    /// length one shorter and those classes' count bounds one lower.
    func makingRoom(for indices: [Int], length: Int) -> Policy? {
        var variant = withLength(length - 1)
        let names = Set(indices.map { policy.classes[$0].name })
        var requirements: [Requirement] = []
        for requirement in policy.requirements {
            guard case .count(let name, let min, let max) = requirement, names.contains(name) else {
                requirements.append(requirement)
                continue
            }
            if let max, max == 0 { return nil }
            requirements.append(.count(class: name, min: min.map { Swift.max(0, $0 - 1) }, max: max.map { $0 - 1 }))
        }
        variant.requirements = requirements
        return variant
    }
}

/// `text` with `insertion` placed before the scalar at `offset`.
func inserting(_ insertion: Unicode.Scalar, into text: String, at offset: Int) -> String {
    var scalars = Array(text.unicodeScalars)
    scalars.insert(insertion, at: offset)
    return String(String.UnicodeScalarView(scalars))
}
