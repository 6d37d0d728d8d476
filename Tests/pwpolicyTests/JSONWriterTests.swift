import Foundation
import Testing
@testable import pwpolicy

/// `JSONWriter`, the one writer of every JSON document the command prints.
@Suite struct JSONWriterTests {
    /// What `body` writes, as text. A small buffer makes every write cross its boundary.
    static func written(capacity: Int = 7, expandedDepth: Int = 0, _ body: (inout JSONWriter) throws(CommandFailure) -> Void) throws -> String {
        let recorder = RecordingWrite()
        var json = JSONWriter(output: BufferedWriter(capacity: capacity, write: recorder.function), expandedDepth: expandedDepth)
        try body(&json)
        try json.flush()
        return String(decoding: recorder.bytes, as: UTF8.self)
    }

    /// `text` as one JSON string value.
    static func encoded(_ text: String) throws -> String {
        try written { (json) throws(CommandFailure) in try json.string(text) }
    }

    @Test func everyControlCharacterIsEscaped() throws {
        let short: [UInt32: String] = [0x08: #"\b"#, 0x09: #"\t"#, 0x0A: #"\n"#, 0x0C: #"\f"#, 0x0D: #"\r"#]
        for value in Array(UInt32(0)..<0x20) + [0x7F] {
            let scalar = Character(Unicode.Scalar(value)!)
            let expected = short[value] ?? "\\u00" + (value < 0x10 ? "0" : "") + String(value, radix: 16)
            #expect(try JSONWriterTests.encoded("a\(scalar)b") == "\"a\(expected)b\"", "U+\(String(value, radix: 16))")
        }
        // All of them at once, and the result reads back as the same string.
        let all = String(String.UnicodeScalarView((Array(UInt32(0)..<0x20) + [0x7F]).compactMap(Unicode.Scalar.init)))
        let encoded = try JSONWriterTests.encoded(all)
        #expect(encoded == #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f""#)
        #expect(try JSONSerialization.jsonObject(with: Data(encoded.utf8), options: .fragmentsAllowed) as? String == all)
    }

    @Test func quotesAndBackslashesAreEscaped() throws {
        #expect(try JSONWriterTests.encoded(#"say "hi" \ back\slash\"#) == #""say \"hi\" \\ back\\slash\\""#)
        #expect(try JSONWriterTests.encoded("\"") == #""\"""#)
        #expect(try JSONWriterTests.encoded("") == #""""#)
    }

    @Test func lineAndParagraphSeparatorsAreEscaped() throws {
        #expect(try JSONWriterTests.encoded("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        #expect(try JSONWriterTests.encoded("\u{2028}") == #""\u2028""#)
        // Their neighbours (the same first two bytes) are ordinary characters.
        #expect(try JSONWriterTests.encoded("\u{2026}\u{2027}\u{202A}") == "\"\u{2026}\u{2027}\u{202A}\"")
    }

    @Test func nonASCIIIsKeptAsUTF8() throws {
        let text = "é中😀 naïve Ωmega"
        let encoded = try JSONWriterTests.encoded(text)
        #expect(Array(encoded.utf8) == [UInt8(ascii: "\"")] + Array(text.utf8) + [UInt8(ascii: "\"")])
    }

    @Test func longStringsCrossTheBufferIntact() throws {
        let text = String(repeating: "plain \"q\" \u{2028} é\t", count: 500)
        let encoded = try JSONWriterTests.encoded(text)
        #expect(try JSONSerialization.jsonObject(with: Data(encoded.utf8), options: .fragmentsAllowed) as? String == text)
        #expect(!encoded.contains("\u{2028}") && !encoded.contains("\t"))
    }

    @Test func inlineLayout() throws {
        let text = try JSONWriterTests.written { (json) throws(CommandFailure) in
            try json.beginObject()
            try json.key("line"); try json.number(3)
            try json.key("valid"); try json.bool(false)
            try json.key("none"); try json.null()
            try json.key("list"); try json.beginArray()
            try json.number(-1); try json.string("x"); try json.beginObject(); try json.endObject(); try json.beginArray(); try json.endArray()
            try json.endArray()
            try json.key("empty"); try json.beginArray(); try json.endArray()
            try json.key("q\"uote"); try json.bool(true)
            try json.endObject()
            try json.endDocument()
            try json.beginArray(); try json.endArray(); try json.endDocument()
        }
        #expect(text == #"{"line": 3, "valid": false, "none": null, "list": [-1, "x", {}, []], "empty": [], "q\"uote": true}"# + "\n[]\n")
    }

    @Test func numbers() throws {
        let text = try JSONWriterTests.written { (json) throws(CommandFailure) in
            try json.beginArray()
            try json.number(0); try json.number(Int.min)
            try json.number(95.0); try json.number(0.1); try json.number(1e-5); try json.number(Double.infinity); try json.number(Double.nan)
            try json.number(Decimal2(12.346)); try json.number(Decimal2(88702521.6, digits: 0))
            try json.number(nil as Int?); try json.number(7 as Int?); try json.string(nil as String?)
            try json.endArray()
        }
        #expect(text == "[0, \(Int.min), 95.0, 0.1, 1e-05, 0, 0, 12.35, 88702522, null, 7, null]")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [Any])
    }

    @Test func expandedLayoutPutsOuterMembersOnLinesOfTheirOwn() throws {
        func document(_ items: [String]) throws -> String {
            try JSONWriterTests.written(expandedDepth: 2) { (json) throws(CommandFailure) in
                try json.beginObject()
                try json.key("presets")
                try json.beginArray()
                for item in items {
                    try json.beginObject()
                    try json.key("id"); try json.string(item)
                    try json.key("length"); try json.beginObject(); try json.key("min"); try json.number(8); try json.endObject()
                    try json.endObject()
                }
                try json.endArray()
                try json.endObject()
                try json.endDocument()
            }
        }
        #expect(try document(["a", "b"]) == """
        {
          "presets": [
            {"id": "a", "length": {"min": 8}},
            {"id": "b", "length": {"min": 8}}
          ]
        }

        """)
        #expect(try document([]) == "{\n  \"presets\": []\n}\n")
    }

    @Test func aWriteErrorIsACommandFailure() throws {
        var json = JSONWriter(output: BufferedWriter(descriptor: neverOpenDescriptor))
        try json.beginObject()
        try json.endObject()
        try json.endDocument()
        let error = try #require(throws: CommandFailure.self) { try json.flush() }
        #expect(error.message.hasPrefix("cannot write to standard output: "))
    }
}
