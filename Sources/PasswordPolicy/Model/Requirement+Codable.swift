extension Requirement: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case atLeast, of, `class`, min, max
    }

    /// Decodes `{ "atLeast": k, "of": [...] }` or `{ "class": name, "min": n, "max": n }`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.atLeast) {
            try decoder.rejectUnknownKeys(["atLeast", "of"])
            self = .atLeast(try container.decodeInteger(forKey: .atLeast), of: try container.decodeIfPresent([String].self, forKey: .of))
        } else if container.contains(.class) {
            try decoder.rejectUnknownKeys(["class", "min", "max"])
            let min = try container.decodeIntegerIfPresent(forKey: .min)
            let max = try container.decodeIntegerIfPresent(forKey: .max)
            if min == nil, max == nil {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a class requirement needs \"min\" or \"max\""))
            }
            self = .count(class: try container.decode(String.self, forKey: .class), min: min, max: max)
        } else {
            try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a requirement needs \"atLeast\" or \"class\""))
        }
    }

    /// Encodes `{ "atLeast": k, "of": [...] }` or `{ "class": name, "min": n, "max": n }`.
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(Requirement.atLeast(2, of: nil))   // {"atLeast":2}
    /// ```
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .atLeast(let count, let classes):
            try container.encode(count, forKey: .atLeast)
            try container.encodeIfPresent(classes, forKey: .of)
        case .count(let name, let min, let max):
            try container.encode(name, forKey: .class)
            try container.encodeIfPresent(min, forKey: .min)
            try container.encodeIfPresent(max, forKey: .max)
        }
    }
}
