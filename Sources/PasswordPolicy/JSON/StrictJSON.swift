/// A strict RFC 8259 reader: the one place policy JSON is parsed.
///
/// Decoders are often lenient (trailing commas, duplicate keys where the last one wins,
/// unpaired surrogate escapes). A policy file that other programs also read must mean one
/// thing, so this reader refuses all of these with the line and column of the problem, and
/// produces the value tree with the position of every value.
struct StrictJSON {
    struct SyntaxError: Error, Equatable {
        var message: String
        var line: Int
        var column: Int
        var keyPath: String
    }

    /// Deeper nesting than this is refused rather than recursed into.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var positions: [String: JSONDocument.Position] = [:]

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `bytes` as one JSON document (a UTF-8 byte order mark is skipped); throws the
    /// first syntax problem.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONDocument {
        var parser = StrictJSON(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3; parser.lineStart = 3 }
        parser.skipWhitespace()
        let root = try parser.value(depth: 0, path: KeyPath())
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected text after the end of the document", KeyPath()) }
        return JSONDocument(root: root, positions: parser.positions)
    }

    /// The 1-based line and column of `index`; columns count characters, not bytes.
    private var position: JSONDocument.Position {
        var column = 1
        for byte in bytes[lineStart..<min(index, bytes.count)] where byte & 0xC0 != 0x80 { column += 1 }
        return JSONDocument.Position(line: line, column: column)
    }

    private func error(_ message: String, _ path: KeyPath) -> SyntaxError {
        let here = position
        return SyntaxError(message: message, line: here.line, column: here.column, keyPath: path.text)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: index += 1; line += 1; lineStart = index
            case 0x20, 0x09, 0x0D: index += 1
            default: return
            }
        }
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func value(depth: Int, path: KeyPath) throws(SyntaxError) -> JSONValue {
        guard let byte = current else { throw error("unexpected end of the document, expected a value", path) }
        positions[path.text] = position
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1, path: path)
        case UInt8(ascii: "["): return try array(depth: depth + 1, path: path)
        case UInt8(ascii: "\""): return .string(try string(path: path))
        case UInt8(ascii: "t"): try literal("true", path); return .bool(true)
        case UInt8(ascii: "f"): try literal("false", path); return .bool(false)
        case UInt8(ascii: "n"): try literal("null", path); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(path)
        default: throw error("unexpected character, expected a value", path)
        }
    }

    private mutating func literal(_ word: String, _ path: KeyPath) throws(SyntaxError) {
        for expected in word.utf8 {
            guard current == expected else { throw error("invalid literal, expected \(word)", path) }
            index += 1
        }
    }

    private mutating func number(_ path: KeyPath) throws(SyntaxError) -> JSONValue {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw error("invalid number", path) }
        index += 1
        if first != UInt8(ascii: "0") { digits() }
        var whole = true
        if current == UInt8(ascii: ".") {
            index += 1
            whole = false
            guard digits() > 0 else { throw error("invalid number: digits expected after '.'", path) }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            whole = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("invalid number: digits expected in the exponent", path) }
        }
        // The lexeme is ASCII by construction.
        let lexeme = String(decoding: bytes[start..<index], as: UTF8.self)
        if whole, let integer = Int(lexeme) { return .integer(integer) }
        return .number(Double(lexeme) ?? .infinity)
    }

    @discardableResult
    private mutating func digits() -> Int {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    private mutating func array(depth: Int, path: KeyPath) throws(SyntaxError) -> JSONValue {
        guard depth <= StrictJSON.maximumDepth else { throw error("nesting deeper than \(StrictJSON.maximumDepth) levels", path) }
        index += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if current == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth, path: path.index(elements.count)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw error("expected ',' or ']' in an array", path)
            }
        }
    }

    private mutating func object(depth: Int, path: KeyPath) throws(SyntaxError) -> JSONValue {
        guard depth <= StrictJSON.maximumDepth else { throw error("nesting deeper than \(StrictJSON.maximumDepth) levels", path) }
        index += 1
        skipWhitespace()
        var members: [(String, JSONValue)] = []
        if current == UInt8(ascii: "}") { index += 1; return .object(members) }
        // Names compare code point by code point (RFC 8259 §8.3), not as canonically
        // equivalent Swift strings: "\u00e9" and "e\u0301" are two names.
        var seen = Set<[UInt8]>()
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in double quotes", path) }
            let keyStart = index
            let key = try string(path: path)
            guard seen.insert(Array(key.utf8)).inserted else {
                index = keyStart
                throw error("duplicate key \"\(key)\"", path.key(key))
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key", path.key(key)) }
            index += 1
            skipWhitespace()
            members.append((key, try value(depth: depth, path: path.key(key))))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw error("expected ',' or '}' in an object", path)
            }
        }
    }

    /// Reads a string, checking escapes (no unpaired surrogates), control characters and
    /// UTF-8; returns its decoded text.
    private mutating func string(path: KeyPath) throws(SyntaxError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard let byte = current else { throw error("unterminated string", path) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { throw error("unterminated escape", path) }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let unit = try hex4(path)
                    if (0xD800...0xDBFF).contains(unit) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate escape \\u\(String(unit, radix: 16, uppercase: true))", path)
                        }
                        index += 2
                        let low = try hex4(path)
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate escape \\u\(String(unit, radix: 16, uppercase: true))", path) }
                        let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
                    } else if (0xDC00...0xDFFF).contains(unit) {
                        throw error("unpaired surrogate escape \\u\(String(unit, radix: 16, uppercase: true))", path)
                    } else if let scalar = Unicode.Scalar(unit) {
                        scalars.append(scalar)
                    }
                default:
                    index -= 1
                    throw error("invalid escape in a string", path)
                }
            case 0x00..<0x20:
                throw error("control character U+\(String(byte, radix: 16, uppercase: true)) in a string must be escaped", path)
            case 0x00..<0x80:
                scalars.append(Unicode.Scalar(byte))
                index += 1
            default:
                guard let (scalar, length) = UTF8Decoding.decode(bytes, at: index) else { throw error("invalid UTF-8 in a string", path) }
                scalars.append(scalar)
                index += length
            }
        }
    }

    private mutating func hex4(_ path: KeyPath) throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexValue(byte) else { throw error("invalid \\u escape: four hex digits expected", path) }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
