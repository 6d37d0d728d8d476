internal import CPCRE2

/// Facts about the PCRE2 library this process linked.
enum PCRE2Library {
    /// The Unicode version of PCRE2's character tables ("14.0.0" for PCRE2 10.42), or nil
    /// when PCRE2 was built without Unicode support.
    static let unicodeVersion: String? = configuration(PCRE2_CONFIG_UNICODE_VERSION)

    /// PCRE2's own version and date ("10.42 2022-12-11").
    static let version: String? = configuration(PCRE2_CONFIG_VERSION)

    /// A text item of `pcre2_config` (it writes a NUL-terminated string of at most 24 code
    /// units for these items); nil when it gives none or the text is not a version.
    private static func configuration(_ item: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(item), $0.baseAddress) }
        guard length > 1 else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        return text.first?.isNumber == true ? text : nil
    }
}
