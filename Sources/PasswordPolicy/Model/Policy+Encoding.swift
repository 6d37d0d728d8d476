extension Policy {
    /// The policy as JSON in the file format, keys in the format's order and keys at their
    /// defaults left out; pretty-printed with two-space indentation (as the files in
    /// `policies/`), or on one line.
    ///
    /// ```swift
    /// let text = policy.jsonString()            // decodes back to an equal policy
    /// ```
    public func jsonString(prettyPrinted: Bool = true) -> String {
        jsonValue.text(pretty: prettyPrinted)
    }

    /// The policy as a JSON document, keys in the order of `policy-format.md`.
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("format", .integer(format)), ("id", .string(id))]
        if let title { members.append(("title", .string(title))) }
        if let source { members.append(("source", .string(source))) }
        if !notes.isEmpty { members.append(("notes", .array(notes.map(JSONValue.string)))) }
        members.append(("length", length.jsonValue))
        members.append(("classes", .array(classes.map { .object([("name", .string($0.name))] + $0.charset.jsonMembers) })))
        if allowsOtherCharacters { members.append(("allowOther", .bool(true))) }
        if !requirements.isEmpty { members.append(("require", .array(requirements.map(\.jsonValue)))) }
        if let forbidLeading { members.append(("forbidLeading", forbidLeading.jsonValue)) }
        if let forbidTrailing { members.append(("forbidTrailing", forbidTrailing.jsonValue)) }
        if let maxConsecutive { members.append(("maxConsecutive", .integer(maxConsecutive))) }
        if !forbidPatterns.isEmpty {
            members.append(("forbidPatterns", .array(forbidPatterns.map {
                .object([("pattern", .string($0.pattern)), ("code", .string($0.code)), ("message", .string($0.message))])
            })))
        }
        if !forbidContext.isEmpty { members.append(("forbidContext", .array(forbidContext.map(JSONValue.string)))) }
        if isOptional { members.append(("optional", .bool(true))) }
        if let normalization { members.append(("normalize", .string(normalization.rawValue))) }
        if !forbidLists.isEmpty { members.append(("forbidList", .array(forbidLists.map(\.jsonValue)))) }
        return .object(members)
    }
}

extension LengthRange {
    var jsonValue: JSONValue {
        .object([("min", .integer(min))] + (max.map { [("max", JSONValue.integer($0))] } ?? []))
    }
}

extension Charset {
    /// `{ "chars": ... }` or `{ "set": ... }`'s one member.
    var jsonMembers: [(String, JSONValue)] {
        switch self {
        case .chars(let chars): [("chars", .string(chars))]
        case .set(let set): [("set", .string(set))]
        }
    }

    /// A charset where one stands alone (`forbidLeading`): a literal list as a bare string.
    var jsonValue: JSONValue {
        if case .chars(let chars) = self { return .string(chars) }
        return .object(jsonMembers)
    }
}

extension Requirement {
    var jsonValue: JSONValue {
        switch self {
        case .atLeast(let count, let of):
            return .object([("atLeast", .integer(count))] + (of.map { [("of", JSONValue.array($0.map(JSONValue.string)))] } ?? []))
        case .count(let name, let min, let max):
            var fields: [(String, JSONValue)] = [("class", .string(name))]
            if let min { fields.append(("min", .integer(min))) }
            if let max { fields.append(("max", .integer(max))) }
            return .object(fields)
        }
    }
}
