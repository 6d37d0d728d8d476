@testable import PasswordPolicy
import Testing

/// The compiled character table against its definition: a value's mask has a class's bit
/// exactly when that class's set contains the value (and the member bit when any class
/// does), checked at every boundary of every set, one below and one above, for random sets
/// of many ranges and for sets from PCRE2's Unicode properties.
@Suite struct CharacterTableTests {
    static func check(_ classes: [ScalarSet], leading: ScalarSet, trailing: ScalarSet) {
        let table = CharacterTable(classes: classes, leading: leading, trailing: trailing)
        let sets = classes + [leading, trailing]
        let bits = (0..<classes.count).map { UInt64(1) << $0 } + [CharacterTable.leadingBit, CharacterTable.trailingBit]
        var values: Set<UInt32> = [0, 127, 128, 0x10FFFF]
        for set in sets {
            for range in set.ranges {
                for value in [range.lowerBound, range.upperBound] {
                    values.insert(value)
                    if value > 0 { values.insert(value - 1) }
                    if value < 0x10FFFF { values.insert(value + 1) }
                }
            }
        }
        func expected(_ value: UInt32) -> UInt64 {
            var expected: UInt64 = 0
            for (set, bit) in zip(sets, bits) where set.contains(value) { expected |= bit }
            if expected & table.classMask != 0 { expected |= CharacterTable.memberBit }
            return expected
        }
        for value in values {
            let mask = table.mask(value) & ~CharacterTable.nonASCIIBit
            if mask != expected(value) { Issue.record("U+\(String(value, radix: 16)): \(String(mask, radix: 2)) instead of \(String(expected(value), radix: 2))") }
        }
        // `runs`: every value once, in maximal runs, each run's mask the mask of its values.
        let runs = table.runs
        #expect(runs.first?.range.lowerBound == 0)
        #expect(runs.last?.range.upperBound == 0x10FFFF)
        for (before, after) in zip(runs, runs.dropFirst()) {
            if after.range.lowerBound != before.range.upperBound + 1 { Issue.record("a gap or overlap at U+\(String(after.range.lowerBound, radix: 16))") }
            if after.mask == before.mask { Issue.record("two runs of one mask meet at U+\(String(after.range.lowerBound, radix: 16))") }
        }
        for value in values {
            let run = runs.first { $0.range.contains(value) }
            if run.map({ $0.mask & ~CharacterTable.nonASCIIBit }) != expected(value) { Issue.record("the run of U+\(String(value, radix: 16)) has another mask") }
        }
    }

    @Test func randomSetsOfManyRanges() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<200 {
            func randomSet() -> ScalarSet {
                ScalarSet(ranges: (0..<Int.random(in: 0...40, using: &random)).map { _ in
                    // Half the ranges among the first 300 values (ASCII and its edge), half anywhere.
                    let low = random.next() % 2 == 0 ? UInt32.random(in: 0...300, using: &random) : UInt32.random(in: 0...0x10FFFF, using: &random)
                    let width = UInt32.random(in: 0...(random.next() % 2 == 0 ? 3 : 5000), using: &random)
                    return low...min(0x10FFFF, low + width)
                })
            }
            Self.check((0..<Int.random(in: 0...6, using: &random)).map { _ in randomSet() }, leading: randomSet(), trailing: randomSet())
        }
    }

    @Test func unicodePropertyClasses() throws {
        func members(_ body: String) throws -> ScalarSet {
            try #require(CharsetCompiler.members(of: [(try CharsetCompiler.compile(.set(body)), .set(body))]).first)
        }
        let letters = try members("\\p{L}")
        let digits = try members("\\p{Nd}")
        let marks = try members("\\p{M}")
        #expect(letters.ranges.count > 300, "\\p{L} has hundreds of ranges")
        Self.check([letters, digits, marks], leading: digits, trailing: marks)
    }
}
