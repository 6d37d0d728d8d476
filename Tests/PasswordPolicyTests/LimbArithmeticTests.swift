#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import PasswordPolicy

/// A non-negative integer in base 10^9: an oracle for `PasswordCount` that shares no
/// code, nor even the base, with it. Only what the tests need.
struct DecimalOracle: Equatable, CustomStringConvertible {
    static let base: UInt64 = 1_000_000_000
    /// Little-endian base-10^9 digits, no zero at the top.
    var limbs: [UInt64] = []

    init() {}

    init(_ value: UInt64) {
        var value = value
        while value > 0 { limbs.append(value % Self.base); value /= Self.base }
    }

    /// The value of little-endian 64-bit words, by Horner's rule in base 10^9.
    init(words: [UInt64]) {
        for word in words.reversed() {
            multiply(small: 1 << 32)
            multiply(small: 1 << 32)
            add(DecimalOracle(word))
        }
    }

    /// `self *= factor`, `factor <= 2^32` (so no digit product overflows).
    mutating func multiply(small factor: UInt64) {
        precondition(factor <= 1 << 32)
        if factor == 0 { limbs = []; return }
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = limbs[index] * factor + carry
            limbs[index] = product % Self.base
            carry = product / Self.base
        }
        while carry > 0 { limbs.append(carry % Self.base); carry /= Self.base }
    }

    mutating func add(_ other: DecimalOracle) {
        var carry: UInt64 = 0
        for index in 0..<max(limbs.count, other.limbs.count) {
            if index == limbs.count { limbs.append(0) }
            let sum = limbs[index] + (index < other.limbs.count ? other.limbs[index] : 0) + carry
            limbs[index] = sum % Self.base
            carry = sum / Self.base
        }
        if carry > 0 { limbs.append(carry) }
    }

    func times(_ factor: UInt64) -> DecimalOracle {
        var high = self
        high.multiply(small: factor >> 32)
        high.multiply(small: 1 << 32)
        var low = self
        low.multiply(small: factor & 0xFFFF_FFFF)
        high.add(low)
        return high
    }

    func times(words: [UInt64]) -> DecimalOracle {
        var result = DecimalOracle()
        for word in words.reversed() {
            result.multiply(small: 1 << 32)
            result.multiply(small: 1 << 32)
            result.add(times(word))
        }
        return result
    }

    var description: String {
        guard let top = limbs.last else { return "0" }
        var text = String(top)
        for limb in limbs.dropLast().reversed() {
            let digits = String(limb)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }
}

/// Shared helpers: values with many carries, 128-bit oracles, doubles built from powers.
enum LimbSupport {
    /// Words that provoke carries and borrows more often than uniform ones would.
    static func word(_ random: inout SplitMix64) -> UInt64 {
        switch random.next() % 8 {
        case 0: 0
        case 1: .max
        case 2: 1
        case 3: 1 << 63
        case 4: .max - random.next() % 4
        case 5: random.next() % 1000
        default: random.next()
        }
    }

    static func words(_ random: inout SplitMix64, count: Int) -> [UInt64] {
        (0..<count).map { _ in word(&random) }
    }

    /// The two words of a `UInt128`, and back: the oracle for values up to 128 bits.
    static func u128(_ words: [UInt64]) -> UInt128 {
        precondition(words.count <= 2 || words[2...].allSatisfy { $0 == 0 })
        return UInt128(words.count > 1 ? words[1] : 0) << 64 | UInt128(words.first ?? 0)
    }

    static func words(_ value: UInt128) -> [UInt64] {
        [UInt64(truncatingIfNeeded: value), UInt64(truncatingIfNeeded: value >> 64)]
    }

    static func count(_ value: UInt128) -> PasswordCount { PasswordCount(words: words(value)) }

    static func pow2(_ exponent: Int) -> Double { Double(sign: .plus, exponent: exponent, significand: 1) }

    /// The value of `words` as a `Double`, summed from the top from exact powers of two.
    static func double(_ words: [UInt64]) -> Double {
        var result = 0.0
        for (index, word) in words.enumerated().reversed() { result += Double(word) * pow2(64 * index) }
        return result
    }

    /// 2^k, 2^k - 1 and 2^k + 1 as words, written bit by bit.
    static func powerOfTwo(_ k: Int) -> [UInt64] {
        Array(repeating: 0, count: k / 64) + [1 << UInt64(k % 64)]
    }

    static func powerOfTwoMinusOne(_ k: Int) -> [UInt64] {
        Array(repeating: .max, count: k / 64) + (k % 64 == 0 ? [] : [(1 << UInt64(k % 64)) - 1])
    }

    /// Padded with zero words to `count`.
    static func padded(_ words: [UInt64], _ count: Int) -> [UInt64] {
        words + Array(repeating: 0, count: max(0, count - words.count))
    }
}

