extension KeyedDecodingContainer {
    /// The largest magnitude the format accepts for any number.
    static var integerLimit: Double { Double(Int32.max) }

    /// Decodes a whole number, with errors that say what was wrong with it: decoders tend to
    /// report `8.5` or `1e40` as malformed JSON with no key path.
    func decodeInteger(forKey key: Key) throws -> Int {
        if let value = try? decode(Int.self, forKey: key), Double(value).magnitude <= Self.integerLimit { return value }
        let number: Double
        do {
            number = try decode(Double.self, forKey: key)
        } catch {
            // Not a number at all: let the decoder describe the type mismatch.
            _ = try decode(Int.self, forKey: key)
            throw error
        }
        if number.rounded() != number {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a whole number, found \(number)")
        }
        throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "number out of range: at most \(Int32.max) in magnitude")
    }

    func decodeIntegerIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeInteger(forKey: key)
    }
}
