extension Policy {
    /// The largest policy file the library reads.
    public static let maximumFileSize = 1 << 20

    /// The keys of format 1, in the order of `policy-format.md` (and of written files).
    static let formatKeys = [
        "format", "id", "title", "source", "notes", "length", "classes", "allowOther", "require",
        "forbidLeading", "forbidTrailing", "maxConsecutive", "forbidPatterns", "forbidContext", "optional",
        "normalize", "forbidList",
    ]

    /// Decodes a policy from the UTF-8 bytes of a JSON document.
    ///
    /// The document is read once, strictly (RFC 8259, no duplicate keys, no unpaired
    /// surrogate escapes, at most 64 levels deep, at most 1 MiB); every error names the key
    /// path and, for syntax, the line and column. Unknown keys are errors; absent optional
    /// keys take the format's defaults; a `format` newer than ``Policy/currentFormat`` is
    /// refused before anything else is read. The result is decoded but not yet checked for
    /// meaning: ``CompiledPolicy/init(_:)`` and ``Policy/lint()`` do that.
    ///
    /// ```swift
    /// let policy = try Policy(json: Array(#"{"id": "a.b", "length": {"min": 8}, "classes": [{"name": "d", "set": "0-9"}]}"#.utf8))
    /// ```
    public init(json bytes: some Collection<UInt8>) throws(PolicyError) {
        guard bytes.count <= Policy.maximumFileSize else {
            throw PolicyError(keyPath: "", "the policy is \(bytes.count) bytes; at most \(Policy.maximumFileSize) are read")
        }
        let document: JSONDocument
        do {
            document = try StrictJSON.parse(Array(bytes))
        } catch {
            throw PolicyError([PolicyProblem(keyPath: error.keyPath, message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)")])
        }
        do {
            self = try Policy(decoding: document.root)
        } catch {
            throw PolicyError([PolicyProblem(keyPath: error.keyPath.text, message: error.message)])
        }
    }

    /// Decodes a policy from JSON text.
    public init(json text: String) throws(PolicyError) {
        try self.init(json: Array(text.utf8))
    }

    /// Decodes format 1 from a parsed document; throws the first schema problem.
    init(decoding root: JSONValue) throws(JSONReadError) {
        let object = try JSONObjectReader(root, at: KeyPath())
        let format = try object.optionalInteger("format") ?? 1
        if format > Policy.currentFormat {
            throw JSONReadError(keyPath: KeyPath("format"), message: "format \(format) is newer than this library understands (it reads format \(Policy.currentFormat))")
        }
        try object.rejectUnknownKeys(Policy.formatKeys)
        let id = try object.string("id")
        let title = try object.optionalString("title")
        let source = try object.optionalString("source")
        let notes = try object.optionalStrings("notes") ?? []
        let length = try LengthRange(decoding: object.required("length", expected: "an object"), at: KeyPath("length"))
        var classes: [CharacterClass] = []
        for (value, path) in try JSONValue.elements(object.required("classes", expected: "an array"), at: KeyPath("classes")) {
            classes.append(try CharacterClass(decoding: value, at: path))
        }
        let allowOther = try object.optionalBool("allowOther") ?? false
        var requirements: [Requirement] = []
        for (value, path) in try object.optionalArray("require") ?? [] {
            requirements.append(try Requirement(decoding: value, at: path))
        }
        let forbidLeading = try object.value("forbidLeading").map { value throws(JSONReadError) in try Charset(decoding: value, at: KeyPath("forbidLeading")) }
        let forbidTrailing = try object.value("forbidTrailing").map { value throws(JSONReadError) in try Charset(decoding: value, at: KeyPath("forbidTrailing")) }
        let maxConsecutive = try object.optionalInteger("maxConsecutive")
        var forbidPatterns: [ForbiddenPattern] = []
        for (value, path) in try object.optionalArray("forbidPatterns") ?? [] {
            forbidPatterns.append(try ForbiddenPattern(decoding: value, at: path))
        }
        self.init(
            format: format, id: id, title: title, source: source, notes: notes, length: length, classes: classes,
            allowsOtherCharacters: allowOther, requirements: requirements, forbidLeading: forbidLeading,
            forbidTrailing: forbidTrailing, maxConsecutive: maxConsecutive, forbidPatterns: forbidPatterns,
            forbidContext: try object.optionalStrings("forbidContext") ?? [],
            isOptional: try object.optionalBool("optional") ?? false,
            normalization: try Policy.normalization(in: object),
            forbidLists: try Policy.forbidLists(in: object))
    }
}

extension LengthRange {
    /// Decodes `{ "min": int, "max": int }`; `max` may be left out.
    init(decoding value: JSONValue, at path: KeyPath) throws(JSONReadError) {
        let object = try JSONObjectReader(value, at: path)
        try object.rejectUnknownKeys(["min", "max"])
        self.init(min: try object.integer("min"), max: try object.optionalInteger("max"))
    }
}

extension Charset {
    /// Decodes `"..."` (a literal list), `{ "chars": "..." }` or `{ "set": "..." }`.
    init(decoding value: JSONValue, at path: KeyPath) throws(JSONReadError) {
        if case .string(let chars) = value {
            self = .chars(chars)
            return
        }
        let object = try JSONObjectReader(value, at: path)
        try object.rejectUnknownKeys(["chars", "set"])
        try self.init(charsetIn: object)
    }

    /// Reads `chars` or `set` (exactly one) from an object that may hold other keys.
    init(charsetIn object: JSONObjectReader) throws(JSONReadError) {
        switch (try object.optionalString("chars"), try object.optionalString("set")) {
        case (let chars?, nil): self = .chars(chars)
        case (nil, let set?): self = .set(set)
        case (nil, nil): throw JSONReadError(keyPath: object.path, message: "a charset needs \"chars\" or \"set\"")
        case (.some, .some): throw JSONReadError(keyPath: object.path, message: "a charset takes \"chars\" or \"set\", not both")
        }
    }
}

extension CharacterClass {
    /// Decodes `{ "name": "digits", "set": "0-9" }` or `{ "name": ..., "chars": ... }`.
    init(decoding value: JSONValue, at path: KeyPath) throws(JSONReadError) {
        let object = try JSONObjectReader(value, at: path)
        try object.rejectUnknownKeys(["name", "chars", "set"])
        self.init(name: try object.string("name"), try Charset(charsetIn: object))
    }
}

extension Requirement {
    /// Decodes `{ "atLeast": k, "of": [...] }` or `{ "class": name, "min": n, "max": n }`.
    init(decoding value: JSONValue, at path: KeyPath) throws(JSONReadError) {
        let object = try JSONObjectReader(value, at: path)
        if object.contains("atLeast") {
            try object.rejectUnknownKeys(["atLeast", "of"])
            self = .atLeast(try object.integer("atLeast"), of: try object.optionalStrings("of"))
        } else if object.contains("class") {
            try object.rejectUnknownKeys(["class", "min", "max"])
            let min = try object.optionalInteger("min")
            let max = try object.optionalInteger("max")
            if min == nil, max == nil { throw JSONReadError(keyPath: path, message: "a class requirement needs \"min\" or \"max\"") }
            self = .count(class: try object.string("class"), min: min, max: max)
        } else {
            try object.rejectUnknownKeys(["atLeast", "of", "class", "min", "max"])
            throw JSONReadError(keyPath: path, message: "a requirement needs \"atLeast\" or \"class\"")
        }
    }
}

extension ForbiddenPattern {
    /// Decodes `{ "pattern": ..., "code": ..., "message": ... }`; all three are required.
    init(decoding value: JSONValue, at path: KeyPath) throws(JSONReadError) {
        let object = try JSONObjectReader(value, at: path)
        try object.rejectUnknownKeys(["pattern", "code", "message"])
        self.init(pattern: try object.string("pattern"), code: try object.string("code"), message: try object.string("message"))
    }
}
