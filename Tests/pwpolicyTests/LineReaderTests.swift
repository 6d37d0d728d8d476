import Foundation
import Testing
@testable import pwpolicy

/// `LineReader`, the one reader of `check`, `bench` and `audit`, read directly.
@Suite struct LineReaderTests {
    enum Got: Equatable, CustomStringConvertible {
        case line([UInt8])
        case oversized(Int, Int)

        static func text(_ text: String) -> Got { .line(Array(text.utf8)) }

        var description: String {
            switch self {
            case .line(let bytes): "line(\(String(decoding: bytes, as: UTF8.self).debugDescription))"
            case .oversized(let bytes, let scalars): "oversized(\(bytes), \(scalars))"
            }
        }
    }

    /// The lines of `input` read from a file through `forEachLine`.
    static func lines(_ input: [UInt8], maximumLineLength: Int = 1 << 16, readSize: Int = 1 << 16) throws -> [Got] {
        let file = try InputFixture(input)
        let reader = LineReader(descriptor: file.descriptor, name: "the test file", maximumLineLength: maximumLineLength, readSize: readSize)
        var got: [Got] = []
        try reader.forEachLine { line in
            switch line {
            case .complete(let bytes): got.append(.line(Array(bytes)))
            case .oversized(let byteCount, let scalarCount): got.append(.oversized(byteCount, scalarCount))
            }
        }
        #expect(reader.bytesRead == input.count)
        return got
    }

    static func lines(_ input: String, maximumLineLength: Int = 1 << 16, readSize: Int = 1 << 16) throws -> [Got] {
        try lines(Array(input.utf8), maximumLineLength: maximumLineLength, readSize: readSize)
    }

    /// What the reader must give, from the definition: split at LF, no empty line after a
    /// final LF, one CR dropped before the end of a line, a line over the maximum by size.
    static func model(_ input: [UInt8], maximumLineLength: Int) -> [Got] {
        var pieces = input.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if input.last == 0x0A || input.isEmpty { pieces.removeLast() }
        return pieces.map { piece in
            var piece = piece
            if piece.last == 0x0D { piece.removeLast() }
            guard piece.count > maximumLineLength else { return .line(piece) }
            return .oversized(piece.count, piece.filter { $0 & 0xC0 != 0x80 }.count)
        }
    }

    @Test func linesSplitAcrossReadsAtEveryBoundary() throws {
        let input = "alpha\nbeta\n\ngamma delta\nz\n"
        let expected: [Got] = [.text("alpha"), .text("beta"), .text(""), .text("gamma delta"), .text("z")]
        for readSize in 1...input.utf8.count + 1 {
            #expect(try LineReaderTests.lines(input, maximumLineLength: 16, readSize: readSize) == expected, "read size \(readSize)")
        }
    }

    @Test func crlfLosesOneCarriageReturn() throws {
        #expect(try LineReaderTests.lines("a\r\nb\r\r\n\r\nc\rd\n") == [.text("a"), .text("b\r"), .text(""), .text("c\rd")])
        // A CR and its LF in different reads.
        #expect(try LineReaderTests.lines("ab\r\ncd\r\n", readSize: 3) == [.text("ab"), .text("cd")])
    }

    @Test func aMissingFinalNewlineStillEndsALine() throws {
        #expect(try LineReaderTests.lines("x\ny") == [.text("x"), .text("y")])
        #expect(try LineReaderTests.lines("x\ny\r") == [.text("x"), .text("y")])
        #expect(try LineReaderTests.lines("x\n") == [.text("x")])
        #expect(try LineReaderTests.lines("") == [])
        #expect(try LineReaderTests.lines("only") == [.text("only")])
    }

    @Test func emptyLinesAreEmptyPasswords() throws {
        #expect(try LineReaderTests.lines("\n") == [.text("")])
        #expect(try LineReaderTests.lines("\n\n\na\n\n", readSize: 2) == [.text(""), .text(""), .text(""), .text("a"), .text("")])
        #expect(try LineReaderTests.lines("\r\n\r") == [.text(""), .text("")])
    }

