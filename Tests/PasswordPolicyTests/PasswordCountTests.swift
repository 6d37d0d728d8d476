import Testing
@testable import PasswordPolicy

/// The small arbitrary-precision integer counting relies on, and the bounded draws.
@Suite struct GenerationPasswordCountTests {
    typealias G = GenerationSupport

    @Test func arithmeticAgainstKnownValues() throws {
        // 2^128 - 1 = (2^64 - 1) * (2^64 + 1)
        let a = PasswordCount(UInt64.max)
        var b = PasswordCount(UInt64.max)
        b.add(2)
        #expect((a * b).description == "340282366920938463463374607431768211455")
        #expect(PasswordCount("340282366920938463463374607431768211455") == a * b)
        #expect(PasswordCount("12a") == nil && PasswordCount("") == nil)
        // 94^16, the number of 16-character strings over printable ASCII.
        var power = PasswordCount(1)
        for _ in 0..<16 { power.multiply(by: 94) }
        #expect(power.description == "37157429083410091685945089785856")
        #expect(power.bitWidth == 105)
        #expect(abs(power.log2 - 16 * 6.554588851677637) < 1e-9)
        #expect(abs(power.doubleValue / 3.7157429083410091685945089785856e31 - 1) < 1e-15)
        #expect((power + power) == power * 2)
        #expect((power + power).subtracting(power) == power)
        #expect(PasswordCount(3).subtracting(PasswordCount(4)) == nil)
        let (quotient, remainder) = power.quotientAndRemainder(dividingBy: 94)
        #expect(remainder == 0 && quotient * 94 == power)
        #expect(PasswordCount() < PasswordCount(1) && PasswordCount(UInt64.max) < b && !(b < b))
        #expect(PasswordCount().description == "0" && PasswordCount().log2 == -.infinity && PasswordCount().isZero)
        #expect(PasswordCount(words: [5, 0, 0]).words == [5])
        #expect(PasswordCount(exactly: -1) == nil)
    }

    @Test func log2IsAccurate() {
        for value: UInt64 in [1, 2, 3, 10, 94, 1000, 123_456_789, UInt64.max] {
            let expected = referenceLog2(Double(value))
            #expect(abs(PasswordCount(value).log2 - expected) < 1e-12, "\(value)")
        }
    }

    /// log2 by bisection on powers, independent of the implementation's series.
    func referenceLog2(_ x: Double) -> Double {
        var low = 0.0, high = 64.0
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if power2(mid) < x { low = mid } else { high = mid }
        }
        return low
    }

    /// 2^y by repeated square roots, with the standard library alone.
    func power2(_ y: Double) -> Double {
        var result = 1.0
        var whole = y.rounded(.down)
        var fraction = y - whole
        while whole > 0 { result *= 2; whole -= 1 }
        var root = 2.0
        for _ in 0..<60 {
            root = root.squareRoot()
            fraction *= 2
            if fraction >= 1 { result *= root; fraction -= 1 }
        }
        return result
    }

    @Test func randomBelowIsInRangeAndCoversIt() {
        var random = SplitMix64(seed: 9)
        let bound = PasswordCount(words: [5, 3])   // 3 * 2^64 + 5
        var sawHigh = false, sawLow = false
        for _ in 0..<2000 {
            let value = PasswordCount.random(below: bound, using: &random)
            #expect(value < bound)
            if value.words.count == 2 { sawHigh = true } else { sawLow = true }
        }
        #expect(sawHigh && sawLow)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<7000 { counts[Int(PasswordCount.random(below: PasswordCount(7), using: &random).uint64Value ?? 99)] += 1 }
        #expect(counts.allSatisfy { (850...1150).contains($0) })
    }

    @Test func batchedDigitsHaveNoBias() {
        // A base of 3 * 2^62: one digit a draw. Without the rejection step, r * base / 2^64
        // maps 4 consecutive r to 0, 0, 1, 2, so 3 in 4 digits would be even; exactly
        // uniform digits are even half the time.
        var random = SplitMix64(seed: 10)
        var storage = [UInt64](repeating: 0, count: DigitBatch.capacity)
        let samples = 40_000
        var even = 0
        storage.withUnsafeMutableBufferPointer { buffer in
            var digits = DigitBatch(shape: DigitBatch.Shape(base: 3 << 62), storage: buffer.baseAddress!)
            for _ in 0..<samples where digits.next(&random) % 2 == 0 { even += 1 }
        }
        #expect(abs(Double(even) / Double(samples) - 0.5) < 0.01)
        // Small bases pack many digits into one draw, each uniform.
        let shape = DigitBatch.Shape(base: 92)
        #expect(shape.perDraw == 9)
        var counts = [Int](repeating: 0, count: 92)
        storage.withUnsafeMutableBufferPointer { buffer in
            var digits = DigitBatch(shape: shape, storage: buffer.baseAddress!)
            for _ in 0..<92_000 { counts[Int(digits.next(&random))] += 1 }
        }
        let chiSquare = G.chiSquare(counts, samples: 92_000)
        #expect(chiSquare < G.chiSquareCritical(df: 91, z: 3.090232))
    }

    @Test func theSystemSourceIsBufferedAndRandom() {
        let source = SystemRandomSource(bufferWords: 4)
        var values = Set<UInt64>()
        for _ in 0..<100 { values.insert(source.next()) }
        #expect(values.count == 100)
        let copy = source   // a copy shares the stream: never the same values twice
        #expect(copy.next() != source.next())
    }
}
