extension JSONValue {
    /// The JSON text. With `pretty`: two-space indentation, and a value that fits on its
    /// line (at most ``JSONValue/lineWidth`` characters) written on one line, as the
    /// files in `policies/` are (`"length": { "min": 8, "max": 16 }`).
    func text(pretty: Bool) -> String {
        var output = ""
        if pretty { writePretty(to: &output, indent: 0, used: 0) } else { writeInline(to: &output, spaced: false) }
        return output
    }

    /// The widest line pretty printing makes of a value that could be split.
    static let lineWidth = 100

    private func writeInline(to output: inout String, spaced: Bool) {
        switch self {
        case .null: output += "null"
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .integer(let value): output += String(value)
        case .number(let value): output += value.isFinite ? "\(value)" : "null"
        case .bool(let value): output += value ? "true" : "false"
        case .array(let elements):
            let padded = spaced && elements.contains { if case .object = $0 { true } else { false } }
            output += padded ? "[ " : "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += spaced ? ", " : "," }
                element.writeInline(to: &output, spaced: spaced)
            }
            output += padded ? " ]" : "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += spaced ? "{ " : "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += spaced ? ", " : "," }
                JSONValue.writeString(key, to: &output)
                output += spaced ? ": " : ":"
                value.writeInline(to: &output, spaced: spaced)
            }
            output += spaced ? " }" : "}"
        }
    }

    /// `used`: characters already on the current line before this value.
    private func writePretty(to output: inout String, indent: Int, used: Int) {
        var inline = ""
        writeInline(to: &inline, spaced: true)
        let splittable: Bool
        switch self {
        case .array(let elements): splittable = !elements.isEmpty
        case .object(let members): splittable = !members.isEmpty
        default: splittable = false
        }
        if !splittable || used + inline.count <= JSONValue.lineWidth {
            output += inline
            return
        }
        let pad = String(repeating: "  ", count: indent + 1)
        switch self {
        case .array(let elements):
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += pad
                element.writePretty(to: &output, indent: indent + 1, used: pad.count)
                output += index < elements.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                var prefix = pad
                JSONValue.writeString(key, to: &prefix)
                prefix += ": "
                output += prefix
                value.writePretty(to: &output, indent: indent + 1, used: prefix.count)
                output += index < members.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        default:
            output += inline
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters (and DEL, U+2028,
    /// U+2029) as escapes, every other character as itself (UTF-8).
    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
