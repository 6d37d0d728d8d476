import Foundation
import Testing
@testable import PasswordPolicy

/// The six built-in presets of issue 3.
///
/// Most expectations here are derived from each preset's own value (its length, classes,
/// requirements, leading rule and `optional`), not from what the implementation happens to
/// answer: a boundary password is built from the preset's classes, and the expected codes
/// follow from the rule. `rulesAsTheIssueStatesThem` pins the preset files to the rules as
/// the issue states them, so that a wrong file cannot make the derived tests vacuous.
@Suite struct PresetTests {
    static let ids = [
        "huaweicloud.dcs",
        "huaweicloud.dms.kafka",
        "tencentcloud.cvm.linux",
        "tencentcloud.cvm.windows",
        "tencentcloud.mongodb",
        "tencentcloud.redis",
    ]

    static var policiesDirectory: URL { TestSupport.packageRoot.appendingPathComponent("policies") }

    // MARK: The files and the embedded copies

    /// Every file under policies/<vendor>/, as its path relative to policies/.
    static func presetFiles() throws -> [String] {
        let root = Self.policiesDirectory.path
        var files: [String] = []
        for vendor in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + vendor, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/" + vendor) where name.hasSuffix(".json") {
                files.append(vendor + "/" + name)
            }
        }
        return files.sorted()
    }

    /// `policy(id:)` decodes one file by the id its path gives: it must return exactly the
    /// preset `all` holds, for every preset, and nil for ids that are not presets.
    @Test func lookupByIDFindsEveryPresetAlone() {
        for preset in Presets.all {
            #expect(Presets.policy(id: preset.id) == preset, "\(preset.id)")
        }
        #expect(Presets.policy(id: "aws") == nil)
        #expect(Presets.policy(id: "aws.rds.mysql.json") == nil)
        #expect(Presets.policy(id: "") == nil)
    }

    @Test func embeddedPresetsEqualTheFiles() throws {
        let files = try Self.presetFiles()
        let seedFiles = Self.ids.map { id in Presets.vendor(of: id) + "/" + id.dropFirst(Presets.vendor(of: id).count + 1) + ".json" }
        #expect(Set(seedFiles).isSubset(of: Set(files)), "the six seed presets are files")
        #expect(Presets.embedded.map(\.file).sorted() == files, "run python3 scripts/embed-presets.py")
        #expect(Presets.all.count == files.count, "every embedded preset decodes, and ids are unique")
        for file in files {
            let data = try Data(contentsOf: Self.policiesDirectory.appendingPathComponent(file))
            let text = try #require(String(data: data, encoding: .utf8))
            let embedded = try #require(Presets.embedded.first { $0.file == file }, "\(file) is embedded")
            #expect(embedded.json == text, "\(file): the embedded text differs from the file; run python3 scripts/embed-presets.py")
            let fromFile = try Policy(json: Array(data))
            let vendor = Presets.vendor(of: fromFile.id)
            #expect(file == vendor + "/" + fromFile.id.dropFirst(vendor.count + 1) + ".json", "\(file) is named after its id \(fromFile.id)")
            #expect(Presets.policy(id: fromFile.id) == fromFile, "\(file): the embedded preset decodes to the file's value")
            #expect(text.hasSuffix("}\n") && !text.contains("\t"), "\(file): spaces, one final newline")
        }
    }

    @Test(arguments: PresetTests.ids)
    func fileIsDocumentedAndRoundTrips(id: String) throws {
        let policy = try #require(Presets.policy(id: id))
        #expect(policy.format == 1)
        #expect(!(policy.title ?? "").isEmpty)
        #expect(!(policy.source ?? "").isEmpty)
        #expect(!policy.notes.isEmpty)
        #expect(try Policy(json: policy.jsonString()) == policy, "encoding and decoding again gives the same value")
    }

    /// The rules exactly as issue 3 states them (lengths, class charsets, `atLeast`, leading
    /// rule, `optional`): the presets must say the same thing.
    struct StatedRule: Sendable, CustomTestStringConvertible {
        var id: String
        var min: Int
        var max: Int
        var atLeast: Int
        var classes: [String: Charset]
        var forbidLeading: Charset?
        var optional: Bool
        var testDescription: String { id }
    }

    static func fourClasses(_ specials: String) -> [String: Charset] {
        ["lower": .set("a-z"), "upper": .set("A-Z"), "digits": .set("0-9"), "specials": .chars(specials)]
    }
    static func threeClasses(_ specials: String) -> [String: Charset] {
        ["letters": .set("a-zA-Z"), "digits": .set("0-9"), "specials": .chars(specials)]
    }
    static let cvmSpecials = "()`~!@#$%^&*-+=_|{}[]:;'<>,.?/"

    static let statedRules: [StatedRule] = [
        StatedRule(id: "tencentcloud.redis", min: 8, max: 32, atLeast: 2,
                   classes: fourClasses("()~!@#$%^&*-+=_|{}[]:;<>,.?/"), forbidLeading: "/", optional: true),
        StatedRule(id: "huaweicloud.dcs", min: 8, max: 32, atLeast: 3,
                   classes: fourClasses("`~!@#$^&*()-_=+\\|{},<.>/?"), forbidLeading: nil, optional: true),
        StatedRule(id: "tencentcloud.mongodb", min: 8, max: 16, atLeast: 2,
                   classes: threeClasses("!@#%^*()"), forbidLeading: nil, optional: false),
        StatedRule(id: "huaweicloud.dms.kafka", min: 8, max: 32, atLeast: 3,
                   classes: fourClasses("`~!@#$%^&*()-_=+\\|[{}];:'\",<.>/? "), forbidLeading: "-", optional: false),
        StatedRule(id: "tencentcloud.cvm.linux", min: 8, max: 16, atLeast: 2,
                   classes: threeClasses(cvmSpecials), forbidLeading: "/", optional: false),
        StatedRule(id: "tencentcloud.cvm.windows", min: 12, max: 16, atLeast: 3,
                   classes: fourClasses(cvmSpecials), forbidLeading: "/", optional: false),
    ]

    @Test(arguments: PresetTests.statedRules)
    func rulesAsTheIssueStatesThem(rule: StatedRule) throws {
        let policy = try #require(Presets.policy(id: rule.id))
        #expect(policy.length == LengthRange(min: rule.min, max: rule.max))
        #expect(Dictionary(uniqueKeysWithValues: policy.classes.map { ($0.name, $0.charset) }) == rule.classes)
        #expect(policy.requirements == [.atLeast(rule.atLeast, of: policy.classes.map(\.name))])
        #expect(policy.forbidLeading == rule.forbidLeading)
        #expect(policy.forbidTrailing == nil)
        #expect(policy.isOptional == rule.optional)
        #expect(policy.allowsOtherCharacters == false)
        #expect(policy.maxConsecutive == nil && policy.forbidPatterns.isEmpty && policy.forbidContext.isEmpty)
    }

    // MARK: Derived from each preset's rule

    @Test(arguments: PresetTests.ids)
    func compiles(id: String) throws {
        let policy = try #require(Presets.policy(id: id))
        let compiled = try CompiledPolicy(policy)
        #expect(compiled.classMembers.count == policy.classes.count)
        #expect(compiled.classMembers.allSatisfy { !$0.isEmpty })
    }

    @Test(arguments: PresetTests.ids)
    func lengthBoundaries(id: String) throws {
        let probe = try PresetProbe(id: id)
        let min = probe.policy.length.min
        let max = try #require(probe.policy.length.max)
        let classes = Array(probe.required.prefix(probe.atLeast))
        probe.expect(probe.password(length: min - 1, classes: classes), [.lengthShort], "min-1")
        probe.expect(probe.password(length: min, classes: classes), [], "min")
        probe.expect(probe.password(length: max, classes: classes), [], "max")
        probe.expect(probe.password(length: max + 1, classes: classes), [.lengthLong], "max+1")
        // The same with every class, and with one multi-byte character counted once.
        let all = probe.required
        probe.expect(probe.password(length: min - 1, classes: all), [.lengthShort], "min-1, all classes")
        probe.expect(probe.password(length: max + 1, classes: all), [.lengthLong], "max+1, all classes")
        // Empty: too short, and no class at all.
        probe.expect("", [.lengthShort, .classesInsufficient], "empty password")
    }

    @Test(arguments: PresetTests.ids)
    func classCountEdges(id: String) throws {
        let probe = try PresetProbe(id: id)
        let length = probe.policy.length.min
        #expect(probe.atLeast >= 2)
        #expect(probe.atLeast <= probe.required.count)
        for subset in combinations(of: probe.required, size: probe.atLeast - 1) {
            let password = probe.password(length: length, classes: subset)
            let names = subset.map { probe.policy.classes[$0].name }
            probe.expect(password, [.classesInsufficient], "only \(names)")
            let violation = probe.compiled.validate(password).first { $0.code == .classesInsufficient }
            if case .classes(let required, let present, let missing)? = violation?.detail {
                #expect(required == probe.atLeast)
                #expect(Set(present) == Set(names), "present classes")
                #expect(Set(missing) == Set(probe.required.map { probe.policy.classes[$0].name }).subtracting(names), "missing classes")
            } else {
                Issue.record("\(id): classes.insufficient without its class detail")
            }
        }
        for size in probe.atLeast...probe.required.count {
            for subset in combinations(of: probe.required, size: size) {
                let names = subset.map { probe.policy.classes[$0].name }
                probe.expect(probe.password(length: length, classes: subset), [], "exactly \(names)")
            }
        }
    }

    /// Every character of every class (the literal list for `chars`, PCRE2's members for a
    /// `set`), alone inside an otherwise valid password: second, last and first.
    @Test(arguments: PresetTests.ids)
    func everyAllowedCharacterAlone(id: String) throws {
        let probe = try PresetProbe(id: id)
        let base = probe.password(length: probe.policy.length.min - 1, classes: Array(probe.required.prefix(probe.atLeast)))
        var checked = 0
        for (index, members) in probe.members.enumerated() {
            for scalar in members {
                let character = String(Character(scalar))
                let name = "\(probe.policy.classes[index].name) U+\(String(scalar.value, radix: 16, uppercase: true))"
                probe.expect(insert(character, into: base, at: 1), [], "\(name) second")
                probe.expect(base + character, [], "\(name) last")
                probe.expect(character + base, probe.leading.contains(scalar) ? [.leadingForbidden] : [], "\(name) first")
                checked += 1
            }
        }
        #expect(checked >= 62 + 8, "letters, digits and at least the eight MongoDB specials")
    }

    /// Every printable ASCII character and a few non-ASCII ones: inside the preset's classes
    /// it is accepted, outside it is `charset.disallowed` at its position.
    @Test(arguments: PresetTests.ids)
    func charactersOutsideTheClasses(id: String) throws {
        let probe = try PresetProbe(id: id)
        let base = probe.password(length: probe.policy.length.min - 1, classes: Array(probe.required.prefix(probe.atLeast)))
        let nonASCII: [Unicode.Scalar] = ["\u{E9}", "\u{DF}", "\u{A0}", "\u{FF01}", "\u{FF21}", "\u{3A9}", "\u{4E2D}", "\u{1F600}", "\t", "\u{7F}"]
        var outside = 0
        for scalar in (0x20...0x7E).compactMap(Unicode.Scalar.init) + nonASCII {
            let password = insert(String(Character(scalar)), into: base, at: 1)
            let name = "U+\(String(scalar.value, radix: 16, uppercase: true))"
            if probe.isAllowed(scalar) {
                probe.expect(password, [], "\(name) is in a class")
            } else {
                outside += 1
                probe.expect(password, [.charsetDisallowed], "\(name) is in no class")
                let detail = probe.compiled.validate(password).first { $0.code == .charsetDisallowed }?.detail
                #expect(detail == .positions([2]), "\(id): \(name) reported at position 2")
            }
        }
        #expect(outside >= nonASCII.count)
    }

    /// Characters the issue names as just outside each preset's specials.
    static let justOutside: [(String, [String])] = [
        ("tencentcloud.redis", ["`", "'", "\\", "\"", " ", "é"]),
        ("huaweicloud.dcs", ["%", "[", "]", ";", ":", "'", "\"", " ", "é"]),
        ("tencentcloud.mongodb", ["$", "&", "-", "_", "+", " ", "é"]),
        ("huaweicloud.dms.kafka", ["\t", "é", "\u{A0}", "！", "€"]),
        ("tencentcloud.cvm.linux", ["\\", "\"", " ", "é"]),
        ("tencentcloud.cvm.windows", ["\\", "\"", " ", "é"]),
    ]

    @Test(arguments: PresetTests.justOutside)
    func charactersJustOutsideTheSpecials(id: String, characters: [String]) throws {
        let probe = try PresetProbe(id: id)
        let base = probe.password(length: probe.policy.length.min - 1, classes: Array(probe.required.prefix(probe.atLeast)))
        for character in characters {
            let scalar = try #require(character.unicodeScalars.first)
            #expect(!probe.isAllowed(scalar), "\(id): the rule does not list U+\(String(scalar.value, radix: 16))")
            probe.expect(insert(character, into: base, at: 1), [.charsetDisallowed], "U+\(String(scalar.value, radix: 16)) second")
            probe.expect(base + character, [.charsetDisallowed], "U+\(String(scalar.value, radix: 16)) last")
        }
    }

    @Test(arguments: PresetTests.ids)
    func forbiddenLeadingCharacter(id: String) throws {
        let probe = try PresetProbe(id: id)
        let classes = Array(probe.required.prefix(probe.atLeast))
        let base = probe.password(length: probe.policy.length.min - 1, classes: classes)
        for scalar in probe.leading {
            let character = String(Character(scalar))
            let allowed = probe.isAllowed(scalar)
            probe.expect(character + base, allowed ? [.leadingForbidden] : [.leadingForbidden, .charsetDisallowed], "forbidden first")
            if allowed {
                probe.expect(insert(character, into: base, at: 1), [], "forbidden character second")
                probe.expect(base + character, [], "forbidden character last")
                probe.expect(insert(character, into: base, at: base.unicodeScalars.count / 2), [], "forbidden character in the middle")
            }
            // Too short and a forbidden first character: both are reported.
            probe.expect(character + probe.password(length: probe.policy.length.min - 2, classes: classes), [.leadingForbidden, .lengthShort], "short, forbidden first")
        }
        #expect(probe.leading.isEmpty == (probe.policy.forbidLeading == nil))
    }

    @Test(arguments: PresetTests.ids)
    func missingPassword(id: String) throws {
        let probe = try PresetProbe(id: id)
        let violations = probe.compiled.validate(nil as String?)
        #expect(violations.codes == (probe.policy.isOptional ? [] : [.passwordMissing]))
        #expect(probe.compiled.acceptsMissingPassword == probe.policy.isOptional)
        // A given empty password is judged as a password, not as a missing one.
        #expect(!probe.compiled.validate("" as String?).codes.contains(.passwordMissing))
    }

    // MARK: The seeds' own examples

    static let seedExamples: [(String, String)] = [
        ("tencentcloud.redis", "zy456987"),
        ("tencentcloud.mongodb", "12D3E@!r5ed"),
        ("tencentcloud.cvm.linux", "abc123ABC!@#"),
        ("tencentcloud.cvm.windows", "abc123ABC!@#"),
    ]

    @Test(arguments: PresetTests.seedExamples)
    func seedExampleIsValid(id: String, password: String) throws {
        let probe = try PresetProbe(id: id)
        probe.expect(password, [], "the seed's example")
    }

    // MARK: Ids

    @Test func nearestIDSuggestsTheIntendedPreset() {
        #expect(Presets.nearestID(to: "tencentcloud.cvm.linx") == "tencentcloud.cvm.linux")
        #expect(Presets.nearestID(to: "tencentcloud.cvm.window") == "tencentcloud.cvm.windows")
        #expect(Presets.nearestID(to: "tencentcloud.mongo") == "tencentcloud.mongodb")
        #expect(Presets.nearestID(to: "tencentcloud.rediss") == "tencentcloud.redis")
        #expect(Presets.nearestID(to: "huaweicloud.dms.kafak") == "huaweicloud.dms.kafka")
        #expect(Presets.nearestID(to: "huawei.dcs") == "huaweicloud.dcs")
        for id in Self.ids {
            #expect(Presets.nearestID(to: id) == id)
        }
        #expect(Presets.policy(id: "tencentcloud.cvm") == nil)
    }

    // MARK: CVM: a mixed Linux and Windows batch uses the Windows rule

    /// Passwords around both CVM rules: every boundary password of either preset, each
    /// character in each position class, and a deterministic pseudo-random sample.
    static func cvmCorpus(_ linux: PresetProbe, _ windows: PresetProbe) -> [String] {
        var corpus: [String] = ["abc123ABC!@#", "/abc123ABC!@#", "abcdefgh", "abcd1234", "Abcd1234", "Abcd1234!xyz", "Abcdefghijkl", "abcdefgh1234"]
        for probe in [linux, windows] {
            let min = probe.policy.length.min, max = probe.policy.length.max ?? min
            for size in 1...probe.required.count {
                for subset in combinations(of: probe.required, size: size) {
                    for length in [min - 1, min, max, max + 1, 8, 12, 16] {
                        corpus.append(probe.password(length: length, classes: subset))
                        corpus.append("/" + probe.password(length: length - 1, classes: subset))
                    }
                }
            }
        }
        let alphabet = Array("abcXYZ0189()`~!@#$%^&*-+=_|{}[]:;'<>,.?/\\\" é")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = 6 + Int((state >> 33) % 13)
            var password = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                password.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            corpus.append(password)
        }
        return corpus
    }

    @Test func cvmMixedBatchIsTheIntersectionOfLinuxAndWindows() throws {
        let linux = try PresetProbe(id: "tencentcloud.cvm.linux")
        let windows = try PresetProbe(id: "tencentcloud.cvm.windows")
        let corpus = Self.cvmCorpus(linux, windows)
        var windowsValid = 0
        for password in corpus {
            let both = linux.compiled.isValid(password) && windows.compiled.isValid(password)
            #expect(windows.compiled.isValid(password) == both, "the Windows rule accepts exactly what both accept: \(password)")
            if both { windowsValid += 1 }
        }
        #expect(windowsValid > 10)
        #expect(corpus.count - windowsValid > 10)

        let intersection = try Policy.intersection([linux.policy, windows.policy])
        let compiled = try CompiledPolicy(intersection)
        #expect(intersection.length == windows.policy.length)
        for password in corpus {
            #expect(compiled.isValid(password) == windows.compiled.isValid(password), "Policy.intersection of the two CVM presets judges like the Windows preset: \(password)")
            #expect(compiled.validate(password).isEmpty == windows.compiled.validate(password).isEmpty, "validate agrees: \(password)")
        }
    }
}

