import Testing
@testable import PasswordPolicy

/// Conversions between format-1 policies and Password Rules, both ways: every preset
/// round trip, and each loss the exporter must report.
@Suite("Password Rules conversion")
struct PasswordRulesConversionTests {
    /// The cloud and vendor presets, which ask for k of n classes (1 < k < n) and so lose
    /// something in the language. Website presets (web.*) come from Password Rules and go
    /// back to them exactly; WebPresetTests checks that round trip.
    static let presetIDs = Presets.ids.filter { Presets.vendor(of: $0) != "web" }

    @Test("preset → rules → preset-like policy → the same rules, with every loss reported", arguments: presetIDs, PasswordRulesApproximation.allCases)
    func presetRoundTrip(id: String, approximation: PasswordRulesApproximation) throws {
        let preset = try #require(Presets.policy(id: id))
        let compiled = try CompiledPolicy(preset)
        let export = compiled.passwordRules(approximation: approximation)

        // "k of n classes" with 1 < k < n is what the language cannot say; nor can it say
        // a forbidden first character or an optional password.
        for (index, requirement) in preset.requirements.enumerated() {
            if case .atLeast(let count, let names) = requirement, count > 1, count < (names ?? preset.classes.map(\.name)).count {
                #expect(export.losses.contains { $0.keyPath == "require[\(index)]" }, "\(id): require[\(index)]")
            }
        }
        #expect(export.losses.contains { $0.keyPath == "forbidLeading" } == (preset.forbidLeading != nil))
        #expect(export.losses.contains { $0.keyPath == "optional" } == preset.isOptional)
        if !export.losses.isEmpty { #expect(!export.isExact) }

        // The printed rules read back unchanged, without a warning.
        let reparsed = PasswordRules.parse(export.rules.description)
        #expect(reparsed.diagnostics.isEmpty, "\(reparsed.diagnostics)")
        #expect(reparsed.rules == export.rules)

        // Rules → policy → rules is exact.
        let imported = try CompiledPolicy(export.rules.policy(id: "roundtrip." + id))
        let again = imported.passwordRules(approximation: approximation)
        #expect(again.isExact, "\(again.losses)")
        #expect(again.rules == export.rules)
        #expect(imported.policy.length == preset.length)

        // Stricter: whatever the rules accept, the preset accepts. Looser: whatever the
        // preset accepts, the rules accept. Except for what the language cannot say at all
        // (forbidden patterns, context values, "at least n > 1 of a class"): those are
        // reported as losses, and a password the preset refuses only for them is no
        // counterexample.
        var inexpressible: Set<ViolationCode> = []
        if !preset.forbidPatterns.isEmpty {
            inexpressible.insert(.patternForbidden)
            #expect(export.losses.contains { $0.keyPath.hasPrefix("forbidPatterns") }, "\(id): forbidPatterns is a loss")
        }
        if !preset.forbidContext.isEmpty { inexpressible.insert(.contextContained) }
        if !preset.forbidLists.isEmpty { inexpressible.insert(.blocklistContained) }
        for (index, requirement) in preset.requirements.enumerated() {
            guard case .count(_, let min?, _) = requirement, min > 1 else { continue }
            inexpressible.insert(.classTooFew)
            #expect(export.losses.contains { $0.keyPath == "require[\(index)]" }, "\(id): require[\(index)] is a loss")
        }
        let strict = compiled.passwordRules(approximation: .stricter).rules
        let seeds = (0..<12).compactMap { PasswordRulesTesting.witness(for: strict, variant: $0) }
        #expect(seeds.count >= 6)
        var random = PasswordRulesTesting.Random(seed: 42)
        var counterexamples: [String] = []
        var accepted = 0
        for probe in PasswordRulesTesting.probes(around: seeds, count: 400, random: &random) {
            let byRules = PasswordRulesTesting.satisfies(probe, export.rules)
            let byPreset = compiled.isValid(probe)
            if byPreset { accepted += 1 }
            switch approximation {
            case .stricter:
                if byRules && !byPreset, !Set(compiled.validate(probe).map(\.code)).isSubset(of: inexpressible) { counterexamples.append(probe) }
            case .looser: if byPreset && !byRules { counterexamples.append(probe) }
            }
            #expect(byRules == imported.isValid(probe))
        }
        #expect(counterexamples.isEmpty, "\(counterexamples.prefix(5))")
        if inexpressible.isEmpty { #expect(accepted >= 20) }
    }

    @Test("the stricter rules of the Windows CVM preset")
    func windowsPreset() throws {
        let export = try #require(Presets.policy(id: "tencentcloud.cvm.windows")).passwordRules()
        #expect(export.rules.description == "required: lower; required: upper; required: digit; required: [-!#$%&'()*+,.:;<=>?@[^_`{|}~]]; allowed: upper, lower, digit, [-!#$%&'()*+,.:;<=>?@[^_`{|}~]]; minlength: 12; maxlength: 16;")
        #expect(export.losses.map(\.keyPath) == ["forbidLeading", "require[0]"])
        let looser = try #require(Presets.policy(id: "tencentcloud.cvm.windows")).passwordRules(approximation: .looser)
        #expect(looser.rules.description == "required: upper, lower, digit, [-!#$%&'()*+,./:;<=>?@[^_`{|}~]]; allowed: upper, lower, digit, [-!#$%&'()*+,./:;<=>?@[^_`{|}~]]; minlength: 12; maxlength: 16;")
    }

    @Test("rules → policy: classes, requirement, lengths")
    func rulesToPolicy() throws {
        let rules = try PasswordRules("minlength: 8; maxlength: 20; max-consecutive: 2; required: lower, upper; required: digit; required: [!@]; allowed: [!@#]")
        let policy = rules.policy(id: "example.site", title: "Example")
        #expect(policy.id == "example.site" && policy.title == "Example")
        #expect(policy.classes == [
            CharacterClass(name: "upper", .set("A-Z")),
            CharacterClass(name: "lower", .set("a-z")),
            CharacterClass(name: "digit", .set("0-9")),
            CharacterClass(name: "custom", .chars("!#@")),
            CharacterClass(name: "required-1", .set("A-Za-z")),
            CharacterClass(name: "required-3", .chars("!@")),
        ])
        #expect(policy.requirements == [.atLeast(3, of: ["required-1", "digit", "required-3"])])
        #expect(policy.length == LengthRange(min: 8, max: 20))
        #expect(policy.maxConsecutive == 2)
        #expect(policy.allowsOtherCharacters == false)
        #expect(policy.source == "Apple Password Rules: \(rules)")
        let compiled = try CompiledPolicy(policy)
        #expect(compiled.isValid("aB3!xyzw"))
        #expect(!compiled.isValid("aB3#xyzw"))     // no ! or @
        #expect(!compiled.isValid("aB3!xyyyw"))    // a run of 3
        #expect(!compiled.isValid("aB3!xyz$w"))    // $ not allowed
    }

