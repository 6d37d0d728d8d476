extension OktaPasswordComplexity {
    /// Reads the complexity object, or a password policy (or its `settings` alone) holding
    /// one at `settings.password.complexity`, where `age` and `lockout` are kept as notes
    /// and the other members of the policy (id, name, conditions, recovery, ...) are not
    /// about passwords' content and are passed over. Unknown complexity keys, wrong types and
    /// counts other than 0 and 1 are errors with their line and column.
    ///
    /// ```swift
    /// let okta = try OktaPasswordComplexity(json: #"{"settings": {"password": {"complexity": {"minLength": 10}}}}"#)
    /// ```
    public init(json text: String) throws(ConversionError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= Policy.maximumFileSize else {
            throw ConversionError(code: .syntax, format: "okta", message: "the document is \(bytes.count) bytes; at most \(Policy.maximumFileSize) are read")
        }
        let document: JSONDocument
        do { document = try StrictJSON.parse(bytes) } catch {
            throw ConversionError(code: .syntax, format: "okta", line: error.line, column: error.column, message: error.message)
        }
        do throws(JSONReadError) {
            var object = try JSONObjectReader(document.root, at: KeyPath())
            var others: [String] = []
            if let settings = object.value("settings") {
                let password = try JSONObjectReader(settings, at: KeyPath("settings")).required("password", expected: "an object")
                let passwordObject = try JSONObjectReader(password, at: KeyPath("settings.password"))
                try passwordObject.rejectUnknownKeys(["complexity", "age", "lockout"])
                for name in ["age", "lockout"] {
                    if let value = passwordObject.value(name) { others.append("settings.password.\(name): \(value.text(pretty: false))") }
                }
                object = try JSONObjectReader(try passwordObject.required("complexity", expected: "an object"), at: KeyPath("settings.password.complexity"))
            }
            try self.init(complexity: object)
            otherSettings = others
        } catch {
            // A missing key has no position: name its object's.
            var path = error.keyPath.text, position = document.position(of: error.keyPath)
            while position == nil, let dot = path.lastIndex(of: ".") {
                path = String(path[..<dot])
                position = document.position(of: KeyPath(path))
            }
            position = position ?? document.position(of: KeyPath())
            throw ConversionError(code: .invalidValue, format: "okta", line: position?.line, column: position?.column, message: "\(error.keyPath): \(error.message)")
        }
    }

    private init(complexity object: JSONObjectReader) throws(JSONReadError) {
        try object.rejectUnknownKeys(["minLength", "minLowerCase", "minUpperCase", "minNumber", "minSymbol", "excludeUsername", "excludeAttributes", "dictionary"])
        func count(_ name: String) throws(JSONReadError) -> Int {
            guard let value = try object.optionalInteger(name) else { return 1 }
            guard value == 0 || value == 1 else { throw JSONReadError(keyPath: object.path.key(name), message: "Okta counts are 0 (no) or 1 (yes), not \(value)") }
            return value
        }
        let minLength = try object.optionalInteger("minLength") ?? 8
        guard (0...PasswordGenerator.maximumLength).contains(minLength) else {
            throw JSONReadError(keyPath: object.path.key("minLength"), message: "must be 0 to \(PasswordGenerator.maximumLength), not \(minLength)")
        }
        let attributes = try object.optionalStrings("excludeAttributes") ?? []
        for (index, name) in attributes.enumerated() where name.isEmpty || attributes[..<index].contains(name) {
            throw JSONReadError(keyPath: object.path.key("excludeAttributes").index(index), message: name.isEmpty ? "an attribute name must not be empty" : "\"\(name)\" is listed twice")
        }
        var common = false
        if let dictionary = object.value("dictionary") {
            let reader = try JSONObjectReader(dictionary, at: object.path.key("dictionary"))
            try reader.rejectUnknownKeys(["common"])
            if let value = reader.value("common") {
                let commonReader = try JSONObjectReader(value, at: reader.path.key("common"))
                try commonReader.rejectUnknownKeys(["exclude"])
                common = try commonReader.optionalBool("exclude") ?? false
            }
        }
        self.init(minLength: minLength, minLowerCase: try count("minLowerCase"), minUpperCase: try count("minUpperCase"),
                  minNumber: try count("minNumber"), minSymbol: try count("minSymbol"), excludeUsername: try object.optionalBool("excludeUsername") ?? true,
                  excludeAttributes: attributes, excludeCommonPasswords: common)
    }
}
