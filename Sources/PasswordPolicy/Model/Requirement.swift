/// A rule about which classes a password draws from.
///
/// ```swift
/// // At least 3 of the four classes must each contribute a character.
/// let threeOfFour: Requirement = .atLeast(3, of: ["lower", "upper", "digits", "specials"])
/// // Between 2 and 4 digits.
/// let digits: Requirement = .count(class: "digits", min: 2, max: 4)
/// ```
public enum Requirement: Sendable, Hashable {
    /// At least `count` of the named classes each contribute at least one character.
    /// `nil` for `classes` means every class of the policy.
    case atLeast(Int, of: [String]?)
    /// The number of characters from one class lies within `min...max` (either may be absent).
    case count(class: String, min: Int?, max: Int?)
}
