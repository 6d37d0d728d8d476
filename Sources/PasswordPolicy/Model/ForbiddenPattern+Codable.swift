extension ForbiddenPattern: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case pattern, code, message
    }

    /// Decodes `{ "pattern": ..., "code": ..., "message": ... }`; all three are required.
    ///
    /// ```swift
    /// let rule = try JSONDecoder().decode(ForbiddenPattern.self, from: Data(#"{"pattern": "abc", "code": "x.abc", "message": "no abc"}"#.utf8))
    /// ```
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pattern = try container.decode(String.self, forKey: .pattern)
        code = try container.decode(String.self, forKey: .code)
        message = try container.decode(String.self, forKey: .message)
    }

    /// Encodes the pattern, its code and its message.
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(rule)
    /// ```
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pattern, forKey: .pattern)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
    }
}
