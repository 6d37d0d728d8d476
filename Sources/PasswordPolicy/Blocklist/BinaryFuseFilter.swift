// A binary fuse filter: 3-wise, 8-bit fingerprints (Graf & Lemire, "Binary Fuse Filters:
// Fast and Smaller Than Xor Filters", ACM JEA 2022). Written from the paper's description:
// each key maps to three slots, one in each of three consecutive segments of a power-of-two
// length; the xor of the three slots' bytes is the key's fingerprint. Built by peeling (a slot
// hit by one remaining key fixes that key last), assigned in reverse peeling order.
// False positives: 1/256 (0.39 %); space: 1.125 bytes per key for large sets (9 bits).

/// Where a filter's fingerprints are and how keys map to them.
struct FuseParameters: Equatable {
    var seed: UInt64
    var segmentLength: UInt32
    var segmentCount: UInt32
    var arrayLength: UInt64

    var segmentCountLength: UInt64 { UInt64(segmentCount) * UInt64(segmentLength) }

    /// The sizes the paper gives for 3-wise filters of `count` keys (sizing section: segment
    /// length 2^⌊ln n / ln 3.33 + 2.25⌋, at most 2^18; size factor max(1.125, 0.875 + 0.25 ln 10^6 / ln n)).
    init(count: Int, seed: UInt64) {
        let n = Double(max(count, 2))
        let exponent = count <= 1 ? 2 : min(18, Int(FuseParameters.ln(n) / FuseParameters.ln(3.33) + 2.25))
        let segment = 1 << exponent
        let factor = count <= 1 ? 0 : max(1.125, 0.875 + 0.25 * FuseParameters.ln(1_000_000) / FuseParameters.ln(n))
        let capacity = Int((Double(count) * factor).rounded())
        let segments = max(1, (capacity + segment - 1) / segment - 2)
        self.seed = seed
        self.segmentLength = UInt32(segment)
        self.segmentCount = UInt32(segments)
        self.arrayLength = UInt64((segments + 2) * segment)
    }

    init(seed: UInt64, segmentLength: UInt32, segmentCount: UInt32, arrayLength: UInt64) {
        self.seed = seed
        self.segmentLength = segmentLength
        self.segmentCount = segmentCount
        self.arrayLength = arrayLength
    }

    /// Whether lookups stay inside `arrayLength` bytes: the segment length a power of two and
    /// the last segment's third slot inside the array.
    var isConsistent: Bool {
        segmentLength > 0 && segmentLength & (segmentLength - 1) == 0 && segmentCount > 0
            && segmentCountLength + 2 * UInt64(segmentLength) <= arrayLength
    }

    /// The natural logarithm, without Foundation: 2 atanh((m - 1)/(m + 1)) + k ln 2 for x = m 2^k.
    static func ln(_ x: Double) -> Double {
        var m = x, k = 0.0
        while m >= 2 { m /= 2; k += 1 }
        let y = (m - 1) / (m + 1), y2 = y * y
        var term = y, sum = 0.0
        for power in stride(from: 1.0, to: 60, by: 2) { sum += term / power; term *= y2 }
        return 2 * sum + k * 0.693_147_180_559_945_3
    }

    /// The key's mixed hash (the 64-bit finalizer of MurmurHash3 over key + seed).
    @inline(__always)
    func hash(_ key: UInt64) -> UInt64 {
        var h = key &+ seed
        h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h &*= 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }

    /// The three slots of a hash: the first anywhere in the first `segmentCount` segments,
    /// the others in the next two segments, each moved within its segment by other hash bits.
    @inline(__always)
    func slots(_ h: UInt64) -> (Int, Int, Int) {
        let mask = UInt64(segmentLength) - 1
        let h0 = h.multipliedFullWidth(by: segmentCountLength).high
        let h1 = (h0 + UInt64(segmentLength)) ^ ((h >> 18) & mask)
        let h2 = (h0 + 2 * UInt64(segmentLength)) ^ (h & mask)
        return (Int(h0), Int(h1), Int(h2))
    }

    @inline(__always)
    static func fingerprint(_ h: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: h ^ (h >> 32)) }

    /// Whether `key` may be in the filter whose fingerprints start at `base`.
    @inline(__always)
    func mayContain(_ key: UInt64, _ base: UnsafePointer<UInt8>) -> Bool {
        let h = hash(key)
        let (a, b, c) = slots(h)
        return FuseParameters.fingerprint(h) == base[a] ^ base[b] ^ base[c]
    }
}

