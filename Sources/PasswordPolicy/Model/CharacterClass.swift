/// A named character class of a policy, such as `lower`, `digits` or `specials`.
///
/// ```swift
/// let digits = CharacterClass(name: "digits", .set("0-9"))
/// ```
///
/// Classes may overlap; a character counts for every class that contains it.
public struct CharacterClass: Sendable, Hashable {
    /// The class's name, unique within its policy; requirements refer to it.
    public var name: String
    /// The characters of the class.
    public var charset: Charset

    /// A class named `name` holding the characters of `charset`.
    ///
    /// ```swift
    /// let specials = CharacterClass(name: "specials", .chars("!@#$%"))
    /// ```
    public init(name: String, _ charset: Charset) {
        self.name = name
        self.charset = charset
    }
}
