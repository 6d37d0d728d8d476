extension CharacterClass: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, chars, set
    }

    /// Decodes `{ "name": "digits", "set": "0-9" }` or `{ "name": ..., "chars": ... }`.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        charset = try Charset(charsetIn: container)
    }

    /// Encodes the class as the policy format writes it: its name and its charset's key.
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(CharacterClass(name: "digits", .set("0-9")))
    /// ```
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try charset.encode(into: &container)
    }
}