    @Test("named classes become their characters exactly")
    func namedClassCharsets() throws {
        for named in PasswordRulesCharacterClass.named {
            let policy = PasswordRules(required: [[named]], allowed: [named]).policy()
            let compiled = try CompiledPolicy(policy)
            #expect(compiled.classUnion == named.members, "\(named)")
            #expect(compiled.passwordRules().rules == PasswordRules(required: [[named]], allowed: [named]), "\(named)")
        }
        let empty = try CompiledPolicy(PasswordRules(required: [[]], allowed: [.digit]).policy())
        #expect(empty.policy.requirements.isEmpty)
        #expect(empty.policy.notes.count == 1)
        #expect(try CompiledPolicy(PasswordRules(allowed: []).policy()).classUnion.count == 95)
    }

    @Test("minlength above maxlength is carried over and refused when compiled")
    func contradictoryLengths() throws {
        let policy = try PasswordRules("minlength: 20; maxlength: 8").policy()
        #expect(throws: PolicyError.self) { try CompiledPolicy(policy) }
    }

    static func policy(
        _ classes: [CharacterClass], requirements: [Requirement] = [], length: LengthRange = LengthRange(min: 8, max: 16),
        allowsOtherCharacters: Bool = false, leading: Charset? = nil, trailing: Charset? = nil
    ) -> Policy {
        Policy(id: "test.export", length: length, classes: classes, allowsOtherCharacters: allowsOtherCharacters, requirements: requirements, forbidLeading: leading, forbidTrailing: trailing)
    }

