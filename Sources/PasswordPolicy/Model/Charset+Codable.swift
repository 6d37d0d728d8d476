extension Charset: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case chars, set
    }

    /// Decodes `"..."` (a literal list), `{ "chars": "..." }` or `{ "set": "..." }`.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let chars = try? single.decode(String.self) {
            self = .chars(chars)
            return
        }
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        self = try Charset(charsetIn: decoder.container(keyedBy: CodingKeys.self))
    }

    /// Reads `chars` or `set` (exactly one) from a keyed container that may hold other keys.
    init<Key: CodingKey>(charsetIn container: KeyedDecodingContainer<Key>) throws {
        guard let charsKey = Key(stringValue: "chars"), let setKey = Key(stringValue: "set") else {
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "no charset keys"))
        }
        let chars = try container.decodeIfPresent(String.self, forKey: charsKey)
        let set = try container.decodeIfPresent(String.self, forKey: setKey)
        switch (chars, set) {
        case (let chars?, nil): self = .chars(chars)
        case (nil, let set?): self = .set(set)
        case (nil, nil):
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "a charset needs \"chars\" or \"set\""))
        case (.some, .some):
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "a charset takes \"chars\" or \"set\", not both"))
        }
    }

    /// Encodes `{ "chars": ... }` or `{ "set": ... }`.
    ///
    /// ```swift
    /// let json = try JSONEncoder().encode(Charset.set("a-z"))   // {"set":"a-z"}
    /// ```
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try encode(into: &container)
    }

    func encode<Key: CodingKey>(into container: inout KeyedEncodingContainer<Key>) throws {
        switch self {
        case .chars(let chars): if let key = Key(stringValue: "chars") { try container.encode(chars, forKey: key) }
        case .set(let set): if let key = Key(stringValue: "set") { try container.encode(set, forKey: key) }
        }
    }
}
