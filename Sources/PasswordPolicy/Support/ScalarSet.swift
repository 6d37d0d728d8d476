/// A set of Unicode scalar values kept as sorted, disjoint, non-adjacent closed ranges.
///
/// The library never writes one of these by hand: every set it uses for a class or a
/// leading/trailing rule is read off PCRE2's answers (see `CharsetCompiler`).
public struct ScalarSet: Sendable, Hashable {
    /// Sorted, disjoint and non-adjacent ranges of scalar values.
    public private(set) var ranges: [ClosedRange<UInt32>]

    /// The empty set.
    ///
    /// ```swift
    /// ScalarSet().isEmpty   // true
    /// ```
    public init() { ranges = [] }

    /// Builds a set from ranges in any order; overlapping and adjacent ranges are merged.
    public init(ranges input: some Sequence<ClosedRange<UInt32>>) {
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1, last.upperBound != .max {
                if range.upperBound > last.upperBound {
                    merged[merged.count - 1] = last.lowerBound...range.upperBound
                }
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }

    /// The set of the given scalars.
    public init(_ scalars: some Sequence<Unicode.Scalar>) {
        self.init(ranges: scalars.map { $0.value...$0.value })
    }

    /// Whether the set has no member.
    public var isEmpty: Bool { ranges.isEmpty }

    /// The number of scalar values in the set.
    public var count: Int { ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 } }

    /// Whether the scalar value `value` is a member.
    ///
    /// ```swift
    /// ScalarSet(ranges: [0x30...0x39]).contains(0x35)   // true
    /// ```
    public func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if value < range.lowerBound { high = mid } else if value > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// Whether `scalar` is a member.
    ///
    /// ```swift
    /// ScalarSet("abc".unicodeScalars).contains("b")   // true
    /// ```
    public func contains(_ scalar: Unicode.Scalar) -> Bool { contains(scalar.value) }

    /// The members of either set.
    ///
    /// ```swift
    /// let alphanumerics = letters.union(digits)
    /// ```
    public func union(_ other: ScalarSet) -> ScalarSet { ScalarSet(ranges: ranges + other.ranges) }

    /// The members of both sets.
    ///
    /// ```swift
    /// let common = compiled.classMembers[0].intersection(compiled.classMembers[1])
    /// ```
    public func intersection(_ other: ScalarSet) -> ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        var i = 0, j = 0
        while i < ranges.count, j < other.ranges.count {
            let a = ranges[i], b = other.ranges[j]
            let low = max(a.lowerBound, b.lowerBound), high = min(a.upperBound, b.upperBound)
            if low <= high { result.append(low...high) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        var set = ScalarSet()
        set.ranges = result
        return set
    }

    /// The members of this set that are not in `other`.
    ///
    /// ```swift
    /// let lettersWithoutVowels = letters.subtracting(ScalarSet("aeiou".unicodeScalars))
    /// ```
    public func subtracting(_ other: ScalarSet) -> ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        var j = 0
        for range in ranges {
            var low = range.lowerBound
            var exhausted = false
            while j < other.ranges.count, other.ranges[j].upperBound < low { j += 1 }
            var k = j
            while k < other.ranges.count, other.ranges[k].lowerBound <= range.upperBound {
                let cut = other.ranges[k]
                if cut.lowerBound > low { result.append(low...(cut.lowerBound - 1)) }
                if cut.upperBound >= range.upperBound { exhausted = true; break }
                low = cut.upperBound + 1
                k += 1
            }
            if !exhausted { result.append(low...range.upperBound) }
        }
        var set = ScalarSet()
        set.ranges = result
        return set
    }

    /// Whether every member is also in `other`.
    ///
    /// ```swift
    /// digits.isSubset(of: compiled.classUnion)
    /// ```
    public func isSubset(of other: ScalarSet) -> Bool { subtracting(other).isEmpty }

    /// The scalars of the set in ascending order.
    public var scalars: some Sequence<Unicode.Scalar> {
        ranges.lazy.flatMap { $0 }.compactMap(Unicode.Scalar.init)
    }

    /// The body of a PCRE2 character class (what stands between `[` and `]`) that matches
    /// exactly this set, written with `\x{...}` escapes so that nothing in it is special.
    public var pcre2ClassBody: String {
        var body = ""
        for range in ranges {
            body += "\\x{" + String(range.lowerBound, radix: 16) + "}"
            if range.upperBound != range.lowerBound {
                body += "-\\x{" + String(range.upperBound, radix: 16) + "}"
            }
        }
        return body
    }
}
