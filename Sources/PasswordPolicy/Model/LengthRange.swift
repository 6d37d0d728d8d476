/// Inclusive bounds on a password's length, counted in Unicode scalar values.
public struct LengthRange: Sendable, Hashable {
    /// The fewest Unicode scalars a password may have.
    public var min: Int
    /// `nil` means no upper bound.
    public var max: Int?

    /// Bounds from `min` to `max` inclusive; `max: nil` for no upper bound.
    ///
    /// ```swift
    /// let range = LengthRange(min: 8, max: 16)
    /// range.contains(12)   // true
    /// ```
    public init(min: Int, max: Int?) {
        self.min = min
        self.max = max
    }

    /// `range.contains(n)`: whether a password of `n` scalars has an acceptable length.
    public func contains(_ length: Int) -> Bool { length >= min && (max.map { length <= $0 } ?? true) }
}

extension LengthRange: CustomStringConvertible {
    /// `8 to 16`, `exactly 8` or `at least 8`.
    ///
    /// ```swift
    /// LengthRange(min: 8, max: nil).description   // "at least 8"
    /// ```
    public var description: String {
        guard let max else { return "at least \(min)" }
        return min == max ? "exactly \(min)" : "\(min) to \(max)"
    }
}
