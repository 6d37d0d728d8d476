/// Generates passwords that satisfy a policy, drawn exactly uniformly from all compliant
/// passwords of the requested length, and counts them exactly.
///
/// ```swift
/// let compiled = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.linux")!)
/// let generator = try PasswordGenerator(compiled, options: GenerationOptions(exclude: "Il1O0"))
/// let password = try generator.generate()               // 16 characters (clamped into the range)
/// let short = try generator.generate(length: 12)
/// let any = try generator.generate(lengths: 12...16)    // uniform over every length in the range
/// let count = try generator.count(length: 16)           // exact, as a PasswordCount
/// let bits = try generator.entropyBits(length: 16)      // log2(count)
///
/// var seeded = MySeededGenerator(seed: 42)              // any RandomNumberGenerator
/// let reproducible = try generator.generate(length: 16, using: &seeded)
/// ```
///
/// Build a generator once and reuse it: it is `Sendable`, immutable, and cheap to copy;
/// its tables are computed in `init`.
///
/// ## What is uniform
/// Every password of the requested length that satisfies the policy's character rules
/// (classes, `allowOther`, `atLeast`, per-class `min`/`max`, `forbidLeading`,
/// `forbidTrailing`, `maxConsecutive`) and uses only the generator's alphabet is equally
/// likely. `forbidPatterns` and `forbidContext` are then enforced by rejection (draw
/// again, at most ``GenerationOptions/maxRejectedAttempts`` times), which keeps the result
/// uniform over the passwords that pass them too. With a range of lengths, each length is
/// drawn with probability proportional to its count, so the result is uniform over the
/// whole range.
///
/// ## The alphabet
/// The generator proposes every character the policy's classes contain that a person can
/// type and see: it never draws control, format, unassigned (including noncharacters),
/// private-use or surrogate code points, line or paragraph separators, or space
/// separators other than U+0020 SPACE, even where a negated or Unicode `set` allows them.
/// U+0020 SPACE is drawn when a class contains it (exclude it with `exclude: " "`).
/// Characters outside every class are never proposed, even with `allowOther`.
/// ``GenerationOptions/ascii`` restricts the alphabet to printable ASCII (0x21-0x7E, and
/// 0x20 when a class contains it); ``GenerationOptions/exclude`` removes characters.
/// ``count(length:)`` and ``entropyBits(length:)`` count over exactly this alphabet,
/// so they describe the generator's output (before `forbidPatterns` / `forbidContext` /
/// `forbidList`, which can only lower the true count: a password they refuse is drawn
/// again, never proposed).
///
/// ## How
/// Characters that no rule can tell apart are grouped into atoms; an automaton tracks
/// what the rules need (class presence, per-class counts, the current run) and a table of
/// exact suffix counts (arbitrary precision) gives, at each position, the number of
/// compliant completions. Exact sampling draws one uniform rank below the count and
/// unranks it position by position (a bijection onto the compliant passwords). Where
/// counting proves that a uniformly random string is compliant with probability at least
/// 1/8, the generator instead draws strings and keeps the first compliant one (up to 128
/// tries, then exact sampling), which is faster and just as uniform. Randomness comes from
/// ``SystemRandomSource`` (the OS CSPRNG, buffered) unless you pass a generator; every
/// bounded draw is exact (Lemire's multiply-and-reject, several characters per 64-bit
/// value), with no modulo bias.
///
/// ## Limits
/// Passwords of up to ``maximumLength`` characters. Lengths beyond the prepared ones
/// (see ``init(_:options:preparing:)``) work, but compute their counting rows on each call:
/// prepare the lengths you generate many of. A policy whose rules combine into more than
/// 65,536 counting states (dozens of classes all required at once, say) is refused with
/// ``GenerationError/Code/tooComplex``.
public struct PasswordGenerator: Sendable {
    /// The longest password the generator produces or counts, in Unicode scalars.
    public static let maximumLength = 1024
    /// The length used when none is given, clamped into the policy's range.
    public static let preferredLength = 16

    let core: GeneratorCore

    /// The compiled policy passwords are generated for.
    public var compiled: CompiledPolicy { core.compiled }
    /// The options the generator was built with.
    public var options: GenerationOptions { core.options }
    /// Every character the generator may draw.
    public var alphabet: ScalarSet { core.alphabet.members }
    /// The policy's length range.
    public var lengthRange: LengthRange { core.lengthRange }
    /// The length ``generate(length:context:)`` uses without one: 16, clamped into the policy's range.
    public var defaultLength: Int { core.defaultLength }

