import Testing
@testable import PasswordPolicy

/// The JavaScript translation behind `pwpolicy export --to html`: what translates exactly,
/// what is refused (and so reported as a loss), and which attributes the element carries.
@Suite struct HTMLExportTests {
    func translated(_ pattern: String) -> JavaScriptRegex.Pattern? {
        if case .success(let result) = JavaScriptRegex.translate(pattern) { return result }
        return nil
    }

    @Test func literalsGroupsAndAnchorsTranslate() throws {
        #expect(translated("admin") == JavaScriptRegex.Pattern(source: "admin", caseless: false))
        #expect(translated("(?i)pass(word)?") == JavaScriptRegex.Pattern(source: "pass(?:word)?", caseless: true))
        #expect(translated("^Pass@word1\\z")?.source == "^Pass@word1$")
        #expect(translated("P@\\$\\$w0rd")?.source == "P@\\$\\$w0rd")
        #expect(translated("a{2,3}?b*")?.source == "a{2,3}?b*")
    }

    @Test func classesAreReadOffPCRE2AsRanges() throws {
        // [$^?] is $ (0x24), ? (0x3f) and ^ (0x5e); \p{Cc} is 0-1f and 7f-9f.
        #expect(translated("[$^?]")?.source == "[\\u{24}\\u{3f}\\u{5e}]")
        #expect(translated("\\p{Cc}")?.source == "[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]")
        #expect(translated("^[0-9]+\\z")?.source == "^[\\u{30}-\\u{39}]+$")
    }

    @Test func whatJavaScriptCannotSayIsRefused() throws {
        for pattern in ["a$", "a.b", "a++", "(?<=a)b", "\\bword", "(a)\\1", "(?i)[a-z]", "x{", "\\Qa\\E"] {
            #expect(translated(pattern) == nil, "\(pattern)")
        }
    }

    @Test func lengthAttributesOnlyForTheBMP() throws {
        let bmp = try CompiledPolicy(Policy(id: "t.bmp", length: LengthRange(min: 4, max: 8), classes: [CharacterClass(name: "l", .set("a-z"))]))
        let input = bmp.htmlInput()
        #expect(input.minimumLength == 4 && input.maximumLength == 8)
        #expect(input.isPatternExact)
        #expect(input.pattern == "[\\u{61}-\\u{7a}]{4,8}")
        let astral = try CompiledPolicy(Policy(id: "t.astral", length: LengthRange(min: 4, max: nil), classes: [CharacterClass(name: "e", .set("a-z\\x{1F600}"))]))
        let wide = astral.htmlInput()
        #expect(wide.minimumLength == nil && wide.maximumLength == nil)
        #expect(!wide.element.contains(" minlength=\""))
        #expect(wide.losses.contains { $0.keyPath == "length" })
        #expect(wide.isPatternExact, "the pattern still says the length, in code points")
        #expect(wide.pattern.hasSuffix("{4,}"))
    }

    @Test func untranslatablePatternsAndContextAreLosses() throws {
        let policy = Policy(
            id: "t.loss", length: LengthRange(min: 1, max: 9), classes: [CharacterClass(name: "l", .set("a-z"))],
            forbidPatterns: [ForbiddenPattern(pattern: "ab.", code: "dot", message: "no dots")], forbidContext: ["username"])
        let input = try CompiledPolicy(policy).htmlInput()
        #expect(!input.isPatternExact)
        #expect(input.losses.map(\.keyPath).starts(with: ["forbidPatterns[0]", "forbidContext"]))
        let page = try CompiledPolicy(policy).htmlPage()
        #expect(page.losses.map(\.keyPath) == ["forbidPatterns[0]", "forbidContext"])
        #expect(page.html.contains("<h2>Not checked on this page</h2>"))
    }

    @Test func attributesAreEscaped() throws {
        let policy = Policy(id: "t.quote", length: LengthRange(min: 1, max: 9), classes: [CharacterClass(name: "q", .chars("a\"<&"))],
                            forbidPatterns: [ForbiddenPattern(pattern: "\"<", code: "q", message: "no")])
        let input = try CompiledPolicy(policy).htmlInput()
        #expect(input.pattern.contains("\"<"))
        #expect(input.element.contains("&quot;&lt;"))
        #expect(!input.element.contains("\"<"))
    }
}
