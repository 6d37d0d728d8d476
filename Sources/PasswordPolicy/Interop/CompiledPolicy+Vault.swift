/// A policy as a Vault password policy for one length, and what the HCL cannot say.
///
/// ```swift
/// let export = try CompiledPolicy(policy).vaultPasswordPolicy(length: 24)
/// print(export.settings.hcl)
/// export.losses.forEach { print($0) }
/// if export.isCompliant { /* every password Vault generates passes the policy */ }
/// ```
public struct VaultExport: Sendable, Hashable {
    /// The HCL policy.
    public var settings: VaultPasswordPolicy
    /// What the HCL cannot say, each with what it says instead.
    public var losses: [ConversionLoss]
    /// Whether every password Vault can generate from ``settings`` passes the policy: true
    /// unless a loss is on the looser side (runs, patterns, lists, context, a class's
    /// maximum Vault cannot guarantee).
    public var isCompliant: Bool
}

extension CompiledPolicy {
    /// The policy as a Vault password policy generating `length` characters (default: the
    /// policy's minimum or 20, whichever is larger, within the policy's range).
    ///
    /// Vault draws every character from one set and checks only "at least N of this
    /// charset", so where it cannot say a rule the stricter side is written: characters the
    /// policy forbids first or last are left out entirely, a class with a maximum below the
    /// length and no minimum is left out, `atLeast k of n` requires k named classes, and
    /// characters Vault cannot print or more than its 256 are dropped. What no set of
    /// charsets can guarantee (runs, patterns, lists, context, a class that must appear but
    /// not too often) is a loss that makes ``VaultExport/isCompliant`` false.
    ///
    /// ```swift
    /// let export = try CompiledPolicy(Presets.policy(id: "aws.iam.default")!).vaultPasswordPolicy()
    /// print(export.settings.hcl)
    /// ```
    /// - Throws: ``ConversionError`` when `length` is outside the policy's range or below
    ///   Vault's 4, or when what must be left out leaves a required class without characters.
    public func vaultPasswordPolicy(length: Int? = nil) throws(ConversionError) -> VaultExport {
        let range = policy.length
        let upper = range.max ?? PasswordGenerator.maximumLength
        let chosen = length ?? min(max(range.min, 20), upper)
        guard range.contains(chosen), chosen >= VaultPasswordPolicy.minimumLength else {
            throw ConversionError(code: .invalidValue, format: "vault", message: "length \(chosen) is outside the policy's range \(range) or below Vault's minimum of \(VaultPasswordPolicy.minimumLength)")
        }
        var writer = VaultWriter(compiled: self, length: chosen)
        if range.min != chosen || range.max != chosen {
            writer.loss("length", "Vault generates one length: written \(chosen) (stricter)", looser: false)
        }
        try writer.run()
        return VaultExport(settings: VaultPasswordPolicy(length: chosen, rules: writer.rules), losses: writer.losses, isCompliant: writer.isCompliant)
    }
}

/// The steps of ``CompiledPolicy/vaultPasswordPolicy(length:)``.
struct VaultWriter {
    let compiled: CompiledPolicy
    let length: Int
    var allowed: ScalarSet
    var minimums: [Int]
    var rules: [VaultPasswordPolicy.CharsetRule] = []
    var losses: [ConversionLoss] = []
    var isCompliant = true

    init(compiled: CompiledPolicy, length: Int) {
        self.compiled = compiled
        self.length = length
        allowed = compiled.classUnion
        minimums = Array(repeating: 0, count: compiled.policy.classes.count)
    }

    mutating func loss(_ keyPath: String, _ message: String, looser: Bool) {
        losses.append(ConversionLoss(keyPath: keyPath, message: message))
        if looser { isCompliant = false }
    }

    mutating func run() throws(ConversionError) {
        let policy = compiled.policy
        if policy.allowsOtherCharacters {
            loss("allowOther", "Vault draws only from the classes' characters (stricter)", looser: false)
        }
        let printable = allowed.intersection(VaultPrintable.characters)
        if printable != allowed {
            loss("classes", "Vault accepts printable characters only: \(allowed.count - printable.count) left out (stricter)", looser: false)
            allowed = printable
        }
        if !compiled.forbiddenLeading.isEmpty {
            allowed = allowed.subtracting(compiled.forbiddenLeading)
            loss("forbidLeading", "Vault places any character first: the characters forbidden there are left out altogether (stricter)", looser: false)
        }
        if !compiled.forbiddenTrailing.isEmpty {
            allowed = allowed.subtracting(compiled.forbiddenTrailing)
            loss("forbidTrailing", "Vault places any character last: the characters forbidden there are left out altogether (stricter)", looser: false)
        }
        applyCounts()
        applyAtLeast()
        limitSize()
        try makeRules()
        unsayable()
    }

    /// `count` requirements: minimums become `min-chars`; a maximum below the length is
    /// met by leaving the class out when nothing requires it.
    private mutating func applyCounts() {
        let index = Dictionary(compiled.policy.classes.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (position, requirement) in compiled.policy.requirements.enumerated() {
            guard case .count(let name, let min, let max) = requirement, let slot = index[name] else { continue }
            minimums[slot] = Swift.max(minimums[slot], min ?? 0)
            guard let max, max < length else { continue }
            if (min ?? 0) == 0 {
                allowed = allowed.subtracting(compiled.classMembers[slot])
                loss("require[\(position)]", "Vault cannot bound a class: \(name) is left out (stricter)", looser: false)
            } else {
                loss("require[\(position)]", "Vault cannot bound a class: at most \(max) of \(name) is not guaranteed (looser)", looser: true)
            }
        }
    }

    /// `atLeast k of n`: every named class when k = n, else the k with the most characters.
    private mutating func applyAtLeast() {
        let index = Dictionary(compiled.policy.classes.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (position, requirement) in compiled.policy.requirements.enumerated() {
            guard case .atLeast(let count, let names) = requirement, count > 0 else { continue }
            let members = (names ?? compiled.policy.classes.map(\.name)).compactMap { index[$0] }
            var chosen = members
            if count < members.count {
                chosen = Array(members.sorted { compiled.classMembers[$0].intersection(allowed).count > compiled.classMembers[$1].intersection(allowed).count }.prefix(count))
                let written = chosen.sorted().map { compiled.policy.classes[$0].name }
                loss("require[\(position)]", "Vault cannot say \"at least \(count) of \(members.count)\": written as one each of \(Messages.list(written)) (stricter)", looser: false)
            }
            for slot in chosen { minimums[slot] = Swift.max(minimums[slot], 1) }
        }
    }
}
