// The members of Unicode general-category classes (`\p{L}`, `\P{Nd}`, `\p{Lu}\p{Nd}` …)
// without asking PCRE2 about a million scalars: reading `\p{L}` that way costs about 10 ms,
// which a one-shot command pays on every call. The members come from PCRE2 itself:
// `UnicodePropertyTable.swift` was written by scanning each category with this library's
// own scan (`CharsetCompiler.members`), and it is used only when the linked PCRE2 is the
// release that wrote it (same version and Unicode version); otherwise, and for every other
// class body, PCRE2 is asked as before. `UnicodePropertyTableTests` scans every category again and compares, so a table
// that PCRE2 would not reproduce fails the tests on the machine that runs them.

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

    /// The table's members of a category, decoded on each use (hexadecimal ranges "lo-hi" or
    /// single values, comma-separated; microseconds, and the compiled policy keeps the result).
    private static func set(named name: Substring) -> ScalarSet? {
        guard let encoded = UnicodePropertyTable.ranges[String(name)] else { return nil }
        var ranges: [ClosedRange<UInt32>] = []
        for item in encoded.split(separator: ",") {
            let bounds = item.split(separator: "-")
            guard let low = UInt32(bounds[0], radix: 16), let high = bounds.count > 1 ? UInt32(bounds[1], radix: 16) : low, low <= high else { return nil }
            ranges.append(low...high)
        }
        return ScalarSet(ranges: ranges)
    }
}
