/// A failure the command reports on standard error before it exits with `exitCode`.
///
/// The message names what was wrong (a file, a key path, a preset id) and never contains a
/// password: nothing read from standard input is ever put into one.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 2

    init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }
}

/// Standard error, unbuffered: diagnostics appear at once and in order.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            // Nowhere left to report a failure to write a diagnostic: it is dropped.
            try? SystemCall.writeAll(2, UnsafeRawBufferPointer(bytes))
        }
    }

    /// `pwpolicy: warning: ...` on its own line.
    static func warn(_ message: String) { write("pwpolicy: warning: \(message)\n") }
}

/// `text` with control characters (a line break in a policy author's message, say) shown
/// as `\n`, `\u{7}`, so that one result stays on one output line.
func oneLine(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A: result += "\\n"
        case 0x0D: result += "\\r"
        case 0x09: result += "\\t"
        case 0..<0x20, 0x7F: result += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}
