/// A set of whole passwords, held as one sorted table of UTF-8 byte strings and an
/// open-addressing hash table over it (XXH64 of the bytes): exact membership in one hash and
/// usually one probe, the bytes compared on a hash match, nothing allocated per lookup.
/// Sendable and immutable; share one value across threads.
///
/// Comparison is by bytes, never by `String`'s canonical equivalence: a decomposed `é` is a
/// member only when the list holds it decomposed, unless the policy normalizes (then the
/// compiled policy compares both in NFC).
///
/// ```swift
/// let list = Blocklist(name: "team", entries: ["hunter2", "correct horse"])
/// list.contains("hunter2")                 // true
/// Blocklist.common.contains("1qaz2wsx3edc4rfv")   // true
/// ```
public struct Blocklist: Sendable, CustomStringConvertible {
    /// The name a policy's `forbidList[].list` uses for this list.
    public let name: String
    /// Why a member is refused, for people: "is one of the 30,000 most common passwords".
    public let reason: String
    /// The entries, sorted by bytes, each followed by a newline.
    private let blob: [UInt8]
    /// Where each entry starts in `blob`; one more element than entries (the end).
    private let starts: [Int32]
    /// The hash table: a power-of-two number of slots, each 0 (empty) or the entry's XXH64
    /// top 32 bits above its index + 1; linear probing, at most half full.
    private let slots: [UInt64]
    /// A mapped blocklist file, when the list is one (then `blob` and `starts` are empty).
    let file: BlocklistFile?
    /// The file's lookup, copied out of it so that a lookup retains nothing (`file` keeps
    /// what it points at alive).
    let probe: BlocklistFileProbe?
    /// Whether some entry has a byte from 0x80 up / a capital A–Z: read by `prepared`, so that
    /// compiling a policy does not scan the entries again.
    private let hasNonASCII: Bool
    private let hasCapitals: Bool

    /// `name (N entries)`: never the entries themselves.
    public var description: String { "\(name) (\(count) entries)" }

    /// The number of distinct entries.
    public var count: Int { file?.info.count ?? starts.count - 1 }

    /// A list of `entries` (duplicates and empty strings are dropped; an entry holding a
    /// newline is split at it).
    ///
    /// ```swift
    /// let list = Blocklist(name: "breached", reason: "appears in a known data breach", entries: ["hunter2"])
    /// ```
    public init(name: String, reason: String? = nil, entries: some Sequence<String>) {
        var lines: [[UInt8]] = []
        for entry in entries {
            for line in entry.utf8.split(separator: 10) where !line.isEmpty { lines.append(Array(line)) }
        }
        lines.sort { $0.lexicographicallyPrecedes($1) }
        var blob: [UInt8] = []
        var starts: [Int32] = []
        var previous: [UInt8]? = nil
        for line in lines where line != previous {
            starts.append(Int32(truncatingIfNeeded: blob.count))
            blob.append(contentsOf: line)
            blob.append(10)
            previous = line
        }
        starts.append(Int32(truncatingIfNeeded: blob.count))
        self.init(name: name, reason: reason ?? "is in the list \"\(name)\"", blob: blob, starts: starts)
    }

    /// A list from text already sorted by bytes, one distinct entry a line, ending in a newline.
    init(name: String, reason: String, sortedLines text: String) {
        let blob = Array(text.utf8)
        var starts: [Int32] = [0]
        for (index, byte) in blob.enumerated() where byte == 10 { starts.append(Int32(truncatingIfNeeded: index + 1)) }
        self.init(name: name, reason: reason, blob: blob, starts: starts)
    }

    init(name: String, reason: String, blob: [UInt8] = [], starts: [Int32] = [0], file: BlocklistFile? = nil) {
        self.name = name
        self.reason = reason
        self.blob = blob
        self.starts = starts
        self.file = file
        self.probe = file?.probe
        self.hasNonASCII = blob.contains { $0 >= 0x80 }
        self.hasCapitals = blob.contains { $0 >= 0x41 && $0 <= 0x5A }
        self.slots = Blocklist.hashTable(blob, starts)
    }

