/// Calls `body` with each 8-byte word of the `count` bytes at `base` (at least 8), in
/// order. The last word overlaps the one before it when `count` is not a multiple of 8, so
/// every byte is in a word and some are in two: a fold that only ORs or ANDs (a union, an
/// intersection) does not mind. Typical passwords (8 to 16 bytes) take exactly two words,
/// with no data-dependent loop exit to mispredict. Inlined, with `body`, into each caller.
///
/// ```swift
/// var high: UInt64 = 0
/// forEachOverlappingWord(base, count: count) { high |= $0 }
/// let isASCII = high & 0x8080_8080_8080_8080 == 0
/// ```
@inlinable @inline(__always)
func forEachOverlappingWord(_ base: UnsafePointer<UInt8>, count: Int, _ body: (UInt64) -> Void) {
    let raw = UnsafeRawPointer(base)
    let last = count &- 8
    var offset = 0
    while offset < last {
        body(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset &+= 8
    }
    body(raw.loadUnaligned(fromByteOffset: last, as: UInt64.self))
}

/// The `table` entries of the eight bytes of `word`, lowest byte first: the lookups of one
/// word of ``forEachOverlappingWord(_:count:_:)``, for a caller to combine (eight loads
/// with no dependence between them, then a tree of ORs or ANDs).
@inlinable @inline(__always)
func tableEntries<Item>(ofBytesIn word: UInt64, _ table: UnsafePointer<Item>) -> (Item, Item, Item, Item, Item, Item, Item, Item) {
    (table[Int(truncatingIfNeeded: word & 0xFF)],
     table[Int(truncatingIfNeeded: (word &>> 8) & 0xFF)],
     table[Int(truncatingIfNeeded: (word &>> 16) & 0xFF)],
     table[Int(truncatingIfNeeded: (word &>> 24) & 0xFF)],
     table[Int(truncatingIfNeeded: (word &>> 32) & 0xFF)],
     table[Int(truncatingIfNeeded: (word &>> 40) & 0xFF)],
     table[Int(truncatingIfNeeded: (word &>> 48) & 0xFF)],
     table[Int(truncatingIfNeeded: word &>> 56)])
}
