/// JavaScript regular expressions (with the `v` flag) for the parts of a policy: classes
/// as explicit code point ranges read off PCRE2's compiled members, and `forbidPatterns`
/// entries translated where JavaScript says exactly what PCRE2 (UTF, UCP) says.
enum JavaScriptRegex {
    /// A class matching exactly `set`, every member written as a `\u{...}` escape so that
    /// nothing in it is special (valid with the `v` and the `u` flag).
    static func characterClass(_ set: ScalarSet, negated: Bool = false) -> String {
        var body = ""
        for range in set.ranges {
            body += "\\u{" + String(range.lowerBound, radix: 16) + "}"
            if range.upperBound != range.lowerBound {
                body += "-\\u{" + String(range.upperBound, radix: 16) + "}"
            }
        }
        return "[" + (negated ? "^" : "") + body + "]"
    }

    /// Any code point (`v` flag): `[\s\S]`.
    static let anyCharacter = "[\\s\\S]"

    /// One literal code point outside a class, escaped where the `v` flag needs it.
    static func literal(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x80 {
            if scalar.properties.isAlphabetic || (0x30...0x39).contains(value) { return String(scalar) }
            if "^$\\.*+?()[]{}|/".unicodeScalars.contains(scalar) { return "\\" + String(scalar) }
            if value >= 0x20 && value < 0x7F { return String(scalar) }
        }
        return "\\u{" + String(value, radix: 16) + "}"
    }

    /// A `forbidPatterns` entry in JavaScript: the source for `new RegExp(source, flags)`.
    struct Pattern: Sendable, Hashable {
        /// The expression, to be searched anywhere in the password (not anchored).
        var source: String
        /// Whether the PCRE2 pattern started with `(?i)`: JavaScript's `i` flag.
        var caseless: Bool
        /// The flags for `new RegExp`: `v`, or `iv`.
        var flags: String { caseless ? "iv" : "v" }
    }

    /// Translates a PCRE2 pattern, or gives the reason it cannot be said exactly in
    /// JavaScript. The subset: literals and escaped punctuation, `\x{..}`, `\n` and the like,
    /// `[...]` classes and class escapes (`\p{..}`, `\d`, ...; read off PCRE2 as explicit
    /// ranges), groups, `(?:`, `(?=`, `(?!`, alternation, greedy and lazy quantifiers,
    /// `^`, `\A`, `\z`, and a leading `(?i)` (with no class in the pattern).
    static func translate(_ pattern: String) -> Result<Pattern, TranslationFailure> {
        var scanner = PatternScanner(pattern)
        do {
            let source = try scanner.run()
            return .success(Pattern(source: source, caseless: scanner.caseless))
        } catch {
            return .failure(error)
        }
    }

    /// Why a pattern has no exact JavaScript translation.
    struct TranslationFailure: Error, Sendable, Hashable {
        var reason: String
    }
}

/// The scanner behind ``JavaScriptRegex/translate(_:)``: one pass over the pattern's scalars.
private struct PatternScanner {
    typealias Failure = JavaScriptRegex.TranslationFailure
    let scalars: [Unicode.Scalar]
    var index = 0
    var output = ""
    var caseless = false
    /// Whether the last item may take a quantifier.
    var quantifiable = false

    init(_ pattern: String) { scalars = Array(pattern.unicodeScalars) }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func run() throws(Failure) -> String {
        if scalars.starts(with: "(?i)".unicodeScalars) {
            caseless = true
            index = 4
        }
        while let scalar = peek() {
            switch scalar {
            case "\\": try escape()
            case "[": try bracketClass()
            case "(": try group()
            case ")": output += ")"; index += 1; quantifiable = true
            case "|": output += "|"; index += 1; quantifiable = false
            case "^": output += "^"; index += 1; quantifiable = false
            case "*", "+", "?", "{": try quantifier()
            case "$": throw Failure(reason: "$ (PCRE2 also matches before a final newline; write \\z)")
            case ".": throw Failure(reason: ". (its newline rules differ; write a class)")
            default: output += JavaScriptRegex.literal(scalar); index += 1; quantifiable = true
            }
        }
        return output
    }

