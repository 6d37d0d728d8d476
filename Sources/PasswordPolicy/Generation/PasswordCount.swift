/// An unsigned integer of any size: the exact number of passwords a policy accepts.
///
/// Counts of compliant passwords pass 2^64 at about ten characters, so
/// ``PasswordGenerator/count(length:)`` returns one of these. It is a small value type
/// with what counting and sampling need: addition, multiplication, comparison, division
/// by a machine word (for printing), conversion to `Double` and `log2`, and a uniform
/// random value below a bound.
///
/// ```swift
/// let generator = try PasswordGenerator(compiled)
/// let count = generator.count(length: 16)       // e.g. 37157429083410091685945089785856
/// print(count, count.bitWidth, count.log2)      // exact decimal, bits, entropy
/// let tenth = count.quotientAndRemainder(dividingBy: 10).quotient
/// ```
public struct PasswordCount: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Little-endian 64-bit words with no zero word at the top; zero has no words.
    public private(set) var words: [UInt64]

    /// Zero.
    public init() { words = [] }

    /// The value of a `UInt64`.
    ///
    /// ```swift
    /// let count = PasswordCount(94)
    /// ```
    public init(_ value: UInt64) { words = value == 0 ? [] : [value] }

    /// The value of an integer literal: `let one: PasswordCount = 1`.
    public init(integerLiteral value: UInt64) { self.init(value) }

    /// The value of a non-negative `Int`, or nil for a negative one.
    public init?(exactly value: Int) {
        guard value >= 0 else { return nil }
        self.init(UInt64(value))
    }

    /// The value whose little-endian 64-bit words are `words` (zero words at the top are dropped).
    public init(words: some Sequence<UInt64>) {
        self.words = Array(words)
        normalize()
    }

    /// Parses a decimal number (digits only); nil for anything else.
    public init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        var value = PasswordCount()
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value.multiply(by: 10)
            value.add(UInt64(byte - 0x30))
        }
        self = value
    }

    private mutating func normalize() {
        while let last = words.last, last == 0 { words.removeLast() }
    }

    /// Whether the value is zero.
    public var isZero: Bool { words.isEmpty }

    /// The number of significant bits: 0 for zero, 1 for one, 65 for 2^64.
    public var bitWidth: Int {
        guard let top = words.last else { return 0 }
        return words.count * 64 - top.leadingZeroBitCount
    }

    /// The value as a `UInt64`, or nil when it does not fit.
    public var uint64Value: UInt64? {
        switch words.count {
        case 0: return 0
        case 1: return words[0]
        default: return nil
        }
    }

    // MARK: Arithmetic

    /// Adds a machine word in place.
    mutating func add(_ value: UInt64) {
        var carry = value
        var index = 0
        while carry != 0 {
            if index == words.count { words.append(carry); return }
            let (sum, overflow) = words[index].addingReportingOverflow(carry)
            words[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
    }

    /// Multiplies in place by a machine word.
    mutating func multiply(by factor: UInt64) {
        if factor == 0 { words.removeAll(); return }
        var carry: UInt64 = 0
        for index in words.indices {
            let (high, low) = words[index].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            words[index] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
    }

    /// The sum.
    ///
    /// ```swift
    /// let total = try generator.count(length: 8) + generator.count(length: 9)
    /// ```
    static func + (lhs: PasswordCount, rhs: PasswordCount) -> PasswordCount {
        var result = lhs
        result += rhs
        return result
    }

    /// Adds `rhs` to `lhs`.
    static func += (lhs: inout PasswordCount, rhs: PasswordCount) {
        if lhs.words.count < rhs.words.count {
            lhs.words.append(contentsOf: repeatElement(0, count: rhs.words.count - lhs.words.count))
        }
        var carry = false
        for index in lhs.words.indices {
            if index >= rhs.words.count, !carry { break }
            let addend = index < rhs.words.count ? rhs.words[index] : 0
            let (partial, overflow1) = lhs.words[index].addingReportingOverflow(addend)
            let (sum, overflow2) = partial.addingReportingOverflow(carry ? 1 : 0)
            lhs.words[index] = sum
            carry = overflow1 || overflow2
        }
        if carry { lhs.words.append(1) }
    }

    /// The product with a `UInt64`.
    ///
    /// ```swift
    /// let pairs = PasswordCount(94) * 94   // 8836
    /// ```
    static func * (lhs: PasswordCount, rhs: UInt64) -> PasswordCount {
        var result = lhs
        result.multiply(by: rhs)
        return result
    }

    /// The product.
    static func * (lhs: PasswordCount, rhs: PasswordCount) -> PasswordCount {
        if lhs.isZero || rhs.isZero { return PasswordCount() }
        var result = [UInt64](repeating: 0, count: lhs.words.count + rhs.words.count)
        for (i, a) in lhs.words.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in rhs.words.enumerated() {
                let (high, low) = a.multipliedFullWidth(by: b)
                let (sum1, overflow1) = result[i + j].addingReportingOverflow(low)
                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                result[i + j] = sum2
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            result[i + rhs.words.count] = carry
        }
        return PasswordCount(words: result)
    }

    /// Multiplies `lhs` by `rhs`.
    static func *= (lhs: inout PasswordCount, rhs: PasswordCount) { lhs = lhs * rhs }

    /// `self - other`, or nil when `other` is larger.
    func subtracting(_ other: PasswordCount) -> PasswordCount? {
        guard other <= self else { return nil }
        var result = words
        var borrow = false
        for index in result.indices {
            if index >= other.words.count, !borrow { break }
            let subtrahend = index < other.words.count ? other.words[index] : 0
            let (partial, overflow1) = result[index].subtractingReportingOverflow(subtrahend)
            let (difference, overflow2) = partial.subtractingReportingOverflow(borrow ? 1 : 0)
            result[index] = difference
            borrow = overflow1 || overflow2
        }
        return PasswordCount(words: result)
    }

    /// Division by a non-zero machine word.
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: PasswordCount, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        var quotient = [UInt64](repeating: 0, count: words.count)
        var remainder: UInt64 = 0
        for index in words.indices.reversed() {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: words[index]))
            quotient[index] = q
            remainder = r
        }
        return (PasswordCount(words: quotient), remainder)
    }

    // MARK: Comparison

    /// Whether `lhs` is smaller than `rhs`.
    public static func < (lhs: PasswordCount, rhs: PasswordCount) -> Bool {
        if lhs.words.count != rhs.words.count { return lhs.words.count < rhs.words.count }
        for index in lhs.words.indices.reversed() where lhs.words[index] != rhs.words[index] {
            return lhs.words[index] < rhs.words[index]
        }
        return false
    }

    // MARK: Printing and conversion

    /// The decimal digits.
    public var description: String {
        if isZero { return "0" }
        // Peel off 19 decimal digits at a time.
        var chunks: [UInt64] = []
        var value = self
        while !value.isZero {
            let (quotient, remainder) = value.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
            chunks.append(remainder)
            value = quotient
        }
        var text = String(chunks[chunks.count - 1])
        for chunk in chunks.dropLast().reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// The nearest `Double` (rounded toward zero below the top 64 bits); `.infinity` beyond its range.
    public var doubleValue: Double {
        guard let top = words.last else { return 0 }
        if words.count == 1 { return Double(top) }
        // The top 128 bits carry far more precision than a Double holds.
        let next = words[words.count - 2]
        let value = Double(top) * 18_446_744_073_709_551_616.0 + Double(next)
        let exponent = (words.count - 2) * 64
        if exponent > Double.greatestFiniteMagnitude.exponent { return .infinity }
        return Double(sign: .plus, exponent: exponent, significand: value)
    }

    /// The base-2 logarithm; `-infinity` for zero. Exact to `Double` precision at any size.
    public var log2: Double {
        guard let top = words.last else { return -.infinity }
        // value = top-two-words * 2^(64 * (count - 2)), when there are two or more words.
        if words.count == 1 { return PasswordCount.log2(Double(top)) }
        let next = words[words.count - 2]
        let leading = Double(top) * 18_446_744_073_709_551_616.0 + Double(next)
        return PasswordCount.log2(leading) + Double((words.count - 2) * 64)
    }

    /// log2 of a positive finite `Double`, computed with the standard library alone:
    /// x = m * 2^e with m in [1, 2); ln m = 2 atanh((m - 1) / (m + 1)) by its series.
    static func log2(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : x }
        let exponent = Double(x.exponent)
        let m = x.significand
        let z = (m - 1) / (m + 1)   // 0 <= z < 1/3
        let z2 = z * z
        var term = z
        var sum = 0.0
        var k = 1.0
        while true {
            let next = sum + term / k
            if next == sum { break }
            sum = next
            term *= z2
            k += 2
        }
        return exponent + 2 * sum / 0.693_147_180_559_945_309_417_232_121_458_176_568
    }

    // MARK: Randomness

    /// A uniformly random value in `0 ..< bound`, by rejection on whole words: the top word
    /// is masked to the bound's bit width, so each try succeeds with probability above 1/2.
    /// There is no modulo bias. `bound` must not be zero.
    static func random<R: RandomNumberGenerator>(below bound: PasswordCount, using generator: inout R) -> PasswordCount {
        precondition(!bound.isZero, "random(below:) needs a positive bound")
        let count = bound.words.count
        let topMask = UInt64.max >> UInt64(bound.words[count - 1].leadingZeroBitCount)
        var words = [UInt64](repeating: 0, count: count)
        while true {
            for index in 0..<count { words[index] = generator.next() }
            words[count - 1] &= topMask
            let candidate = PasswordCount(words: words)
            if candidate < bound { return candidate }
        }
    }
}
