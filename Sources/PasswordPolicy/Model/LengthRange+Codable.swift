extension LengthRange: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case min, max
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        min = try container.decodeInteger(forKey: .min)
        max = try container.decodeIntegerIfPresent(forKey: .max)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
    }
}
