import PasswordPolicy
import Testing

/// `forbidList` and the built-in list `common`: whole-password membership, case folding,
/// the violation's code, detail and message, the presets built on them, the generator.
@Suite struct BlocklistTests {
    static func policy(_ lists: [ForbiddenList], normalization: UnicodeNormalization? = nil, min: Int = 1) -> Policy {
        Policy(id: "test.lists", length: LengthRange(min: min, max: nil),
               classes: [CharacterClass(name: "printable", .set("\\x{20}-\\x{7E}"))], allowsOtherCharacters: true,
               normalization: normalization, forbidLists: lists)
    }

    @Test func commonHoldsTheLongKeyboardWalkAndTheTopPasswords() {
        // The source's ranks 1 and 2, and a 16-character entry (rank 6,765 in zxcvbn 4.5.0).
        for entry in ["123456", "password", "1qaz2wsx3edc4rfv"] { #expect(Blocklist.common.contains(entry), "\(entry)") }
        #expect(Blocklist.common.count == 30_000)
        #expect(Blocklist.common.entries.filter { $0.unicodeScalars.count >= 15 }.count >= 20)
        #expect(!Blocklist.common.contains("correct horse battery staple"))
        #expect(!Blocklist.common.contains("1qaz2wsx3edc4rf"), "a prefix of an entry is not a member")
    }

    @Test func nistRejectsTheWalkWithTheReasonAndAcceptsAPassphrase() throws {
        let nist = try CompiledPolicy(#require(Presets.policy(id: "nist.sp800-63b-4.password")))
        let violations = nist.validate("1qaz2wsx3edc4rfv")
        #expect(violations.map(\.code) == [.blocklistContained])
        let violation = try #require(violations.first)
        #expect(violation.detail == .blocklist(code: "common", list: "common"))
        #expect(violation.message.contains("30,000 most common passwords"))
        #expect(!violation.message.contains("1qaz2wsx3edc4rfv"))
        #expect(nist.validate("1QAZ2wsx3edc4rfv").map(\.code) == [.blocklistContained], "caseInsensitive")
        #expect(nist.isValid("purple tiger up"), "a 15-character passphrase")
        #expect(nist.validate("password").map(\.code) == [.lengthShort, .blocklistContained])
        #expect(nist.violationCodes("1qaz2wsx3edc4rfv") == .blocklistContained)
    }

    @Test func theWholePasswordIsComparedNotASubstring() throws {
        let compiled = try CompiledPolicy(Self.policy([ForbiddenList(list: "common")]))
        #expect(!compiled.isValid("password"))
        #expect(compiled.isValid("my password is long"))
        #expect(compiled.isValid("password1234567890x"))
    }

    @Test func caseFoldingOnlyWhenAsked() throws {
        let list = Blocklist(name: "team", entries: ["Hunter2", "ÉCOLE"])
        let exact = try CompiledPolicy(Self.policy([ForbiddenList(list: "team")]), blocklists: ["team": list])
        #expect(!exact.isValid("Hunter2"))
        #expect(exact.isValid("hunter2"))
        #expect(exact.isValid("école"))
        let folded = try CompiledPolicy(Self.policy([ForbiddenList(list: "team", isCaseInsensitive: true)]), blocklists: ["team": list])
        for password in ["hunter2", "HUNTER2", "Hunter2", "école", "ÉCOLE", "École"] { #expect(!folded.isValid(password), "\(password)") }
        #expect(folded.isValid("hunter3"))
    }

    @Test func ownCodeAndMessageAreReported() throws {
        let rule = ForbiddenList(list: "breached", code: "hibp", message: "appears in a known data breach")
        let compiled = try CompiledPolicy(Self.policy([rule]), blocklists: ["breached": Blocklist(name: "breached", entries: ["hunter2"])])
        let violation = try #require(compiled.validate("hunter2").first)
        #expect(violation.code == .blocklistContained)
        #expect(violation.detail == .blocklist(code: "hibp", list: "breached"))
        #expect(violation.message == "appears in a known data breach (hibp)")
    }

    @Test func anUnknownListIsACompileProblemAtItsKeyPath() {
        #expect(throws: PolicyError.self) { try CompiledPolicy(Self.policy([ForbiddenList(list: "nope")])) }
        do {
            _ = try CompiledPolicy(Self.policy([ForbiddenList(list: "common"), ForbiddenList(list: "lists/breached.txt")]))
            Issue.record("a list nobody supplied compiled")
        } catch {
            #expect(error.problems.map(\.keyPath) == ["forbidList[1].list"])
        }
        #expect(Self.policy([ForbiddenList(list: "nope")]).lint().map(\.keyPath).contains("forbidList[0].list"))
    }

    @Test func decodesAndWritesTheNewKeys() throws {
        let text = #"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "normalize": "nfc", "forbidList": [{"list": "common", "caseInsensitive": true, "code": "c", "message": "m"}, {"list": "x.txt"}]}"#
        let policy = try Policy(json: text)
        #expect(policy.normalization == .nfc)
        #expect(policy.forbidLists == [ForbiddenList(list: "common", isCaseInsensitive: true, code: "c", message: "m"), ForbiddenList(list: "x.txt")])
        #expect(try Policy(json: policy.jsonString()) == policy)
        #expect(throws: PolicyError.self) { try Policy(json: #"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "normalize": "nfkc"}"#) }
        #expect(throws: PolicyError.self) { try Policy(json: #"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "forbidList": [{"list": "common", "extra": 1}]}"#) }
    }

    @Test func noFalseNegativesForEveryEntryOfAList() {
        var entries: [String] = []
        var generator = SystemRandomNumberGenerator()
        for index in 0..<5_000 { entries.append("entry-\(index)-\(generator.next() % 1_000_000)") }
        entries += ["é", "e\u{301}", "한국어", "🔑🔑"]
        let list = Blocklist(name: "mine", entries: entries)
        for entry in entries { #expect(list.contains(entry), "\(entry)") }
        #expect(!list.contains("entry-"))
        #expect(!list.contains(""))
    }

    @Test func theGeneratorNeverProposesAListedPassword() throws {
        // Every 4-digit string but one is listed: generation must find the one left.
        var entries = (0..<10_000).map { String(repeating: "0", count: 4 - String($0).count) + String($0) }
        entries.removeAll { $0 == "4711" }
        let policy = Policy(id: "test.pin", length: LengthRange(min: 4, max: 4), classes: [CharacterClass(name: "d", .set("0-9"))],
                            forbidLists: [ForbiddenList(list: "pins")])
        let compiled = try CompiledPolicy(policy, blocklists: ["pins": Blocklist(name: "pins", entries: entries)])
        let options = GenerationOptions(maxRejectedAttempts: 1_000_000)
        let generator = try PasswordGenerator(compiled, options: options)
        for _ in 0..<3 { #expect(try generator.generate() == "4711") }
    }
}
