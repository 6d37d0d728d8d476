internal import CPCRE2

enum PCRE2 {
    /// PCRE2's text for an error code (compile or match).
    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let written = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        guard written > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(written)], as: UTF8.self)
    }
}
