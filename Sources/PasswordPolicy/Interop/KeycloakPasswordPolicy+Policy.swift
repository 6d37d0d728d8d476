extension KeycloakPasswordPolicy {
    /// Keycloak's character classes, as PCRE2 class bodies, each limited to the Basic
    /// Multilingual Plane: `lowerCase` (Unicode Lowercase), `upperCase` (Uppercase),
    /// `digits` (Nd), `specialChars` (neither a letter nor Nd), and `bmp`, every character
    /// Keycloak counts as one.
    ///
    /// ```swift
    /// let specials = KeycloakPasswordPolicy.characterClasses[3]   // specialChars
    /// ```
    public static let characterClasses: [CharacterClass] = {
        let outsideBMP = "\\x{10000}-\\x{10FFFF}"
        return [
            CharacterClass(name: "lowerCase", .set("^\\P{Lowercase}" + outsideBMP)),
            CharacterClass(name: "upperCase", .set("^\\P{Uppercase}" + outsideBMP)),
            CharacterClass(name: "digits", .set("^\\P{Nd}" + outsideBMP)),
            CharacterClass(name: "specialChars", .set("^\\p{L}\\p{Nd}" + outsideBMP)),
            CharacterClass(name: "bmp", .set("\\x{0}-\\x{D7FF}\\x{E000}-\\x{FFFF}")),
        ]
    }()

    /// The policy Keycloak enforces with this string, as exactly as the format allows:
    ///
    /// - characters: every character of the Basic Multilingual Plane. Keycloak counts a
    ///   character outside it as two `char`s, each a "special character" and each adding
    ///   one to the length, which a policy counting characters cannot say: such characters
    ///   are left out (stricter), and inside the plane the counts agree exactly;
    /// - `length`/`maxLength` (defaults 8 and 64), and the four counts (default 1), as
    ///   `count` requirements of the classes of ``characterClasses``;
    /// - `notUsername`/`notEmail`: Keycloak refuses a password equal to the username or
    ///   email; here, as `forbidContext`, one that contains it, case-insensitively (stricter);
    /// - `regexPattern(P)`: a forbidden pattern refusing every password P does not match
    ///   whole; P is read as PCRE2, which agrees with Java's syntax for common patterns;
    /// - `passwordBlacklist` and the ids outside the content become notes.
    ///
    /// ```swift
    /// let policy = try KeycloakPasswordPolicy("length(10) and specialChars(2)").policy()
    /// ```
    public func policy(id: String = "keycloak.custom") -> Policy {
        var requirements: [Requirement] = []
        for name in ["lowerCase", "upperCase", "digits", "specialChars"] {
            if let count = integer(name), count > 0 { requirements.append(.count(class: name, min: count, max: nil)) }
        }
        var notes = ["Keycloak counts UTF-16 code units: characters outside the Basic Multilingual Plane (which it counts as two special characters) are not accepted here."]
        var context: [String] = []
        if value("notUsername") != nil {
            context.append("username")
            notes.append("notUsername: Keycloak refuses a password equal to the username; here one containing it, case-insensitively (stricter).")
        }
        if value("notEmail") != nil {
            context.append("email")
            notes.append("notEmail: Keycloak refuses a password equal to the email address; here one containing it, case-insensitively (stricter).")
        }
        var patterns: [ForbiddenPattern] = []
        if let pattern = value("regexPattern")?.value {
            patterns.append(Self.mustMatch(pattern))
            notes.append("regexPattern: a Java regular expression the whole password must match, read as PCRE2.")
        }
        if let list = value("passwordBlacklist") {
            notes.append("\(list.text): a list on the Keycloak server, compared case-insensitively; not checked here.")
        }
        for name in Self.otherPolicyIDs {
            if let entry = value(name) { notes.append("\(entry.text): a Keycloak setting outside the password's content; not checked here.") }
        }
        let length = LengthRange(min: integer("length") ?? 0, max: integer("maxLength"))
        return Policy(id: id, title: "Keycloak password policy", source: "Keycloak Server Administration Guide, Password policies, https://www.keycloak.org/docs/latest/server_admin/#_password-policies",
                      notes: notes, length: length, classes: Self.characterClasses, requirements: requirements,
                      forbidPatterns: patterns, forbidContext: context)
    }
}
