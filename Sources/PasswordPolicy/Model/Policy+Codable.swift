import FoundationEssentials

extension Policy: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, id, title, source, notes, length, classes, allowOther, require
        case forbidLeading, forbidTrailing, maxConsecutive, forbidPatterns, forbidContext, optional
    }

    /// Decodes format 1 of `policy-format.md`. Unknown keys are errors; absent optional
    /// keys take the format's defaults. A `format` newer than ``Policy/currentFormat`` is
    /// refused before anything else is read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decodeIntegerIfPresent(forKey: .format) ?? 1
        if format > Policy.currentFormat {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "format \(format) is newer than this library understands (it reads format \(Policy.currentFormat))"
            )
        }
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
        length = try container.decode(LengthRange.self, forKey: .length)
        classes = try container.decode([CharacterClass].self, forKey: .classes)
        allowOther = try container.decodeIfPresent(Bool.self, forKey: .allowOther) ?? false
        require = try container.decodeIfPresent([Requirement].self, forKey: .require) ?? []
        forbidLeading = try container.decodeIfPresent(Charset.self, forKey: .forbidLeading)
        forbidTrailing = try container.decodeIfPresent(Charset.self, forKey: .forbidTrailing)
        maxConsecutive = try container.decodeIntegerIfPresent(forKey: .maxConsecutive)
        forbidPatterns = try container.decodeIfPresent([ForbiddenPattern].self, forKey: .forbidPatterns) ?? []
        forbidContext = try container.decodeIfPresent([String].self, forKey: .forbidContext) ?? []
        optional = try container.decodeIfPresent(Bool.self, forKey: .optional) ?? false
    }

    /// Encodes the policy in the file format; keys at their defaults are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(source, forKey: .source)
        if !notes.isEmpty { try container.encode(notes, forKey: .notes) }
        try container.encode(length, forKey: .length)
        try container.encode(classes, forKey: .classes)
        if allowOther { try container.encode(allowOther, forKey: .allowOther) }
        if !require.isEmpty { try container.encode(require, forKey: .require) }
        try container.encodeIfPresent(forbidLeading, forKey: .forbidLeading)
        try container.encodeIfPresent(forbidTrailing, forKey: .forbidTrailing)
        try container.encodeIfPresent(maxConsecutive, forKey: .maxConsecutive)
        if !forbidPatterns.isEmpty { try container.encode(forbidPatterns, forKey: .forbidPatterns) }
        if !forbidContext.isEmpty { try container.encode(forbidContext, forKey: .forbidContext) }
        if optional { try container.encode(optional, forKey: .optional) }
    }
}

extension Policy {
    /// The largest policy file the library reads.
    public static let maximumFileSize = 1 << 20

    /// Decodes a policy from the UTF-8 bytes of a JSON document.
    ///
    /// The document is first checked strictly (RFC 8259, no duplicate keys, no unpaired
    /// surrogate escapes, at most 64 levels deep, at most 1 MiB); every error names the key
    /// path and, for syntax, the line and column. The result is decoded but not yet
    /// checked for meaning: ``CompiledPolicy/init(_:)`` and ``Policy/lint()`` do that.
    ///
    /// ```swift
    /// let policy = try Policy(json: Array(#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}]}"#.utf8))
    /// ```
    public init(json bytes: some Collection<UInt8>) throws(PolicyError) {
        guard bytes.count <= Policy.maximumFileSize else {
            throw PolicyError(keyPath: "", "the policy is \(bytes.count) bytes; at most \(Policy.maximumFileSize) are read")
        }
        let array = Array(bytes)
        do {
            try StrictJSON.check(array)
        } catch {
            throw PolicyError([PolicyProblem(keyPath: error.keyPath, message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)")])
        }
        do {
            self = try JSONDecoder().decode(Policy.self, from: Data(array))
        } catch let error as DecodingError {
            throw PolicyError([PolicyProblem(decodingError: error)])
        } catch {
            throw PolicyError(keyPath: "", "cannot decode the policy: \(error)")
        }
    }

    /// Decodes a policy from JSON text.
    public init(json text: String) throws(PolicyError) {
        try self.init(json: Array(text.utf8))
    }

    /// The policy as JSON in the file format, keys in the format's order.
    public func jsonString(prettyPrinted: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted ? [.prettyPrinted, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        // Encoding plain strings, integers and arrays cannot fail.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension PolicyProblem {
    /// Translates a decoder's error into a key path and a sentence.
    init(decodingError: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> KeyPath {
            codingPath.reduce(KeyPath()) { path, key in
                if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == String(index) {
                    return path.index(index)
                }
                return path.key(key.stringValue)
            }
        }
        func jsonType(_ type: Any.Type) -> String {
            switch type {
            case is Int.Type: "an integer"
            case is String.Type: "a string"
            case is Bool.Type: "true or false"
            case is [Any].Type, is [String].Type: "an array"
            default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
            }
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            self.init(keyPath: path(context.codingPath).text, message: "expected \(jsonType(type))")
        case .valueNotFound(let type, let context):
            self.init(keyPath: path(context.codingPath).text, message: "expected \(jsonType(type)), found null")
        case .keyNotFound(let key, let context):
            self.init(keyPath: path(context.codingPath).key(key.stringValue).text, message: "missing required key \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            let message = context.debugDescription.contains("not valid JSON") ? "malformed JSON" : context.debugDescription
            // Numbers that do not fit are reported by the decoder as corrupted data.
            self.init(keyPath: path(context.codingPath).text, message: message.contains("does not fit") ? "number out of range: \(message)" : message)
        @unknown default:
            self.init(keyPath: "", message: "cannot decode the policy")
        }
    }
}
