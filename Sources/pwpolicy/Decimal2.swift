/// A non-negative number printed with a fixed number of decimals (JSON-safe: no
/// exponent, no locale).
struct Decimal2: CustomStringConvertible {
    var value: Double
    var digits: Int

    init(_ value: Double, digits: Int = 2) {
        self.value = value.isFinite ? max(0, value) : 0
        self.digits = digits
    }

    var description: String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard scaled < 9.0e18 else { return "\(Int64(value))" }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        guard digits > 0 else { return "\(whole)" }
        let fraction = String(units % UInt64(scale))
        return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
