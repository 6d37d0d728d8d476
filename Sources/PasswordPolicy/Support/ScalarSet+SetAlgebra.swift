extension ScalarSet: SetAlgebra {
    public typealias Element = Unicode.Scalar

    /// A set of the listed scalars: `let vowels: ScalarSet = ["a", "e", "i", "o", "u"]`.
    public init(arrayLiteral scalars: Unicode.Scalar...) { self.init(scalars) }

    /// The scalars in exactly one of the two sets.
    public func symmetricDifference(_ other: ScalarSet) -> ScalarSet {
        subtracting(other).union(other.subtracting(self))
    }

    /// Adds `scalar`; says whether it was new.
    ///
    /// ```swift
    /// var set = ScalarSet("abc".unicodeScalars)
    /// set.insert("d").inserted   // true
    /// ```
    @discardableResult
    public mutating func insert(_ scalar: Unicode.Scalar) -> (inserted: Bool, memberAfterInsert: Unicode.Scalar) {
        if contains(scalar) { return (false, scalar) }
        self = union(ScalarSet(CollectionOfOne(scalar)))
        return (true, scalar)
    }

    /// Removes `scalar`; returns it when it was a member.
    @discardableResult
    public mutating func remove(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard contains(scalar) else { return nil }
        self = subtracting(ScalarSet(CollectionOfOne(scalar)))
        return scalar
    }

    /// Inserts `scalar`; returns it when it was already a member.
    @discardableResult
    public mutating func update(with scalar: Unicode.Scalar) -> Unicode.Scalar? {
        insert(scalar).inserted ? nil : scalar
    }

    public mutating func formUnion(_ other: ScalarSet) { self = union(other) }
    public mutating func formIntersection(_ other: ScalarSet) { self = intersection(other) }
    public mutating func formSymmetricDifference(_ other: ScalarSet) { self = symmetricDifference(other) }
}
