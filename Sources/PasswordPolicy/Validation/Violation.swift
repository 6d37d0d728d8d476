/// One way a password fails a policy.
///
/// `message` is a sentence for people and never contains the password or any part of it;
/// `detail` carries what a program needs (positions, class names, counts).
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// The stable code: match on it.
    public var code: ViolationCode
    /// A sentence for people; it never contains the password.
    public var message: String
    /// Structured facts about the violation: positions, classes, runs.
    public var detail: Detail

    /// A violation; the validator makes these, tests and tools may too.
    ///
    /// ```swift
    /// let violation = Violation(code: .lengthShort, message: "too short")
    /// ```
    public init(code: ViolationCode, message: String, detail: Detail = .none) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// What a program needs to act on a violation. Positions count Unicode scalars from 1.
    public enum Detail: Sendable, Hashable {
        /// Nothing beyond the code and the message (`password.missing`, the first and
        /// last character rules).
        case none
        /// `length.short` / `length.long`: the password's length and the bound it misses.
        case length(actual: Int, bound: Int)
        /// `charset.disallowed`: the 1-based positions of every character in no class.
        case positions([Int])
        /// `classes.insufficient`: how many classes were required, which were present and missing.
        case classes(required: Int, present: [String], missing: [String])
        /// `class.tooFew` / `class.tooMany`: the class, its count, and the bound it misses.
        case classCount(name: String, count: Int, bound: Int)
        /// `consecutive.exceeded`: each run too long, by 1-based start and length.
        case runs([Run], limit: Int)
        /// `pattern.forbidden`: the entry's own code.
        case pattern(code: String)
        /// `context.contained`: the name of the context value found.
        case context(name: String)
        /// `encoding.invalid`: the byte offset (from 0) of the first invalid byte.
        case byteOffset(Int)
        /// `blocklist.contained`: the `forbidList` entry's code (its list's name when it has
        /// none) and the name of the list that holds the whole password.
        case blocklist(code: String, list: String)
    }

    /// A run of one repeated character.
    public struct Run: Sendable, Hashable {
        /// Where the run starts: the 1-based position of its first character.
        public var position: Int
        /// How many times the character repeats.
        public var length: Int
        /// A run of `length` equal characters starting at `position`.
        ///
        /// ```swift
        /// let run = Violation.Run(position: 3, length: 4)
        /// ```
        public init(position: Int, length: Int) { self.position = position; self.length = length }
    }
}