// MARK: - PasswordCount

@Suite struct PasswordCountArithmeticTests {
    typealias L = LimbSupport

    @Test func addCarriesAcrossWords() {
        var all = PasswordCount(words: [.max, .max, .max])
        all.add(1)
        #expect(all.words == [0, 0, 0, 1])
        var some = PasswordCount(words: [.max, 5])
        some.add(1)
        #expect(some.words == [0, 6])
        var zero = PasswordCount()
        zero.add(0)
        #expect(zero.isZero && zero.words.isEmpty)
        zero.add(7)
        #expect(zero.words == [7])

        #expect((PasswordCount(words: [.max, .max]) + 1).words == [0, 0, 1])
        #expect((PasswordCount(1) + PasswordCount(words: [.max, .max])).words == [0, 0, 1])
        #expect((PasswordCount(.max) + PasswordCount(.max)).words == [.max - 1, 1])
        #expect((PasswordCount() + PasswordCount(words: [3, 4])).words == [3, 4])
        var accumulated = PasswordCount(words: [.max, .max, 7])
        accumulated += PasswordCount(words: [1])
        #expect(accumulated.words == [0, 0, 8])

        var random = SplitMix64(seed: 1)
        for _ in 0..<2_000 {
            let a = L.words(&random, count: 2), b = L.words(&random, count: 2)
            let (sum, overflow) = L.u128(a).addingReportingOverflow(L.u128(b))
            let expected = PasswordCount(words: L.words(sum) + [overflow ? 1 : 0])
            #expect(PasswordCount(words: a) + PasswordCount(words: b) == expected, "\(a) + \(b)")
            var inPlace = PasswordCount(words: a)
            inPlace.add(b[0])
            let (wordSum, wordOverflow) = L.u128(a).addingReportingOverflow(UInt128(b[0]))
            #expect(inPlace == PasswordCount(words: L.words(wordSum) + [wordOverflow ? 1 : 0]))
        }
        for _ in 0..<500 {
            let a = L.words(&random, count: Int(random.next() % 6)), b = L.words(&random, count: Int(random.next() % 6))
            var expected = DecimalOracle(words: a)
            expected.add(DecimalOracle(words: b))
            #expect((PasswordCount(words: a) + PasswordCount(words: b)).description == expected.description, "\(a) + \(b)")
        }
    }

    @Test func multiplicationByAWord() {
        #expect((PasswordCount(words: [5, 6]) * 0).isZero)
        #expect((PasswordCount(words: [5, 6]) * 1).words == [5, 6])
        #expect((PasswordCount(.max) * .max).words == L.words(UInt128(UInt64.max) * UInt128(UInt64.max)))
        #expect((PasswordCount(words: [.max, .max]) * 2).words == [.max - 1, .max, 1])

        var random = SplitMix64(seed: 2)
        for _ in 0..<2_000 {
            let a = L.word(&random), f = L.word(&random)
            #expect((PasswordCount(a) * f).words == PasswordCount(words: L.words(UInt128(a) * UInt128(f))).words, "\(a) * \(f)")
        }
        for _ in 0..<500 {
            let a = L.words(&random, count: Int(random.next() % 6)), f = L.word(&random)
            let product = PasswordCount(words: a) * f
            var inPlace = PasswordCount(words: a)
            inPlace.multiply(by: f)
            #expect(inPlace == product)
            #expect(product.description == DecimalOracle(words: a).times(f).description, "\(a) * \(f)")
        }
    }

