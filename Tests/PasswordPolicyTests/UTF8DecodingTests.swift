import Testing
@testable import PasswordPolicy

/// Strict UTF-8 decoding against Unicode 15 §3.9, Table 3-7 (well-formed byte sequences):
///
///     U+0000..U+007F     00..7F
///     U+0080..U+07FF     C2..DF 80..BF
///     U+0800..U+0FFF     E0     A0..BF 80..BF
///     U+1000..U+CFFF     E1..EC 80..BF 80..BF
///     U+D000..U+D7FF     ED     80..9F 80..BF
///     U+E000..U+FFFF     EE..EF 80..BF 80..BF
///     U+10000..U+3FFFF   F0     90..BF 80..BF 80..BF
///     U+40000..U+FFFFF   F1..F3 80..BF 80..BF 80..BF
///     U+100000..U+10FFFF F4     80..8F 80..BF 80..BF
///
/// Everything else is ill-formed. The oracles are the table itself and the standard
/// library's encoder and validator, which share no code with `UTF8Decoding`.
@Suite struct UTF8DecodingTests {
    typealias U = UTF8DecodingTests

    static func decode(_ bytes: [UInt8]) -> (UInt32, Int)? {
        UTF8Decoding.decode(bytes, at: 0).map { ($0.0.value, $0.1) }
    }

