import Testing
@testable import PasswordPolicy

/// The parser against the reference parser's behaviour (tools/PasswordRulesParser.js in
/// apple/password-manager-resources): the cases of its own test suite, written here as
/// canonical strings, and the corners of the grammar.
@Suite("Password Rules parser")
struct PasswordRulesParserTests {
    static let defaultRules = "allowed: ascii-printable;"

    /// Input, canonical output; the input has neither errors nor warnings.
    static let clean: [(String, String)] = [
        ("", defaultRules),
        ("   ", defaultRules),
        ("required: upper", "required: upper; allowed: upper;"),
        ("required: upper;", "required: upper; allowed: upper;"),
        ("required: upper             ", "required: upper; allowed: upper;"),
        ("required: uPPeR", "required: upper; allowed: upper;"),
        ("required:upper", "required: upper; allowed: upper;"),
        ("required:     upper", "required: upper; allowed: upper;"),
        ("allowed:upper", "allowed: upper;"),
        ("allowed:     upper", "allowed: upper;"),
        ("required: upper, [AZ];", "required: upper; allowed: upper;"),
        ("required: upper; allowed: upper; allowed: lower", "required: upper; allowed: upper, lower;"),
        ("max-consecutive:      5", "allowed: ascii-printable; max-consecutive: 5;"),
        ("max-consecutive:5", "allowed: ascii-printable; max-consecutive: 5;"),
        ("required: [*&^]; allowed: upper", "required: [&*^]; allowed: upper, [&*^];"),
        ("required: [*&^ABC]; allowed: upper", "required: [ABC&*^]; allowed: upper, [&*^];"),
        ("required: unicode; required: digit", "required: unicode; required: digit; allowed: unicode;"),
        ("required: upper; allowed: upper; allowed: lower; minlength: 12; maxlength: 73;", "required: upper; allowed: upper, lower; minlength: 12; maxlength: 73;"),
        ("required: upper; allowed: upper; allowed: lower; maxlength: 73; minlength: 12;", "required: upper; allowed: upper, lower; minlength: 12; maxlength: 73;"),
        ("required: upper; allowed: upper; allowed: lower; maxlength: 73", "required: upper; allowed: upper, lower; maxlength: 73;"),
        ("required: upper; allowed: upper; allowed: lower; minlength: 12;", "required: upper; allowed: upper, lower; minlength: 12;"),
        ("required:         digit           ;                        required: [-]];", "required: digit; required: [-]]; allowed: digit, [-]];"),
        ("required: [abcdefghijklmnopqrstuvwxyz]", "required: lower; allowed: lower;"),
        ("required: [abcdefghijklmnopqrstuvwxy]", "required: [abcdefghijklmnopqrstuvwxy]; allowed: [abcdefghijklmnopqrstuvwxy];"),
        ("required: lower", "required: lower; allowed: lower;"),
        ("required: digit", "required: digit; allowed: digit;"),
        ("required: special", "required: special; allowed: special;"),
        ("required: ascii-printable", "required: ascii-printable; allowed: ascii-printable;"),
        ("required: lower, upper, digit;", "required: upper, lower, digit; allowed: upper, lower, digit;"),
        ("required: lower, [@#$];", "required: lower, [#$@]; allowed: lower, [#$@];"),
        ("minlength: 999", "allowed: ascii-printable; minlength: 999;"),
        // Corners of custom classes: '-' first, ']' doubled, a space, a backslash.
        ("required: [-ab]", "required: [-ab]; allowed: [-ab];"),
        ("required: []]", "required: []]; allowed: []];"),
        ("required: [ab]]", "required: [ab]]; allowed: [ab]];"),
        ("required: [-]", "required: [-]; allowed: [-];"),
        ("required: [-]]", "required: [-]]; allowed: [-]];"),
        ("allowed: [ \\]", "allowed: [ \\];"),
        ("allowed: lower, [ABCDEFGHIJKLMNOPQRSTUVWXYZ], digit, [- !\"#$%&'()*+,./:;<=>?@[\\^_`{|}~]]", "allowed: ascii-printable;"),
        ("allowed: [0123456789!]", "allowed: digit, [!];"),
        ("allowed: special, [a]", "allowed: special, [a];"),
        // Case and whitespace: class names ignore case, every ASCII whitespace separates.
        ("required: DIGIT, Upper", "required: upper, digit; allowed: upper, digit;"),
        ("\trequired:\n upper\r\n;\u{0C}minlength:\t8", "required: upper; allowed: upper; minlength: 8;"),
        ("minlength: 007", "allowed: ascii-printable; minlength: 7;"),
        ("minlength: 20; maxlength: 8", "allowed: ascii-printable; minlength: 20; maxlength: 8;"),
        ("required: upper; required: upper", "required: upper; required: upper; allowed: upper;"),
        ("allowed: unicode, ascii-printable", "allowed: unicode;"),
        ("required: ascii-printable, upper", "required: ascii-printable; allowed: ascii-printable;"),
    ]

