/// Writes JSON documents (RFC 8259) to a ``BufferedWriter``, value by value: every JSON
/// document the command prints is written through it.
///
/// It puts the separators itself: `", "` between members and `": "` after a key, all on
/// one line, except in the containers less than `expandedDepth` levels deep, which put
/// each member on a line of its own, indented by two spaces per level. Strings are
/// escaped by ``writeEscaped(_:)``.
///
/// ```swift
/// var json = JSONWriter()
/// try json.beginObject()
/// try json.key("valid"); try json.bool(true)
/// try json.endObject()
/// try json.endDocument()   // {"valid": true} and a line end
/// ```
struct JSONWriter: ~Copyable {
    /// The bytes' destination; write to it directly only between documents.
    var output: BufferedWriter
    private let expandedDepth: Int
    /// The containers open.
    private var depth = 0
    /// Bit `d`: the container at depth `d` (0 the outermost) has a member already.
    private var hasMembers: UInt64 = 0
    /// Bit `d`: the container at depth `d` is an object.
    private var isObject: UInt64 = 0
    /// A key was written; its value comes next.
    private var afterKey = false

    /// The deepest nesting written.
    static let maximumDepth = 64

    init(output: consuming BufferedWriter = BufferedWriter(), expandedDepth: Int = 0) {
        self.output = output
        self.expandedDepth = expandedDepth
    }

    mutating func beginObject() throws(CommandFailure) { try begin(UInt8(ascii: "{"), object: true) }

    mutating func endObject() throws(CommandFailure) { try end(UInt8(ascii: "}"), object: true) }

    mutating func beginArray() throws(CommandFailure) { try begin(UInt8(ascii: "["), object: false) }

    mutating func endArray() throws(CommandFailure) { try end(UInt8(ascii: "]"), object: false) }

    /// The key of the next member of the current object.
    mutating func key(_ name: StaticString) throws(CommandFailure) {
        precondition(depth > 0 && isObject & (1 << (depth - 1)) != 0 && !afterKey, "a key belongs in an object, before a value")
        try separate()
        try writeEscaped(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        try output.write(": " as StaticString)
        afterKey = true
    }

    mutating func string(_ text: String) throws(CommandFailure) {
        try beforeValue()
        var text = text
        let result: Result<Void, CommandFailure> = text.withUTF8 { bytes in
            do throws(CommandFailure) { try writeEscaped(bytes); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    /// `text`, or `null` for nil.
    mutating func string(_ text: String?) throws(CommandFailure) {
        if let text { try string(text) } else { try null() }
    }

    mutating func number(_ value: Int) throws(CommandFailure) {
        try beforeValue()
        try output.write(decimal: value)
    }

    /// `value`, or `null` for nil.
    mutating func number(_ value: Int?) throws(CommandFailure) {
        if let value { try number(value) } else { try null() }
    }

    /// The shortest decimal that reads back as the same `Double` (Swift's own
    /// `description`: `95.0`, `1e-05`); 0 for an infinity or a NaN, which JSON cannot say.
    mutating func number(_ value: Double) throws(CommandFailure) {
        try beforeValue()
        try output.write(value.isFinite ? "\(value)" : "0")
    }

    /// A number with a fixed number of decimals (`12.50`).
    mutating func number(_ value: Decimal2) throws(CommandFailure) {
        try beforeValue()
        try output.write(value.description)
    }

    mutating func bool(_ value: Bool) throws(CommandFailure) {
        try beforeValue()
        try output.write(value ? "true" as StaticString : "false")
    }

    mutating func null() throws(CommandFailure) {
        try beforeValue()
        try output.write("null" as StaticString)
    }

    /// Ends the document with a line end; the next value starts a new document.
    mutating func endDocument() throws(CommandFailure) {
        precondition(depth == 0 && !afterKey, "a document ends after its last container is closed")
        try output.write(byte: 0x0A)
    }

    /// Writes what is buffered (see ``BufferedWriter/flush()``).
    mutating func flush() throws(CommandFailure) { try output.flush() }

    private mutating func begin(_ bracket: UInt8, object: Bool) throws(CommandFailure) {
        precondition(depth < JSONWriter.maximumDepth, "JSON nested too deep")
        try beforeValue()
        try output.write(byte: bracket)
        let bit: UInt64 = 1 << depth
        hasMembers &= ~bit
        if object { isObject |= bit } else { isObject &= ~bit }
        depth += 1
    }

    private mutating func end(_ bracket: UInt8, object: Bool) throws(CommandFailure) {
        precondition(depth > 0 && !afterKey && (isObject & (1 << (depth - 1)) != 0) == object, "unbalanced JSON container")
        depth -= 1
        if depth < expandedDepth, hasMembers & (1 << depth) != 0 { try newline(indent: depth) }
        try output.write(byte: bracket)
    }

    /// Before a value: nothing after a key, a separator in an array.
    private mutating func beforeValue() throws(CommandFailure) {
        if afterKey {
            afterKey = false
            return
        }
        precondition(depth == 0 || isObject & (1 << (depth - 1)) == 0, "a value in an object needs a key")
        if depth > 0 { try separate() }
    }

    /// The separator before a member of the container at `depth - 1`.
    private mutating func separate() throws(CommandFailure) {
        let bit: UInt64 = 1 << (depth - 1)
        let first = hasMembers & bit == 0
        hasMembers |= bit
        if depth - 1 < expandedDepth {
            if !first { try output.write(byte: UInt8(ascii: ",")) }
            try newline(indent: depth)
        } else if !first {
            try output.write(", " as StaticString)
        }
    }

    private mutating func newline(indent level: Int) throws(CommandFailure) {
        try output.write(byte: 0x0A)
        for _ in 0..<level { try output.write("  " as StaticString) }
    }

    /// `bytes` (UTF-8) as a JSON string, quotes included: `"` and `\` escaped, the control
    /// characters U+0000-U+001F as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX`, and also
    /// U+007F (DEL), U+2028 and U+2029 (line breaks to JavaScript) as `\u` escapes; every
    /// other character, ASCII or not, as its own UTF-8 bytes.
    private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) throws(CommandFailure) {
        try output.write(byte: UInt8(ascii: "\""))
        var plain = 0   // bytes[plain..<index] need no escape and are not written yet
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var length = 1
            let escape: StaticString?
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case 0x08: escape = "\\b"
            case 0x09: escape = "\\t"
            case 0x0A: escape = "\\n"
            case 0x0C: escape = "\\f"
            case 0x0D: escape = "\\r"
            case 0..<0x20, 0x7F: escape = ""   // \u00XX, below
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                length = 3
            default: escape = nil
            }
            guard let escape else {
                index += 1
                continue
            }
            try output.write(UnsafeBufferPointer(rebasing: bytes[plain..<index]))
            if escape.utf8CodeUnitCount > 0 {
                try output.write(escape)
            } else {
                try output.write("\\u00" as StaticString)
                try output.write(byte: JSONWriter.hexDigit(byte >> 4))
                try output.write(byte: JSONWriter.hexDigit(byte & 0xF))
            }
            index += length
            plain = index
        }
        try output.write(UnsafeBufferPointer(rebasing: bytes[plain..<index]))
        try output.write(byte: UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