    static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { UTF8Decoding.firstInvalidOffset($0) }
    }

    static let continuation: ClosedRange<UInt8> = 0x80...0xBF
    static func hex(_ byte: UInt8) -> String { String(byte, radix: 16, uppercase: true) }

    /// Expects `bytes` not to decode at offset 0, and the first invalid offset of
    /// `prefix + bytes` to be `prefix.count`.
    static func expectIllFormed(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let decoded = decode(bytes)
        #expect(decoded == nil, "\(bytes.map(hex)) decoded to \(String(describing: decoded))", sourceLocation: sourceLocation)
        let prefix: [UInt8] = [0x61, 0xC3, 0xA9]   // "aé", valid
        #expect(firstInvalid(prefix + bytes) == prefix.count, "\(bytes.map(hex))", sourceLocation: sourceLocation)
    }

    // MARK: The ill-formed classes of Table 3-7

    @Test func loneContinuationBytes() {
        for byte in U.continuation {
            U.expectIllFormed([byte])
            U.expectIllFormed([byte, 0x80, 0x80, 0x80])
            U.expectIllFormed([byte, 0x41])
        }
    }

    @Test func overlongTwoByteLeadsC0AndC1() {
        for lead: UInt8 in [0xC0, 0xC1] {
            for second in U.continuation { U.expectIllFormed([lead, second]) }
        }
        U.expectIllFormed([0xC0, 0xAF])   // the classic overlong "/"
        U.expectIllFormed([0xC0, 0x80])   // overlong NUL ("modified UTF-8")
    }

    @Test func overlongThreeByteForms() {
        for second: UInt8 in 0x80...0x9F {
            U.expectIllFormed([0xE0, second, 0x80])
            U.expectIllFormed([0xE0, second, 0xBF])
        }
        // E0 A0 80 is the first valid one: U+0800.
        #expect(U.decode([0xE0, 0xA0, 0x80]).map { [$0.0, UInt32($0.1)] } == [0x800, 3])
    }

    @Test func surrogates() {
        for second: UInt8 in 0xA0...0xBF {
            for third in U.continuation { U.expectIllFormed([0xED, second, third]) }
        }
        U.expectIllFormed([0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80])   // a CESU-8 pair, U+10000
        // ED 9F BF is U+D7FF, the last scalar before the surrogates.
        #expect(U.decode([0xED, 0x9F, 0xBF]).map { [$0.0, UInt32($0.1)] } == [0xD7FF, 3])
        #expect(U.decode([0xEE, 0x80, 0x80]).map { [$0.0, UInt32($0.1)] } == [0xE000, 3])
    }

    @Test func overlongFourByteForms() {
        for second: UInt8 in 0x80...0x8F {
            U.expectIllFormed([0xF0, second, 0x80, 0x80])
            U.expectIllFormed([0xF0, second, 0xBF, 0xBF])
        }
        #expect(U.decode([0xF0, 0x90, 0x80, 0x80]).map { [$0.0, UInt32($0.1)] } == [0x10000, 4])
    }

    @Test func aboveU10FFFF() {
        for second: UInt8 in 0x90...0xBF { U.expectIllFormed([0xF4, second, 0x80, 0x80]) }
        for lead: UInt8 in 0xF5...0xFF {
            U.expectIllFormed([lead])
            U.expectIllFormed([lead, 0x80, 0x80, 0x80])
            U.expectIllFormed([lead, 0x8F, 0xBF, 0xBF])
        }
        // Five- and six-byte forms of the original UTF-8.
        U.expectIllFormed([0xF8, 0x88, 0x80, 0x80, 0x80])
        U.expectIllFormed([0xFC, 0x84, 0x80, 0x80, 0x80, 0x80])
        #expect(U.decode([0xF4, 0x8F, 0xBF, 0xBF]).map { [$0.0, UInt32($0.1)] } == [0x10FFFF, 4])
    }

    /// Every well-formed multi-byte sequence cut short at the end of the input.
    @Test func truncatedSequencesAtTheEnd() throws {
        for scalar: UInt32 in [0x80, 0xE9, 0x7FF, 0x800, 0x4E2D, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF] {
            let bytes = Array(String(try #require(Unicode.Scalar(scalar))).utf8)
            for cut in 1..<bytes.count {
                let prefix = Array(bytes[..<cut])
                U.expectIllFormed(prefix)
                #expect(U.firstInvalid([0x41, 0x42] + prefix) == 2)
                // A slice that ends inside the sequence: its end is the input's end, even
                // though the array it views has the rest.
                let slice = bytes[..<cut]
                #expect(UTF8Decoding.decode(slice, at: 0) == nil, "\(prefix.map(U.hex)) in a slice")
            }
            // An interior slice starting at a non-zero index decodes the whole scalar.
            let padded: [UInt8] = [0x41] + bytes + [0x42]
            let interior = padded[1..<(1 + bytes.count)]
            #expect(UTF8Decoding.decode(interior, at: 1).map { [$0.0.value, UInt32($0.1)] } == [scalar, UInt32(bytes.count)])
        }
    }

    /// A lead byte followed by something other than a continuation byte where one is due.
    @Test func leadFollowedByANonContinuationByte() throws {
        let intruders: [UInt8] = [0x00, 0x41, 0x7F, 0xC0, 0xC3, 0xE4, 0xF0, 0xFF]
        for scalar: UInt32 in [0xE9, 0x7FF, 0x800, 0x4E2D, 0xD7FF, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF] {
            let bytes = Array(String(try #require(Unicode.Scalar(scalar))).utf8)
            for position in 1..<bytes.count {
                for intruder in intruders {
                    var broken = bytes
                    broken[position] = intruder
                    U.expectIllFormed(broken)
                }
            }
        }
    }

    // MARK: Exhaustive: every scalar

    /// For every scalar value but the surrogates, the standard library's encoding decodes
    /// back to the scalar with the width Table 3-7 gives it.
    @Test func everyScalarRoundTrips() throws {
        var all: [UInt8] = []
        all.reserveCapacity(4_400_000)
        var failures: [String] = []
        for value: UInt32 in 0...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
            let scalar = try #require(Unicode.Scalar(value))
            let bytes = Array(String(scalar).utf8)
            let width = value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
            if bytes.count != width { failures.append("U+\(String(value, radix: 16)): standard library gave \(bytes.count) bytes") }
            let decoded = UTF8Decoding.decode(bytes, at: 0)
            if decoded?.0 != scalar || decoded?.1 != width {
                failures.append("U+\(String(value, radix: 16)): decode gave \(String(describing: decoded))")
            }
            let valid = bytes.withUnsafeBufferPointer { UTF8Decoding.decodeValid($0, at: 0) }
            if valid.0 != value || valid.1 != width {
                failures.append("U+\(String(value, radix: 16)): decodeValid gave \(valid)")
            }
            if failures.count > 20 { break }
            all += bytes
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")

        // All of them in a row: valid as a whole, and walked scalar by scalar.
        #expect(U.firstInvalid(all) == nil)
        var expected: UInt32 = 0
        var offset = 0
        var walkFailures = 0
        all.withUnsafeBufferPointer { buffer in
            while offset < buffer.count {
                let (value, width) = UTF8Decoding.decodeValid(buffer, at: offset)
                if value != expected { walkFailures += 1 }
                offset += width
                expected += 1
                if expected == 0xD800 { expected = 0xE000 }
            }
        }
        #expect(walkFailures == 0)
        #expect(expected == 0x110000)
    }

    // MARK: Exhaustive: every two-byte start

    /// For every first and second byte (and a few continuations after them), `decode`
    /// agrees with the standard library: the first scalar is the shortest valid prefix.
    @Test func everyTwoByteStartAgreesWithTheStandardLibrary() {
        let tails: [[UInt8]] = [[0x80, 0x80], [0xBF, 0xBF], [0x8F, 0xA0], [0x41, 0x80], [0x80, 0x41], [0x80, 0xC0], [0x9F, 0x90]]
        var disagreements: [String] = []
        for b0 in 0...0xFF {
            for b1 in 0...0xFF {
                for tail in tails {
                    let bytes = [UInt8(b0), UInt8(b1)] + tail
                    // The shortest prefix the standard library accepts is the first scalar.
                    var expected: (UInt32, Int)?
                    for width in 1...4 {
                        if let text = String(validating: bytes[..<width], as: UTF8.self) {
                            expected = text.unicodeScalars.first.map { ($0.value, width) }
                            break
                        }
                    }
                    let actual = U.decode(bytes)
                    if actual?.0 != expected?.0 || actual?.1 != expected?.1 {
                        disagreements.append("\(bytes.map(U.hex)): expected \(String(describing: expected)), got \(String(describing: actual))")
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, e.g. \(disagreements.prefix(10))")
    }

    // MARK: Random byte strings

    /// `firstInvalidOffset` against `String(validating:as:)`: nil exactly when the bytes
    /// are valid; otherwise everything before the offset is valid and no sequence of one to
    /// four bytes starting there is.
    @Test func firstInvalidOffsetAgreesWithTheStandardLibrary() {
        var random = SplitMix64(seed: 0x0075_7466_38)
        let pieces: [[UInt8]] = [
            [0xE0, 0x80], [0xE0, 0x9F], [0xED, 0xA0], [0xED, 0xBF], [0xF0, 0x80], [0xF0, 0x8F], [0xF4, 0x90], [0xC0], [0xC1],
            [0xF5], [0xFF], [0x80], [0xBF], [0xC2], [0xE1], [0xF1], [0xF4],
        ]
        var invalidCount = 0, validCount = 0
        for _ in 0..<30_000 {
            let length = Int(random.next() % 24)
            var bytes: [UInt8] = []
            let mode = random.next() % 4
            while bytes.count < length {
                let roll = random.next() % 100
                switch mode {
                case 0:   // uniformly random bytes
                    bytes.append(UInt8(truncatingIfNeeded: random.next()))
                default:  // mostly valid text with rare faults
                    if roll < 50 {
                        bytes.append(UInt8(random.next() % 0x80))
                    } else if roll < 92 || mode == 3 {
                        var value = UInt32(random.next() % 0x110000)
                        if (0xD800...0xDFFF).contains(value) { value = 0xFFFD }
                        bytes += Array(String(Unicode.Scalar(value)!).utf8)
                    } else if roll < 96 {
                        bytes += pieces[Int(random.next() % UInt64(pieces.count))]
                    } else {
                        bytes.append(0x80 | UInt8(random.next() % 0x40))
                    }
                }
            }
            let offset = U.firstInvalid(bytes)
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((offset == nil) == valid, "\(bytes.map(U.hex)): offset \(String(describing: offset)), standard library valid \(valid)")
            guard let offset else { validCount += 1; continue }
            invalidCount += 1
            #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil, "\(bytes.map(U.hex)): prefix before \(offset) invalid")
            for width in 1...4 where offset + width <= bytes.count {
                #expect(String(validating: bytes[offset..<(offset + width)], as: UTF8.self) == nil,
                        "\(bytes.map(U.hex)): a valid sequence starts at \(offset)")
            }
        }
        // Both verdicts are well represented.
        #expect(validCount > 3_000 && invalidCount > 3_000, "valid \(validCount), invalid \(invalidCount)")
    }

    @Test func emptyAndASCII() {
        #expect(U.firstInvalid([]) == nil)
        for byte: UInt8 in 0x00...0x7F {
            #expect(U.decode([byte]).map { [$0.0, UInt32($0.1)] } == [UInt32(byte), 1])
            #expect(U.decode([byte, 0x80]).map { [$0.0, UInt32($0.1)] } == [UInt32(byte), 1])
        }
        #expect(U.firstInvalid(Array("plain ASCII\u{0}\u{7F}".utf8)) == nil)
    }
}
