internal import CPCRE2

/// Facts about the PCRE2 library this process linked.
enum PCRE2Library {
    /// The Unicode version of PCRE2's character tables ("15.0.0" for PCRE2 10.42), or nil
    /// when PCRE2 was built without Unicode support.
    static let unicodeVersion: String? = {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(PCRE2_CONFIG_UNICODE_VERSION), $0.baseAddress) }
        guard length > 1 else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        return text.first?.isNumber == true ? text : nil
    }()
}
