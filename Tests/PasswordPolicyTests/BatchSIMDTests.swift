import Testing
import Foundation
@testable import PasswordPolicy

/// The batch API's block scan (64 bytes a block turned into bit masks, by each kernel the
/// processor has: the range compares of ASCIIRangeClassifier, the SSSE3 and AVX2 nibble
/// lookups) against the byte table path and the PCRE2 reference: every kernel's masks give
/// every byte exactly the table's facts, and on random buffers whose lines straddle the
/// blocks (CR LF, a CR ending one block and its LF starting the next, empty lines, lines of
/// several blocks, non-ASCII and invalid bytes) each line's end and codes from the block
/// scan equal the table path's and the reference's.
@Suite struct BatchSIMDTests {
    /// The non-web presets (and the other policies of the fast path tests) whose tables fit
    /// the block scan.
    static func fittingPolicies() throws -> [Policy] {
        try FastPathTests.policies().filter { try CompiledPolicy($0).storage.lineClassifier != nil }
    }

    /// Policies built from seeded bytes (the fuzz targets' builder), with their references.
    static func randomPolicies(_ count: Int) -> [Policy] {
        var random = SplitMix64(seed: 0x51D)
        return (0..<count).map { index in
            var reader = ByteReader((0..<48).map { _ in UInt8.random(in: 0...255, using: &random) })
            return PolicyBuilder.policy(&reader, id: "random.\(index)")
        }
    }

    /// Every byte, 16 to a vector: the classifier's lane bits are the table's class bits
    /// (bit 7 alone for a byte from 0x80 up).
    static func expectClassifierMatchesTable(_ compiled: CompiledPolicy, _ classifier: ASCIIRangeClassifier) {
        let facts = compiled.table.facts
        for blockStart in stride(from: 0, to: 256, by: 16) {
            var block = SIMD16<UInt8>()
            for lane in 0..<16 { block[lane] = UInt8(blockStart + lane) }
            let bits = classifier.classify(block)
            for lane in 0..<16 {
                let byte = blockStart + lane
                let expected = byte < 0x80 ? UInt8(truncatingIfNeeded: facts[byte] & compiled.table.classMask) : 0x80
                #expect(bits[lane] == expected, "\(compiled.policy.id): byte \(byte)")
            }
        }
    }

    /// The classifier with each kernel this processor runs (the range compares always).
    static func kernels(_ classifier: ASCIIRangeClassifier) -> [ASCIIRangeClassifier] {
        (0...2).compactMap { classifier.using(kernel: $0) }
    }

