/// Fixed-width unsigned arithmetic on little-endian 64-bit words, in place and without
/// allocating: the inner loops of exact counting and sampling.
///
/// Every function works on exactly `count` words of each operand; callers size the
/// buffers so that no result can exceed them (a count of passwords of length `n` over an
/// alphabet of `N` characters is below `N^n`, see ``CountTable/stride(for:)``).
enum Limbs {
    /// `destination += source * factor` over `destinationCount` words; `source` has
    /// `sourceCount <= destinationCount` words. Returns the carry out of the top word
    /// (zero whenever the caller's bound holds).
    @inline(__always)
    @discardableResult
    static func addProduct(_ destination: UnsafeMutablePointer<UInt64>, _ destinationCount: Int,
                           _ source: UnsafePointer<UInt64>, _ sourceCount: Int, _ factor: UInt64) -> UInt64 {
        var carry: UInt64 = 0
        var index = 0
        while index < sourceCount {
            let (high, low) = source[index].multipliedFullWidth(by: factor)
            let (sum1, overflow1) = destination[index].addingReportingOverflow(low)
            let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
            destination[index] = sum2
            carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            index += 1
        }
        while carry != 0, index < destinationCount {
            let (sum, overflow) = destination[index].addingReportingOverflow(carry)
            destination[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
        return carry
    }

    /// `destination = source * factor`, `destination` having `destinationCount >= sourceCount` words.
    @inline(__always)
    static func setProduct(_ destination: UnsafeMutablePointer<UInt64>, _ destinationCount: Int,
                           _ source: UnsafePointer<UInt64>, _ sourceCount: Int, _ factor: UInt64) {
        var carry: UInt64 = 0
        var index = 0
        while index < sourceCount {
            let (high, low) = source[index].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            destination[index] = sum
            carry = high &+ (overflow ? 1 : 0)
            index += 1
        }
        if index < destinationCount {
            destination[index] = carry
            index += 1
        }
        while index < destinationCount {
            destination[index] = 0
            index += 1
        }
    }

    /// Whether `a < b`, both `count` words.
    @inline(__always)
    static func less(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ count: Int) -> Bool {
        var index = count - 1
        while index >= 0 {
            if a[index] != b[index] { return a[index] < b[index] }
            index -= 1
        }
        return false
    }

    /// `a -= b`, both `count` words, `a >= b`.
    @inline(__always)
    static func subtract(_ a: UnsafeMutablePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ count: Int) {
        var borrow = false
        for index in 0..<count {
            let (partial, overflow1) = a[index].subtractingReportingOverflow(b[index])
            let (difference, overflow2) = partial.subtractingReportingOverflow(borrow ? 1 : 0)
            a[index] = difference
            borrow = overflow1 || overflow2
        }
    }

    @inline(__always)
    static func isZero(_ a: UnsafePointer<UInt64>, _ count: Int) -> Bool {
        for index in 0..<count where a[index] != 0 { return false }
        return true
    }

    /// A uniformly random value below `bound` (`count` words, not zero) into `destination`,
    /// by rejection: the top word is masked to the bound's bit width, so a try succeeds
    /// with probability above 1/2. No modulo bias.
    @inline(__always)
    static func random<R: RandomNumberGenerator>(below bound: UnsafePointer<UInt64>, _ count: Int,
                                                 into destination: UnsafeMutablePointer<UInt64>, using generator: inout R) {
        var top = count - 1
        while top > 0, bound[top] == 0 { top -= 1 }
        let mask = UInt64.max >> UInt64(bound[top].leadingZeroBitCount)
        for index in (top + 1)..<max(top + 1, count) { destination[index] = 0 }
        while true {
            for index in 0...top { destination[index] = generator.next() }
            destination[top] &= mask
            if less(destination, bound, top + 1) { return }
        }
    }

    /// Whether `a` (`aCount` words) is less than `b` (`bCount` words), missing words being zero.
    @inline(__always)
    static func less(_ a: UnsafePointer<UInt64>, _ aCount: Int, _ b: UnsafePointer<UInt64>, _ bCount: Int) -> Bool {
        var index = Swift.max(aCount, bCount) - 1
        while index >= 0 {
            let x = index < aCount ? a[index] : 0
            let y = index < bCount ? b[index] : 0
            if x != y { return x < y }
            index -= 1
        }
        return false
    }

    /// `a -= b`, `a` having `aCount >= bCount` words and `a >= b`.
    @inline(__always)
    static func subtract(_ a: UnsafeMutablePointer<UInt64>, _ aCount: Int, _ b: UnsafePointer<UInt64>, _ bCount: Int) {
        var borrow = false
        for index in 0..<aCount {
            if index >= bCount, !borrow { return }
            let (partial, overflow1) = a[index].subtractingReportingOverflow(index < bCount ? b[index] : 0)
            let (difference, overflow2) = partial.subtractingReportingOverflow(borrow ? 1 : 0)
            a[index] = difference
            borrow = overflow1 || overflow2
        }
    }

    /// About `x / 2^(64 * dropped)`, from the two highest non-zero words of `x` at or above
    /// word `dropped`: for estimating quotients, never for deciding them.
    @inline(__always)
    static func approximate(_ x: UnsafePointer<UInt64>, _ count: Int, dropping dropped: Int) -> Double {
        var top = count - 1
        while top >= dropped, x[top] == 0 { top -= 1 }
        if top < dropped { return 0 }
        let high = Double(x[top])
        let low = top - 1 >= dropped ? Double(x[top - 1]) : 0
        let leading = high * 18_446_744_073_709_551_616.0 + low
        return Double(sign: .plus, exponent: 64 * (top - 1 - dropped), significand: leading)
    }

    /// Divides `value` (`count` words) by `divisor` (`divisorCount <= count` words, not
    /// zero), knowing the quotient is below `bound`: leaves the remainder in `value` and
    /// returns the quotient. The quotient is estimated in floating point, then corrected
    /// exactly with `scratch` (`count` words).
    static func divide(_ value: UnsafeMutablePointer<UInt64>, _ count: Int, by divisor: UnsafePointer<UInt64>, _ divisorCount: Int,
                       quotientBelow bound: UInt64, scratch: UnsafeMutablePointer<UInt64>) -> UInt64 {
        if bound <= 1 { return 0 }
        var top = divisorCount - 1
        while top > 0, divisor[top] == 0 { top -= 1 }
        let dropped = Swift.max(0, top - 1)
        let estimate = approximate(value, count, dropping: dropped) / approximate(divisor, divisorCount, dropping: dropped)
        var quotient: UInt64 = estimate.isFinite && estimate > 0 ? (estimate >= Double(bound) ? bound - 1 : UInt64(estimate)) : 0
        setProduct(scratch, count, divisor, divisorCount, quotient)
        while quotient > 0, less(value, scratch, count) {
            quotient -= 1
            subtract(scratch, count, divisor, divisorCount)
        }
        subtract(value, scratch, count)
        while !less(value, count, divisor, divisorCount) {
            quotient += 1
            subtract(value, count, divisor, divisorCount)
        }
        return quotient
    }

    /// The words of `value` widened (with zeros) to `count` words.
    static func words(_ value: PasswordCount, count: Int) -> [UInt64] {
        var words = value.words
        if words.count < count { words.append(contentsOf: repeatElement(0, count: count - words.count)) }
        return words
    }
}
