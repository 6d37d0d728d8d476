import Foundation
import Testing
@testable import PasswordPolicy

/// Reading policy files: every bad input gets an error naming the problem and its place.
@Suite struct PolicyDecodingTests {
    static let minimal = #"{"id": "acme.web", "length": {"min": 8, "max": 16}, "classes": [{"name": "digits", "set": "0-9"}]}"#

    /// The problems reported for `json`, as "keyPath: message" lines.
    func problems(_ json: String) -> [PolicyProblem] {
        do {
            _ = try CompiledPolicy(Policy(json: json))
            return []
        } catch {
            return error.problems
        }
    }

    @Test func minimalPolicyDecodesWithDefaults() throws {
        let policy = try Policy(json: PolicyDecodingTests.minimal)
        #expect(policy.format == 1)
        #expect(policy.allowsOtherCharacters == false)
        #expect(policy.isOptional == false)
        #expect(policy.requirements.isEmpty)
        #expect(policy.length == LengthRange(min: 8, max: 16))
        #expect(policy.classes == [CharacterClass(name: "digits", .set("0-9"))])
    }

    @Test func everyKeyRoundTrips() throws {
        let json = #"""
        {
          "format": 1, "id": "acme.full", "title": "t", "source": "s", "notes": ["n1", "n2"],
          "length": {"min": 4},
          "classes": [{"name": "lower", "set": "a-z"}, {"name": "digits", "chars": "0123456789"}, {"name": "sp", "chars": "!\\\"]"}],
          "allowOther": true,
          "require": [{"atLeast": 2}, {"atLeast": 1, "of": ["lower", "sp"]}, {"class": "digits", "min": 1, "max": 3}, {"class": "lower", "max": 9}],
          "forbidLeading": "!", "forbidTrailing": {"set": "0-9"}, "maxConsecutive": 2,
          "forbidPatterns": [{"pattern": "abc", "code": "acme.abc", "message": "no abc"}],
          "forbidContext": ["username"], "optional": true
        }
        """#
        let policy = try Policy(json: json)
        #expect(policy.forbidLeading == .chars("!"))
        #expect(policy.forbidTrailing == .set("0-9"))
        #expect(policy.requirements[0] == .atLeast(2, of: nil))
        #expect(policy.requirements[2] == .count(class: "digits", min: 1, max: 3))
        #expect(policy.length.max == nil)
        #expect(policy.classes[2].charset == .chars("!\\\"]"))
        let again = try Policy(json: policy.jsonString())
        #expect(again == policy)
        let compact = try Policy(json: policy.jsonString(prettyPrinted: false))
        #expect(compact == policy)
        _ = try CompiledPolicy(policy)
    }

    @Test func writesThePresetFilesByteForByte() throws {
        for preset in Presets.all {
            let vendor = Presets.vendor(of: preset.id)
            let path = "policies/\(vendor)/\(preset.id.dropFirst(vendor.count + 1)).json"
            let file = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(path), encoding: .utf8)
            #expect(preset.jsonString() + "\n" == file || preset.jsonString() == file, "\(preset.id)")
        }
    }

    @Test func keysComeInTheFormatsOrder() throws {
        let text = try Policy(json: Self.minimal).jsonString(prettyPrinted: false)
        #expect(text == #"{"format":1,"id":"acme.web","length":{"min":8,"max":16},"classes":[{"name":"digits","set":"0-9"}]}"#)
        // Control characters are escaped; everything else is written as itself.
        let odd = Policy(id: "a.b", title: "tab\there \u{1}é\"\\/", length: LengthRange(min: 1, max: nil), classes: [CharacterClass(name: "x", "x")])
        #expect(odd.jsonString(prettyPrinted: false).contains(#""title":"tab\there \u0001é\"\\/""#))
        #expect(try Policy(json: odd.jsonString()) == odd)
    }

    @Test func policyBuiltInCodeEncodesAndDecodes() throws {
        let policy = Policy(id: "acme.code", length: LengthRange(min: 1, max: nil), classes: [CharacterClass(name: "x", "xyz")], requirements: [.count(class: "x", min: 1, max: nil)])
        #expect(try Policy(json: policy.jsonString()) == policy)
    }

    @Test(arguments: [
        ("{", "line 1"),
        (#"{"id": "a.b",}"#, "malformed JSON"),
        (#"{"id": "a.b", "id": "c.d"}"#, "duplicate key"),
        (#"[1, 2]"#, "expected"),
        ("", "malformed JSON"),
        (#"{"id": "a.b"} x"#, "after the end"),
        (#"{"id": "\ud800"}"#, "unpaired surrogate"),
        (#"{"id": "\udc00x"}"#, "unpaired surrogate"),
        (#"{"id": 'a'}"#, "malformed JSON"),
        ("{\"id\": \"a\u{01}\"}", "control character"),
        (String(repeating: "[", count: 100) + String(repeating: "]", count: 100), "nesting"),
        (#"{"n": 01}"#, "malformed JSON"),
        (#"{"n": 1.}"#, "digits expected"),
    ])
    func malformedJSON(json: String, expected: String) {
        let found = problems(json)
        #expect(found.count == 1)
        #expect(found.first?.description.contains(expected) == true, "\(found)")
    }

    @Test func invalidUTF8InFileIsRefused() {
        let bytes: [UInt8] = Array(#"{"id": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(throws: PolicyError.self) { try Policy(json: bytes) }
    }

    @Test func oversizedFileIsRefused() {
        let bytes = [UInt8](repeating: 0x20, count: Policy.maximumFileSize + 1)
        #expect(throws: PolicyError.self) { try Policy(json: bytes) }
    }

    @Test(arguments: [
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "colour": 1}"#, "colour", "unknown key"),
        (#"{"id": "a.b", "length": {"min": 8, "maks": 9}, "classes": [{"name": "d", "set": "0-9"}]}"#, "length.maks", "unknown key"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9", "x": 1}]}"#, "classes[0].x", "unknown key"),
        (#"{"id": "a.b", "length": {"min": "8"}, "classes": [{"name": "d", "set": "0-9"}]}"#, "length.min", "expected an integer"),
        (#"{"id": "a.b", "length": {"min": 8.5}, "classes": [{"name": "d", "set": "0-9"}]}"#, "length.min", "whole number"),
        (#"{"id": "a.b", "length": {"min": 1e40}, "classes": [{"name": "d", "set": "0-9"}]}"#, "length.min", "out of range"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": 9}]}"#, "classes[0].set", "expected a string"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d"}]}"#, "classes[0]", "\"chars\" or \"set\""),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9", "chars": "1"}]}"#, "classes[0]", "not both"),
        (#"{"id": "a.b", "classes": [{"name": "d", "set": "0-9"}]}"#, "length", "missing required key"),
        (#"{"length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}]}"#, "id", "missing required key"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"atLeast": 1, "class": "d"}]}"#, "require[0].class", "unknown key"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"class": "d"}]}"#, "require[0]", "\"min\" or \"max\""),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{}]}"#, "require[0]", "\"atLeast\" or \"class\""),
        (#"{"format": 2, "id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}]}"#, "format", "newer"),
        (#"{"id": "a.b", "length": null, "classes": [{"name": "d", "set": "0-9"}]}"#, "length", "found null"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": {"name": "d"}}"#, "classes", "expected"),
    ])
    func schemaErrorsNameTheKeyPath(json: String, keyPath: String, expected: String) {
        let found = problems(json)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.keyPath == keyPath, "\(found)")
        #expect(found.first?.message.contains(expected) == true, "\(found)")
    }

    @Test(arguments: [
        (#"{"id": "A.B", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}]}"#, "id"),
        (#"{"id": "a..b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}]}"#, "id"),
        (#"{"id": "a.b", "length": {"min": -1}, "classes": [{"name": "d", "set": "0-9"}]}"#, "length.min"),
        (#"{"id": "a.b", "length": {"min": 9, "max": 8}, "classes": [{"name": "d", "set": "0-9"}]}"#, "length"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": []}"#, "classes"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}, {"name": "d", "set": "a"}]}"#, "classes[1].name"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "chars": ""}]}"#, "classes[0].chars"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": ""}]}"#, "classes[0].set"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"atLeast": 2}]}"#, "require[0].atLeast"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"atLeast": 0}]}"#, "require[0].atLeast"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"atLeast": 1, "of": ["x"]}]}"#, "require[0].of[0]"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"atLeast": 1, "of": []}]}"#, "require[0].of"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"class": "x", "min": 1}]}"#, "require[0].class"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"class": "d", "min": 3, "max": 2}]}"#, "require[0]"),
        (#"{"id": "a.b", "length": {"min": 8, "max": 9}, "classes": [{"name": "d", "set": "0-9"}], "require": [{"class": "d", "min": 10}]}"#, "require[0].min"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "maxConsecutive": 0}"#, "maxConsecutive"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "forbidPatterns": [{"pattern": "", "code": "c", "message": "m"}]}"#, "forbidPatterns[0].pattern"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}], "forbidContext": [""]}"#, "forbidContext[0]"),
        (#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "^\\x{0}-\\x{10ffff}"}]}"#, "classes[0]"),
    ])
    func meaningErrorsNameTheKeyPath(json: String, keyPath: String) {
        let found = problems(json)
        #expect(found.contains { $0.keyPath == keyPath }, "\(found)")
    }

    /// The id's rule, character by character: lowercase ASCII letters, digits, `-`, `_`, `+`,
    /// in non-empty dot-separated parts. Look-alikes and combined characters are refused.
    @Test(arguments: [
        ("a.b", true), ("tencentcloud.cvm.linux", true), ("a-b_c.d9", true), ("a.b+c.d", true), ("x", true),
        ("", false), ("A.b", false), (".a", false), ("a.", false), ("a..b", false), (".", false),
        ("a b", false), ("a/b", false), ("a.\u{0430}", false), ("\u{FF41}.b", false), ("a\u{301}.b", false),
        ("a.b\n", false), ("a\u{0}.b", false), ("é.b", false),
    ])
    func idsFollowTheirRule(id: String, valid: Bool) {
        let policy = Policy(id: id, length: LengthRange(min: 1, max: nil), classes: [CharacterClass(name: "d", .set("0-9"))])
        let idProblems = policy.structuralProblems().filter { $0.keyPath == "id" }
        #expect(idProblems.isEmpty == valid, "\(idProblems)")
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        let json = #"{"id": "a.b", "length": {"min": -1}, "classes": [{"name": "d", "set": "[z-a]"}, {"name": "e", "set": "\\p{Nope}"}], "require": [{"class": "x", "min": 1}], "forbidPatterns": [{"pattern": "(a", "code": "c", "message": "m"}]}"#
        let keyPaths = Set(problems(json).map(\.keyPath))
        #expect(keyPaths.isSuperset(of: ["length.min", "classes[0].set", "classes[1].set", "require[0].class", "forbidPatterns[0].pattern"]))
    }

    @Test(arguments: [
        ("a\\", 2),         // missing terminating ]
        ("z-a", 3),          // range out of order
        ("\\p{Nope}", 8),    // unknown property
        ("[:alpah:]", 0),    // unknown POSIX class
    ])
    func invalidPCRE2SetsReportMessageAndOffset(set: String, offset: Int) throws {
        let json = #"{"id": "a.b", "length": {"min": 1}, "classes": [{"name": "d", "set": "\#(set.replacingOccurrences(of: "\\", with: "\\\\"))"}]}"#
        let found = problems(json)
        let problem = try #require(found.first)
        #expect(problem.keyPath == "classes[0].set")
        let pcre2 = try #require(problem.pcre2)
        #expect(!pcre2.message.isEmpty)
        #expect(pcre2.offset <= set.utf8.count)
        #expect(problem.message.contains("offset"))
    }

    @Test func invalidForbiddenPatternReportsPCRE2Error() throws {
        let json = #"{"id": "a.b", "length": {"min": 1}, "classes": [{"name": "d", "set": "0-9"}], "forbidPatterns": [{"pattern": "abc(", "code": "c", "message": "m"}]}"#
        let problem = try #require(problems(json).first)
        #expect(problem.keyPath == "forbidPatterns[0].pattern")
        #expect(problem.pcre2?.offset == 4)
    }

    @Test(arguments: ["a]|b", "a]", "^]a]x", "\\]]"])
    func setThatClosesItsClassEarlyIsRefused(set: String) throws {
        let json = #"{"id": "a.b", "length": {"min": 1}, "classes": [{"name": "d", "set": "\#(set.replacingOccurrences(of: "\\", with: "\\\\"))"}]}"#
        let problem = try #require(problems(json).first)
        #expect(problem.keyPath == "classes[0].set")
    }

    @Test(arguments: ["]a", "^]a", "a\\]", "[:alpha:]\\]", "\\Q]\\E", "[:alpha:][:digit:]"])
    func setsWithLiteralClosingBracketsCompile(set: String) {
        let json = #"{"id": "a.b", "length": {"min": 1}, "classes": [{"name": "d", "set": "\#(set.replacingOccurrences(of: "\\", with: "\\\\"))"}]}"#
        #expect(problems(json).isEmpty, "\(problems(json))")
    }
}
