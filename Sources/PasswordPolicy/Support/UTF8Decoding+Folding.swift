extension UTF8Decoding {
    /// Whether `bytes` hold a byte from 0x80 up, or (when `orCapital`) an ASCII capital A–Z:
    /// what decides whether a password must be normalized or case-folded before a list
    /// lookup. Eight bytes at a time (a lookup in a large file wants few instructions
    /// between its reads).
    @inline(__always)
    static func containsNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, orCapital: Bool) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var flagged: UInt64 = 0
        @inline(__always) func check(_ word: UInt64) {
            // High bit of a byte: non-ASCII; or a capital (0x41 ≤ b < 0x5B: b + 0x3F reaches
            // 0x80 and b + 0x25 does not; no carry crosses bytes below 0x80).
            flagged |= word & 0x8080_8080_8080_8080
            if orCapital {
                let low = word & 0x7F7F_7F7F_7F7F_7F7F
                flagged |= (low &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(low &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
            }
        }
        if count >= 8 {
            forEachOverlappingWord(base, count: count, check)
        } else {
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(base[index]) << UInt64(8 * index) }
            // Pad with a byte that is neither a capital nor non-ASCII.
            for index in count..<8 { word |= 0x30 << UInt64(8 * index) }
            check(word)
        }
        return flagged != 0
    }
}