    @Test("clean inputs give the reference's rules", arguments: clean)
    func cleanInput(input: String, expected: String) {
        let result = PasswordRules.parse(input)
        #expect(result.rules.description == expected)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect((try? PasswordRules(input)) == result.rules)
    }

    /// Inputs the reference reports an error for: the strict parser throws, the lenient
    /// one returns what the reference returns.
    static let malformed: [(String, String)] = [
        ("allowed: upper,,", defaultRules),
        ("allowed: upper,;", defaultRules),
        ("allowed: upper [a]", defaultRules),
        ("dummy: upper", defaultRules),
        ("upper: lower", defaultRules),
        ("max-consecutive: [ABC]", defaultRules),
        ("max-consecutive: upper", defaultRules),
        ("max-consecutive: 1+1", defaultRules),
        ("max-consecutive: 供", defaultRules),
        ("required: 1", defaultRules),
        ("required: 1+1", defaultRules),
        ("required: 供", defaultRules),
        ("required: A", defaultRules),
        ("required: required: upper", defaultRules),
        ("allowed: 1", defaultRules),
        ("allowed: 1+1", defaultRules),
        ("allowed: 供", defaultRules),
        ("allowed: A", defaultRules),
        ("allowed: allowed: upper", defaultRules),
        ("required:         digit           ;                        required: []-];", defaultRules),
        ("required:         digit           ;                        required: [-a--------] ];", defaultRules),
        // ']' first ends an empty class; a ']' inside ends it early; three ']' are one too many.
        ("required: []ab]", defaultRules),
        ("required: [a]b]", defaultRules),
        ("required: [-]]]", defaultRules),
        // Rule names are case-sensitive; unknown names and classes discard everything.
        ("Required: upper", defaultRules),
        ("minlength: 8; MAXLENGTH: 20", defaultRules),
        ("minlength: 8; foo: 1", defaultRules),
        ("required: letters; minlength: 8", defaultRules),
        // No space between a name and its ':'; no sign or fraction in numbers.
        ("minlength : 8", defaultRules),
        ("minlength: -1", defaultRules),
        ("minlength: 1.5", defaultRules),
        ("minlength: 8 maxlength: 20", defaultRules),
        ("required:\u{A0}upper", defaultRules),
        // Errors that drop one rule only: the reference goes on after a ';' or at the end.
        ("minlength: 8; maxlength", "allowed: ascii-printable; minlength: 8;"),
        ("minlength; maxlength: 20", "allowed: ascii-printable; maxlength: 20;"),
        ("minlength: 8 ; maxlength: 20", "allowed: ascii-printable; maxlength: 20;"),
        ("allowed: upper,; minlength: 8", "allowed: ascii-printable; minlength: 8;"),
        ("minlength: 8; required: upper,", "allowed: ascii-printable; minlength: 8;"),
        ("required: upper, [", "required: upper; allowed: upper;"),
        ("required: upper, [abc", "required: upper; allowed: upper;"),
        ("required: [abc", "required: []; allowed: ascii-printable;"),
    ]

