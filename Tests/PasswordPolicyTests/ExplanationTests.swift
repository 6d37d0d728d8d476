import Testing
@testable import PasswordPolicy

/// `CompiledPolicy.explanation` and `summary`: sentences derived from the rules.
@Suite struct ExplanationTests {
    static let basic = """
    {"id": "t.basic", "length": {"min": 8, "max": 16},
     "classes": [{"name": "letters", "set": "a-zA-Z"}, {"name": "digits", "set": "0-9"}, {"name": "specials", "chars": "()`~!@# "}],
     "require": [{"atLeast": 2}], "forbidLeading": "/"}
    """

    /// Every preset, web ones included, explains itself: the sentences and the one-line
    /// summary are not empty, state the preset's length bounds, name every class, and
    /// mention password-free mode exactly when the preset is optional.
    @Test func everyPresetIsExplained() throws {
        #expect(Presets.all.count >= 500)
        for policy in Presets.all {
            let compiled = try CompiledPolicy(policy)
            let sentences = compiled.explanation
            let summary = compiled.summary
            let id = policy.id
            #expect(!sentences.isEmpty && !summary.isEmpty, "\(id)")
            let length = try #require(sentences.first, "\(id)")
            #expect(length.hasPrefix("Length: "), "\(id): \(length)")
            var bounds = policy.length.min > 0 ? ["\(policy.length.min)"] : []
            if let max = policy.length.max { bounds.append("\(max)") }
            for bound in bounds {
                #expect(length.contains(bound) && summary.hasPrefix(String(length.dropFirst("Length: ".count))), "\(id): the length sentence and the summary state \(bound): \(length) / \(summary)")
            }
            let allowed = sentences[1]
            for characterClass in policy.classes {
                #expect(allowed.contains(characterClass.name + " ("), "\(id): \(characterClass.name) is described")
            }
            #expect(sentences.contains { $0.contains("password-free") } == policy.isOptional, "\(id): optional")
            #expect(summary.hasSuffix("may be left out") == policy.isOptional, "\(id): optional in the summary")
        }
    }

    @Test func summaryReadsAsOneLine() throws {
        let compiled = try TestSupport.compile(ExplanationTests.basic)
        #expect(compiled.summary == "8 to 16 characters; at least 2 of: letters (a-z, A-Z), digits (0-9), specials (()`~!@# and space); must not start with /")
    }

    @Test func explanationHasOneSentencePerRule() throws {
        let compiled = try TestSupport.compile(ExplanationTests.basic)
        #expect(compiled.explanation == [
            "Length: 8 to 16 characters",
            "Allowed characters: letters (a-z, A-Z), digits (0-9), specials (()`~!@# and space)",
            "Include characters from at least 2 of: letters, digits, specials",
            "Must not start with /",
        ])
    }

    @Test func everyKindOfRuleIsDescribed() throws {
        let compiled = try TestSupport.compile("""
        {"id": "t.all", "length": {"min": 12}, "allowOther": true, "optional": true,
         "classes": [{"name": "upper", "set": "\\\\p{Lu}"}, {"name": "digits", "set": "0-9"}, {"name": "nbsp", "chars": "\\u00a0"}],
         "require": [{"class": "digits", "min": 2, "max": 4}, {"class": "upper", "min": 1}, {"class": "nbsp", "max": 0}],
         "forbidLeading": "-/", "forbidTrailing": {"set": "0-9"}, "maxConsecutive": 2,
         "forbidPatterns": [{"pattern": "(?i)password", "code": "t.word", "message": "must not contain the word password."}],
         "forbidContext": ["username", "email"]}
        """)
        let text = compiled.explanation
        #expect(text[0] == "Length: at least 12 characters")
        #expect(text[1].hasPrefix("Any character is allowed"))
        #expect(text[1].contains("upper ([\\p{Lu}], "))
        #expect(text[1].contains("nbsp (U+00A0)"))
        #expect(text.contains("2 to 4 characters from digits"))
        #expect(text.contains("At least one character from upper"))
        #expect(text.contains("No characters from nbsp"))
        #expect(text.contains("Must not start with any of -/"))
        #expect(text.contains("Must not end with any of 0-9"))
        #expect(text.contains("No character more than 2 times in a row"))
        #expect(text.contains("Must not match the pattern (?i)password (t.word: must not contain the word password)"))
        #expect(text.contains("Must not contain the username or email (in any letter case)"))
        #expect(text.last?.hasPrefix("The password may also be left out") == true)
        #expect(compiled.summary.hasPrefix("at least 12 characters; any characters; classes: "))
    }

    @Test func intersectionIsDescribedFromItsMembers() throws {
        let a = try TestSupport.policy(#"{"id": "t.a", "length": {"min": 8, "max": 20}, "classes": [{"name": "alnum", "set": "a-zA-Z0-9"}]}"#)
        let b = try TestSupport.policy(#"{"id": "t.b", "length": {"min": 6, "max": 16}, "classes": [{"name": "alnum", "set": "a-z0-9"}]}"#)
        let compiled = try CompiledPolicy(Policy.intersection([a, b]))
        #expect(compiled.explanation[0] == "Length: 8 to 16 characters")
        // Whatever the intersection writes as its set, the members are shown plainly.
        #expect(!compiled.explanation[1].contains("\\x{"))
        #expect(compiled.explanation[1].contains("0-9"))
        #expect(compiled.explanation[1].contains("a-z"))
    }

    @Test func lengthPhrases() {
        #expect(Explanation.length(LengthRange(min: 8, max: 8)) == "exactly 8 characters")
        #expect(Explanation.length(LengthRange(min: 0, max: 10)) == "at most 10 characters")
        #expect(Explanation.length(LengthRange(min: 1, max: nil)) == "at least 1 character")
        #expect(Explanation.length(LengthRange(min: 0, max: nil)) == "any number of characters")
    }
}