    /// Builds the generator for `compiled`: the alphabet, the counting tables for
    /// `preparing` lengths (by default the policy's range, up to 64 or its minimum when
    /// longer), and the checks that the policy can be met.
    ///
    /// Throws when no character is left to draw, when a required class lost all its
    /// characters to the options, or when no length in the policy's range admits a
    /// password, each with the reason.
    ///
    /// ```swift
    /// let generator = try PasswordGenerator(compiled, options: GenerationOptions(ascii: true))
    /// ```
    public init(_ compiled: CompiledPolicy, options: GenerationOptions = GenerationOptions(), preparing lengths: ClosedRange<Int>? = nil) throws(GenerationError) {
        let policy = compiled.policy
        let alphabet = try PasswordGenerator.countingAlphabet(compiled, options: options, scope: .drawable)
        if policy.length.min > PasswordGenerator.maximumLength {
            throw .lengthUnsupported(requested: policy.length.min, maximum: PasswordGenerator.maximumLength)
        }
        let policyMax = Swift.min(policy.length.max ?? Int.max, PasswordGenerator.maximumLength)
        var prepared = Swift.min(policyMax, Swift.max(policy.length.min, 64))
        if let lengths { prepared = Swift.max(prepared, Swift.min(lengths.upperBound, policyMax)) }
        core = try GeneratorCore(compiled: compiled, options: options, alphabet: alphabet, preparedLength: prepared)

        let anyPrepared = (policy.length.min...prepared).contains { !Limbs.isZeroWords(core.lengthCounts[$0]) }
        if !anyPrepared, prepared >= policyMax {
            throw .unsatisfiable(reason: core.reason(noPasswordIn: policy.length.min...prepared))
        }
    }

    /// The alphabet exact counting works over for `scope`, split into atoms, after the checks
    /// that it is not empty and that no required class lost every character.
    ///
    /// Generation counts over the drawable characters (``GenerationOptions/Scope/drawable``);
    /// lint builds its counting automaton over every accepted one
    /// (``GenerationOptions/Scope/everyAccepted``) from this same alphabet.
    static func countingAlphabet(_ compiled: CompiledPolicy, options: GenerationOptions, scope: GenerationOptions.Scope) throws(GenerationError) -> GenerationAlphabet {
        let printable: ScalarSet
        switch scope {
        case .everyAccepted:
            printable = compiled.policy.allowsOtherCharacters ? ScalarSet(ranges: [0...0xD7FF, 0xE000...0x10FFFF]) : compiled.classUnion
        case .drawable:
            printable = options.ascii
                ? compiled.classUnion.intersection(DrawableCharacters.printableASCII)
                : DrawableCharacters.filter(compiled.classUnion)
        }
        let members = printable.subtracting(options.exclude)
        if members.isEmpty {
            if !printable.isEmpty { throw .emptyAlphabet(reason: "every character the policy allows is excluded") }
            if options.ascii, !DrawableCharacters.filter(compiled.classUnion).isEmpty {
                throw .emptyAlphabet(reason: "the policy allows no printable ASCII character")
            }
            throw .emptyAlphabet(reason: "the policy allows no character a person can type and see")
        }
        try PasswordGenerator.checkRequiredClasses(compiled, options: options, members: members)
        let rules = GenerationRules(compiled)
        return GenerationAlphabet(members: members, table: compiled.table, tracked: rules.trackedMask)
    }

    // MARK: Generating

    /// A password of `length` characters (by default ``defaultLength``), uniformly drawn
    /// from the compliant ones, with randomness from the OS: the calling thread's own
    /// buffered ``SystemRandomSource``, so that a password costs no system call.
    ///
    /// ```swift
    /// let password = try generator.generate()
    /// let withContext = try generator.generate(length: 12, context: ["username": "alice"])
    /// ```
    ///
    /// Throws when the length is outside the policy's range, when no password of that
    /// length complies, or when `forbidPatterns` / `forbidContext` rejected too many candidates.
    public func generate(length: Int? = nil, context: [String: String] = [:]) throws(GenerationError) -> String {
        var random = SystemRandomSource.forCurrentThread
        return try generate(length: length, context: context, using: &random)
    }

    /// A password of `length` characters drawn with randomness from `generator`: the same
    /// generator state gives the same password.
    ///
    /// ```swift
    /// var random = SystemRandomSource()   // or a seeded generator in tests
    /// let password = try generator.generate(length: 16, using: &random)
    /// ```
    public func generate<R: RandomNumberGenerator>(length: Int? = nil, context: [String: String] = [:], using generator: inout R) throws(GenerationError) -> String {
        let length = length ?? core.defaultLength
        if core.lengthRange.contains(length), length <= core.preparedLength, !core.hasRejectionRules {
            return try core.generatePrepared(length: length, using: &generator)
        }
        let plan = try GenerationPlan(core: core, lengths: length...length)
        return try plan.generate(context: RejectionChecks(core, context: context), using: &generator)
    }

    /// A password whose length lies in `lengths`, uniformly drawn from every compliant
    /// password in the range (each length with probability proportional to its count).
    ///
    /// ```swift
    /// let password = try generator.generate(lengths: 12...16)
    /// ```
    public func generate(lengths: ClosedRange<Int>, context: [String: String] = [:]) throws(GenerationError) -> String {
        var random = SystemRandomSource.forCurrentThread
        return try generate(lengths: lengths, context: context, using: &random)
    }