    @Test func aLineOfExactly64KiBIsWholeAndOneByteMoreIsOversized() throws {
        let limit = 1 << 16
        let exact = [UInt8](repeating: UInt8(ascii: "a"), count: limit)
        let over = [UInt8](repeating: UInt8(ascii: "b"), count: limit + 1)
        let input = exact + [0x0A] + exact + [0x0D, 0x0A] + over + [0x0A] + over + [0x0D, 0x0A] + Array("next".utf8)
        let expected: [Got] = [.line(exact), .line(exact), .oversized(limit + 1, limit + 1), .oversized(limit + 1, limit + 1), .text("next")]
        #expect(try LineReaderTests.lines(input) == expected)
        // The same from reads that split the lines anywhere.
        #expect(try LineReaderTests.lines(input, readSize: 4093) == expected)
        // Without a final LF: the last line is judged the same way.
        #expect(try LineReaderTests.lines(exact) == [.line(exact)])
        #expect(try LineReaderTests.lines(exact + [0x0D]) == [.line(exact)])
        #expect(try LineReaderTests.lines(over) == [.oversized(limit + 1, limit + 1)])
    }

    @Test func aLineLongerThanTheBufferIsStreamedAndCounted() throws {
        // 300 KiB of "é" (2 bytes, 1 scalar each), through a buffer of 64 KiB + 2 + 4 KiB.
        let long = Array(String(repeating: "é", count: 150 << 10).utf8)
        let input = Array("before\n".utf8) + long + [0x0D, 0x0A] + Array("after\n".utf8) + long
        let got = try LineReaderTests.lines(input, readSize: 4096)
        #expect(got == [.text("before"), .oversized(long.count, long.count / 2), .text("after"), .oversized(long.count, long.count / 2)])
    }

    @Test func everySplitMatchesTheDefinition() throws {
        // Seeded random inputs: short lines with CRs, multi-byte characters, empty lines,
        // lines just under, at and over a small maximum, read in small pieces.
        var state: UInt64 = 0x1234_5678
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x0D], [0x0A], [0xC3, 0xA9], [0xE2, 0x80, 0xA8], [0xFF]]
        for round in 0..<300 {
            var input: [UInt8] = []
            for _ in 0..<next(60) { input += alphabet[next(alphabet.count)] }
            let maximum = next(12)
            let readSize = 1 + next(9)
            let expected = LineReaderTests.model(input, maximumLineLength: maximum)
            #expect(try LineReaderTests.lines(input, maximumLineLength: maximum, readSize: readSize) == expected,
                    "round \(round): \(input) max \(maximum) read \(readSize)")
        }
    }

    @Test func blocksAreWholeLinesAndGiveBackTheInput() throws {
        let input = Array("one\r\ntwo\n\nthree-is-long\nfour".utf8)
        let file = try InputFixture(input)
        let reader = LineReader(descriptor: file.descriptor, maximumLineLength: 4, readSize: 3)
        var joined: [UInt8] = []
        var oversized: [Int] = []
        var blocks = 0
        try reader.forEachBlock { block in
            blocks += 1
            switch block {
            case .lines(let bytes):
                #expect(bytes.last == 0x0A || joined.count + bytes.count == input.count, "a block ends at a line end or the input's end")
                joined += bytes
            case .oversized(let byteCount, _):
                oversized.append(byteCount)
                joined += Array("three-is-long\n".utf8)   // streamed: only its size comes back
            }
        }
        #expect(joined == input)
        #expect(oversized == [13])
        #expect(blocks > 2)
    }

    @Test func aReadErrorIsACommandFailureNamingTheInput() throws {
        let pipe = try Pipe()
        // The write end of a pipe cannot be read: EBADF.
        let reader = LineReader(descriptor: pipe.writeEnd, name: "the input file x.txt")
        let error = try #require(throws: CommandFailure.self) { try reader.forEachLine { _ in } }
        #expect(error.message == "cannot read the input file x.txt: \(systemErrorMessage(EBADF))")
        #expect(error.exitCode == 2)
    }

    @Test func aFailureFromTheBodyStopsTheReading() throws {
        let file = try InputFixture(Array("a\nb\nc\n".utf8))
        let reader = LineReader(descriptor: file.descriptor, readSize: 1)
        var seen = 0
        #expect(throws: CommandFailure.self) {
            try reader.forEachLine { (_) throws(CommandFailure) in
                seen += 1
                if seen == 2 { throw CommandFailure("stop") }
            }
        }
        #expect(seen == 2)
    }
}
