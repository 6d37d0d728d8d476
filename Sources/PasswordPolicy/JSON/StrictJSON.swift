/// A strict RFC 8259 syntax check, run before any policy JSON is decoded.
///
/// Decoders are often lenient (trailing commas, duplicate keys where the last one wins,
/// unpaired surrogate escapes). A policy file that other programs also read must mean one
/// thing, so the library refuses all of these with the line and column of the problem.
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

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Checks `bytes` as one JSON document; throws the first syntax problem.
    static func check(_ bytes: [UInt8]) throws(SyntaxError) {
        var parser = StrictJSON(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        try parser.value(depth: 0, path: KeyPath())
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected text after the end of the document", KeyPath()) }
    }

    private func error(_ message: String, _ path: KeyPath) -> SyntaxError {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SyntaxError(message: message, line: line, column: column, keyPath: path.text)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func value(depth: Int, path: KeyPath) throws(SyntaxError) {
        guard let byte = current else { throw error("unexpected end of the document, expected a value", path) }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth + 1, path: path)
        case UInt8(ascii: "["): try array(depth: depth + 1, path: path)
        case UInt8(ascii: "\""): _ = try string(path: path)
        case UInt8(ascii: "t"): try literal("true", path)
        case UInt8(ascii: "f"): try literal("false", path)
        case UInt8(ascii: "n"): try literal("null", path)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(path)
        default: throw error("unexpected character, expected a value", path)
        }
    }

    private mutating func literal(_ word: String, _ path: KeyPath) throws(SyntaxError) {
        for expected in word.utf8 {
            guard current == expected else { throw error("invalid literal, expected \(word)", path) }
            index += 1
        }
    }

    private mutating func number(_ path: KeyPath) throws(SyntaxError) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw error("invalid number", path) }
        index += 1
        if first != UInt8(ascii: "0") { digits() }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("invalid number: digits expected after '.'", path) }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("invalid number: digits expected in the exponent", path) }
        }
    }

    @discardableResult
    private mutating func digits() -> Int {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    private mutating func array(depth: Int, path: KeyPath) throws(SyntaxError) {
        guard depth <= StrictJSON.maximumDepth else { throw error("nesting deeper than \(StrictJSON.maximumDepth) levels", path) }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return }
        var element = 0
        while true {
            skipWhitespace()
            try value(depth: depth, path: path.index(element))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1; element += 1
            case UInt8(ascii: "]"): index += 1; return
            default: throw error("expected ',' or ']' in an array", path)
            }
        }
    }

    private mutating func object(depth: Int, path: KeyPath) throws(SyntaxError) {
        guard depth <= StrictJSON.maximumDepth else { throw error("nesting deeper than \(StrictJSON.maximumDepth) levels", path) }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return }
        var seen = Set<String>()
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in double quotes", path) }
            let keyStart = index
            let key = try string(path: path)
            guard seen.insert(key).inserted else {
                index = keyStart
                throw error("duplicate key \"\(key)\"", path.key(key))
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key", path.key(key)) }
            index += 1
            skipWhitespace()
            try value(depth: depth, path: path.key(key))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return
            default: throw error("expected ',' or '}' in an object", path)
            }
        }
    }

    /// Reads a string, checking escapes (no unpaired surrogates), control characters and
    /// UTF-8; returns its decoded text (used for duplicate-key detection).
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