    /// A password whose length lies in `lengths`, with randomness from `generator`.
    public func generate<R: RandomNumberGenerator>(lengths: ClosedRange<Int>, context: [String: String] = [:], using generator: inout R) throws(GenerationError) -> String {
        let plan = try GenerationPlan(core: core, lengths: lengths)
        return try plan.generate(context: RejectionChecks(core, context: context), using: &generator)
    }

    /// `count` passwords with lengths in `lengths` (by default ``defaultLength`` only),
    /// sharing one buffered OS random source and one set of per-call preparations.
    ///
    /// ```swift
    /// let batch = try generator.generate(count: 10, lengths: 12...16)
    /// ```
    public func generate(count: Int, lengths: ClosedRange<Int>? = nil, context: [String: String] = [:]) throws(GenerationError) -> [String] {
        var random = SystemRandomSource()
        return try generate(count: count, lengths: lengths, context: context, using: &random)
    }

    /// `count` passwords with randomness from `generator`.
    public func generate<R: RandomNumberGenerator>(count: Int, lengths: ClosedRange<Int>? = nil, context: [String: String] = [:], using generator: inout R) throws(GenerationError) -> [String] {
        let (plan, checks) = try batch(count: count, lengths: lengths, context: context)
        var passwords: [String] = []
        passwords.reserveCapacity(count)
        for _ in 0..<count {
            passwords.append(try plan.generate(context: checks, using: &generator))
        }
        return passwords
    }

    /// Calls `body` with each of `count` passwords in turn and keeps none of them: a
    /// stream of any length in constant memory. Errors are ``GenerationError``s, or
    /// whatever `body` throws.
    ///
    /// ```swift
    /// var random = SystemRandomSource()
    /// try generator.generate(count: 1_000_000, lengths: 12...16, using: &random) { password in
    ///     print(password)
    /// }
    /// ```
    public func generate<R: RandomNumberGenerator>(count: Int, lengths: ClosedRange<Int>? = nil, context: [String: String] = [:],
                                                   using generator: inout R, forEach body: (String) throws -> Void) throws {
        let (plan, checks) = try batch(count: count, lengths: lengths, context: context)
        for _ in 0..<count {
            try body(try plan.generate(context: checks, using: &generator))
        }
    }

    private func batch(count: Int, lengths: ClosedRange<Int>?, context: [String: String]) throws(GenerationError) -> (GenerationPlan, RejectionChecks) {
        guard count >= 0 else { throw .invalidArgument("the number of passwords must not be negative, found \(count)") }
        let plan = try GenerationPlan(core: core, lengths: lengths ?? defaultLength...defaultLength)
        return (plan, RejectionChecks(core, context: context))
    }

    // MARK: Checks

    /// Throws when a requirement needs a class whose characters the options (or the
    /// printable-character rule) removed entirely.
    private static func checkRequiredClasses(_ compiled: CompiledPolicy, options: GenerationOptions, members: ScalarSet) throws(GenerationError) {
        let policy = compiled.policy
        let names = policy.classes.map(\.name)
        let drawable = compiled.classMembers.map { !$0.intersection(members).isEmpty }
        func cause(_ index: Int) -> String {
            let classMembers = compiled.classMembers[index]
            let visible = DrawableCharacters.filter(classMembers)
            let printable = options.ascii ? visible.intersection(DrawableCharacters.printableASCII) : visible
            if !printable.isEmpty { return "the excluded characters" }
            if options.ascii, !visible.isEmpty { return "the ASCII restriction" }
            return "the rule that generated passwords use only characters a person can type and see"
        }
        /// The emptied classes that share the first emptied class's cause.
        func emptied(_ indices: [Int]) -> (names: [String], cause: String)? {
            let empty = indices.filter { !drawable[$0] }
            guard let first = empty.first else { return nil }
            let firstCause = cause(first)
            return (empty.filter { cause($0) == firstCause }.map { names[$0] }, firstCause)
        }
        for (position, requirement) in policy.requirements.enumerated() {
            switch requirement {
            case .atLeast(let count, let of):
                let listed = (of ?? names).compactMap { name in names.firstIndex(of: name) }
                guard listed.filter({ drawable[$0] }).count < count, let (classes, why) = emptied(listed) else { continue }
                let description = "require[\(position)] (at least \(count) of \(Messages.list(listed.map { names[$0] })))"
                throw .classEmptied(classNames: classes, requirement: description, cause: why)
            case .count(let name, let min, _):
                guard let index = names.firstIndex(of: name), let min, min > 0, let (classes, why) = emptied([index]) else { continue }
                let description = "require[\(position)] (at least \(min) \(Messages.characters(min)) of \"\(name)\")"
                throw .classEmptied(classNames: classes, requirement: description, cause: why)
            }
        }
    }
}

extension Limbs {
    static func isZeroWords(_ words: [UInt64]) -> Bool { !words.contains { $0 != 0 } }
}
