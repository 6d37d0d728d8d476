import Testing
@testable import PasswordPolicy

/// `Policy.lint(json:)` and `policy.lint()`: loading and compiling errors, and the
/// contradictions found from the classes' members.
@Suite struct PolicyLintTests {
    func lint(_ json: String) -> [PolicyProblem] { Policy.lint(json: Array(json.utf8)) }

    @Test func cleanPolicyHasNoProblems() {
        #expect(lint(#"{"id": "t.ok", "length": {"min": 8, "max": 16}, "classes": [{"name": "a", "set": "a-z"}, {"name": "d", "set": "0-9"}], "require": [{"atLeast": 2}]}"#).isEmpty)
    }

    @Test func presetsAreClean() {
        for preset in Presets.all { #expect(preset.lint().isEmpty, "\(preset.id)") }
    }

    @Test func loadingAndCompilingProblemsAreTheLibrarysOwn() throws {
        let syntax = lint(#"{"id": "t.x", "length": {"min": 8,}}"#)
        #expect(syntax.count == 1)
        #expect(syntax.first?.message.contains("malformed JSON") == true)
        let pcre2 = lint(#"{"id": "t.x", "length": {"min": 1}, "classes": [{"name": "a", "set": "[:nope:]"}], "forbidPatterns": [{"pattern": "(", "code": "c", "message": "m"}]}"#)
        #expect(pcre2.map(\.keyPath) == ["classes[0].set", "forbidPatterns[0].pattern"])
        #expect(pcre2.allSatisfy { $0.pcre2 != nil })
    }

    @Test func minimumAgainstAnotherRequirementsMaximum() {
        let problems = lint(#"{"id": "t.x", "length": {"min": 1}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"class": "d", "min": 3}, {"class": "d", "max": 2}]}"#)
        #expect(problems.map(\.keyPath) == ["require[0].min"])
    }

    @Test func minimumOfASubclassAgainstTheContainingClassMaximum() {
        let problems = lint(#"{"id": "t.x", "length": {"min": 1}, "classes": [{"name": "alnum", "set": "a-z0-9"}, {"name": "d", "set": "0-9"}], "require": [{"class": "d", "min": 3}, {"class": "alnum", "max": 2}]}"#)
        #expect(problems.map(\.keyPath) == ["require[0].min"])
        #expect(problems.first?.message.contains("\"alnum\"") == true)
    }

    @Test func disjointMinimumsExceedTheMaximumLength() {
        let problems = lint(#"{"id": "t.x", "length": {"min": 1, "max": 5}, "classes": [{"name": "d", "set": "0-9"}, {"name": "s", "chars": "!#"}], "require": [{"class": "d", "min": 3}, {"class": "s", "min": 3}]}"#)
        #expect(problems.map(\.keyPath) == ["length.max"])
        // Overlapping classes can share characters: no contradiction.
        #expect(lint(#"{"id": "t.x", "length": {"min": 1, "max": 5}, "classes": [{"name": "d", "set": "0-9"}, {"name": "s", "set": "0-9!"}], "require": [{"class": "d", "min": 3}, {"class": "s", "min": 3}]}"#).isEmpty)
    }

    @Test func atLeastNeedsUsableClassesAndRoom() {
        let banned = lint(#"{"id": "t.x", "length": {"min": 1}, "classes": [{"name": "a", "set": "a-z"}, {"name": "d", "set": "0-9"}], "require": [{"atLeast": 2}, {"class": "d", "max": 0}]}"#)
        #expect(banned.map(\.keyPath) == ["require[0].atLeast"])
        let cramped = lint(#"{"id": "t.x", "length": {"min": 1, "max": 2}, "classes": [{"name": "a", "set": "a-z"}, {"name": "d", "set": "0-9"}, {"name": "s", "chars": "!"}], "require": [{"atLeast": 3}]}"#)
        #expect(cramped.map(\.keyPath) == ["require[0].atLeast"])
    }

    @Test func everyCharacterForbiddenFirstOrLast() {
        let leading = lint(#"{"id": "t.x", "length": {"min": 1}, "classes": [{"name": "d", "set": "0-9"}], "forbidLeading": {"set": "0-9"}}"#)
        #expect(leading.map(\.keyPath) == ["forbidLeading"])
        let trailing = lint(#"{"id": "t.x", "length": {"min": 1}, "classes": [{"name": "d", "set": "0-9"}], "forbidTrailing": {"set": "0-9"}}"#)
        #expect(trailing.map(\.keyPath) == ["forbidTrailing"])
        // With allowOther, other characters can come first.
        #expect(lint(#"{"id": "t.x", "length": {"min": 1}, "allowOther": true, "classes": [{"name": "d", "set": "0-9"}], "forbidLeading": {"set": "0-9"}}"#).isEmpty)
        // An empty password needs no first character.
        #expect(lint(#"{"id": "t.x", "length": {"min": 0}, "classes": [{"name": "d", "set": "0-9"}], "forbidLeading": {"set": "0-9"}}"#).isEmpty)
        // Every scalar value forbidden first, other characters allowed: a surrogate code point
        // is in no set, but it is no character either, so nothing can come first.
        let everything = #"{"id": "t.x", "length": {"min": 1}, "allowOther": true, "classes": [{"name": "a", "set": "a-z"}], "forbidLeading": {"set": "\\x{0}-\\x{10ffff}"}}"#
        #expect(lint(everything).map(\.keyPath) == ["forbidLeading"])
    }

    @Test func oneCharacterCannotMakeALongPasswordWithoutRepeating() {
        let problems = lint(#"{"id": "t.x", "length": {"min": 4}, "classes": [{"name": "a", "chars": "a"}], "maxConsecutive": 3}"#)
        #expect(problems.map(\.keyPath) == ["maxConsecutive"])
        #expect(lint(#"{"id": "t.x", "length": {"min": 3}, "classes": [{"name": "a", "chars": "a"}], "maxConsecutive": 3}"#).isEmpty)
    }
}
