/// Uniform digits in `0 ..< base`, several from each 64-bit draw, exactly.
///
/// This is Lemire's method for the bound `base^k` (the largest power not above 2^64),
/// computed one factor at a time as in Brackett-Rozinsky and Lemire, "Batched Ranged
/// Random Integer Generation" (2024): with `r` uniform in `0 ..< 2^64`,
/// `r * base^k = D * 2^64 + l`, and multiplying `l` by `base` again and again yields the
/// base-`base` digits of `D`, most significant first, leaving the same `l`. Rejecting the
/// `r` whose `l` falls below `2^64 mod base^k` makes `D` uniform in `0 ..< base^k`, so its
/// `k` digits are independent and uniform. A whole batch is accepted or rejected before any
/// of its digits is used.
struct DigitBatch {
    /// The digits per 64-bit draw, and the rejection threshold `2^64 mod base^k`.
    struct Shape: Sendable {
        let base: UInt64
        let perDraw: Int
        let threshold: UInt64

        init(base: UInt64) {
            self.base = base
            var power: UInt64 = 1
            var count = 0
            // At most 32 digits a draw: enough to amortise, and the buffer's size.
            while count < DigitBatch.capacity, base > 1, power <= UInt64.max / base {
                power *= base
                count += 1
            }
            if base <= 1 {
                perDraw = DigitBatch.capacity
                threshold = 0
            } else {
                perDraw = Swift.max(1, count)
                // 2^64 mod power, computed without 2^64: (2^64 - power) mod power.
                threshold = count == 0 ? 0 : (0 &- power) % power
            }
        }
    }

    static let capacity = 32

    private let shape: Shape
    private let digits: UnsafeMutablePointer<UInt64>
    private var index = 0
    private var available = 0

    /// Digits are kept in `storage` (at least ``capacity`` slots), which the caller owns.
    init(shape: Shape, storage: UnsafeMutablePointer<UInt64>) {
        self.shape = shape
        self.digits = storage
    }

    @inline(__always)
    mutating func next<R: RandomNumberGenerator>(_ generator: inout R) -> UInt64 {
        if index == available { refill(&generator) }
        let digit = digits[index]
        index += 1
        return digit
    }

    private mutating func refill<R: RandomNumberGenerator>(_ generator: inout R) {
        index = 0
        available = shape.perDraw
        if shape.base <= 1 {
            digits.initialize(repeating: 0, count: available)
            return
        }
        while true {
            var low = generator.next()
            for slot in 0..<available {
                let (digit, rest) = low.multipliedFullWidth(by: shape.base)
                digits[slot] = digit
                low = rest
            }
            if low >= shape.threshold { return }
        }
    }

    /// Overwrites the buffered digits.
    mutating func clear() {
        digits.initialize(repeating: 0, count: DigitBatch.capacity)
        index = 0
        available = 0
    }
}
