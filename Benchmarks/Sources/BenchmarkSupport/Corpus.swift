/// The benchmark corpus: passwords of random printable ASCII (U+0020 to U+007E), lengths
/// drawn uniformly from 4 to 24, made by a seeded generator, so every run and every
/// machine measures the same passwords (no data file needed).
///
/// Each password is held twice: as a `String` (`strings`) and as UTF-8 bytes stored back
/// to back in one array (`bytes`, password `i` at `offsets[i] ..< offsets[i + 1]`), the way
/// a file of passwords sits in memory.
public struct Corpus: Sendable {
    public let strings: [String]
    public let bytes: [UInt8]
    public let offsets: [Int]

    public var count: Int { strings.count }

    public init(strings: [String]) {
        self.strings = strings
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        offsets.reserveCapacity(strings.count + 1)
        for string in strings {
            bytes.append(contentsOf: string.utf8)
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// `count` random passwords from `seed`.
    public static func random(count: Int, lengths: ClosedRange<Int> = 4...24, seed: UInt64 = 0x5EED_2024) -> Corpus {
        var generator = SplitMix64(seed: seed)
        var strings: [String] = []
        strings.reserveCapacity(count)
        var scratch: [UInt8] = []
        for _ in 0..<count {
            let length = lengths.lowerBound + Int(generator.next() % UInt64(lengths.count))
            scratch.removeAll(keepingCapacity: true)
            for _ in 0..<length { scratch.append(0x20 + UInt8(generator.next() % 95)) }
            strings.append(String(decoding: scratch, as: UTF8.self))
        }
        return Corpus(strings: strings)
    }

    /// `count` random passwords from `seed` drawn from `alphabet` (one scalar per draw),
    /// for measuring input the scalar path handles: non-ASCII letters, say.
    public static func random(count: Int, lengths: ClosedRange<Int> = 4...24, seed: UInt64, alphabet: [Unicode.Scalar]) -> Corpus {
        var generator = SplitMix64(seed: seed)
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count {
            let length = lengths.lowerBound + Int(generator.next() % UInt64(lengths.count))
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            strings.append(String(scalars))
        }
        return Corpus(strings: strings)
    }

    /// `count` passwords made by cycling through those of `self` that `keep` accepts (in
    /// order), for measuring the valid path alone on the same kind of input.
    public func cycling(count: Int, where keep: (String) -> Bool) -> Corpus {
        let kept = strings.filter(keep)
        guard !kept.isEmpty else { return Corpus(strings: []) }
        return Corpus(strings: (0..<count).map { kept[$0 % kept.count] })
    }

    /// Calls `body` with every password as a buffer of UTF-8 bytes.
    @inlinable
    public func withEachBuffer(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { arena in
            offsets.withUnsafeBufferPointer { offsets in
                guard let base = arena.baseAddress ?? UnsafePointer(bitPattern: 1) else { return }
                for index in 0..<(offsets.count - 1) {
                    body(UnsafeBufferPointer(start: base + offsets[index], count: offsets[index + 1] - offsets[index]))
                }
            }
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, well-mixed, seedable generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
