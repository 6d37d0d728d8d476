/// A JSON value: what the strict reader produces and what the writer prints.
///
/// Object members keep their order, so a policy written by the library lists its keys in
/// the order of `policy-format.md`, and the same policy is always written the same way.
/// Whole numbers that fit an `Int` are `.integer`; every other number is `.number`.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(text(pretty: false)) }

    /// What the value is, as an error message names it: "an object", "a string", ...
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "true or false"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A parsed document: the value tree, and where each value starts in the text, by key path.
struct JSONDocument: Sendable {
    /// The line and column (1-based; columns count characters) of a value in the text.
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    var root: JSONValue
    /// The start of every value in the document, keyed by its key path's text.
    var positions: [String: Position]

    /// Where the value at `path` starts, when the document has one there.
    func position(of path: KeyPath) -> Position? { positions[path.text] }
}
