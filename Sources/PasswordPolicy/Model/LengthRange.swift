/// Inclusive bounds on a password's length, counted in Unicode scalar values.
public struct LengthRange: Sendable, Hashable {
    public var min: Int
    /// `nil` means no upper bound.
    public var max: Int?

    public init(min: Int, max: Int?) {
        self.min = min
        self.max = max
    }

    /// `range.contains(n)`: whether a password of `n` scalars has an acceptable length.
    public func contains(_ length: Int) -> Bool { length >= min && (max.map { length <= $0 } ?? true) }
}

extension LengthRange: CustomStringConvertible {
    public var description: String {
        guard let max else { return "at least \(min)" }
        return min == max ? "exactly \(min)" : "\(min) to \(max)"
    }
}