    static let four = [
        CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "upper", .set("A-Z")),
        CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "specials", .chars("!#$")),
    ]

    @Test("exact mappings report no loss")
    func exactExports() throws {
        let all = try Self.policy(Self.four, requirements: [.atLeast(4, of: nil)]).passwordRules()
        #expect(all.isExact)
        #expect(all.rules.description == "required: lower; required: upper; required: digit; required: [!#$]; allowed: upper, lower, digit, [!#$]; minlength: 8; maxlength: 16;")

        let oneOf = try Self.policy(Self.four, requirements: [.atLeast(1, of: ["digits", "specials"])]).passwordRules()
        #expect(oneOf.isExact)
        #expect(oneOf.rules.required == [[.digit, .custom("!#$")]])

        let counted = try Self.policy(Self.four, requirements: [.count(class: "digits", min: 1, max: nil)], length: LengthRange(min: 0, max: nil)).passwordRules()
        #expect(counted.isExact)
        #expect(counted.rules.description == "required: digit; allowed: upper, lower, digit, [!#$];")

        var withRuns = Self.policy(Self.four)
        withRuns.maxConsecutive = 3
        #expect(try withRuns.passwordRules().rules.maxConsecutive == 3)

        let everything = try Self.policy([CharacterClass(name: "digits", .set("0-9"))], requirements: [.atLeast(1, of: nil)], allowsOtherCharacters: true).passwordRules()
        #expect(everything.isExact)
        #expect(everything.rules.description == "required: digit; allowed: unicode; minlength: 8; maxlength: 16;")

        let moot = try Self.policy([CharacterClass(name: "digits", .set("0-9"))], leading: "/").passwordRules()
        #expect(moot.isExact)   // '/' is not allowed anyway
    }

    @Test("counts, patterns, context, optional and lengths of 0 are reported")
    func reportedLosses() throws {
        var policy = Self.policy(Self.four, requirements: [.count(class: "digits", min: 2, max: 4), .count(class: "specials", min: nil, max: 0)])
        policy.forbidPatterns = [ForbiddenPattern(pattern: "(?i)password", code: "acme.word", message: "no words")]
        policy.forbidContext = ["username"]
        policy.isOptional = true
        policy.length = LengthRange(min: 0, max: 16)
        let export = try policy.passwordRules()
        let paths = export.losses.map(\.keyPath)
        #expect(paths == ["require[0]", "require[0]", "require[1]", "forbidPatterns[0]", "forbidContext", "optional"])
        #expect(export.losses[0].message.contains("at least 2 characters of digits"))
        #expect(export.losses[1].message.contains("at most 4 characters of digits"))
        #expect(export.losses[3].message.contains("acme.word"))
        #expect(export.losses[4].message.contains("\"username\""))
        #expect(export.rules.description == "required: digit; allowed: upper, lower, digit, [!#$]; maxlength: 16;")

        let empty = try Self.policy(Self.four, length: LengthRange(min: 0, max: 0)).passwordRules()
        #expect(empty.losses.map(\.keyPath) == ["length.max"])
        #expect(empty.rules.maxLength == nil)
    }

    @Test("k of n: stricter requires all n, unless they cannot fit; looser requires one of them")
    func kOfN() throws {
        let policy = Self.policy(Self.four, requirements: [.atLeast(2, of: ["lower", "upper", "digits"])])
        #expect(try policy.passwordRules(approximation: .stricter).rules.required == [[.lower], [.upper], [.digit]])
        #expect(try policy.passwordRules(approximation: .looser).rules.required == [[.upper, .lower, .digit]])
        let short = Self.policy(Self.four, requirements: [.atLeast(2, of: ["lower", "upper", "digits"])], length: LengthRange(min: 1, max: 2))
        let export = try short.passwordRules(approximation: .stricter)
        #expect(export.rules.required == [[.upper, .lower, .digit]])
        #expect(export.losses.first?.message.contains("would not fit in length.max 2") == true)
    }

    @Test("first and last characters: stricter leaves them out of allowed, looser drops the rule")
    func leadingAndTrailing() throws {
        let policy = Self.policy(Self.four, requirements: [.atLeast(1, of: ["specials"])], leading: "!", trailing: .set("0-9"))
        let stricter = try policy.passwordRules(approximation: .stricter)
        #expect(stricter.rules.description == "required: [#$]; allowed: upper, lower, [#$]; minlength: 8; maxlength: 16;")
        #expect(stricter.losses.map(\.keyPath) == ["forbidLeading", "forbidTrailing"])
        #expect(stricter.losses[1].message.contains("0 1 2"))
        let looser = try policy.passwordRules(approximation: .looser)
        #expect(looser.rules.description == "required: [!#$]; allowed: upper, lower, digit, [!#$]; minlength: 8; maxlength: 16;")
        #expect(looser.losses.allSatisfy { $0.message.contains("(looser)") })
        let unicode = try Self.policy(Self.four, allowsOtherCharacters: true, leading: "!").passwordRules(approximation: .stricter)
        #expect(unicode.rules.allowed == [.unicode])
        #expect(unicode.losses.first?.message.contains("nothing can be taken away") == true)
    }

    @Test("characters outside printable ASCII")
    func nonASCII() throws {
        let classes = [CharacterClass(name: "letters", .set("\\p{L}")), CharacterClass(name: "digits", .set("0-9"))]
        let policy = Self.policy(classes, requirements: [.atLeast(2, of: nil)])
        let stricter = try policy.passwordRules(approximation: .stricter)
        #expect(stricter.rules.description == "required: upper, lower; required: digit; allowed: upper, lower, digit; minlength: 8; maxlength: 16;")
        #expect(stricter.losses.map(\.keyPath) == ["classes"])
        let looser = try policy.passwordRules(approximation: .looser)
        #expect(looser.rules.description == "required: unicode; required: digit; allowed: unicode; minlength: 8; maxlength: 16;")
        #expect(looser.losses.map(\.keyPath) == ["classes", "require[0]"])

        let cjk = Self.policy([CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "han", .set("\\x{4e00}-\\x{4e10}"))], requirements: [.atLeast(2, of: nil)])
        let dropped = try cjk.passwordRules(approximation: .stricter)
        #expect(dropped.rules.required == [[.lower]])
        #expect(dropped.losses.last?.message.contains("left out") == true)

        let onlyHan = Self.policy([CharacterClass(name: "han", .set("\\x{4e00}-\\x{4e10}"))])
        #expect(try onlyHan.passwordRules(approximation: .stricter).rules.allowed == [.unicode])
    }

    @Test("a required ascii-printable beside allowed unicode")
    func unicodeConflict() throws {
        let policy = Self.policy([CharacterClass(name: "printable", .set("\\x{20}-\\x{7e}"))], requirements: [.atLeast(1, of: nil)], allowsOtherCharacters: true)
        let stricter = try policy.passwordRules(approximation: .stricter)
        #expect(stricter.rules.description == "required: ascii-printable; allowed: ascii-printable; minlength: 8; maxlength: 16;")
        #expect(stricter.losses.map(\.keyPath) == ["require"])
        let looser = try policy.passwordRules(approximation: .looser)
        #expect(looser.rules.description == "required: unicode; allowed: unicode; minlength: 8; maxlength: 16;")
        for export in [stricter, looser] {
            #expect(PasswordRules.parse(export.rules.description).rules == export.rules)
        }
    }
}