    @Test("malformed inputs: errors, and the reference's result", arguments: malformed)
    func malformedInput(input: String, expected: String) {
        let result = PasswordRules.parse(input)
        #expect(result.rules.description == expected)
        #expect(!result.errors.isEmpty)
        #expect(throws: PasswordRulesError.self) { try PasswordRules(input) }
        for error in result.errors { #expect(!error.message.isEmpty) }
    }

    /// Inputs the reference accepts while dropping or repairing something silently (or with
    /// a console warning): the same rules, and a warning that mentions `mention`.
    static let repaired: [(String, String, String)] = [
        ("required: [a-]", "required: [a]; allowed: [a];", "'-' is ignored"),
        ("required:         digit           ;                        required: [a-];", "required: digit; required: [a]; allowed: digit, [a];", "'-' is ignored"),
        ("required:         digit           ;                        required: [-a--------];", "required: digit; required: [-a]; allowed: digit, [-a];", "'-' is ignored"),
        ("required:         digit           ;                        required: [--];", "required: digit; required: [-]; allowed: digit, [-];", "'-' is ignored"),
        ("required: [a-b]", "required: [ab]; allowed: [ab];", "'-' is ignored"),
        ("required: [ab-]", "required: [ab]; allowed: [ab];", "'-' is ignored"),
        ("required: [ -]", "required: [ ]; allowed: [ ];", "'-' is ignored"),
        ("required: [é-]", "required: []; allowed: ascii-printable;", "U+00E9"),
        ("allowed: [供应商责任进展]", defaultRules, "only printable ASCII"),
        ("allowed: [供应A商B责任C进展]", "allowed: [ABC];", "only printable ASCII"),
        ("allowed: [a\tb]", "allowed: [ab];", "U+0009"),
        ("required: ; required: upper", "required: upper; allowed: upper;", "has no value"),
        ("minlength:", defaultRules, "has no value"),
        ("minlength: 0", defaultRules, "treats 0 as no value"),
        ("maxlength: 0; minlength: 4", "allowed: ascii-printable; minlength: 4;", "treats 0 as no value"),
        ("max-consecutive: 0", defaultRules, "treats 0 as no value"),
        ("required: []", "required: []; allowed: ascii-printable;", "empty custom class"),
        ("allowed: [], lower", "allowed: lower;", "empty custom class"),
        ("minlength: 99999999999999999999999", "allowed: ascii-printable; minlength: \(Int.max);", "too large"),
        ("minlength: 12; minlength: 7; minlength: 23", "allowed: ascii-printable; minlength: 23;", "largest value, 23"),
        ("minlength: 12; maxlength: 17; minlength: 10", "allowed: ascii-printable; minlength: 12; maxlength: 17;", "largest value, 12"),
        ("max-consecutive: 5; max-consecutive: 3", "allowed: ascii-printable; max-consecutive: 3;", "smallest value, 3"),
        ("max-consecutive: 3; max-consecutive: 5", "allowed: ascii-printable; max-consecutive: 3;", "smallest value, 3"),
        ("max-consecutive: 3; max-consecutive: 1; max-consecutive: 5", "allowed: ascii-printable; max-consecutive: 1;", "smallest value, 1"),
        ("maxlength: 30; maxlength: 20", "allowed: ascii-printable; maxlength: 20;", "smallest value, 20"),
        ("required: ascii-printable; max-consecutive: 5; max-consecutive: 3", "required: ascii-printable; allowed: ascii-printable; max-consecutive: 3;", "smallest value, 3"),
        ("minlength: 8; ;", "allowed: ascii-printable; minlength: 8;", "parsing stops"),
        ("; minlength: 8", defaultRules, "parsing stops"),
        ("minlength: 8; 供", "allowed: ascii-printable; minlength: 8;", "parsing stops"),
        ("minlength: 8; 9", "allowed: ascii-printable; minlength: 8;", "parsing stops"),
        ("allowed: ascii-printable, unicode", "allowed: ascii-printable;", "unicode is ignored"),
        ("required: digit; allowed: ascii-printable; allowed: unicode", "required: digit; allowed: ascii-printable;", "unicode is ignored"),
        ("required: ascii-printable, unicode", "required: ascii-printable; allowed: ascii-printable;", "unicode is ignored"),
        ("allowed: ascii-printable; required: unicode", "required: unicode; allowed: ascii-printable;", "a required rule is unicode"),
    ]

    @Test("silent repairs are done as the reference does, and reported", arguments: repaired)
    func repairedInput(input: String, expected: String, mention: String) throws {
        let result = PasswordRules.parse(input)
        #expect(result.rules.description == expected)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.warnings.contains { $0.message.contains(mention) }, "\(result.warnings)")
        #expect(try PasswordRules(input) == result.rules)
    }

    @Test("the canonical form parses back to the same rules", arguments: clean.map(\.0) + malformed.map(\.0) + repaired.map(\.0))
    func canonicalFormIsStable(input: String) throws {
        let rules = PasswordRules.parse(input).rules
        // The one known exception, inherited from the reference: a required unicode rule
        // beside a narrower allowed rule (see the warning "a required rule is unicode").
        guard !(rules.required.contains([.unicode]) && rules.allowed != [.unicode]) else { return }
        let again = PasswordRules.parse(rules.description)
        #expect(again.errors.isEmpty)
        #expect(again.rules == rules, "\(rules) reads back as \(again.rules)")
        #expect(again.rules.description == rules.description)
    }

    @Test("'-' and ']' at every position of a custom class")
    func dashAndBracketPositions() {
        // Each of "-", "]" put at every place of "ab": the result as the reference reads it.
        let cases: [(String, String?)] = [
            ("[-ab]", "[-ab]"), ("[a-b]", "[ab]"), ("[ab-]", "[ab]"),
            ("[]ab]", nil), ("[a]b]", nil), ("[ab]]", "[ab]]"),
            ("[-]", "[-]"), ("[]]", "[]]"), ("[--]", "[-]"), ("[-]]", "[-]]"),
            ("[]-]", nil), ("[]]]", nil), ("[-a]]", "[-a]]"), ("[a-]]", "[a]]"),
        ]
        for (custom, expected) in cases {
            let result = PasswordRules.parse("required: \(custom)")
            if let expected {
                #expect(result.errors.isEmpty, "\(custom): \(result.errors)")
                #expect(result.rules.required.map(PasswordRules.list) == [expected], "\(custom)")
            } else {
                #expect(!result.errors.isEmpty, "\(custom)")
                #expect(result.rules.description == Self.defaultRules, "\(custom)")
            }
        }
    }

    @Test("diagnostics say where and what")
    func diagnosticsLocate() throws {
        let result = PasswordRules.parse("minlength: 8; required: lettres")
        let error = try #require(result.errors.first)
        #expect(error.offset == 24)
        #expect(error.message.contains("unknown character class \"lettres\""))
        #expect(result.errors.last?.message.contains("discards every rule") == true)
        #expect(String(describing: error).hasPrefix("error at offset 24: "))

        let caseHint = PasswordRules.parse("MinLength: 8").errors.first?.message ?? ""
        #expect(caseHint.contains("unknown rule name \"MinLength\"") && caseHint.contains("case-sensitive"))

        let dash = try #require(PasswordRules.parse("allowed: [ab-c]").warnings.first)
        #expect(dash.offset == 12)

        do {
            _ = try PasswordRules("required: upper,,")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.count >= 1)
            #expect(error.description.contains("the input ends after ','") || error.description.contains("expected a character class"))
        }
    }

