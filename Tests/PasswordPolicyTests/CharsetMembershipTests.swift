import Testing
@testable import PasswordPolicy

/// Reading a class's members skips the blocks of scalars whose first UTF-8 byte PCRE2 says
/// cannot start a match. The skip must never change the answer: these tests hold it equal
/// to the full scan over every scalar value, and the full scan to PCRE2 asked about single
/// characters.
@Suite struct CharsetMembershipTests {
    /// Class bodies chosen for the first-byte logic: ASCII only, each UTF-8 width, negations
    /// (which reach every block), properties, POSIX classes, case-sensitive letters whose
    /// other cases live in other blocks (K and the Kelvin sign, s and the long s), and
    /// single characters (PCRE2 gives a first code unit rather than a bitmap).
    static let bodies = [
        "a-z", "A-Z0-9", "!-/:-@", "^a-z", "^\\x{0}-\\x{7F}", "\\x{80}-\\x{7FF}", "\\x{800}-\\x{FFFF}",
        "\\x{10000}-\\x{10FFFF}", "\\x{D7FF}\\x{E000}", "\\p{L}", "\\p{Han}", "\\p{Nd}", "\\P{L}", "[:alpha:]",
        "[:punct:]", "\\d", "\\w", "\\s", "kK", "k", "K", "s", "\\x{17F}", "\\x{212A}", "_", "-", "\\x{1F600}",
        "\\x{FFFD}-\\x{10000}", "é", "\\x{DF}", "\\x{1E9E}", "^\\p{Cn}",
    ]

    @Test(arguments: bodies)
    func skippingBlocksChangesNothing(_ body: String) throws {
        let pattern = try CharsetCompiler.compile(.set(body))
        let skipped = CharsetCompiler.members(of: [(pattern, .set(body))])
        let full = CharsetCompiler.members(of: [(pattern, .set(body))], skippingBlocks: false)
        #expect(skipped == full, "[\(body)]")
    }

    /// A body read again comes from the remembered answers: it must be the full scan's.
    @Test(arguments: ["\\p{L}", "^a-z", "\\x{10000}-\\x{10FFFF}"])
    func rememberedBodiesGiveTheSameMembers(_ body: String) throws {
        let full = CharsetCompiler.members(of: [(try CharsetCompiler.compile(.set(body)), .set(body))], skippingBlocks: false)
        for _ in 0..<3 {
            let again = CharsetCompiler.members(of: [(try CharsetCompiler.compile(.set(body)), .set(body)), (try CharsetCompiler.compile(.set("a-c")), .set("a-c"))])
            #expect(again.first == full.first, "[\(body)]")
            #expect(again.last == ScalarSet(ranges: [0x61...0x63]))
        }
    }

    /// Random bodies of ranges and escapes across all widths.
    @Test func randomBodiesAgree() throws {
        var random = SplitMix64(seed: 0x5EED)
        let anchors: [UInt32] = [0x20, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF]
        for _ in 0..<40 {
            var body = random.next() % 4 == 0 ? "^" : ""
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let a = anchors[Int(random.next() % UInt64(anchors.count))]
                let low = a > 0x40 ? a - UInt32(random.next() % 0x40) : a
                let high = min(0x10FFFF, low + UInt32(random.next() % 0x300))
                guard (low...high).allSatisfy({ !(0xD800...0xDFFF).contains($0) }) else { continue }
                body += "\\x{\(String(low, radix: 16))}-\\x{\(String(high, radix: 16))}"
            }
            if body.isEmpty || body == "^" { body += "a" }
            let pattern = try CharsetCompiler.compile(.set(body))
            let skipped = CharsetCompiler.members(of: [(pattern, .set(body))])
            let full = CharsetCompiler.members(of: [(pattern, .set(body))], skippingBlocks: false)
            #expect(skipped == full, "[\(body)]")
        }
    }

    /// The scan against PCRE2 asked about one character at a time, on a sample of
    /// scalars from every block (every 97th scalar value and each block's ends).
    @Test(arguments: ["\\p{L}", "^a-z", "kK", "\\x{800}-\\x{10FFFF}"])
    func scanAgreesWithSingleCharacters(_ body: String) throws {
        let pattern = try CharsetCompiler.compile(.set(body))
        let members = CharsetCompiler.members(of: [(pattern, .set(body))])[0]
        let ends: [UInt32] = [0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0x10FFFF]
        for value in Array(stride(from: UInt32(0), through: 0x10FFFF, by: 97)) + ends {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(members.contains(scalar) == CharsetCompiler.matchesAlone(pattern, scalar), "[\(body)] U+\(String(value, radix: 16))")
        }
    }
}