    @Test func multiplicationOfMultiWordValues() {
        // (2^128 - 1)^2 = 2^256 - 2^129 + 1.
        let square = PasswordCount(words: [.max, .max]) * PasswordCount(words: [.max, .max])
        #expect(square.words == [1, 0, .max - 1, .max])
        #expect((PasswordCount() * PasswordCount(words: [1, 2])).isZero)
        #expect((PasswordCount(words: [1, 2]) * PasswordCount()).isZero)

        var random = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            let a = L.word(&random), b = L.word(&random)
            #expect(PasswordCount(a) * PasswordCount(b) == L.count(UInt128(a) * UInt128(b)))
        }
        for _ in 0..<400 {
            let a = L.words(&random, count: Int(random.next() % 5)), b = L.words(&random, count: Int(random.next() % 5))
            let product = PasswordCount(words: a) * PasswordCount(words: b)
            #expect(product.description == DecimalOracle(words: a).times(words: b).description, "\(a) * \(b)")
            #expect(product == PasswordCount(words: b) * PasswordCount(words: a))
            var inPlace = PasswordCount(words: a)
            inPlace *= PasswordCount(words: b)
            #expect(inPlace == product)
        }
    }

    @Test func subtraction() {
        #expect(PasswordCount(words: [0, 0, 1]).subtracting(PasswordCount(1))?.words == [.max, .max])
        #expect(PasswordCount(words: [0, 1]).subtracting(PasswordCount(1))?.words == [.max])
        #expect(PasswordCount(words: [3, 4]).subtracting(PasswordCount(words: [3, 4]))?.isZero == true)
        #expect(PasswordCount(words: [3, 4]).subtracting(PasswordCount(words: [4, 4])) == nil)
        #expect(PasswordCount(words: [.max]).subtracting(PasswordCount(words: [0, 1])) == nil)
        #expect(PasswordCount().subtracting(PasswordCount(1)) == nil)
        #expect(PasswordCount(5).subtracting(PasswordCount()) == PasswordCount(5))

        var random = SplitMix64(seed: 4)
        for _ in 0..<3_000 {
            let a = L.words(&random, count: 2), b = L.words(&random, count: 2)
            let x = L.u128(a), y = L.u128(b)
            let difference = PasswordCount(words: a).subtracting(PasswordCount(words: b))
            if x >= y {
                #expect(difference == L.count(x - y), "\(a) - \(b)")
            } else {
                #expect(difference == nil, "\(a) - \(b) underflows")
            }
        }
        for _ in 0..<500 {
            let a = PasswordCount(words: L.words(&random, count: Int(random.next() % 6)))
            let b = PasswordCount(words: L.words(&random, count: Int(random.next() % 6)))
            #expect((a + b).subtracting(b) == a)
            #expect((a + b).subtracting(a) == b)
            #expect(a.subtracting(a + 1) == nil)
        }
    }

    @Test func quotientAndRemainderByAWord() {
        let (q1, r1) = PasswordCount(words: [5, 6]).quotientAndRemainder(dividingBy: 1)
        #expect(q1.words == [5, 6] && r1 == 0)
        let (q0, r0) = PasswordCount().quotientAndRemainder(dividingBy: 7)
        #expect(q0.isZero && r0 == 0)

        var random = SplitMix64(seed: 5)
        for _ in 0..<3_000 {
            let a = L.words(&random, count: 2)
            var d = L.word(&random)
            if d == 0 { d = 3 }
            let (quotient, remainder) = PasswordCount(words: a).quotientAndRemainder(dividingBy: d)
            #expect(quotient == L.count(L.u128(a) / UInt128(d)), "\(a) / \(d)")
            #expect(UInt128(remainder) == L.u128(a) % UInt128(d), "\(a) % \(d)")
        }
        for _ in 0..<500 {
            let a = PasswordCount(words: L.words(&random, count: Int(random.next() % 6)))
            var d = L.word(&random)
            if d == 0 { d = .max }
            let (quotient, remainder) = a.quotientAndRemainder(dividingBy: d)
            #expect(remainder < d)
            #expect(quotient * d + PasswordCount(remainder) == a, "\(a) / \(d)")
        }
    }

    @Test func comparison() {
        #expect(PasswordCount() < PasswordCount(1))
        #expect(!(PasswordCount(1) < PasswordCount()))
        #expect(PasswordCount(.max) < PasswordCount(words: [0, 1]))
        #expect(PasswordCount(words: [.max, 1]) < PasswordCount(words: [0, 2]))
        #expect(PasswordCount(words: [0, 0, 1]) > PasswordCount(words: [.max, .max]))
        #expect(PasswordCount(words: [7, 0, 0]) == PasswordCount(7))

        var random = SplitMix64(seed: 6)
        for _ in 0..<3_000 {
            let a = L.words(&random, count: 2)
            let b = random.next() % 4 == 0 ? a : (random.next() % 2 == 0 ? [a[0] ^ (random.next() % 3), a[1]] : L.words(&random, count: 2))
            let x = PasswordCount(words: a), y = PasswordCount(words: b)
            #expect((x < y) == (L.u128(a) < L.u128(b)), "\(a) < \(b)")
            #expect((x == y) == (L.u128(a) == L.u128(b)), "\(a) == \(b)")
            #expect((x > y) == (L.u128(a) > L.u128(b)), "\(a) > \(b)")
        }
    }

    @Test func descriptionNearPowersOfTwo() {
        #expect(PasswordCount().description == "0")
        for k in 0...300 {
            let power = L.powerOfTwo(k), below = L.powerOfTwoMinusOne(k)
            var above = power
            above[0] += 1   // 2^0 + 1 = 2; for k > 0 bit 0 is clear
            for words in [power, below, above] {
                let expected = DecimalOracle(words: words).description
                #expect(PasswordCount(words: words).description == expected, "2^\(k) neighbourhood: \(words)")
                #expect(PasswordCount(expected) == PasswordCount(words: words), "parsing \(expected)")
            }
            #expect(PasswordCount(words: power).bitWidth == k + 1)
            #expect(PasswordCount(words: below).bitWidth == k)
            #expect(PasswordCount(words: above).bitWidth == (k == 0 ? 2 : k + 1))
        }
        // Independently of the oracle: 2^64 and 2^128 are well known.
        #expect(PasswordCount(words: [0, 1]).description == "18446744073709551616")
        #expect(PasswordCount(words: [.max, .max]).description == "340282366920938463463374607431768211455")
        #expect(PasswordCount(words: [0, 0, 1]).description == "340282366920938463463374607431768211456")
    }

    @Test func descriptionNearPowersOfTen() throws {
        // 10^k for k <= 38 fits a UInt128: printed and parsed against it.
        var power: UInt128 = 1
        for k in 0...38 {
            let ten = String("1" + String(repeating: "0", count: k))
            #expect(L.count(power).description == ten)
            #expect(PasswordCount(ten) == L.count(power))
            if k > 0 {
                let nines = String(repeating: "9", count: k)
                #expect(L.count(power - 1).description == nines)
                #expect(PasswordCount(nines) == L.count(power - 1))
                let tenPlusOne = "1" + String(repeating: "0", count: k - 1) + "1"
                #expect(L.count(power + 1).description == tenPlusOne)
                #expect(PasswordCount(tenPlusOne) == L.count(power + 1))
            }
            if k < 38 { power *= 10 }
        }
        // Beyond: round trips, and 10^k = 10^(k-19) * 10^19 (19 digits is the printing chunk).
        let tenTo19: UInt64 = 10_000_000_000_000_000_000
        for k in 19...80 {
            for text in ["1" + String(repeating: "0", count: k), String(repeating: "9", count: k),
                         "1" + String(repeating: "0", count: k - 1) + "1", "5" + String(repeating: "0", count: k - 1) + "7"] {
                let value = try #require(PasswordCount(text))
                #expect(value.description == text)
            }
            let ten = try #require(PasswordCount("1" + String(repeating: "0", count: k)))
            let lower = try #require(PasswordCount("1" + String(repeating: "0", count: k - 19)))
            #expect(ten == lower * tenTo19)
            let nines = try #require(PasswordCount(String(repeating: "9", count: k)))
            #expect(nines + 1 == ten)
        }
    }

    @Test func parsingRoundTrips() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<1_000 {
            let words = L.words(&random, count: Int(random.next() % 7))
            let text = DecimalOracle(words: words).description
            let parsed = try #require(PasswordCount(text), "\(text)")
            #expect(parsed == PasswordCount(words: words))
            #expect(parsed.description == text)
        }
        #expect(PasswordCount("0") == PasswordCount())
        #expect(PasswordCount("000123") == PasswordCount(123))
        #expect(PasswordCount("18446744073709551616") == PasswordCount(words: [0, 1]))
        for bad in ["", "-1", "+1", " 1", "1 ", "1_000", "1,000", "0x10", "1.0", "1e3", "abc", "\u{FF11}", "\u{0661}", "12a"] {
            #expect(PasswordCount(bad) == nil, "\(bad)")
        }
    }

    @Test func bitWidth() {
        #expect(PasswordCount().bitWidth == 0)
        #expect(PasswordCount(1).bitWidth == 1)
        #expect(PasswordCount(.max).bitWidth == 64)
        #expect(PasswordCount(words: [0, 1]).bitWidth == 65)
        var random = SplitMix64(seed: 8)
        for _ in 0..<500 {
            var words = L.words(&random, count: 1 + Int(random.next() % 5))
            words[words.count - 1] |= 1   // not zero
            let value = PasswordCount(words: words)
            let width = value.bitWidth
            // The smallest k with value < 2^k.
            #expect(value < PasswordCount(words: L.powerOfTwo(width)))
            #expect(!(value < PasswordCount(words: L.powerOfTwo(width - 1))))
        }
    }

    @Test func doubleValue() {
        #expect(PasswordCount().doubleValue == 0)
        for k in 0..<1024 {
            #expect(PasswordCount(words: L.powerOfTwo(k)).doubleValue == L.pow2(k), "2^\(k)")
        }
        for k in 1...53 {
            #expect(PasswordCount(words: L.powerOfTwoMinusOne(k)).doubleValue == L.pow2(k) - 1, "2^\(k) - 1")
        }
        // Past 53 bits the nearest Double to 2^k ± 1 is 2^k.
        for k in 54...200 {
            #expect(PasswordCount(words: L.powerOfTwoMinusOne(k)).doubleValue == L.pow2(k), "2^\(k) - 1")
            var above = L.powerOfTwo(k)
            above[0] |= 1
            #expect(PasswordCount(words: above).doubleValue == L.pow2(k), "2^\(k) + 1")
        }
        // The largest finite Double, 2^1024 - 2^971, exactly; 2^1024 and beyond overflow.
        #expect(PasswordCount(words: Array(repeating: 0, count: 15) + [0xFFFF_FFFF_FFFF_F800]).doubleValue == .greatestFiniteMagnitude)
        #expect(PasswordCount(words: L.powerOfTwo(1024)).doubleValue == .infinity)
        #expect(PasswordCount(words: L.powerOfTwo(1100)).doubleValue == .infinity)
        #expect(PasswordCount(words: L.powerOfTwo(5000)).doubleValue == .infinity)

        var random = SplitMix64(seed: 9)
        for _ in 0..<2_000 {
            var words = L.words(&random, count: 1 + Int(random.next() % 4))
            if words.count == 4 { words[3] >>= 56 }   // at most 2^200
            let expected = L.double(words)
            let actual = PasswordCount(words: words).doubleValue
            #expect(abs(actual - expected) <= 4 * expected.ulp, "\(words): \(actual) vs \(expected)")
        }
    }

    @Test func log2() {
        #expect(PasswordCount().log2 == -.infinity)
        #expect(PasswordCount(1).log2 == 0)
        for k in 0...2_000 {
            #expect(PasswordCount(words: L.powerOfTwo(k)).log2 == Double(k), "log2 2^\(k)")
        }
        var random = SplitMix64(seed: 10)
        for _ in 0..<3_000 {
            var words = L.words(&random, count: 1 + Int(random.next() % 4))
            if words.count == 4 { words[3] >>= 56 }   // at most 2^200
            words[0] |= 1   // not zero
            let expected = libmLog2(L.double(words))
            let actual = PasswordCount(words: words).log2
            #expect(abs(actual - expected) <= max(8 * expected.ulp, 1e-15), "\(words): \(actual) vs \(expected)")
        }
        // Far past the range of Double: still finite and exact to Double precision.
        var huge = L.powerOfTwo(5000)
        huge[huge.count - 1] *= 3
        let expected = 5000 + libmLog2(3)
        #expect(abs(PasswordCount(words: huge).log2 - expected) <= 4 * expected.ulp)
        #expect(abs(PasswordCount(words: L.powerOfTwoMinusOne(5000)).log2 - 5000) < 1e-9)
    }

    @Test func randomBelowStaysBelowAndHitsEveryValue() {
        var random = SplitMix64(seed: 11)
        for boundValue: UInt64 in 1...24 {
            let bound = PasswordCount(boundValue)
            var seen = Set<UInt64>()
            for _ in 0..<(boundValue * 60) {
                let value = PasswordCount.random(below: bound, using: &random)
                #expect(value < bound)
                if let small = value.uint64Value { seen.insert(small) }
            }
            #expect(seen == Set(0..<boundValue), "bound \(boundValue): saw \(seen.sorted())")
        }
        for bound in [PasswordCount(words: [0, 1]), PasswordCount(words: [1, 1]), PasswordCount(words: [.max, .max]),
                      PasswordCount(words: [0, 0, 1 << 40]), PasswordCount(.max)] {
            var maximum = PasswordCount()
            for _ in 0..<2_000 {
                let value = PasswordCount.random(below: bound, using: &random)
                #expect(value < bound, "\(value) below \(bound)")
                maximum = max(maximum, value)
            }
            // The draws reach the top half of the range.
            #expect(maximum * 2 >= bound, "bound \(bound): largest draw \(maximum)")
        }
    }
}