// MARK: - Building passwords from a preset's own classes

/// Reads a preset's rule off its value and builds passwords from its classes.
struct PresetProbe {
    let compiled: CompiledPolicy
    var policy: Policy { compiled.policy }
    /// The characters of each class, in class order: the literal list for `chars`, PCRE2's
    /// exact members for a `set` (at most the first 10 000).
    let members: [[Unicode.Scalar]]
    /// For each class, one member that is in no other class and not forbidden first or last.
    let representative: [Unicode.Scalar]
    /// The characters that must not come first.
    let leading: [Unicode.Scalar]
    /// The `atLeast` count and the classes (indices) it names.
    let atLeast: Int
    let required: [Int]

    init(id: String) throws {
        let policy = try #require(Presets.policy(id: id), "preset \(id)")
        let compiled = try CompiledPolicy(policy)
        self.compiled = compiled
        var members: [[Unicode.Scalar]] = []
        for (index, characterClass) in policy.classes.enumerated() {
            switch characterClass.charset {
            case .chars(let chars):
                var seen = Set<Unicode.Scalar>()
                members.append(chars.unicodeScalars.filter { seen.insert($0).inserted })
            case .set:
                members.append(Array(compiled.classMembers[index].scalars.prefix(10_000)))
            }
        }
        self.members = members
        func scalars(_ charset: Charset?, _ set: ScalarSet) -> [Unicode.Scalar] {
            switch charset {
            case .chars(let chars)?: Array(chars.unicodeScalars)
            case .set?: Array(set.scalars.prefix(10_000))
            case nil: []
            }
        }
        let leading = scalars(policy.forbidLeading, compiled.forbiddenLeading)
        self.leading = leading
        let trailing = scalars(policy.forbidTrailing, compiled.forbiddenTrailing)
        let requirements = policy.requirements.compactMap { requirement -> (Int, [String])? in
            if case .atLeast(let count, let names) = requirement { return (count, names ?? policy.classes.map(\.name)) }
            return nil
        }
        let requirement = try #require(requirements.first, "\(id) has an atLeast requirement")
        #expect(requirements.count == 1, "\(id): one atLeast requirement")
        atLeast = requirement.0
        required = try requirement.1.map { name in try #require(policy.classes.firstIndex { $0.name == name }, "class \(name)") }
        var representative: [Unicode.Scalar] = []
        for index in members.indices {
            let others = members.indices.filter { $0 != index }
            let unique = members[index].first { scalar in
                !leading.contains(scalar) && !trailing.contains(scalar) && others.allSatisfy { !Self.member(scalar, of: $0, policy, compiled, members) }
            }
            representative.append(try #require(unique, "\(id): class \(policy.classes[index].name) has a character of its own"))
        }
        self.representative = representative
    }

    static func member(_ scalar: Unicode.Scalar, of index: Int, _ policy: Policy, _ compiled: CompiledPolicy, _ members: [[Unicode.Scalar]]) -> Bool {
        switch policy.classes[index].charset {
        case .chars: members[index].contains(scalar)
        case .set: compiled.classMembers[index].contains(scalar)
        }
    }

    /// Whether the preset's classes admit `scalar` (the literal lists, PCRE2 for sets).
    func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        policy.allowsOtherCharacters || members.indices.contains { Self.member(scalar, of: $0, policy, compiled, members) }
    }

    /// `length` characters cycling through one character of each of `classes`; for
    /// `length >= classes.count` exactly those classes are present.
    func password(length: Int, classes: [Int]) -> String {
        guard length > 0, !classes.isEmpty else { return "" }
        var scalars = String.UnicodeScalarView()
        for position in 0..<length { scalars.append(representative[classes[position % classes.count]]) }
        return String(scalars)
    }

    /// Checks every validation entry point against the expected codes.
    func expect(_ password: String, _ expected: [ViolationCode], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let violations = compiled.validate(password)
        let comment = Comment(rawValue: "\(policy.id): \(what) (\(password.unicodeScalars.count) characters)")
        #expect(violations.codes == expected.sorted(), comment, sourceLocation: sourceLocation)
        #expect(compiled.validate(utf8: Array(password.utf8)).codes == expected.sorted(), comment, sourceLocation: sourceLocation)
        #expect(compiled.isValid(password) == expected.isEmpty, comment, sourceLocation: sourceLocation)
        #expect(compiled.isValid(utf8: Array(password.utf8)) == expected.isEmpty, comment, sourceLocation: sourceLocation)
        // The buffer form, inlined here (the quick check for most presets).
        #expect(Array(password.utf8).withUnsafeBufferPointer { compiled.isValid(utf8: $0) } == expected.isEmpty, comment, sourceLocation: sourceLocation)
        if password.unicodeScalars.count >= 4 {
            #expect(violations.allSatisfy { !$0.message.contains(password) }, "messages never contain the password", sourceLocation: sourceLocation)
        }
    }
}

/// `text` with `insertion` placed before the scalar at `offset`.
func insert(_ insertion: String, into text: String, at offset: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars.prefix(offset))
    result.append(contentsOf: insertion.unicodeScalars)
    result.append(contentsOf: scalars.dropFirst(offset))
    return String(result)
}

/// Every subset of `items` with `size` elements, in order.
func combinations<T>(of items: [T], size: Int) -> [[T]] {
    guard size > 0 else { return [[]] }
    guard size <= items.count else { return [] }
    var result: [[T]] = []
    for (index, item) in items.enumerated() {
        for rest in combinations(of: Array(items.dropFirst(index + 1)), size: size - 1) {
            result.append([item] + rest)
        }
    }
    return result
}