    /// Every byte, 64 to a block, through each kernel: each mask holds exactly the bytes the
    /// table says (LF, CR, from 0x80 up, in each class, ASCII in no class).
    static func expectMasksMatchTable(_ compiled: CompiledPolicy, _ classifier: ASCIIRangeClassifier) {
        let facts = compiled.table.facts
        let bytes = (0..<256).map { UInt8($0) }
        for kernel in kernels(classifier) {
            for blockStart in stride(from: 0, to: 256, by: 64) {
                let masks = bytes.withUnsafeBytes { CompiledPolicy.blockMasks($0.baseAddress! + blockStart, kernel) }
                for bit in 0..<64 {
                    let byte = blockStart + bit
                    let has = { (index: Int) in masks[index] >> UInt64(bit) & 1 == 1 }
                    let label = "\(compiled.policy.id), kernel \(kernel.kernel): byte \(byte)"
                    #expect(has(0) == (byte == 0x0A), "\(label): LF")
                    #expect(has(1) == (byte == 0x0D), "\(label): CR")
                    #expect(has(2) == (byte >= 0x80), "\(label): high")
                    for index in 0..<classifier.classCount {
                        #expect(has(4 + index) == (byte < 0x80 && facts[byte] & (1 << UInt64(index)) != 0), "\(label): class \(index)")
                    }
                    if byte < 0x80 { #expect(has(3) == (facts[byte] & compiled.table.classMask == 0), "\(label): in no class") }
                }
            }
        }
    }

    @Test func theBenchmarkPresetFitsAndCrowdedTablesDoNot() throws {
        let cvm = try CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.linux")))
        let classifier = try #require(cvm.storage.lineClassifier)
        // The 30 specials (! #-/ :-@ [ ]-` {-~) share no byte with the other classes and
        // take 6 runs; left out, the letters a-z A-Z (2 runs) and digits (1) remain, with
        // the runs of all three together: ! #-[ ]-~ (3).
        let ranges = try #require(cvm.storage.lineRanges)
        #expect(ranges.derivedBit == 1 << 2)
        #expect(ranges.runs.map(\.low) == [0x30, 0x41, 0x61, 0x21, 0x23, 0x5D])
        #expect(classifier.runCount == 6)
        BatchSIMDTests.expectClassifierMatchesTable(cvm, classifier)
        BatchSIMDTests.expectMasksMatchTable(cvm, classifier)
        // Nibble atoms: letters 2 (high nibbles 4 and 6 with low 1-F; 5 and 7 with 0-A),
        // digits 1, specials 5 (! #-/; :-?; @ and `; [ ] ^ _; { | } ~): one table of 8.
        let nibbles = try #require(cvm.storage.lineRanges.flatMap { _ in NibbleClasses.make(facts: cvm.table.facts, classCount: 3) })
        #expect(nibbles.tables == 1)
        #expect(withUnsafeBytes(of: nibbles.atoms) { Array($0[0..<3]) } == [0b11, 0b100, 0b1111_1000])
        // Every other lowercase letter: 13 runs, over the bound.
        let crowded = Policy(id: "test.crowded", length: LengthRange(min: 1, max: 8),
                             classes: [CharacterClass(name: "odd", .chars("acegikmoqsuwy"))])
        #expect(try CompiledPolicy(crowded).storage.lineClassifier == nil)
        // Per-class counts keep the general path.
        let counted = Policy(id: "test.counted", length: LengthRange(min: 1, max: 8),
                             classes: [CharacterClass(name: "digits", .set("0-9"))], requirements: [.count(class: "digits", min: 1, max: 3)])
        #expect(try CompiledPolicy(counted).storage.lineClassifier == nil)
    }

    /// Lines of every length from 0 to 40, and now and then up to 150 (several blocks), as
    /// one buffer; then lines placed so that a CR ends a 64-byte block and its LF starts the
    /// next, and a CR at the very end.
    static func straddlingBuffer(_ random: inout SplitMix64) -> [UInt8] {
        let odd: [[UInt8]] = [Array("é".utf8), [0xFF], [0x80], [0x0D], [0x00], [0x20], [0x09], [0x7F], Array("/".utf8)]
        var bytes = BatchValidationTests.randomLines(&random, lines: 48, pieces: odd, pieceOdds: 24, crlfOdds: 6) { random in
            Int.random(in: 0..<8, using: &random) == 0 ? Int.random(in: 41...150, using: &random) : Int.random(in: 0...40, using: &random)
        }
        for _ in 0..<3 {
            // A line (perhaps empty) whose CR is the block's last byte.
            let end = (bytes.count / 64 + 1) * 64 - 1
            let start = bytes.count
            while bytes.count < end { bytes.append(bytes.count - start < 60 ? UInt8.random(in: 0x21...0x7E, using: &random) : 0x0A) }
            bytes += [0x0D, 0x0A]
        }
        if Bool.random(using: &random) { bytes += Array("tail\r".utf8) }
        return bytes
    }

    /// Scans `bytes` with the block scan (each kernel) and with the table path: the same
    /// lines, ends and codes, and the reference's codes.
    static func expectVectorEqualsScalar(_ policy: Policy, seed: UInt64) throws {
        let compiled = try CompiledPolicy(policy)
        let reference = try #require(ReferenceValidator(policy))
        var random = SplitMix64(seed: seed)
        let context = policy.forbidContext.isEmpty ? [:] : ["username": "ab"]
        for _ in 0..<3 {
            let bytes = straddlingBuffer(&random)
            bytes.withUnsafeBufferPointer { buffer in
                let table = compiled.tableScanLines(buffer, context: context)
                for line in table {
                    let password = Array(bytes[line.start..<line.stop])
                    #expect(line.codes.codes.map(\.rawValue).sorted() == reference.codes(utf8: password, context: context), "\(policy.id)")
                }
                guard let classifier = compiled.storage.lineClassifier else { return }
                for kernel in kernels(classifier) {
                    let block = compiled.blockScanLines(buffer, kernel, context: context)
                    #expect(block.count == table.count, "\(policy.id), kernel \(kernel.kernel)")
                    for (found, expected) in zip(block, table) {
                        #expect(found == expected, "\(policy.id), kernel \(kernel.kernel): line at \(expected.start)")
                    }
                    // The public entry points take the policy's own kernel.
                    var lines: [BatchLineReport] = []
                    compiled.forEachLine(in: buffer, context: context) { lines.append(BatchLineReport(start: $0.range.lowerBound, stop: $0.range.upperBound, codes: $0.codes)) }
                    #expect(lines == table, "\(policy.id): forEachLine")
                }
            }
        }
    }

    /// Five and seven classes, past the four for which the block scan finds every line's
    /// shortfall at once: these take each line's class bits and the `atLeast` table. The
    /// seven small classes need 9 nibble atoms (two tables).
    @Test func fiveAndSevenClasses() throws {
        let five = Policy(id: "test.five", length: LengthRange(min: 6, max: 30), classes: [
            CharacterClass(name: "lower", .set("a-z")), CharacterClass(name: "upper", .set("A-Z")),
            CharacterClass(name: "digits", .set("0-9")), CharacterClass(name: "space", .chars(" ")),
            CharacterClass(name: "specials", .chars("!@#$%")),
        ], requirements: [.atLeast(3, of: nil)])
        let seven = Policy(id: "test.seven", length: LengthRange(min: 4, max: 40), classes: [
            CharacterClass(name: "a-d", .set("a-d")), CharacterClass(name: "e-h", .set("e-h")),
            CharacterClass(name: "i-l", .set("i-l")), CharacterClass(name: "m-p", .set("m-p")),
            CharacterClass(name: "low digits", .set("0-4")), CharacterClass(name: "high digits", .set("5-9")),
            CharacterClass(name: "upper", .set("A-Z")),
        ], allowsOtherCharacters: true, requirements: [.atLeast(4, of: nil), .atLeast(1, of: ["upper", "m-p"])])
        for (policy, classes) in [(five, 5), (seven, 7)] {
            let compiled = try CompiledPolicy(policy)
            let classifier = try #require(compiled.storage.lineClassifier, "\(policy.id) takes the block scan")
            #expect(classifier.classCount == classes)
            BatchSIMDTests.expectMasksMatchTable(compiled, classifier)
            try BatchSIMDTests.expectVectorEqualsScalar(policy, seed: UInt64(classes))
        }
        let sevenCompiled = try CompiledPolicy(seven)
        #expect(NibbleClasses.make(facts: sevenCompiled.table.facts, classCount: 7)?.tables == 2)
    }

    /// The processor's lookup kernels are the ones the block scan runs (Linux reads the
    /// processor's flags from /proc/cpuinfo; elsewhere only that some kernel runs).
    @Test func theProcessorsKernelsAreUsed() throws {
        let cvm = try CompiledPolicy(try #require(Presets.policy(id: "tencentcloud.cvm.linux")))
        let classifier = try #require(cvm.storage.lineClassifier)
        #expect(classifier.kernel == NibbleClasses.kernels)
        #expect(BatchSIMDTests.kernels(classifier).count == 1 + NibbleClasses.kernels)
        #if arch(x86_64) && os(Linux)
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = Set((info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? "").split(separator: " ").map(String.init))
        #expect(NibbleClasses.kernels == (flags.contains("avx2") ? 2 : flags.contains("ssse3") ? 1 : 0))
        #endif
    }

    @Test(arguments: try BatchSIMDTests.fittingPolicies())
    func vectorScanEqualsTablePathOnPresets(_ policy: Policy) throws {
        try BatchSIMDTests.expectVectorEqualsScalar(policy, seed: 0x5EC7 ^ UInt64(policy.id.utf8.count))
    }

    @Test func vectorScanEqualsTablePathOnRandomPolicies() throws {
        var fitted = 0
        var compiledCount = 0
        for (index, policy) in BatchSIMDTests.randomPolicies(40).enumerated() {
            let compiled: CompiledPolicy
            do { compiled = try CompiledPolicy(policy) } catch { continue }
            compiledCount += 1
            if let classifier = compiled.storage.lineClassifier {
                fitted += 1
                BatchSIMDTests.expectClassifierMatchesTable(compiled, classifier)
                BatchSIMDTests.expectMasksMatchTable(compiled, classifier)
            }
            try BatchSIMDTests.expectVectorEqualsScalar(policy, seed: UInt64(index))
        }
        // Most built policies compile (a few ask for more of a class than it allows);
        // enough of them fit the block scan to matter.
        #expect(compiledCount >= 30)
        #expect(fitted >= 10)
    }
}
