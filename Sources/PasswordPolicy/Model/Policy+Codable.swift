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

    /// Encodes the policy in the file format (the same document as ``Policy/jsonString(prettyPrinted:)``);
    /// keys at their defaults are left out.
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}

extension Policy {
    /// The policy as a JSON document, keys in the order of `policy-format.md`.
    var jsonValue: JSONValue {
        func charset(_ charset: Charset, name: String? = nil) -> JSONValue {
            var members: [(String, JSONValue)] = name.map { [("name", .string($0))] } ?? []
            switch charset {
            case .chars(let chars): members.append(("chars", .string(chars)))
            case .set(let set): members.append(("set", .string(set)))
            }
            return .object(members)
        }
        func bound(_ edge: Charset) -> JSONValue {
            if case .chars(let chars) = edge { return .string(chars) }
            return charset(edge)
        }
        var members: [(String, JSONValue)] = [("format", .integer(format)), ("id", .string(id))]
        if let title { members.append(("title", .string(title))) }
        if let source { members.append(("source", .string(source))) }
        if !notes.isEmpty { members.append(("notes", .array(notes.map(JSONValue.string)))) }
        var lengthMembers: [(String, JSONValue)] = [("min", .integer(length.min))]
        if let max = length.max { lengthMembers.append(("max", .integer(max))) }
        members.append(("length", .object(lengthMembers)))
        members.append(("classes", .array(classes.map { charset($0.charset, name: $0.name) })))
        if allowOther { members.append(("allowOther", .bool(true))) }
        if !require.isEmpty {
            members.append(("require", .array(require.map { requirement in
                switch requirement {
                case .atLeast(let count, let of):
                    var fields: [(String, JSONValue)] = [("atLeast", .integer(count))]
                    if let of { fields.append(("of", .array(of.map(JSONValue.string)))) }
                    return .object(fields)
                case .count(let name, let min, let max):
                    var fields: [(String, JSONValue)] = [("class", .string(name))]
                    if let min { fields.append(("min", .integer(min))) }
                    if let max { fields.append(("max", .integer(max))) }
                    return .object(fields)
                }
            })))
        }
        if let forbidLeading { members.append(("forbidLeading", bound(forbidLeading))) }
        if let forbidTrailing { members.append(("forbidTrailing", bound(forbidTrailing))) }
        if let maxConsecutive { members.append(("maxConsecutive", .integer(maxConsecutive))) }
        if !forbidPatterns.isEmpty {
            members.append(("forbidPatterns", .array(forbidPatterns.map {
                .object([("pattern", .string($0.pattern)), ("code", .string($0.code)), ("message", .string($0.message))])
            })))
        }
        if !forbidContext.isEmpty { members.append(("forbidContext", .array(forbidContext.map(JSONValue.string)))) }
        if optional { members.append(("optional", .bool(true))) }
        return .object(members)
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

    /// The policy as JSON in the file format, keys in the format's order; pretty-printed
    /// with two-space indentation (as the files in `policies/`), or on one line.
    ///
    /// ```swift
    /// let text = policy.jsonString()            // decodes back to an equal policy
    /// ```
    public func jsonString(prettyPrinted: Bool = true) -> String {
        jsonValue.text(pretty: prettyPrinted)
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
