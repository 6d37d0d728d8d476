/// Why a value in a JSON document could not be read as the schema expects: where, and what.
struct JSONReadError: Error, Sendable {
    var keyPath: KeyPath
    var message: String
}

/// Typed, path-aware access to the values of a parsed document, for decoders that check a
/// schema: every error names the key path and what was expected there.
///
/// ```swift
/// let object = try JSONObjectReader(document.root, at: KeyPath())
/// try object.rejectUnknownKeys(["id", "length"])
/// let id = try object.string("id")
/// ```
struct JSONObjectReader {
    /// The largest magnitude any number in a policy may have.
    static let integerLimit = Int(Int32.max)

    let path: KeyPath
    let members: [(String, JSONValue)]

    /// Reads `value` (found at `path`) as an object.
    init(_ value: JSONValue, at path: KeyPath) throws(JSONReadError) {
        guard case .object(let members) = value else { throw JSONValue.mismatch(value, expected: "an object", at: path) }
        self.path = path
        self.members = members
    }

    /// Whether the object has `key` (with any value, null included).
    func contains(_ key: String) -> Bool { members.contains { $0.0.utf8.elementsEqual(key.utf8) } }

    /// The value of `key`, or nil when absent or null (absent and null mean the same for optional keys).
    func value(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.0.utf8.elementsEqual(key.utf8) })?.1, value != .null else { return nil }
        return value
    }

    /// Throws for the first key outside `known`: a misspelt key must not be silently ignored.
    func rejectUnknownKeys(_ known: [String]) throws(JSONReadError) {
        for (key, _) in members where !known.contains(where: { $0.utf8.elementsEqual(key.utf8) }) {
            throw JSONReadError(keyPath: path.key(key), message: "unknown key \"\(key)\"; known keys: \(known.sorted().joined(separator: ", "))")
        }
    }

    /// The value of a required key; a missing or null one is an error.
    func required(_ key: String, expected: String) throws(JSONReadError) -> JSONValue {
        guard let member = members.first(where: { $0.0.utf8.elementsEqual(key.utf8) }) else {
            throw JSONReadError(keyPath: path.key(key), message: "missing required key \"\(key)\"")
        }
        if member.1 == .null { throw JSONReadError(keyPath: path.key(key), message: "expected \(expected), found null") }
        return member.1
    }

    func string(_ key: String) throws(JSONReadError) -> String {
        try JSONValue.string(required(key, expected: "a string"), at: path.key(key))
    }

    func optionalString(_ key: String) throws(JSONReadError) -> String? {
        guard let value = value(key) else { return nil }
        return try JSONValue.string(value, at: path.key(key))
    }

    func integer(_ key: String) throws(JSONReadError) -> Int {
        try JSONValue.integer(required(key, expected: "an integer"), at: path.key(key))
    }

    func optionalInteger(_ key: String) throws(JSONReadError) -> Int? {
        guard let value = value(key) else { return nil }
        return try JSONValue.integer(value, at: path.key(key))
    }

    func optionalBool(_ key: String) throws(JSONReadError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw JSONValue.mismatch(value, expected: "true or false", at: path.key(key)) }
        return flag
    }

    /// The elements of an array-valued key with their paths; nil when absent or null.
    func optionalArray(_ key: String) throws(JSONReadError) -> [(JSONValue, KeyPath)]? {
        guard let value = value(key) else { return nil }
        return try JSONValue.elements(value, at: path.key(key))
    }

    func optionalStrings(_ key: String) throws(JSONReadError) -> [String]? {
        guard let elements = try optionalArray(key) else { return nil }
        var strings: [String] = []
        for (element, elementPath) in elements { strings.append(try JSONValue.string(element, at: elementPath)) }
        return strings
    }
}

extension JSONValue {
    static func mismatch(_ value: JSONValue, expected: String, at path: KeyPath) -> JSONReadError {
        JSONReadError(keyPath: path, message: value == .null ? "expected \(expected), found null" : "expected \(expected)")
    }

    static func string(_ value: JSONValue, at path: KeyPath) throws(JSONReadError) -> String {
        guard case .string(let text) = value else { throw mismatch(value, expected: "a string", at: path) }
        return text
    }

    /// A whole number within ±``JSONObjectReader/integerLimit``; `8.0` reads as 8.
    static func integer(_ value: JSONValue, at path: KeyPath) throws(JSONReadError) -> Int {
        let outOfRange = JSONReadError(keyPath: path, message: "number out of range: at most \(JSONObjectReader.integerLimit) in magnitude")
        switch value {
        case .integer(let integer):
            guard integer.magnitude <= JSONObjectReader.integerLimit else { throw outOfRange }
            return integer
        case .number(let number):
            guard number.rounded() == number else { throw JSONReadError(keyPath: path, message: "expected a whole number, found \(number)") }
            guard number.magnitude <= Double(JSONObjectReader.integerLimit) else { throw outOfRange }
            return Int(number)
        default:
            throw mismatch(value, expected: "an integer", at: path)
        }
    }

    static func elements(_ value: JSONValue, at path: KeyPath) throws(JSONReadError) -> [(JSONValue, KeyPath)] {
        guard case .array(let elements) = value else { throw mismatch(value, expected: "an array", at: path) }
        return elements.enumerated().map { ($0.element, path.index($0.offset)) }
    }
}
