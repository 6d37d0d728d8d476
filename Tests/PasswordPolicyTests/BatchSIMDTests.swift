import Testing
@testable import PasswordPolicy

/// The batch API's vector line scan (ASCIIRangeClassifier, 16 bytes a block) against the
/// byte table path it replaces and the PCRE2 reference: the classifier gives every byte
/// exactly the table's class bits, and on random buffers whose lines straddle the 16- and
/// 32-byte blocks (CR LF, empty lines, non-ASCII and invalid bytes) each line's end and
/// codes from the vector scan equal the table path's and the reference's.
@Suite struct BatchSIMDTests {
    /// The non-web presets (and the other policies of the fast path tests) whose tables fit
    /// the vector scan.
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
        // Every other lowercase letter: 13 runs, over the bound.
        let crowded = Policy(id: "test.crowded", length: LengthRange(min: 1, max: 8),
                             classes: [CharacterClass(name: "odd", .chars("acegikmoqsuwy"))])
        #expect(try CompiledPolicy(crowded).storage.lineClassifier == nil)
        // Per-class counts keep the general path.
        let counted = Policy(id: "test.counted", length: LengthRange(min: 1, max: 8),
                             classes: [CharacterClass(name: "digits", .set("0-9"))], requirements: [.count(class: "digits", min: 1, max: 3)])
        #expect(try CompiledPolicy(counted).storage.lineClassifier == nil)
    }

    /// Lines of every length from 0 to 40 around the 16-byte blocks, as one buffer.
    static func straddlingBuffer(_ random: inout SplitMix64) -> [UInt8] {
        let odd: [[UInt8]] = [Array("é".utf8), [0xFF], [0x80], [0x0D], [0x00], [0x20], [0x09], [0x7F], Array("/".utf8)]
        var bytes: [UInt8] = []
        for _ in 0..<48 {
            let length = Int.random(in: 0...40, using: &random)
            for _ in 0..<length {
                if Int.random(in: 0..<24, using: &random) == 0 {
                    bytes += odd[Int.random(in: 0..<odd.count, using: &random)]
                } else {
                    bytes.append(UInt8.random(in: 0x21...0x7E, using: &random))
                }
            }
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes += [0x0D, 0x0A]
            case 1: bytes += [0x0A, 0x0A]
            default: bytes.append(0x0A)
            }
        }
        if Bool.random(using: &random) { bytes += Array("tail\r".utf8) }
        return bytes
    }

    /// Walks `bytes` with the vector scan and with the table path from the same starts.
    static func expectVectorEqualsScalar(_ policy: Policy, seed: UInt64) throws {
        let compiled = try CompiledPolicy(policy)
        let reference = try #require(ReferenceValidator(policy))
        var random = SplitMix64(seed: seed)
        let context = policy.forbidContext.isEmpty ? [:] : ["username": "ab"]
        for _ in 0..<3 {
            let bytes = straddlingBuffer(&random)
            try bytes.withUnsafeBufferPointer { buffer in
                let base = try #require(buffer.baseAddress)
                var start = 0
                var vectorLines = 0
                while start < buffer.count {
                    let vector = compiled.nextLine(base, from: start, count: buffer.count, context: context)
                    let scalar = compiled.scalarLine(base, from: start, count: buffer.count, context: context)
                    #expect(vector.stop == scalar.stop && vector.newline == scalar.newline, "\(policy.id): line at \(start)")
                    #expect(vector.codes == scalar.codes, "\(policy.id): line at \(start)")
                    let password = Array(bytes[start..<scalar.stop])
                    #expect(vector.codes.codes.map(\.rawValue).sorted() == reference.codes(utf8: password, context: context), "\(policy.id)")
                    if compiled.storage.lineClassifier != nil,
                       CompiledPolicy.scanLine(base, from: start, count: buffer.count, try #require(compiled.storage.lineClassifier)) != nil {
                        vectorLines += 1
                    }
                    start = scalar.newline + 1
                }
                if compiled.storage.lineClassifier != nil { #expect(vectorLines > 0, "\(policy.id): no line took the vector scan") }
            }
        }
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
            }
            try BatchSIMDTests.expectVectorEqualsScalar(policy, seed: UInt64(index))
        }
        // Most built policies compile (a few ask for more of a class than it allows);
        // enough of them fit the vector scan to matter.
        #expect(compiledCount >= 30)
        #expect(fitted >= 10)
    }
}
