/// A coding key for any string, used to find keys a type does not know.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) { stringValue = string; intValue = nil }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

extension Decoder {
    /// Throws when the current JSON object has a key outside `known`: a misspelt key in a
    /// policy must not be silently ignored.
    func rejectUnknownKeys(_ known: some Sequence<String>) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        let knownSet = Set(known)
        for key in container.allKeys where !knownSet.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown key \"\(key.stringValue)\"; known keys: \(knownSet.sorted().joined(separator: ", "))"
            )
        }
    }
}