enum BinaryFuseFilter {
    /// A filter of `keys` (duplicates allowed): its parameters, fingerprints and the number of
    /// distinct keys. Tries seeds derived from `seedBase` until peeling succeeds (nearly
    /// always the first). The keys' hashes are sorted first (the hash is a bijection of the
    /// key, so equal hashes are equal keys): duplicates drop out, and the slots are then
    /// filled in increasing order of the first slot, as the paper advises for cache locality.
    static func build(_ keys: [UInt64], seedBase: UInt64) -> (FuseParameters, [UInt8], Int) {
        var attempt: UInt64 = 0
        var hashes = [UInt64](repeating: 0, count: keys.count)
        while true {
            attempt += 1
            var parameters = FuseParameters(count: keys.count, seed: splitMix(seedBase &+ attempt))
            for index in keys.indices { hashes[index] = parameters.hash(keys[index]) }
            // The sort's scratch is freed before peeling, which needs the most memory.
            do {
                var scratch = [UInt64](repeating: 0, count: keys.count)
                radixSort(&hashes, &scratch)
            }
            hashes.removeDuplicatesInSorted()
            parameters = FuseParameters(count: hashes.count, seed: parameters.seed)
            if attempt > 8 { parameters = FuseParameters(count: hashes.count + hashes.count / 8 * Int(attempt - 8) + 8, seed: parameters.seed) }
            if let fingerprints = assign(hashes, parameters) { return (parameters, fingerprints, hashes.count) }
            hashes = [UInt64](repeating: 0, count: keys.count)
        }
    }

    /// Sorts `values` by 8-bit digits, least significant first (`scratch`: as many elements).
    static func radixSort(_ values: inout [UInt64], _ scratch: inout [UInt64]) {
        values.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                var source = a, target = b
                for shift in stride(from: UInt64(0), to: 64, by: 8) {
                    var counts = [Int](repeating: 0, count: 257)
                    for value in source { counts[Int(truncatingIfNeeded: value >> shift) & 0xFF + 1] += 1 }
                    for digit in 0..<256 { counts[digit + 1] += counts[digit] }
                    for value in source {
                        let digit = Int(truncatingIfNeeded: value >> shift) & 0xFF
                        target[counts[digit]] = value
                        counts[digit] += 1
                    }
                    swap(&source, &target)
                }
            }
        }
    }

    static func splitMix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Peels and assigns; nil when the keys' hypergraph does not peel with these parameters.
    /// Each slot keeps (keys hitting it) << 2 | (xor of which of its key's three slots it is),
    /// and the xor of those keys' hashes: a slot hit once names its key and position.
    private static func assign(_ keys: [UInt64], _ p: FuseParameters) -> [UInt8]? {
        // `keys` are the keys' hashes here.
        let length = Int(p.arrayLength)
        var counts = [UInt8](repeating: 0, count: length)
        var hashes = [UInt64](repeating: 0, count: length)
        for h in keys {
            let (a, b, c) = p.slots(h)
            if counts[a] >= 0xF8 || counts[b] >= 0xF8 || counts[c] >= 0xF8 { return nil }
            counts[a] = (counts[a] &+ 4) ^ 0; hashes[a] ^= h
            counts[b] = (counts[b] &+ 4) ^ 1; hashes[b] ^= h
            counts[c] = (counts[c] &+ 4) ^ 2; hashes[c] ^= h
        }
        var queue: [Int32] = []
        queue.reserveCapacity(length / 4)
        for index in 0..<length where counts[index] >> 2 == 1 { queue.append(Int32(index)) }
        // The peeled slots in order. A peeled slot's `hashes` entry keeps its key's hash: no
        // other remaining key hits it, so nothing changes it afterwards.
        var order: [Int32] = []
        order.reserveCapacity(keys.count)
        while let slot = queue.popLast().map(Int.init) {
            guard counts[slot] >> 2 == 1 else { continue }
            let h = hashes[slot]
            order.append(Int32(slot))
            let (a, b, c) = p.slots(h)
            if a != slot { remove(h, from: a, position: 0, &counts, &hashes, &queue) }
            if b != slot { remove(h, from: b, position: 1, &counts, &hashes, &queue) }
            if c != slot { remove(h, from: c, position: 2, &counts, &hashes, &queue) }
            counts[slot] = 0
        }
        guard order.count == keys.count else { return nil }
        var fingerprints = [UInt8](repeating: 0, count: length)
        for slot in order.reversed() {
            let h = hashes[Int(slot)]
            let (a, b, c) = p.slots(h)
            fingerprints[Int(slot)] = 0
            fingerprints[Int(slot)] = FuseParameters.fingerprint(h) ^ fingerprints[a] ^ fingerprints[b] ^ fingerprints[c]
        }
        return fingerprints
    }

    @inline(__always)
    private static func remove(_ h: UInt64, from slot: Int, position: UInt8, _ counts: inout [UInt8], _ hashes: inout [UInt64], _ queue: inout [Int32]) {
        counts[slot] = (counts[slot] &- 4) ^ position
        hashes[slot] ^= h
        if counts[slot] >> 2 == 1 { queue.append(Int32(slot)) }
    }
}