    /// The slots for the entries `blob[starts[i]..<starts[i + 1] - 1]` (distinct).
    private static func hashTable(_ blob: [UInt8], _ starts: [Int32]) -> [UInt64] {
        let count = starts.count - 1
        guard count > 0 else { return [0] }
        var capacity = 2
        while capacity < 2 * count { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        blob.withUnsafeBufferPointer { table in
            for index in 0..<count {
                let entry = UnsafeBufferPointer(rebasing: table[Int(starts[index])..<Int(starts[index + 1]) - 1])
                let hash = XXH64.hash(entry)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
            }
        }
        return slots
    }

    /// Whether `password`'s exact UTF-8 is an entry.
    ///
    /// ```swift
    /// Blocklist.common.contains("password")   // true
    /// ```
    public func contains(_ password: String) -> Bool {
        Blocklist.withUTF8(of: password) { contains(utf8: $0) }
    }

    /// `body` with the UTF-8 of `password`, borrowed when the string is native (a copy of the
    /// string would be a retain).
    @inline(__always)
    static func withUTF8<Result>(of password: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = password.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = password
        return copy.withUTF8(body)
    }

    /// Whether `bytes`, the UTF-8 of a password, are exactly an entry (for a list from a filter
    /// file: probably an entry). Nothing is allocated or retained on the way, unless the file
    /// folds case or normalizes and the password has letters that need it.
    ///
    /// ```swift
    /// let listed = Array("password".utf8).withUnsafeBufferPointer { Blocklist.common.contains(utf8: $0) }   // true
    /// ```
    public func contains(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let probe { return probe.contains(key(bytes, probe)) }
        let hash = XXH64.hash(bytes)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let value = slots[slot]
                if value == 0 { return false }
                if value & 0xFFFF_FFFF_0000_0000 == tag, isEntry(Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1, bytes) { return true }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether entry `index` is exactly `bytes`.
    private func isEntry(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[index]), end = Int(starts[index + 1]) - 1
        guard end - start == bytes.count else { return false }
        return blob.withUnsafeBufferPointer { table in
            guard let entry = table.baseAddress, let probe = bytes.baseAddress else { return bytes.isEmpty }
            return memcmpBytes(entry + start, probe, bytes.count)
        }
    }

    private func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for index in 0..<count where a[index] != b[index] { return false }
        return true
    }

    /// Every entry, in byte order; empty for a list loaded from a blocklist file (which
    /// holds digests or fingerprints, not passwords).
    public var entries: [String] {
        (0..<count).map { String(decoding: blob[Int(starts[$0])..<Int(starts[$0 + 1]) - 1], as: UTF8.self) }
    }

    /// Whether `other` is this list: the same mapped file, or the same name, reason and
    /// entries (compared only when the names match; equal arrays that share storage are
    /// not read).
    func isSameList(as other: Blocklist) -> Bool {
        if let file, let otherFile = other.file { return file === otherFile }
        guard file == nil, other.file == nil, name == other.name, reason == other.reason else { return false }
        return starts == other.starts && blob == other.blob
    }

    /// The list with every entry in NFC and, when `caseFolded`, lowercased; the list itself
    /// when that changes nothing (an all-ASCII list without capitals, such as `common`).
    func prepared(normalization: UnicodeNormalization?, caseFolded: Bool) -> Blocklist {
        if file != nil { return self }
        guard (hasNonASCII && (normalization != nil || caseFolded)) || (caseFolded && hasCapitals) else { return self }
        let mapped = entries.map { entry in
            let normalized = normalization == nil ? entry : UnicodeNormalization.nfc(entry)
            return caseFolded ? UnicodeNormalization.nfc(normalized.lowercased()) : normalized
        }
        return Blocklist(name: name, reason: reason, entries: mapped)
    }

    /// A built-in list by name: `common`.
    ///
    /// ```swift
    /// Blocklist.builtIn(named: "common")?.count   // 30000
    /// ```
    public static func builtIn(named name: String) -> Blocklist? {
        name == "common" ? common : nil
    }

    /// The names of the built-in lists.
    public static let builtInNames = ["common"]

    /// `common`: the 30,000 most common passwords of zxcvbn 4.5.0 (MIT; see
    /// Blocklist/CommonPasswords.md for how the list was derived), lowercase.
    ///
    /// ```swift
    /// Blocklist.common.contains("1qaz2wsx3edc4rfv")   // true
    /// ```
    public static let common = Blocklist(
        name: "common", reason: "is one of the 30,000 most common passwords", sortedLines: CommonPasswords.text)
}
