// SHA-1 (FIPS 180-4, section 6.1), for blocklist files only: a file's keys are SHA-1 digests
// because Have I Been Pwned publishes SHA-1. It is not used for anything secret.
//
// Kept whole: `compress` is the hot loop of every lookup in a blocklist file (one or two blocks
// per password), written out so that nothing is allocated. The library has its own rather than
// swift-crypto's Insecure.SHA1 because the library depends on PCRE2 and the standard library
// only (the fuzz targets compile its sources with swiftc alone), and because swift-crypto's
// costs an allocation per digest; on x86-64 processors with the SHA extensions the block
// function is the hardware one (Sources/CBlocklist/shim.h), about three times faster. The tests
// check both against swift-crypto and against FIPS 180's examples.

internal import CBlocklist

/// A SHA-1 digest: 20 bytes, big-endian, as three integers (bytes 0–7, 8–15, 16–19).
///
/// ```swift
/// let digest = BlocklistDigest(sha1Of: Array("password".utf8))
/// digest.hexadecimal   // "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8"
/// ```
public struct BlocklistDigest: Sendable, Hashable, Comparable {
    /// Bytes 0–7 of the digest, big-endian.
    public var high: UInt64
    /// Bytes 8–15, big-endian.
    public var middle: UInt64
    /// Bytes 16–19, big-endian.
    public var low: UInt32

    /// A digest from its three parts.
    ///
    /// ```swift
    /// let zero = BlocklistDigest(high: 0, middle: 0, low: 0)
    /// ```
    public init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// The SHA-1 digest of `bytes`.
    ///
    /// ```swift
    /// BlocklistDigest(sha1Of: []).hexadecimal   // "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"
    /// ```
    public init(sha1Of bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { SHA1.digest($0) }
    }

    /// The SHA-1 digest of the bytes in `buffer` (nothing allocated).
    ///
    /// ```swift
    /// let digest = [0x61, 0x62, 0x63].withUnsafeBufferPointer { BlocklistDigest(sha1Of: $0) }
    /// ```
    public init(sha1Of buffer: UnsafeBufferPointer<UInt8>) {
        self = SHA1.digest(buffer)
    }

    /// A digest written as 40 hexadecimal digits (either case); nil for anything else.
    ///
    /// ```swift
    /// BlocklistDigest(hexadecimal: Array("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8".utf8))
    /// ```
    public init?(hexadecimal text: some Collection<UInt8>) {
        let parsed = text.withContiguousStorageIfAvailable(BlocklistDigest.parse) ?? Array(text).withUnsafeBufferPointer(BlocklistDigest.parse)
        guard let parsed else { return nil }
        self = parsed
    }