/// The C library's `log2`, named apart from `PasswordCount.log2` and the test of that name.
func libmLog2(_ x: Double) -> Double { log2(x) }

// MARK: - Limbs

/// The fixed-width word helpers used by counting and sampling, against `UInt128`
/// (computed by hand from two words) and against `PasswordCount`.
@Suite struct LimbsTests {
    typealias L = LimbSupport

    /// Runs `body` with mutable and read-only pointers to copies of the arrays; returns the mutated first one.
    static func mutate(_ a: [UInt64], _ b: [UInt64], _ body: (UnsafeMutablePointer<UInt64>, UnsafePointer<UInt64>) -> Void) -> [UInt64] {
        var a = a
        let b = b + [0]   // never an empty buffer
        a.append(0xA5A5)  // a sentinel past the end: must stay untouched
        a.withUnsafeMutableBufferPointer { x in
            b.withUnsafeBufferPointer { y in body(x.baseAddress!, y.baseAddress!) }
        }
        #expect(a.last == 0xA5A5, "wrote past the end")
        return Array(a.dropLast())
    }

    static func read<T>(_ a: [UInt64], _ b: [UInt64], _ body: (UnsafePointer<UInt64>, UnsafePointer<UInt64>) -> T) -> T {
        let a = a + [0], b = b + [0]
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in body(x.baseAddress!, y.baseAddress!) } }
    }

    @Test func addProductAgainstUInt128() {
        var random = SplitMix64(seed: 21)
        for _ in 0..<3_000 {
            let d = L.words(&random, count: 2), s = L.word(&random), f = L.word(&random)
            var carry: UInt64 = 99
            let result = LimbsTests.mutate(d, [s]) { carry = Limbs.addProduct($0, 2, $1, 1, f) }
            let (sum, overflow) = L.u128(d).addingReportingOverflow(UInt128(s) * UInt128(f))
            #expect(result == L.words(sum), "\(d) + \(s) * \(f)")
            #expect(carry == (overflow ? 1 : 0))
        }
        // A carry that ripples through every word.
        var carry: UInt64 = 99
        #expect(LimbsTests.mutate([.max, .max, .max, 0], [1]) { carry = Limbs.addProduct($0, 4, $1, 1, 1) } == [0, 0, 0, 1] && carry == 0)
        #expect(LimbsTests.mutate([.max, .max, .max], [1]) { carry = Limbs.addProduct($0, 3, $1, 1, 1) } == [0, 0, 0] && carry == 1)
    }

    @Test func addProductAgainstPasswordCount() {
        var random = SplitMix64(seed: 22)
        for _ in 0..<2_000 {
            let n = 1 + Int(random.next() % 5), m = 1 + Int(random.next() % UInt64(n))
            let d = L.words(&random, count: n), s = L.words(&random, count: m), f = L.word(&random)
            var carry: UInt64 = 99
            let result = LimbsTests.mutate(d, s) { carry = Limbs.addProduct($0, n, $1, m, f) }
            // d + s * f < 2^(64 (n + 1)): n words and the carry out of the top one.
            let expected = L.padded((PasswordCount(words: d) + PasswordCount(words: s) * f).words, n + 1)
            #expect(expected.count == n + 1)
            #expect(result == Array(expected[..<n]), "\(d) + \(s) * \(f)")
            #expect(carry == expected[n])
        }
    }

    @Test func setProduct() {
        var random = SplitMix64(seed: 23)
        for _ in 0..<2_000 {
            let m = 1 + Int(random.next() % 4), extra = 1 + Int(random.next() % 3)
            let s = L.words(&random, count: m), f = L.word(&random)
            let garbage = Array(repeating: UInt64(0xDEAD_BEEF), count: m + extra)
            let result = LimbsTests.mutate(garbage, s) { Limbs.setProduct($0, m + extra, $1, m, f) }
            #expect(result == L.padded((PasswordCount(words: s) * f).words, m + extra), "\(s) * \(f)")
            if m == 1 {
                #expect(Array(result[..<2]) == L.words(UInt128(s[0]) * UInt128(f)))
            }
        }
        // As many destination words as source words, when the product fits.
        let fits = LimbsTests.mutate([9, 9], [3, 1 << 20]) { Limbs.setProduct($0, 2, $1, 2, 1 << 40) }
        #expect(fits == L.words(L.u128([3, 1 << 20]) * (1 << 40)))
    }

    @Test func lessAgainstUInt128() {
        var random = SplitMix64(seed: 24)
        for _ in 0..<3_000 {
            let a = L.words(&random, count: 2)
            let b = random.next() % 4 == 0 ? a : (random.next() % 2 == 0 ? [L.word(&random), a[1]] : L.words(&random, count: 2))
            #expect(LimbsTests.read(a, b) { Limbs.less($0, $1, 2) } == (L.u128(a) < L.u128(b)), "\(a) < \(b)")
        }
        #expect(LimbsTests.read([5, 0, 0], [5]) { Limbs.less($0, 3, $1, 1) } == false)
        #expect(LimbsTests.read([5], [5, 0, 0]) { Limbs.less($0, 1, $1, 3) } == false)
        #expect(LimbsTests.read([5, 0, 1], [5]) { Limbs.less($0, 3, $1, 1) } == false)
        #expect(LimbsTests.read([5], [5, 0, 1]) { Limbs.less($0, 1, $1, 3) } == true)
        #expect(LimbsTests.read([4], [5, 0]) { Limbs.less($0, 1, $1, 2) } == true)
        #expect(LimbsTests.read([.max, 0], [0, 1]) { Limbs.less($0, 2, $1, 2) } == true)
    }

    @Test func lessWithDifferentWidthsAgainstPasswordCount() {
        var random = SplitMix64(seed: 25)
        for _ in 0..<3_000 {
            let a = L.words(&random, count: 1 + Int(random.next() % 4)), b = L.words(&random, count: 1 + Int(random.next() % 4))
            let expected = PasswordCount(words: a) < PasswordCount(words: b)
            #expect(LimbsTests.read(a, b) { Limbs.less($0, a.count, $1, b.count) } == expected, "\(a) < \(b)")
        }
    }

    @Test func subtractAgainstUInt128() {
        var random = SplitMix64(seed: 26)
        for _ in 0..<3_000 {
            var a = L.words(&random, count: 2), b = L.words(&random, count: 2)
            if L.u128(a) < L.u128(b) { swap(&a, &b) }
            let result = LimbsTests.mutate(a, b) { Limbs.subtract($0, $1, 2) }
            #expect(result == L.words(L.u128(a) - L.u128(b)), "\(a) - \(b)")
        }
        #expect(LimbsTests.mutate([0, 0, 1], [1, 0, 0]) { Limbs.subtract($0, $1, 3) } == [.max, .max, 0])
        #expect(LimbsTests.mutate([0, 1], [1, 0]) { Limbs.subtract($0, $1, 2) } == [.max, 0])
        #expect(LimbsTests.mutate([7, 7], [7, 7]) { Limbs.subtract($0, $1, 2) } == [0, 0])
    }

    @Test func subtractWithDifferentWidthsAgainstPasswordCount() throws {
        #expect(LimbsTests.mutate([0, 0, 0, 1], [1]) { Limbs.subtract($0, 4, $1, 1) } == [.max, .max, .max, 0])
        #expect(LimbsTests.mutate([5, 9, 9], [7]) { Limbs.subtract($0, 3, $1, 1) } == [.max - 1, 8, 9])
        var random = SplitMix64(seed: 27)
        for _ in 0..<3_000 {
            let n = 1 + Int(random.next() % 4), m = 1 + Int(random.next() % UInt64(n))
            var a = L.words(&random, count: n), b = L.words(&random, count: m)
            if PasswordCount(words: a) < PasswordCount(words: b) {
                // Keep a >= b: raise a's top word above anything b has there.
                a[n - 1] = .max
                if m == n { b[m - 1] = min(b[m - 1], .max - 1) }
            }
            let difference = try #require(PasswordCount(words: a).subtracting(PasswordCount(words: b)))
            let result = LimbsTests.mutate(a, b) { Limbs.subtract($0, n, $1, m) }
            #expect(result == L.padded(difference.words, n), "\(a) - \(b)")
        }
    }

    @Test func isZero() {
        #expect(LimbsTests.read([0, 0, 0], []) { a, _ in Limbs.isZero(a, 3) })
        #expect(!LimbsTests.read([0, 0, 1], []) { a, _ in Limbs.isZero(a, 3) })
        #expect(!LimbsTests.read([1, 0], []) { a, _ in Limbs.isZero(a, 2) })
        #expect(LimbsTests.read([0, 1], []) { a, _ in Limbs.isZero(a, 1) })   // only `count` words are read
        #expect(Limbs.isZeroWords([]) && Limbs.isZeroWords([0, 0]) && !Limbs.isZeroWords([0, 1]))
    }

    @Test func randomBelowStaysBelowAndHitsEveryValue() {
        var random = SplitMix64(seed: 28)
        // A small bound in the low word of three: every value, the upper words cleared.
        var seen = Set<UInt64>()
        for _ in 0..<700 {
            let result = LimbsTests.mutate([0xDEAD, 0xBEEF, 0xF00D], [7, 0, 0]) { Limbs.random(below: $1, 3, into: $0, using: &random) }
            #expect(result[0] < 7 && result[1] == 0 && result[2] == 0, "\(result)")
            seen.insert(result[0])
        }
        #expect(seen == Set(0..<7))
        for bound in [[0, 1, 0], [1, 1], [.max, .max], [3, 2, 0, 0], [0, 0, 1 << 40], [.max]] as [[UInt64]] {
            var maximum = PasswordCount()
            for _ in 0..<1_000 {
                let result = LimbsTests.mutate(Array(repeating: 0xDEAD, count: bound.count), bound) {
                    Limbs.random(below: $1, bound.count, into: $0, using: &random)
                }
                #expect(PasswordCount(words: result) < PasswordCount(words: bound), "\(result) below \(bound)")
                maximum = max(maximum, PasswordCount(words: result))
            }
            #expect(maximum * 2 >= PasswordCount(words: bound), "bound \(bound): largest draw \(maximum)")
        }
    }

    @Test func approximate() {
        var random = SplitMix64(seed: 29)
        for _ in 0..<3_000 {
            let x = L.words(&random, count: 1 + Int(random.next() % 4))
            let dropped = Int(random.next() % UInt64(x.count))
            let actual = LimbsTests.read(x, []) { a, _ in Limbs.approximate(a, x.count, dropping: dropped) }
            // From the words at and above `dropped`: about floor(x / 2^(64 dropped)).
            let expected = L.double(Array(x[dropped...]))
            #expect(abs(actual - expected) <= 4 * expected.ulp, "\(x) dropping \(dropped): \(actual) vs \(expected)")
        }
        #expect(LimbsTests.read([5, 0, 0], []) { a, _ in Limbs.approximate(a, 3, dropping: 1) } == 0)
        #expect(LimbsTests.read([0, 0, 3], []) { a, _ in Limbs.approximate(a, 3, dropping: 1) } == 3 * L.pow2(64))
    }

    /// `value = quotient * divisor + remainder`, divided back: the quotient is returned and
    /// the remainder left in `value`.
    static func checkDivide(quotient: UInt64, divisor: [UInt64], remainder: PasswordCount, bound: UInt64, extraWords: Int,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let value = PasswordCount(words: divisor) * PasswordCount(quotient) + remainder
        let count = max(value.words.count, divisor.count) + extraWords
        var scratch = [UInt64](repeating: 0x5555, count: count)
        var got: UInt64 = 0
        let left = LimbsTests.mutate(L.padded(value.words, count), divisor) { v, d in
            scratch.withUnsafeMutableBufferPointer { s in
                got = Limbs.divide(v, count, by: d, divisor.count, quotientBelow: bound, scratch: s.baseAddress!)
            }
        }
        #expect(got == quotient, "\(value) / \(divisor) below \(bound)", sourceLocation: sourceLocation)
        #expect(left == L.padded(remainder.words, count), "remainder of \(value) / \(divisor)", sourceLocation: sourceLocation)
    }

    @Test func divideAgainstPasswordCount() {
        var random = SplitMix64(seed: 30)
        let awkward: [[UInt64]] = [[1], [.max], [0, 1], [1, 1], [.max, 1], [.max, .max], [0, 0, 1], [.max, .max, .max],
                                   [1 << 63, 1], [7, 0], [3, 5, 0, 0], [12345, 1 << 62]]
        for _ in 0..<3_000 {
            var divisor = random.next() % 3 == 0 ? awkward[Int(random.next() % UInt64(awkward.count))]
                                                  : L.words(&random, count: 1 + Int(random.next() % 3))
            if PasswordCount(words: divisor).isZero { divisor[0] = 1 }
            let d = PasswordCount(words: divisor)
            // A remainder below the divisor: zero, the largest, or any.
            let remainder: PasswordCount = switch random.next() % 3 {
            case 0: PasswordCount()
            case 1: d.subtracting(1) ?? PasswordCount()
            default: PasswordCount.random(below: d, using: &random)
            }
            var bound = L.word(&random)
            if bound < 2 { bound = 2 }
            let quotient = random.next() % 2 == 0 ? bound - 1 : random.next() % bound
            LimbsTests.checkDivide(quotient: quotient, divisor: divisor, remainder: remainder, bound: bound, extraWords: Int(random.next() % 2))
        }
        // A bound of one: the quotient is zero and the value is its own remainder.
        LimbsTests.checkDivide(quotient: 0, divisor: [5, 1], remainder: PasswordCount(words: [4, 1]), bound: 1, extraWords: 0)
    }

    @Test func divideAgainstUInt128() {
        var random = SplitMix64(seed: 31)
        for _ in 0..<3_000 {
            let v = L.u128(L.words(&random, count: 2))
            var d = L.u128(L.words(&random, count: 2))
            if d == 0 { d = 1 }
            if v / d >= UInt128(UInt64.max) { d = v / UInt128(UInt64.max - 1) + 1 }
            let q = v / d, r = v % d
            var scratch = [UInt64](repeating: 0, count: 2)
            var got: UInt64 = 0
            let left = LimbsTests.mutate(L.words(v), L.words(d)) { vp, dp in
                scratch.withUnsafeMutableBufferPointer { s in
                    got = Limbs.divide(vp, 2, by: dp, 2, quotientBelow: UInt64(q) + 1, scratch: s.baseAddress!)
                }
            }
            #expect(UInt128(got) == q, "\(v) / \(d)")
            #expect(L.u128(left) == r, "\(v) % \(d)")
        }
    }

    @Test func wordsWidensWithZeros() {
        #expect(Limbs.words(PasswordCount(words: [1, 2]), count: 4) == [1, 2, 0, 0])
        #expect(Limbs.words(PasswordCount(), count: 3) == [0, 0, 0])
        #expect(Limbs.words(PasswordCount(words: [1, 2]), count: 2) == [1, 2])
        #expect(Limbs.words(PasswordCount(words: [1, 2, 3]), count: 1) == [1, 2, 3])
    }
}
