/// The tokens of the HCL (version 1) subset a Vault password policy is written in:
/// identifiers (`length`, `rule`, `min-chars`), quoted strings with HCL's escapes, decimal
/// integers, `=`, `{`, `}` and `,`; comments `#`, `//` and `/* */` are skipped. Every token
/// carries its 1-based line and column (in characters), so that errors can name them.
struct HCLScanner {
    enum Kind: Equatable {
        case identifier(String)
        case string(String)
        case integer(Int)
        case symbol(Character)
        case end
    }

    struct Token {
        var kind: Kind
        var line: Int
        var column: Int
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    private func error(_ message: String, line: Int? = nil, column: Int? = nil) -> ConversionError {
        ConversionError(code: .syntax, format: "vault", line: line ?? self.line, column: column ?? (index - lineStart + 1), message: message)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    private mutating func advance() {
        if scalars[index] == "\n" { line += 1; lineStart = index + 1 }
        index += 1
    }

    /// The next token, or an error at the offending character.
    mutating func next() throws(ConversionError) -> Token {
        try skipSpaceAndComments()
        let startLine = line, startColumn = index - lineStart + 1
        guard let scalar = current else { return Token(kind: .end, line: startLine, column: startColumn) }
        let kind: Kind
        switch scalar {
        case "=", "{", "}", ",":
            advance()
            kind = .symbol(Character(scalar))
        case "\"":
            kind = .string(try string())
        case "0"..."9":
            kind = .integer(try integer())
        case "a"..."z", "A"..."Z", "_":
            var name = ""
            while let next = current, next.properties.isAlphabetic && next.isASCII || ("0"..."9").contains(next) || next == "_" || next == "-" || next == "." {
                name.unicodeScalars.append(next)
                advance()
            }
            kind = .identifier(name)
        case "<" where peek(1) == "<":
            throw error("heredoc strings (<<EOF) are not read; write the value as a quoted string")
        case "[":
            throw error("lists are not part of a Vault password policy")
        default:
            throw error("unexpected character U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
        return Token(kind: kind, line: startLine, column: startColumn)
    }

    private mutating func skipSpaceAndComments() throws(ConversionError) {
        while let scalar = current {
            switch scalar {
            case " ", "\t", "\r", "\n", "\u{FEFF}":
                advance()
            case "#":
                while let next = current, next != "\n" { advance() }
            case "/" where peek(1) == "/":
                while let next = current, next != "\n" { advance() }
            case "/" where peek(1) == "*":
                let startLine = line, startColumn = index - lineStart + 1
                advance(); advance()
                while current != nil, !(current == "*" && peek(1) == "/") { advance() }
                guard current != nil else { throw error("the comment opened here is not closed with */", line: startLine, column: startColumn) }
                advance(); advance()
            default:
                return
            }
        }
    }

    private mutating func integer() throws(ConversionError) -> Int {
        var value = 0
        let startColumn = index - lineStart + 1
        while let digit = current, ("0"..."9").contains(digit) {
            value = value * 10 + Int(digit.value - 0x30)
            guard value <= 1_000_000 else { throw error("the number is too large (at most 1000000)", column: startColumn) }
            advance()
        }
        if let next = current, next == "." || next == "x" || next == "e" || next == "E" {
            throw error("only decimal integers are read here")
        }
        return value
    }
}

extension HCLScanner {
    /// A quoted string, the opening quote at `index`. Escapes as HCL 1 reads them:
    /// `\n \t \r \\ \" \a \b \f \v`, `\uXXXX`, `\UXXXXXXXX`, and `\xHH` or octal `\NNN` below 0x80.
    private mutating func string() throws(ConversionError) -> String {
        let startLine = line, startColumn = index - lineStart + 1
        advance()
        var text = ""
        while true {
            guard let scalar = current, scalar != "\n" else {
                throw error("the string opened here is not closed on its line", line: startLine, column: startColumn)
            }
            advance()
            if scalar == "\"" { return text }
            if scalar != "\\" { text.unicodeScalars.append(scalar); continue }
            text.unicodeScalars.append(try escape())
        }
    }

    private mutating func escape() throws(ConversionError) -> Unicode.Scalar {
        guard let letter = current else { throw error("the string ends inside an escape") }
        let simple: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "r": "\r", "\\": "\\", "\"": "\"", "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "v": "\u{0B}"]
        if let replacement = simple[letter] { advance(); return replacement }
        let column = index - lineStart
        let (digits, radix): (Int, Int) = switch letter {
        case "u": (4, 16)
        case "U": (8, 16)
        case "x": (2, 16)
        case "0"..."7": (3, 8)
        default: (0, 0)
        }
        guard digits > 0 else { throw error("unknown escape \\\(letter)", column: column) }
        if radix == 16 { advance() }
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let digit = current, let number = UInt32(String(digit), radix: radix) else {
                throw error("the escape needs \(digits) \(radix == 16 ? "hexadecimal" : "octal") digits", column: column)
            }
            value = value * UInt32(radix) + number
            advance()
        }
        if letter == "x" || radix == 8, value >= 0x80 {
            throw error("a byte escape above 0x7F would make the text invalid UTF-8", column: column)
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("the escape is not a Unicode scalar value", column: column) }
        return scalar
    }
}
