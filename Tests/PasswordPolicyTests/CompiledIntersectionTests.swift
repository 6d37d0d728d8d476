import Testing
@testable import PasswordPolicy

/// `CompiledPolicy(intersecting:)`: the intersection compiled from its parts' members. PCRE2
/// stays the authority: compiling the resulting policy from scratch must read the same
/// members off PCRE2.
@Suite struct CompiledIntersectionTests {
    /// Policies built from seeded bytes: Unicode properties, POSIX classes, negations.
    static let built: [Policy] = (0..<24).map { seed in
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        let bytes: [UInt8] = (0..<48).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        var reader = ByteReader(bytes)
        return PolicyBuilder.policy(&reader, id: "built.p\(seed)")
    }

    static let presets = ["tencentcloud.cvm.linux", "tencentcloud.cvm.windows", "azure.vm.linux", "huaweicloud.dcs"]
        .compactMap { Presets.policy(id: $0) }

    @Test func membersAreThoseOfTheResultCompiledFromScratch() throws {
        let policies = CompiledIntersectionTests.presets + CompiledIntersectionTests.built
        #expect(policies.count == 28)
        let compiled = policies.compactMap { try? CompiledPolicy($0) }
        var compared = 0
        var rewrittenBeyondASCII = 0
        for (index, first) in compiled.enumerated() {
            for second in compiled[index...].prefix(6) {
                let both: CompiledPolicy
                do { both = try CompiledPolicy(intersecting: [first, second]) } catch {
                    // An empty intersection says why.
                    #expect(!error.problems.isEmpty)
                    continue
                }
                // The result is a plain policy: it survives the file format, and compiled from
                // that text, PCRE2 reads the same members.
                #expect(try Policy(json: both.policy.jsonString()) == both.policy)
                let fresh = try CompiledPolicy(both.policy)
                #expect(fresh.classMembers == both.classMembers, "\(first.policy.id) & \(second.policy.id)")
                #expect(fresh.forbiddenLeading == both.forbiddenLeading)
                #expect(fresh.forbiddenTrailing == both.forbiddenTrailing)
                compared += 1
                let rewritten = zip(both.policy.classes, both.classMembers).filter { characterClass, members in
                    !(first.policy.classes + second.policy.classes).map(\.charset).contains(characterClass.charset)
                        && (members.ranges.last?.upperBound ?? 0) >= 0x80
                }
                if !rewritten.isEmpty { rewrittenBeyondASCII += 1 }
            }
        }
        // The comparison must cover classes rewritten as `set`s of what remains, beyond ASCII.
        #expect(compared > 60)
        #expect(rewrittenBeyondASCII > 5)
    }

    @Test func exampleOfTheDocumentation() throws {
        let linux = try CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.linux")))
        let windows = try CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.windows")))
        let both = try CompiledPolicy(intersecting: [linux, windows])
        #expect(both.isValid("abc123ABC!@#"))
        #expect(!both.isValid("/abc123ABC!@#"))
        // The Windows rule is the stricter: 12 to 16 characters, not starting with "/".
        #expect(both.policy.length == LengthRange(min: 12, max: 16))
        #expect(!both.isValid("abc123ABC!@"))
        #expect(!both.isValid("abc123ABC!@#abcd1"))
    }

    /// A list supplied when a part was compiled is the one its rule names in the result.
    /// (Before, the result was compiled without it, and the intersection was reported empty.)
    @Test func listsOfThePartsAreKept() throws {
        var linux = try #require(Presets.policy(id: "tencentcloud.cvm.linux"))
        linux.forbidLists = [ForbiddenList(list: "breached", isCaseInsensitive: true)]
        let breached = Blocklist(name: "breached", entries: ["hunter2abc!xy"])
        let part = try CompiledPolicy(linux, blocklists: ["breached": breached])
        var windows = try #require(Presets.policy(id: "tencentcloud.cvm.windows"))
        windows.normalization = .nfc
        let other = try CompiledPolicy(windows)
        for both in [try CompiledPolicy(intersecting: [part, other]), try CompiledPolicy(intersecting: [other, part])] {
            #expect(both.policy.forbidLists == linux.forbidLists)
            #expect(both.policy.normalization == .nfc)
            #expect(!both.isValid("HUNTER2abc!XY"))
            #expect(both.validate("HUNTER2abc!XY").map(\.code).contains(.blocklistContained))
            #expect(both.isValid("HUNTER3abc!XY"), "\(both.validate("HUNTER3abc!XY").map(\.code))")
        }
        #expect(try Policy.intersection(compiled: [part, other]).forbidLists == linux.forbidLists)
    }

    /// Two parts that give one list name different lists: both lists apply, the later
    /// part's rule renamed `policy-id:name`. The same list under one name stays one rule.
    @Test func oneNameTwoListsKeepsBoth() throws {
        func part(_ id: String, _ entries: [String]) throws -> CompiledPolicy {
            let policy = Policy(id: id, length: LengthRange(min: 4, max: nil), classes: [CharacterClass(name: "p", .set("\\x{21}-\\x{7e}"))],
                                forbidLists: [ForbiddenList(list: "breached")])
            return try CompiledPolicy(policy, blocklists: ["breached": Blocklist(name: "breached", entries: entries)])
        }
        let a = try part("test.a", ["alpha-one"])
        let b = try part("test.b", ["bravo-two"])
        let both = try CompiledPolicy(intersecting: [a, b])
        #expect(both.policy.forbidLists.map(\.list) == ["breached", "test.b:breached"])
        #expect(!both.isValid("alpha-one"))
        #expect(!both.isValid("bravo-two"))
        #expect(both.isValid("charlie-3"))
        let again = try CompiledPolicy(intersecting: [a, try part("test.c", ["alpha-one"])])
        #expect(again.policy.forbidLists.map(\.list) == ["breached"])
        #expect(!again.isValid("alpha-one"))
    }

    /// `forbidLeading` sets that match no character forbid nothing; before, their union was an
    /// empty `set`, which does not compile, and the intersection was reported empty.
    @Test func leadingSetsOfNoCharacterForbidNothing() throws {
        func part(_ id: String, _ leading: String) throws -> CompiledPolicy {
            try CompiledPolicy(Policy(id: id, length: LengthRange(min: 1, max: 8), classes: [CharacterClass(name: "l", .set("a-z"))], forbidLeading: .set(leading)))
        }
        let both = try CompiledPolicy(intersecting: [try part("test.a", "\\p{Cs}"), try part("test.b", "\\p{Cs}\\p{Cs}")])
        #expect(both.policy.forbidLeading == nil)
        #expect(both.isValid("abc"))
    }

    @Test func onePartIsItself() throws {
        let linux = try CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.linux")))
        #expect(try CompiledPolicy(intersecting: [linux]).policy == linux.policy)
        #expect(throws: PolicyError.self) { try CompiledPolicy(intersecting: []) }
    }

    @Test func onlyTheEmptyPasswordCompiles() throws {
        let spaces = try CompiledPolicy(Policy(id: "test.spaces", length: LengthRange(min: 0, max: 0), classes: [CharacterClass(name: "s", .set("\\s"))]))
        let letters = try CompiledPolicy(Policy(id: "test.letters", length: LengthRange(min: 0, max: nil), classes: [CharacterClass(name: "l", .set("a-z"))]))
        let both = try CompiledPolicy(intersecting: [spaces, letters])
        #expect(both.isValid(""))
        #expect(!both.isValid(" "))
        #expect(!both.isValid("a"))
        #expect(try CompiledPolicy(both.policy).classMembers == both.classMembers)
    }
}
