internal import CPCRE2
import Synchronization

/// Turns a ``Charset`` into a PCRE2 character class, and reads off the exact set of scalar
/// values PCRE2 matches with it.
///
/// PCRE2 is the only authority on membership: the tables the validator and generator use
/// are built here by asking PCRE2 about every Unicode scalar value, never written by hand.
enum CharsetCompiler {
    /// Why a `set` body was refused before or by PCRE2.
    enum Failure: Error, Equatable {
        case empty
        /// An unescaped `]` that would end the class early, at this UTF-8 offset in the body.
        case closesEarly(offset: Int)
        case pcre2(PCRE2CompileError)
        /// The class can match something other than exactly one character.
        case notSingleCharacter
    }

    /// The PCRE2 class body for a charset: `set` bodies as written, `chars` with every
    /// character escaped as `\x{...}` so nothing in the list is special.
    static func classBody(for charset: Charset) -> String {
        switch charset {
        case .set(let body): return body
        case .chars(let chars): return ScalarSet(chars.unicodeScalars).pcre2ClassBody
        }
    }

    /// Compiles the charset as one PCRE2 class that matches runs of its members (`[...]+`).
    static func compile(_ charset: Charset) throws(Failure) -> PCRE2Pattern {
        let body = classBody(for: charset)
        if body.isEmpty { throw .empty }
        if case .set = charset, let offset = earlyClose(in: body) { throw .closesEarly(offset: offset) }
        let pattern: PCRE2Pattern
        do {
            pattern = try PCRE2Pattern("[" + body + "]+", jit: false)
        } catch {
            // Report offsets relative to the body the author wrote, not our brackets.
            var adjusted = error
            adjusted.offset = max(0, min(error.offset - 1, body.utf8.count))
            throw .pcre2(adjusted)
        }
        guard pattern.minimumLength == 1 else { throw .notSingleCharacter }
        return pattern
    }

