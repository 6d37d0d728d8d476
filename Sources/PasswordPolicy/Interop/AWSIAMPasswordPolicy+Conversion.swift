/// Why a document in a foreign format could not be read: the format, where (line and
/// column, 1-based, when known) and what.
///
/// ```swift
/// do { _ = try AWSIAMPasswordPolicy(json: "{") } catch { print(error) }   // aws-iam: line 1, column 2: ...
/// ```
public struct ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem.
    public enum Code: String, Sendable, Hashable {
        /// The text is not well-formed in its format.
        case syntax
        /// Well-formed, but a value is missing, unknown, of the wrong type or out of range.
        case invalidValue
    }
    /// The kind of problem.
    public var code: Code
    /// The format's name: `aws-iam`, ...
    public var format: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The 1-based column (in characters), when known.
    public var column: Int?
    /// What is wrong.
    public var message: String

    /// `format: line L, column C: message`.
    public var description: String {
        let place = line.map { "line \($0), column \(column ?? 1): " } ?? ""
        return "\(format): \(place)\(message)"
    }
}

extension AWSIAMPasswordPolicy {
    /// Reads the request JSON; unknown parameters, wrong types and out-of-range values are
    /// errors with their line and column.
    ///
    /// ```swift
    /// let iam = try AWSIAMPasswordPolicy(json: #"{"MinimumPasswordLength": 14}"#)
    /// ```
    public init(json text: String) throws(ConversionError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= Policy.maximumFileSize else {
            throw ConversionError(code: .syntax, format: "aws-iam", message: "the document is \(bytes.count) bytes; at most \(Policy.maximumFileSize) are read")
        }
        let document: JSONDocument
        do { document = try StrictJSON.parse(bytes) } catch {
            throw ConversionError(code: .syntax, format: "aws-iam", line: error.line, column: error.column, message: error.message)
        }
        do throws(JSONReadError) {
            let object = try JSONObjectReader(document.root, at: KeyPath())
            try object.rejectUnknownKeys(Self.contentParameterNames + Self.otherParameterNames)
            let minimum = try object.optionalInteger("MinimumPasswordLength")
            if let minimum, !(6...128).contains(minimum) {
                throw JSONReadError(keyPath: KeyPath("MinimumPasswordLength"), message: "must be 6 to 128, not \(minimum)")
            }
            self.init(
                minimumPasswordLength: minimum,
                requireSymbols: try object.optionalBool("RequireSymbols") ?? false,
                requireNumbers: try object.optionalBool("RequireNumbers") ?? false,
                requireUppercaseCharacters: try object.optionalBool("RequireUppercaseCharacters") ?? false,
                requireLowercaseCharacters: try object.optionalBool("RequireLowercaseCharacters") ?? false)
            for name in Self.otherParameterNames {
                if let value = object.value(name) {
                    let valid: Bool = switch value { case .bool: name == "AllowUsersToChangePassword" || name == "HardExpiry"; case .integer: name == "MaxPasswordAge" || name == "PasswordReusePrevention"; default: false }
                    guard valid else { throw JSONValue.mismatch(value, expected: name.hasPrefix("Max") || name.hasPrefix("Password") ? "an integer" : "true or false", at: KeyPath(name)) }
                    otherParameters[name] = value.text(pretty: false)
                }
            }
        } catch {
            let position = document.position(of: error.keyPath)
            throw ConversionError(code: .invalidValue, format: "aws-iam", line: position?.line, column: position?.column, message: "\(error.keyPath): \(error.message)")
        }
    }

    /// The policy IAM enforces with these settings: exact for the password's content; the
    /// other parameters become notes.
    ///
    /// ```swift
    /// let policy = AWSIAMPasswordPolicy(minimumPasswordLength: 12, requireNumbers: true).policy(id: "example.iam")
    /// ```
    public func policy(id: String = "aws.iam.custom") -> Policy {
        let classes = [
            CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "upper", .set("A-Z")),
            CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "symbols", .chars(Self.symbols)),
            CharacterClass(name: "allowed", .set(Self.allowedCharacters)),
        ]
        var requirements: [Requirement] = []
        if requireLowercaseCharacters { requirements.append(.count(class: "lower", min: 1, max: nil)) }
        if requireUppercaseCharacters { requirements.append(.count(class: "upper", min: 1, max: nil)) }
        if requireNumbers { requirements.append(.count(class: "digits", min: 1, max: nil)) }
        if requireSymbols { requirements.append(.count(class: "symbols", min: 1, max: nil)) }
        let notes = Self.otherParameterNames.compactMap { name in
            otherParameters[name].map { "\(name): \($0) (an AWS IAM setting outside the password's content; not checked here)" }
        }
        return Policy(id: id, title: "AWS IAM account password policy", source: "AWS IAM API UpdateAccountPasswordPolicy, API version 2010-05-08, https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html",
                      notes: notes, length: LengthRange(min: minimumLength, max: Self.maximumPasswordLength), classes: classes, requirements: requirements)
    }
}