    /// A digest written as 40 hexadecimal digits (either case) in `buffer`; nil for anything
    /// else. The same as the initializer from any collection of bytes, without the generic
    /// dispatch: what `pwpolicy blocklist build` calls once a line.
    ///
    /// ```swift
    /// let digest = Array("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8".utf8).withUnsafeBufferPointer { BlocklistDigest(hexadecimal: $0) }
    /// ```
    public init?(hexadecimal buffer: UnsafeBufferPointer<UInt8>) {
        guard let parsed = BlocklistDigest.parse(buffer) else { return nil }
        self = parsed
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> BlocklistDigest? {
        guard text.count == 40 else { return nil }
        var invalid: UInt8 = 0
        // Digits and letters of either case to their values; anything else sets a high bit.
        @inline(__always) func word(_ start: Int, _ count: Int) -> UInt64 {
            var word: UInt64 = 0
            for index in start..<(start + count) {
                let character = text[index]
                let digit = character &- 0x30, letter = (character | 0x20) &- 0x61
                let value: UInt8 = digit < 10 ? digit : (letter < 6 ? letter &+ 10 : 0x80)
                invalid |= value
                word = word << 4 | UInt64(value & 0x0F)
            }
            return word
        }
        let digest = BlocklistDigest(high: word(0, 16), middle: word(16, 16), low: UInt32(truncatingIfNeeded: word(32, 8)))
        return invalid & 0x80 == 0 ? digest : nil
    }

    /// The digest as 40 upper-case hexadecimal digits (Have I Been Pwned's form).
    ///
    /// ```swift
    /// BlocklistDigest(sha1Of: Array("abc".utf8)).hexadecimal   // "A9993E364706816ABA3E25717850C26C9CD0D89D"
    /// ```
    public var hexadecimal: String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for (word, width) in [(high, 16), (middle, 16), (UInt64(low), 8)] {
            for shift in stride(from: (width - 1) * 4, through: 0, by: -4) { out.append(digits[Int(word >> UInt64(shift) & 15)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte order: the digests' order as byte strings.
    public static func < (a: BlocklistDigest, b: BlocklistDigest) -> Bool {
        (a.high, a.middle, a.low) < (b.high, b.middle, b.low)
    }
}

enum SHA1 {
    /// Whether this processor has SHA-1 instructions the library uses (x86-64 SHA extensions).
    static let hasHardwareRounds = password_policy_sha1_hardware() != 0

    /// The digest of `bytes`; `hardware` false takes the portable rounds (the tests compare).
    static func digest(_ bytes: UnsafeBufferPointer<UInt8>, hardware: Bool = SHA1.hasHardwareRounds) -> BlocklistDigest {
        var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { w in
            var offset = 0
            if let base = bytes.baseAddress {
                while bytes.count - offset >= 64 {
                    block(&state, base + offset, w, hardware: hardware)
                    offset += 64
                }
            }
            // The last one or two blocks: the tail, 0x80, zeros, the length in bits.
            let length = bytes.count - offset < 56 ? 64 : 128
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                guard let padded = tail.baseAddress else { return }
                padded.initialize(repeating: 0, count: length)
                for i in offset..<bytes.count { tail[i - offset] = bytes[i] }
                tail[bytes.count - offset] = 0x80
                let bits = UInt64(bytes.count) &* 8
                for i in 0..<8 { tail[length - 1 - i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i)) }
                for start in stride(from: 0, to: length, by: 64) { block(&state, padded + start, w, hardware: hardware) }
            }
        }
        return BlocklistDigest(
            high: UInt64(state.0) << 32 | UInt64(state.1), middle: UInt64(state.2) << 32 | UInt64(state.3), low: state.4)
    }

    /// One 64-byte block at `bytes` into `state`: the SHA instructions, or the portable rounds
    /// with the message schedule in `w`.
    @inline(__always)
    private static func block(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32), _ bytes: UnsafePointer<UInt8>,
                              _ w: UnsafeMutableBufferPointer<UInt32>, hardware: Bool) {
        if hardware {
            withUnsafeMutableBytes(of: &state) { words in
                guard let words = words.baseAddress?.assumingMemoryBound(to: UInt32.self) else { return }
                password_policy_sha1_compress(words, bytes)
            }
            return
        }
        let block = UnsafeBufferPointer(start: bytes, count: 64)
        for i in 0..<16 { w[i] = word(block, 4 * i) }
        compress(&state, w)
    }

    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(bigEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    /// One 64-byte block (its 16 words in `w[0..<16]`) into `state`; the message schedule is
    /// kept in those 16 words, each replaced as the rounds go (FIPS 180-4, section 6.1.3).
    @inline(__always)
    private static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32), _ w: UnsafeMutableBufferPointer<UInt32>) {
        var (a, b, c, d, e) = state
        @inline(__always) func round(_ f: UInt32, _ k: UInt32, _ t: Int) {
            let word: UInt32
            if t < 16 {
                word = w[t]
            } else {
                let x = w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15]
                word = x << 1 | x >> 31
                w[t & 15] = word
            }
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ word
            e = d
            d = c
            c = b << 30 | b >> 2
            b = a
            a = temp
        }
        for t in 0..<20 { round((b & c) | (~b & d), 0x5A82_7999, t) }
        for t in 20..<40 { round(b ^ c ^ d, 0x6ED9_EBA1, t) }
        for t in 40..<60 { round((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, t) }
        for t in 60..<80 { round(b ^ c ^ d, 0xCA62_C1D6, t) }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
}