    /// Finds an unescaped `]` that would close a PCRE2 class whose body is `body` before
    /// the body ends, following PCRE2's own rules: a `]` first in the body (after an
    /// optional `^`) is literal; `\` escapes the next character; `\Q...\E` quotes; a POSIX
    /// class `[:name:]` (and `[.x.]`, `[=x=]`) is skipped only when PCRE2 would read it as one.
    static func earlyClose(in body: String) -> Int? {
        let bytes = Array(body.utf8)
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "^") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1 }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "Q") {
                    // Quoted until \E or the end of the body.
                    i += 2
                    while i < bytes.count, !(bytes[i] == UInt8(ascii: "\\") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "E")) { i += 1 }
                    i += 2
                } else {
                    i += 2
                }
                continue
            }
            if byte == UInt8(ascii: "["), i + 1 < bytes.count,
               let terminator = [UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "=")].first(where: { $0 == bytes[i + 1] }),
               let end = posixClassEnd(bytes, from: i + 1, terminator: terminator) {
                i = end
                continue
            }
            if byte == UInt8(ascii: "]") { return i }
            i += 1
        }
        return nil
    }

    /// PCRE2's `check_posix_syntax`: the index just past `:]` when a POSIX class starts at
    /// `start` (the terminator character), or nil when PCRE2 would not read one there.
    private static func posixClassEnd(_ bytes: [UInt8], from start: Int, terminator: UInt8) -> Int? {
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "]") || bytes[i + 1] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if (bytes[i] == UInt8(ascii: "[") && i + 1 < bytes.count && bytes[i + 1] == terminator) || bytes[i] == UInt8(ascii: "]") {
                return nil
            }
            if bytes[i] == terminator, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "]") { return i + 2 }
            i += 1
        }
        return nil
    }

    /// Writes the UTF-8 of every scalar in `range` (all of UTF-8 length `width`) into
    /// `buffer`; returns the number of bytes written.
    private static func encode(_ range: ClosedRange<UInt32>, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var at = 0
        for value in range {
            switch width {
            case 1:
                buffer[at] = UInt8(truncatingIfNeeded: value)
            case 2:
                buffer[at] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
                buffer[at + 1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            case 3:
                buffer[at] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
                buffer[at + 1] = UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F)
                buffer[at + 2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            default:
                buffer[at] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
                buffer[at + 1] = UInt8(truncatingIfNeeded: 0x80 | (value >> 12) & 0x3F)
                buffer[at + 2] = UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F)
                buffer[at + 3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            }
            at += width
        }
        return at
    }

    /// Consecutive scalars whose UTF-8 all starts with one byte (`lead`; the ASCII block
    /// holds every one-byte scalar), encoded once per process, so that a match's byte
    /// offsets map back to scalar values by division and a block is skipped when PCRE2
    /// says no match can start with its byte.
    private struct Block {
        let first: UInt32
        let width: Int
        let lead: UInt8
        let bytes: [UInt8]

        /// Whether a match of a pattern with these possible first bytes can start in this block.
        func mayStart(_ possible: [Bool]?) -> Bool {
            guard let possible else { return true }
            return width == 1 ? possible[0..<0x80].contains(true) : possible[Int(lead)]
        }
    }

    /// The blocks of one- and two-byte scalars (U+0000 to U+07FF: 2 KiB or so of UTF-8).
    private static let narrowBlocks: [Block] = blocks(lead: 0x00...0x00, width: 1) + blocks(lead: 0xC2...0xDF, width: 2)
    /// The blocks of three-byte scalars (about 190 KiB), encoded when a pattern first needs them.
    private static let wideBlocks: [Block] = blocks(lead: 0xE0...0xEF, width: 3)
    /// The blocks of four-byte scalars (about 4 MiB), encoded when a pattern first needs them.
    private static let widestBlocks: [Block] = blocks(lead: 0xF0...0xF4, width: 4)

    /// One block per lead byte in `leads`, each holding every scalar whose UTF-8 starts with it.
    private static func blocks(lead leads: ClosedRange<UInt8>, width: Int) -> [Block] {
        leads.map { lead in
            let range = scalars(lead: lead, width: width)
            let count = Int(range.upperBound - range.lowerBound + 1) * width
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = encode(range, width: width, into: buffer)
            }
            return Block(first: range.lowerBound, width: width, lead: lead, bytes: bytes)
        }
    }

    /// The scalar values whose UTF-8 starts with `lead` (all ASCII for width 1); no
    /// overlong forms, no surrogates.
    private static func scalars(lead: UInt8, width: Int) -> ClosedRange<UInt32> {
        let low = UInt32(lead)
        switch width {
        case 1: return 0x0...0x7F
        case 2: return (low & 0x1F) << 6...((low & 0x1F) << 6 | 0x3F)
        case 3:
            let first = max(0x800, (low & 0x0F) << 12)
            return first...(lead == 0xED ? 0xD7FF : (low & 0x0F) << 12 | 0xFFF)
        default:
            let first = max(0x10000, (low & 0x07) << 18)
            return first...min(0x10FFFF, (low & 0x07) << 18 | 0x3FFFF)
        }
    }

    /// A pattern scanned over more than this many bytes is JIT-compiled first.
    private static let jitThreshold = 16 << 10

    /// The exact members of each compiled class, read off PCRE2.
    ///
    /// A `chars` list can only match its own characters, so PCRE2 is asked about each of
    /// them; a `set` is matched over every scalar value a match can start with. Each block
    /// of scalars is encoded once per process and matched by each `set`'s `[...]+` pattern;
    /// because the block holds consecutive scalars, each match is a range of members.

    static func members(of compiled: [(pattern: PCRE2Pattern, charset: Charset)], skippingBlocks: Bool = true) -> [ScalarSet] {
        var result = [ScalarSet?](repeating: nil, count: compiled.count)
        var patterns: [PCRE2Pattern] = []
        var scanned: [(index: Int, body: String)] = []
        let remembered = skippingBlocks ? recent.withLock { $0 } : [:]
        for (index, item) in compiled.enumerated() {
            if case .chars(let text) = item.charset {
                result[index] = ScalarSet(text.unicodeScalars.filter { matchesAlone(item.pattern, $0) })
            } else if let known = remembered[classBody(for: item.charset)] {
                result[index] = known
            } else if skippingBlocks, let known = UnicodeProperties.members(ofClassBody: classBody(for: item.charset)) {
                // General categories only, from the table PCRE2 gave (UnicodeProperties.swift).
                result[index] = known
            } else {
                scanned.append((index, classBody(for: item.charset)))
                patterns.append(item.pattern)
            }
        }
        let found = scan(patterns, skippingBlocks: skippingBlocks)
        for (position, (index, _)) in scanned.enumerated() { result[index] = found[position] }
        if skippingBlocks, !scanned.isEmpty {
            recent.withLock { recent in
                if recent.count + scanned.count > recentLimit { recent.removeAll(keepingCapacity: true) }
                for (position, (_, body)) in scanned.enumerated() { recent[body] = found[position] }
            }
        }
        return result.map { $0 ?? ScalarSet() }
    }

    /// The members of recently read class bodies. A class that reaches the 3- and 4-byte
    /// blocks costs milliseconds to read, and a program that compiles many policies (lint,
    /// intersections, a fuzzer) meets the same bodies again; a body's members depend on
    /// nothing else, so the answer is the same either way. At most ``recentLimit`` bodies.
    private static let recent = Mutex<[String: ScalarSet]>([:])
    private static let recentLimit = 64

    /// Whether `pattern` matches the one-character string `scalar` as a whole.
    static func matchesAlone(_ pattern: PCRE2Pattern, _ scalar: Unicode.Scalar) -> Bool {
        let bytes = Array(scalar.utf8)
        if case .match(0, bytes.count) = pattern.firstMatch(in: bytes) { return true }
        return false
    }

    /// Members of each pattern over every scalar value (skipping the blocks whose lead
    /// byte PCRE2 says cannot start a match: the same answer, since PCRE2's matcher skips
    /// those start positions itself).
    private static func scan(_ patterns: [PCRE2Pattern], skippingBlocks: Bool) -> [ScalarSet] {
        guard !patterns.isEmpty else { return [] }
        var found = Array(repeating: [ClosedRange<UInt32>](), count: patterns.count)
        for (index, pattern) in patterns.enumerated() {
            let possible = skippingBlocks ? pattern.possibleFirstBytes : nil
            let lengthy = (possible?[0xE0...0xF4].contains(true) ?? true)
            if lengthy || narrowBlocks.reduce(0, { $0 + ($1.mayStart(possible) ? $1.bytes.count : 0) }) > jitThreshold {
                pattern.compileJIT()
            }
            let matchData = PCRE2Pattern.MatchData(for: pattern)
            var groups = [narrowBlocks]
            if possible?[0xE0...0xEF].contains(true) ?? true { groups.append(wideBlocks) }
            if possible?[0xF0...0xF4].contains(true) ?? true { groups.append(widestBlocks) }
            for block in groups.joined() where block.mayStart(possible) {
                block.bytes.withUnsafeBufferPointer { subject in
                    var offset = 0
                    while offset < subject.count {
                        guard case .match(let start, let end) = pattern.firstMatch(in: subject, from: offset, matchData: matchData), end > start else { break }
                        found[index].append(block.first + UInt32(start / block.width)...block.first + UInt32(end / block.width) - 1)
                        offset = end
                    }
                }
            }
        }
        return found.map { ScalarSet(ranges: $0) }
    }
}
