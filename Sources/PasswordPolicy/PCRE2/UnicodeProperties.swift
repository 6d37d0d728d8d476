// The members of Unicode general-category classes (`\p{L}`, `\P{Nd}`, `\p{Lu}\p{Nd}` …)
// without asking PCRE2 about a million scalars: reading `\p{L}` that way costs about 10 ms,
// which a one-shot command pays on every call. The members come from PCRE2 itself:
// `UnicodePropertyTable.swift` was written by scanning each category with this library's
// own scan (`CharsetCompiler.members`), and it is used only when the linked PCRE2 is the
// release that wrote it (same version and Unicode version); otherwise, and for every other
// class body, PCRE2 is asked as before. `UnicodePropertyTableTests` scans every category again and compares, so a table
// that PCRE2 would not reproduce fails the tests on the machine that runs them.

import Synchronization

enum UnicodeProperties {
    /// Whether the table applies: the linked PCRE2 is the release the table was read from.
    static let tableApplies = PCRE2Library.unicodeVersion == UnicodePropertyTable.unicodeVersion
        && PCRE2Library.version == UnicodePropertyTable.pcre2Version

    /// Every scalar value (no surrogates: UTF-8 cannot hold them, so no class matches them).
    static let everyScalar = ScalarSet(ranges: [0...0xD7FF, 0xE000...0x10FFFF])

    /// The members of `body` when it is a sequence of general-category items only (`\p{X}`,
    /// `\pX`, `\p{^X}`, `\P{X}`, `\PX`, with X a name the table has, spelled as the table
    /// spells it); nil for anything else or when the table does not apply.
    static func members(ofClassBody body: String) -> ScalarSet? {
        guard tableApplies, !body.isEmpty else { return nil }
        var result = ScalarSet()
        var rest = Substring(body)
        while !rest.isEmpty {
            guard let (name, negated, remainder) = item(rest), let members = set(named: name) else { return nil }
            result.formUnion(negated ? everyScalar.subtracting(members) : members)
            rest = remainder
        }
        return result
    }

    /// One `\p…`/`\P…` item at the start of `text`: its name, whether it is negated, and the rest.
    private static func item(_ text: Substring) -> (name: Substring, negated: Bool, rest: Substring)? {
        guard text.hasPrefix("\\p") || text.hasPrefix("\\P") else { return nil }
        var negated = text.hasPrefix("\\P")
        let after = text.dropFirst(2)
        guard let first = after.first else { return nil }
        if first != "{" { return first.isLetter ? (after.prefix(1), negated, after.dropFirst()) : nil }
        guard let close = after.firstIndex(of: "}") else { return nil }
        var name = after[after.index(after: after.startIndex)..<close]
        if name.hasPrefix("^") {
            negated.toggle()
            name = name.dropFirst()
        }
        return (name, negated, after[after.index(after: close)...])
    }

    /// The table's members of a category, decoded on first use and kept (at most one set per
    /// name the table has): hexadecimal ranges "lo-hi" or single values, comma-separated.
    private static func set(named name: Substring) -> ScalarSet? {
        let name = String(name)
        if let known = decoded.withLock({ $0[name] }) { return known }
        guard let encoded = UnicodePropertyTable.ranges[name], let members = decode(encoded) else { return nil }
        decoded.withLock { $0[name] = members }
        return members
    }

    private static let decoded = Mutex<[String: ScalarSet]>([:])

    /// The ranges of one table entry, or nil when it is not well formed.
    private static func decode(_ encoded: String) -> ScalarSet? {
        if encoded.isEmpty { return ScalarSet() }   // a category PCRE2 matches nothing of (Cs)
        var ranges: [ClosedRange<UInt32>] = []
        var low: UInt32? = nil
        var value: UInt32 = 0
        var digits = 0
        func finish() -> Bool {
            guard digits > 0 else { return false }
            let first = low ?? value
            low = nil
            guard first <= value else { return false }
            ranges.append(first...value)
            return true
        }
        for byte in encoded.utf8 {
            switch byte {
            case UInt8(ascii: ","):
                guard finish() else { return nil }
                (value, digits) = (0, 0)
            case UInt8(ascii: "-"):
                guard digits > 0, low == nil else { return nil }
                (low, value, digits) = (value, 0, 0)
            default:
                guard let digit = hexDigit(byte), digits < 6 else { return nil }
                value = value << 4 | digit
                digits += 1
            }
        }
        guard finish() else { return nil }
        return ScalarSet(ranges: ranges)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        default: return nil
        }
    }
}
