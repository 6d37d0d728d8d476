import Testing
@testable import PasswordPolicy

/// The strict RFC 8259 reader, edge by edge. Expectations come from the RFC's grammar
/// (§2 whitespace and values, §3 literals, §4 objects, §5 arrays, §6 numbers, §7 strings,
/// §8.1 UTF-8, §8.3 name comparison) and from the reader's documented contract: refuse
/// what the grammar does not produce, with the line and column of the problem.
@Suite struct StrictJSONTests {
    // MARK: Helpers

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func parse(_ text: String) throws -> JSONDocument { try StrictJSON.parse(bytes(text)) }

    static func value(_ text: String) throws -> JSONValue { try parse(text).root }

    /// The error `bytes` are refused with; records an issue (and throws) when they are accepted.
    @discardableResult
    static func refusal(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> StrictJSON.SyntaxError {
        let document: JSONDocument
        do {
            document = try StrictJSON.parse(bytes)
        } catch {
            return error
        }
        Issue.record("accepted \(bytes.map { String($0, radix: 16) }): \(document.root)", sourceLocation: sourceLocation)
        throw Accepted()
    }

    @discardableResult
    static func refusal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> StrictJSON.SyntaxError {
        try refusal(bytes(text), sourceLocation: sourceLocation)
    }

    struct Accepted: Error {}

    /// The scalars of a string value: `String ==` compares canonical equivalence, the
    /// tests need the exact scalars.
    static func scalars(_ value: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt32] {
        guard case .string(let text) = value else {
            Issue.record("expected a string, got \(value)", sourceLocation: sourceLocation)
            throw Accepted()
        }
        return text.unicodeScalars.map(\.value)
    }

    static func members(_ value: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> [(String, JSONValue)] {
        guard case .object(let members) = value else {
            Issue.record("expected an object, got \(value)", sourceLocation: sourceLocation)
            throw Accepted()
        }
        return members
    }

    typealias S = StrictJSONTests

    // MARK: Literals (RFC 8259 §3)

    @Test func literals() throws {
        #expect(try S.value("true") == .bool(true))
        #expect(try S.value("false") == .bool(false))
        #expect(try S.value("null") == .null)
        #expect(try S.value("[true,false,null]") == .array([.bool(true), .bool(false), .null]))
        #expect(try S.value(#"{"a":true,"b":false,"c":null}"#) == .object([("a", .bool(true)), ("b", .bool(false)), ("c", .null)]))
    }

    @Test(arguments: ["tru", "True", "TRUE", "t", "fals", "False", "nul", "NULL", "Null", "nil", "none", "undefined",
                      "truee", "falsey", "nulll", "[tru]", "[true false]", "{\"a\":nul}"])
    func malformedLiteralsAreRefused(text: String) throws {
        try S.refusal(text)
    }

    // MARK: Numbers (RFC 8259 §6)

    @Test func integersAreIntegers() throws {
        #expect(try S.value("0") == .integer(0))
        #expect(try S.value("7") == .integer(7))
        #expect(try S.value("123") == .integer(123))
        #expect(try S.value("-42") == .integer(-42))
        #expect(try S.value("9223372036854775807") == .integer(Int.max))
        #expect(try S.value("-9223372036854775808") == .integer(Int.min))
        // -0 is a whole number that fits an Int.
        #expect(try S.value("-0") == .integer(0))
        #expect(try S.value("[0,-0,10,-10]") == .array([.integer(0), .integer(0), .integer(10), .integer(-10)]))
    }

    @Test func wholeNumbersBeyondIntAreNumbers() throws {
        #expect(try S.value("9223372036854775808") == .number(9_223_372_036_854_775_808.0))
        #expect(try S.value("-9223372036854775809") == .number(-9_223_372_036_854_775_809.0))
        #expect(try S.value("100000000000000000000000") == .number(1e23))
    }

    @Test func fractionsAndExponentsAreNumbers() throws {
        #expect(try S.value("1e2") == .number(100))
        #expect(try S.value("1e5") == .number(100_000))
        #expect(try S.value("1E5") == .number(100_000))
        #expect(try S.value("1E+5") == .number(100_000))
        #expect(try S.value("1e+5") == .number(100_000))
        #expect(try S.value("1e05") == .number(100_000))   // exponent digits may have leading zeros
        #expect(try S.value("1e-2") == .number(0.01))
        #expect(try S.value("-1.5e-3") == .number(-0.0015))
        #expect(try S.value("-1.5E-3") == .number(-0.0015))
        #expect(try S.value("0.5") == .number(0.5))
        #expect(try S.value("-0.5") == .number(-0.5))
        #expect(try S.value("1.0") == .number(1))
        #expect(try S.value("0e0") == .number(0))
        #expect(try S.value("12.375e1") == .number(123.75))
        guard case .number(let negativeZero) = try S.value("-0.0") else {
            Issue.record("-0.0 is not a .number")
            return
        }
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
    }

    @Test(arguments: ["01", "-01", "00", "007", "1.", "-1.", "1.e5", ".5", "-.5", "+1", "+0", "1e", "1E", "1e+", "1e-", "1E+",
                      "-", "--1", "- 1", "NaN", "-NaN", "Infinity", "-Infinity", "inf", "0x10", "0X1F", "0b1", "1_000",
                      "1..2", "1.2.3", "1e2e3", "1e2.5", "\u{FF11}", "[01]", "[1.]", "[.5]", "[-]", "[+1]", "[1e]",
                      "{\"a\":01}", "{\"a\":-}", "[NaN]", "[Infinity]"])
    func malformedNumbersAreRefused(text: String) throws {
        try S.refusal(text)
    }

    // MARK: Strings (RFC 8259 §7)

    @Test func shortEscapes() throws {
        #expect(try S.scalars(S.value(#""\"\\\/\b\f\n\r\t""#)) == [0x22, 0x5C, 0x2F, 0x08, 0x0C, 0x0A, 0x0D, 0x09])
        #expect(try S.scalars(S.value(#""a\nb""#)) == [0x61, 0x0A, 0x62])
        #expect(try S.scalars(S.value(#""""#)) == [])
        // An unescaped solidus is fine too.
        #expect(try S.scalars(S.value(#""a/b""#)) == [0x61, 0x2F, 0x62])
    }

    @Test func unicodeEscapes() throws {
        #expect(try S.scalars(S.value(#""\u0041""#)) == [0x41])
        #expect(try S.scalars(S.value(#""\u00e9\u00E9""#)) == [0xE9, 0xE9])          // either case of hex digits
        #expect(try S.scalars(S.value(#""\u4E2d""#)) == [0x4E2D])
        #expect(try S.scalars(S.value(#""\u0000""#)) == [0x00])                   // escaped, a NUL is allowed
        #expect(try S.scalars(S.value(#""\u001F\u007f""#)) == [0x1F, 0x7F])
        #expect(try S.scalars(S.value(#""\uFFFF""#)) == [0xFFFF])                 // a noncharacter, still a scalar
        #expect(try S.scalars(S.value(#""e\u0301""#)) == [0x65, 0x301])           // no normalization
    }

    @Test func surrogatePairsDecodeToOneScalar() throws {
        // U+1F600 = D83D DE00 in UTF-16 (0x10000 + (0x3D << 10) + 0x200).
        #expect(try S.scalars(S.value(#""\uD83D\uDE00""#)) == [0x1F600])
        #expect(try S.scalars(S.value(#""\ud83d\ude00""#)) == [0x1F600])
        #expect(try S.scalars(S.value(#""\uD800\uDC00""#)) == [0x10000])
        #expect(try S.scalars(S.value(#""\uDBFF\uDFFF""#)) == [0x10FFFF])
        #expect(try S.scalars(S.value(#""x\uD834\uDD1Ey""#)) == [0x78, 0x1D11E, 0x79])
        // The escaped pair and the raw UTF-8 are the same text.
        #expect(try S.value(#""\uD83D\uDE00""#) == S.value("\"😀\""))
    }

    @Test(arguments: [#""\uD800""#, #""\uD83D""#, #""\uDBFF x""#, #""\uD83Dx""#, #""\uD83D\n""#, #""\uD83D\u0041""#,
                      #""\uD83D\uD83D""#, #""\uD83D\\uDE00""#, #""\uDC00""#, #""\uDE00""#, #""\uDFFF""#,
                      #""\uDE00\uD83D""#, #"["\uD83D"]"#, #"{"\uDE00":1}"#])
    func unpairedSurrogateEscapesAreRefused(text: String) throws {
        try S.refusal(text)
    }

    @Test(arguments: [#""\x41""#, #""\a""#, #""\v""#, #""\0""#, #""\'""#, #""\U0041""#, #""\e""#, #""\ ""#,
                      #""\u12""#, #""\u12G4""#, #""\u""#, #""\u004""#, #""\uXYZW""#, #""\u+041""#, #""\u 041""#])
    func invalidEscapesAreRefused(text: String) throws {
        try S.refusal(text)
    }

    @Test func rawControlCharactersAreRefused() throws {
        for byte: UInt8 in 0x00...0x1F {
            try S.refusal([0x22, 0x61, byte, 0x62, 0x22])
            try S.refusal([0x5B, 0x22, byte, 0x22, 0x5D])
        }
        // DEL and C1 controls are not in U+0000–U+001F: RFC 8259 lets them through.
        #expect(try S.scalars(StrictJSON.parse([0x22, 0x7F, 0x22]).root) == [0x7F])
        #expect(try S.scalars(StrictJSON.parse([0x22, 0xC2, 0x85, 0x22]).root) == [0x85])
    }

    @Test func rawUTF8IsKept() throws {
        #expect(try S.scalars(S.value("\"é中😀\u{10FFFF}\"")) == [0xE9, 0x4E2D, 0x1F600, 0x10FFFF])
        #expect(try S.scalars(S.value("\"e\u{301}\"")) == [0x65, 0x301])
    }

    @Test(arguments: [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0xAF], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xC3], [0xE4, 0xB8], [0xF0, 0x9F, 0x98], [0xC3, 0x41], [0xE4, 0x41, 0xAD], [0xF0, 0x9F, 0x41, 0x80],
    ] as [[UInt8]])
    func invalidUTF8InAStringIsRefused(sequence: [UInt8]) throws {
        try S.refusal([0x22] + sequence + [0x22])
        try S.refusal([0x22, 0x61] + sequence + [0x62, 0x22])
        try S.refusal([0x7B, 0x22] + sequence + [0x22, 0x3A, 0x31, 0x7D])   // as a key
    }

    @Test func invalidUTF8OutsideStringsIsRefused() throws {
        try S.refusal([0xFF])
        try S.refusal([0x5B, 0x31, 0xC3, 0xA9, 0x5D])   // [1é]
        try S.refusal([0x31, 0x80])
    }

    @Test(arguments: ["\"", "\"abc", "\"abc\\\"", "\"abc\\", "[\"abc]", "{\"a", "{\"a\":\"b}", "\"\\u00"])
    func unterminatedStringsAreRefused(text: String) throws {
        try S.refusal(text)
    }

    @Test(arguments: ["'a'", "['a']", "{'a':1}", "{a:1}", "{1:1}", "{null:1}", "{\"a\" 1}", "{\"a\"}", "{\"a\":}", "{:1}"])
    func nonStringKeysAndMissingColonsAreRefused(text: String) throws {
        try S.refusal(text)
    }

    // MARK: Whitespace (RFC 8259 §2: space, tab, LF, CR only)

    @Test func theFourWhitespaceCharacters() throws {
        #expect(try S.value(" \t\n\r[ 1 ,\t2\n,\r3 ]\r\n\t ") == .array([.integer(1), .integer(2), .integer(3)]))
        #expect(try S.value("{ \"a\" \t:\n 1 \r}") == .object([("a", .integer(1))]))
        #expect(try S.value("\n\n  true  \n") == .bool(true))
    }

    @Test(arguments: ["\u{0C}", "\u{0B}", "\u{00}", "\u{A0}", "\u{85}", "\u{2028}", "\u{2029}", "\u{3000}", "\u{200B}"])
    func otherWhitespaceIsRefused(space: String) throws {
        try S.refusal("[1,\(space)2]")
        try S.refusal("\(space)1")
        try S.refusal("1\(space)")
        try S.refusal("{\"a\"\(space):1}")
    }

    // MARK: Byte order mark, empty input, text after the document

    @Test func aLeadingByteOrderMarkIsSkipped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try StrictJSON.parse(bom + S.bytes("{}")).root == .object([]))
        #expect(try StrictJSON.parse(bom + S.bytes(" [1]\n")).root == .array([.integer(1)]))
        #expect(try StrictJSON.parse(bom + S.bytes("7")).root == .integer(7))
        // The mark is not a character of the text: the value after it is at column 1.
        #expect(try StrictJSON.parse(bom + S.bytes("{}")).positions[""] == JSONDocument.Position(line: 1, column: 1))
        // Only once, and only at the very start; a mark alone is no document.
        try S.refusal(bom + bom + S.bytes("{}"))
        try S.refusal(S.bytes(" ") + bom + S.bytes("{}"))
        try S.refusal(S.bytes("[1,") + bom + S.bytes("2]"))
        try S.refusal(bom)
        try S.refusal([0xEF, 0xBB] + S.bytes("{}"))
    }

    @Test func emptyInputIsRefused() throws {
        try S.refusal([])
        try S.refusal(" ")
        try S.refusal("\n\r\t ")
    }

    @Test(arguments: ["1 2", "{} {}", "[]]", "{}}", "[][]", "null x", "true false", "\"a\"\"b\"", "1,", "[1],", "{\"a\":1},",
                      "0 0", "1 // comment", "[1] /* c */", "#", "[1]\u{0}"])
    func textAfterTheDocumentIsRefused(text: String) throws {
        try S.refusal(text)
    }

    @Test func commentsAreRefused() throws {
        try S.refusal("[1, /* two */ 2]")
        try S.refusal("// x\n1")
        try S.refusal("{\"a\":1 # c\n}")
    }

    // MARK: Arrays and objects (RFC 8259 §4, §5)

    @Test(arguments: ["[1,]", "[1,2,]", "[1, ]", "[,]", "[,1]", "[1,,2]", "[1 2]", "[", "[1", "]",
                      "{\"a\":1,}", "{\"a\":1, }", "{,}", "{,\"a\":1}", "{\"a\":1,,\"b\":2}", "{\"a\":1 \"b\":2}", "{", "{\"a\":1", "}",
                      "[1}", "{\"a\":1]", "{\"a\":[1,]}", "[{\"a\":1,}]"])
    func trailingCommasAndBrokenContainersAreRefused(text: String) throws {
        try S.refusal(text)
    }

    @Test func emptyContainers() throws {
        #expect(try S.value("[]") == .array([]))
        #expect(try S.value("{}") == .object([]))
        #expect(try S.value("[ ]") == .array([]))
        #expect(try S.value("{\n}") == .object([]))
        #expect(try S.value("[[],{}]") == .array([.array([]), .object([])]))
    }

    @Test func memberOrderIsPreserved() throws {
        let members = try S.members(S.value(#"{"z":1,"a":2,"m":{"y":3,"b":4},"0":5}"#))
        #expect(members.map(\.0) == ["z", "a", "m", "0"])
        #expect(try S.members(#require(members.first { $0.0 == "m" }).1).map(\.0) == ["y", "b"])
        // Order matters for equality of objects too.
        #expect(try S.value(#"{"a":1,"b":2}"#) != S.value(#"{"b":2,"a":1}"#))
        #expect(try S.value("[3,1,2]") == .array([.integer(3), .integer(1), .integer(2)]))
    }

    @Test func duplicateKeysAreRefusedWithTheirKeyPath() throws {
        #expect(try S.refusal(#"{"a":1,"a":2}"#).keyPath == "a")
        #expect(try S.refusal(#"{"a":1,"b":2,"a":1}"#).keyPath == "a")
        #expect(try S.refusal(#"{"x":{"a":1,"a":2}}"#).keyPath == "x.a")
        #expect(try S.refusal(#"{"classes":[{"name":"a"},{"name":"b"},{"name":"c","set":"a-z","set":"0-9"}]}"#).keyPath == "classes[2].set")
        // Names are compared after escapes are decoded (§8.3).
        #expect(try S.refusal(#"{"a":1,"\u0061":2}"#).keyPath == "a")
        // The error points at the duplicate.
        let error = try S.refusal("{\"a\": 1,\n \"a\": 2}")
        #expect(error.line == 2 && error.column == 2)
    }

    @Test func keysThatDifferAreNotDuplicates() throws {
        #expect(try S.members(S.value(#"{"a":1,"A":2,"a ":3," a":4}"#)).count == 4)
        #expect(try S.value(#"[{"a":1},{"a":2}]"#) == .array([.object([("a", .integer(1))]), .object([("a", .integer(2))])]))
        #expect(try S.members(S.value(#"{"a":{"a":{"a":1}}}"#)).count == 1)
    }

    /// RFC 8259 §8.3: names are compared code unit by code unit, so U+00E9 and U+0065
    /// U+0301 are two different names and the object below has unique names. (Swift's
    /// `String ==` is canonical equivalence; the reader compares the UTF-8 of names.)
    @Test func canonicallyEquivalentKeysAreDistinctNames() throws {
        let members = try S.members(S.value(#"{"\u00e9":1,"e\u0301":2}"#))
        #expect(members.map { $0.0.unicodeScalars.map(\.value) } == [[0xE9], [0x65, 0x301]])
    }

    // MARK: Nesting

    @Test func nestingUpToTheLimitIsAcceptedAndOneDeeperIsRefused() throws {
        let limit = StrictJSON.maximumDepth
        #expect(limit > 1)
        func arrays(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        func objects(_ depth: Int) -> String { String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1) }

        var atLimit = try S.value(arrays(limit))
        var depth = 0
        while case .array(let elements) = atLimit {
            depth += 1
            guard let first = elements.first else { break }
            atLimit = first
        }
        #expect(depth == limit)
        _ = try S.value(objects(limit))
        _ = try S.value("[" + objects(limit - 1) + "]")

        let tooDeep = try S.refusal(arrays(limit + 1))
        // At the bracket that opens one level too many.
        #expect(tooDeep.line == 1 && tooDeep.column == limit + 1)
        #expect(tooDeep.keyPath == String(repeating: "[0]", count: limit))
        try S.refusal(objects(limit + 1))
        try S.refusal("[" + objects(limit) + "]")
        // Far deeper input is refused, not a stack overflow.
        try S.refusal(String(repeating: "[", count: 200_000))
        try S.refusal(String(repeating: "{\"a\":", count: 100_000))
    }

    // MARK: Top-level scalars (RFC 8259 §2: any value)

    @Test func topLevelScalars() throws {
        #expect(try S.value("1") == .integer(1))
        #expect(try S.value("-2.5") == .number(-2.5))
        #expect(try S.value("\"text\"") == .string("text"))
        #expect(try S.value(" true ") == .bool(true))
        #expect(try S.value("null") == .null)
        #expect(try S.parse("42").positions[""] == JSONDocument.Position(line: 1, column: 1))
        #expect(try S.parse("  42").positions[""] == JSONDocument.Position(line: 1, column: 3))
    }

    // MARK: Positions

    @Test func positionsOfNestedValues() throws {
        let text = """
        {
          "id": "x",
          "classes": [
            {"name": "a", "set": "a-z"},
        \t{"name": "b",
             "set": [1, 2]}
          ]
        }
        """
        let positions = try S.parse(text).positions
        typealias P = JSONDocument.Position
        #expect(positions[""] == P(line: 1, column: 1))
        #expect(positions["id"] == P(line: 2, column: 9))
        #expect(positions["classes"] == P(line: 3, column: 14))
        #expect(positions["classes[0]"] == P(line: 4, column: 5))
        #expect(positions["classes[0].name"] == P(line: 4, column: 14))
        #expect(positions["classes[0].set"] == P(line: 4, column: 26))
        #expect(positions["classes[1]"] == P(line: 5, column: 2))      // a tab is one character
        #expect(positions["classes[1].name"] == P(line: 5, column: 11))
        #expect(positions["classes[1].set"] == P(line: 6, column: 13))
        #expect(positions["classes[1].set[0]"] == P(line: 6, column: 14))
        #expect(positions["classes[1].set[1]"] == P(line: 6, column: 17))
        #expect(positions.count == 11)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // é is 2 bytes, 中 and 文 3 each, 😀 4: columns count each as one.
        let positions = try S.parse(#"{"é": 1, "中文": 2, "😀": [3]}"#).positions
        typealias P = JSONDocument.Position
        #expect(positions["é"] == P(line: 1, column: 7))
        #expect(positions["中文"] == P(line: 1, column: 16))
        #expect(positions["😀"] == P(line: 1, column: 24))
        #expect(positions["😀[0]"] == P(line: 1, column: 25))
        let second = try S.parse("[\"ü\",\n\"中\", \"😀\", 5]").positions
        #expect(second["[2]"] == P(line: 2, column: 6))
        #expect(second["[3]"] == P(line: 2, column: 11))
    }

    @Test func errorsHaveTheLineAndColumnOfTheProblem() throws {
        var error = try S.refusal(#"["é", x]"#)
        #expect(error.line == 1 && error.column == 7)
        error = try S.refusal("[\n  \"中文\", \"😀\",\n  x\n]")
        #expect(error.line == 3 && error.column == 3)
        error = try S.refusal("[\"中\", \"a\tb\"]")
        #expect(error.line == 1 && error.column == 9)   // the raw tab inside the string
        error = try S.refusal("[1,")
        #expect(error.line == 1 && error.column == 4)   // the end of the text
        error = try S.refusal("{\r\n\"a\": 1\r\n} x")
        #expect(error.line == 3 && error.column == 3)
        error = try S.refusal("\n\n   @")
        #expect(error.line == 3 && error.column == 4)
        error = try S.refusal("[\"😀😀\", \"\\q\"]")
        #expect(error.line == 1 && [9, 10].contains(error.column), "\(error)")  // the backslash or the letter after it
    }

    @Test func errorsNameTheKeyPathOfTheValue() throws {
        #expect(try S.refusal(#"{"a":{"b":[1,2,x]}}"#).keyPath == "a.b[2]")
        #expect(try S.refusal(#"{"a":"\q"}"#).keyPath == "a")
    }
}