    mutating func escape() throws(Failure) {
        guard let next = peek(1) else { throw Failure(reason: "a trailing backslash") }
        let simple: [Unicode.Scalar: UInt32] = ["n": 0x0A, "r": 0x0D, "t": 0x09, "f": 0x0C, "e": 0x1B, "a": 0x07]
        switch next {
        case "z", "A":
            output += next == "z" ? "$" : "^"
            index += 2
            quantifiable = false
            return
        case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V", "p", "P":
            var end = index + 2
            if next == "p" || next == "P" {
                guard end < scalars.count else { throw Failure(reason: "an incomplete \\p") }
                if scalars[end] == "{" {
                    while end < scalars.count, scalars[end] != "}" { end += 1 }
                    guard end < scalars.count else { throw Failure(reason: "an unterminated \\p{") }
                }
                end += 1
            }
            try emitClass(body: String(String.UnicodeScalarView(scalars[index..<end])))
            index = end
            return
        case "x":
            try hexEscape()
            return
        default:
            break
        }
        if let value = simple[next], let scalar = Unicode.Scalar(value) {
            output += JavaScriptRegex.literal(scalar)
        } else if next.value < 0x80, !next.properties.isAlphabetic, !(0x30...0x39).contains(next.value) {
            output += JavaScriptRegex.literal(next)
        } else {
            throw Failure(reason: "the escape \\\(next)")
        }
        index += 2
        quantifiable = true
    }

    mutating func hexEscape() throws(Failure) {
        var digits = ""
        var end = index + 2
        if peek(2) == "{" {
            end += 1
            while end < scalars.count, scalars[end] != "}" { digits.unicodeScalars.append(scalars[end]); end += 1 }
            guard end < scalars.count else { throw Failure(reason: "an unterminated \\x{") }
            end += 1
        } else {
            while end < scalars.count, end < index + 4, scalars[end].properties.isASCIIHexDigit { digits.unicodeScalars.append(scalars[end]); end += 1 }
        }
        guard let value = UInt32(digits.isEmpty ? "0" : digits, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw Failure(reason: "the escape \\x\(digits)")
        }
        output += JavaScriptRegex.literal(scalar)
        index = end
        quantifiable = true
    }

    mutating func bracketClass() throws(Failure) {
        let rest = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        guard let close = CharsetCompiler.earlyClose(in: rest) else { throw Failure(reason: "an unterminated [") }
        let body = String(decoding: Array(rest.utf8)[..<close], as: UTF8.self)
        try emitClass(body: body)
        index += 1 + body.unicodeScalars.count + 1
    }

    /// A class body read off PCRE2 as explicit ranges.
    mutating func emitClass(body: String) throws(Failure) {
        guard !caseless else { throw Failure(reason: "a class under (?i) (PCRE2's and JavaScript's caseless classes may differ)") }
        let members: ScalarSet
        do {
            let compiled = try CharsetCompiler.compile(.set(body))
            members = CharsetCompiler.members(of: [(compiled, .set(body))])[0]
        } catch {
            throw Failure(reason: "the class [\(body)] (not one PCRE2 class)")
        }
        output += members.isEmpty ? "[]" : JavaScriptRegex.characterClass(members)
        quantifiable = true
    }

    mutating func group() throws(Failure) {
        if peek(1) == "?" {
            guard let kind = peek(2), kind == ":" || kind == "=" || kind == "!" else {
                throw Failure(reason: "the group (?\(peek(2).map(String.init) ?? "")")
            }
            output += "(?" + String(kind)
            index += 3
        } else {
            // A capture group: nothing refers back to it (back-references are refused).
            output += "(?:"
            index += 1
        }
        quantifiable = false
    }

    mutating func quantifier() throws(Failure) {
        guard quantifiable, let scalar = peek() else { throw Failure(reason: "a quantifier with nothing to repeat") }
        if scalar == "{" {
            var end = index + 1
            var text = "{"
            while end < scalars.count, scalars[end] != "}" { text.unicodeScalars.append(scalars[end]); end += 1 }
            let inner = text.dropFirst()
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
            guard end < scalars.count, !inner.isEmpty, parts.count <= 2, let first = parts.first, !first.isEmpty,
                  parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
                throw Failure(reason: "a { that is not a quantifier {n}, {n,} or {n,m}")
            }
            output += text + "}"
            index = end + 1
        } else {
            output += String(scalar)
            index += 1
        }
        if peek() == "?" {
            output += "?"
            index += 1
        } else if peek() == "+" {
            throw Failure(reason: "a possessive quantifier")
        }
        quantifiable = false
    }
}
