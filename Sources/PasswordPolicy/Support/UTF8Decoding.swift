/// Strict UTF-8 decoding (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
enum UTF8Decoding {
    /// The scalar starting at `index` and its length in bytes, or nil when the bytes there
    /// are not valid UTF-8.
    @inline(__always)
    static func decode<C: RandomAccessCollection<UInt8>>(_ bytes: C, at index: C.Index) -> (Unicode.Scalar, Int)? where C.Index == Int {
        let end = bytes.endIndex
        let b0 = bytes[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        if b0 < 0xC2 { return nil }
        if b0 < 0xE0 {
            guard index + 1 < end else { return nil }
            let b1 = bytes[index + 1]
            guard b1 & 0xC0 == 0x80 else { return nil }
            return Unicode.Scalar(UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F)).map { ($0, 2) }
        }
        if b0 < 0xF0 {
            guard index + 2 < end else { return nil }
            let b1 = bytes[index + 1], b2 = bytes[index + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
            if b0 == 0xE0, b1 < 0xA0 { return nil }   // overlong
            if b0 == 0xED, b1 >= 0xA0 { return nil }  // surrogate
            let value = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            return Unicode.Scalar(value).map { ($0, 3) }
        }
        if b0 < 0xF5 {
            guard index + 3 < end else { return nil }
            let b1 = bytes[index + 1], b2 = bytes[index + 2], b3 = bytes[index + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            if b0 == 0xF0, b1 < 0x90 { return nil }   // overlong
            if b0 == 0xF4, b1 >= 0x90 { return nil }  // past U+10FFFF
            let value = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F)
            return Unicode.Scalar(value).map { ($0, 4) }
        }
        return nil
    }
}

extension UTF8Decoding {
    /// Decodes one scalar of UTF-8 that is known to be valid.
    @inline(__always)
    static func decodeValid(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let b0 = UInt32(buffer[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(buffer[index + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(buffer[index + 1] & 0x3F) << 6 | UInt32(buffer[index + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(buffer[index + 1] & 0x3F) << 12 | UInt32(buffer[index + 2] & 0x3F) << 6 | UInt32(buffer[index + 3] & 0x3F), 4)
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence, or nil
    /// when all of `buffer` is valid UTF-8.
    static func firstInvalidOffset(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = asciiPrefixLength(buffer)
        while index < buffer.count {
            guard let (_, width) = decode(buffer, at: index) else { return index }
            index += width
        }
        return nil
    }

    /// The number of leading ASCII bytes, eight at a time: the common case (all of it)
    /// needs no decoding.
    @inline(__always)
    static func asciiPrefixLength(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var index = 0
        while index &+ 8 <= buffer.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index &+= 8
        }
        while index < buffer.count, base[index] < 0x80 { index &+= 1 }
        return index
    }
}