    @Test("named classes and their members")
    func namedClasses() {
        #expect(PasswordRulesCharacterClass.upper.members.count == 26)
        #expect(PasswordRulesCharacterClass.lower.members.count == 26)
        #expect(PasswordRulesCharacterClass.digit.members.count == 10)
        #expect(PasswordRulesCharacterClass.special.members.count == 33)
        #expect(PasswordRulesCharacterClass.asciiPrintable.members.count == 95)
        #expect(PasswordRulesCharacterClass.unicode.members.count == 0x110000 - 0x800)
        #expect(PasswordRulesCharacterClass.special.members.contains(" "))
        #expect(PasswordRulesCharacterClass(identifier: "ASCII-Printable") == .asciiPrintable)
        #expect(PasswordRulesCharacterClass(identifier: "letters") == nil)
        #expect(PasswordRulesCharacterClass.custom("]a-").description == "[-a]]")
        #expect(PasswordRulesCharacterClass.custom("z!Za").description == "[Zaz!]")
    }

    @Test("rules built by hand print in canonical order")
    func handBuiltRules() {
        let rules = PasswordRules(required: [[.digit], []], allowed: [.lower, .digit], maxConsecutive: 2, minLength: 0, maxLength: 9)
        #expect(rules.description == "required: digit; required: []; allowed: lower, digit; max-consecutive: 2; maxlength: 9;")
        #expect(PasswordRules(allowed: []).description == "")
    }
}
