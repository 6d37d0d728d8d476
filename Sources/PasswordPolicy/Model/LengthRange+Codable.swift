extension LengthRange: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case min, max
    }

    /// Decodes `{ "min": int, "max": int }`; `max` may be left out.
    ///
    /// ```swift
    /// let range = try JSONDecoder().decode(LengthRange.self, from: Data(#"{"min": 8}"#.utf8))
    /// ```
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        min = try container.decodeInteger(forKey: .min)
        max = try container.decodeIntegerIfPresent(forKey: .max)
    }

    /// Encodes `{ "min": int, "max": int }`, leaving out an absent `max`.
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(LengthRange(min: 8, max: 16))
    /// ```
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
    }
}
