internal import CPCRE2

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
            pattern = try PCRE2Pattern("[" + body + "]+")
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

    /// Every Unicode scalar value, UTF-8 encoded once per process (about 4.3 MB) in chunks of
    /// consecutive scalars of one UTF-8 width, so that a match's byte offsets map back to
    /// scalar values by division.
    private static let allScalarChunks: [(first: UInt32, width: Int, bytes: [UInt8])] = {
        var chunks: [(first: UInt32, width: Int, bytes: [UInt8])] = []
        for (segment, width) in segments {
            var chunkStart = segment.lowerBound
            while chunkStart <= segment.upperBound {
                let chunkEnd = min(segment.upperBound, chunkStart + chunkSize - 1)
                let count = Int(chunkEnd - chunkStart + 1) * width
                let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                    initialized = encode(chunkStart...chunkEnd, width: width, into: buffer)
                }
                chunks.append((chunkStart, width, bytes))
                chunkStart = chunkEnd + 1
            }
        }
        return chunks
    }()

    /// Runs of code points with the same UTF-8 width; surrogates are not scalar values.
    private static let segments: [(ClosedRange<UInt32>, Int)] = [
        (0x0...0x7F, 1), (0x80...0x7FF, 2), (0x800...0xD7FF, 3), (0xE000...0xFFFF, 3), (0x10000...0x10FFFF, 4),
    ]
    private static let chunkSize: UInt32 = 65536

    /// The exact members of each compiled class, read off PCRE2.
    ///
    /// A `chars` list can only match its own characters, so PCRE2 is asked about each of
    /// them; a `set` is matched over every scalar value. Every chunk of scalars is encoded
    /// once and matched by each `set`'s `[...]+` pattern; because the chunk holds
    /// consecutive scalars, each match is a range of members.
    static func members(of compiled: [(pattern: PCRE2Pattern, charset: Charset)]) -> [ScalarSet] {
        var listed: [Int: ScalarSet] = [:]
        var patterns: [PCRE2Pattern] = []
        var scanned: [Int] = []
        for (index, item) in compiled.enumerated() {
            if case .chars(let text) = item.charset {
                listed[index] = ScalarSet(text.unicodeScalars.filter { matchesAlone(item.pattern, $0) })
            } else {
                scanned.append(index)
                patterns.append(item.pattern)
            }
        }
        let found = scan(patterns)
        var result: [ScalarSet] = []
        for index in compiled.indices {
            if let set = listed[index] {
                result.append(set)
            } else if let position = scanned.firstIndex(of: index) {
                result.append(found[position])
            }
        }
        return result
    }

    /// Whether `pattern` matches the one-character string `scalar` as a whole.
    static func matchesAlone(_ pattern: PCRE2Pattern, _ scalar: Unicode.Scalar) -> Bool {
        let bytes = Array(scalar.utf8)
        if case .match(0, bytes.count) = pattern.firstMatch(in: bytes) { return true }
        return false
    }

    /// Members of each pattern over every scalar value.
    private static func scan(_ patterns: [PCRE2Pattern]) -> [ScalarSet] {
        guard !patterns.isEmpty else { return [] }
        var found = Array(repeating: [ClosedRange<UInt32>](), count: patterns.count)
        let matchData = patterns.map { PCRE2Pattern.MatchData(for: $0) }
        for chunk in allScalarChunks {
            chunk.bytes.withUnsafeBufferPointer { subject in
                for (index, pattern) in patterns.enumerated() {
                    var offset = 0
                    while offset < subject.count {
                        guard case .match(let start, let end) = pattern.firstMatch(in: subject, from: offset, matchData: matchData[index]), end > start else { break }
                        let first = chunk.first + UInt32(start / chunk.width)
                        let last = chunk.first + UInt32(end / chunk.width) - 1
                        found[index].append(first...last)
                        offset = end
                    }
                }
            }
        }
        return found.map { ScalarSet(ranges: $0) }
    }
}
