import Foundation
import Testing
@testable import pwpolicy

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `BufferedWriter`, through a recording stand-in for `write(2)` and through real pipes.
@Suite struct BufferedWriterTests {
    @Test func flushesWhenTheBufferIsFullAndNotBefore() throws {
        let recorder = RecordingWrite()
        var writer = BufferedWriter(capacity: 8, write: recorder.function)
        for byte in UInt8(0)..<8 { try writer.write(byte: byte) }
        #expect(recorder.calls.isEmpty)
        #expect(writer.bufferedCount == 8)
        try writer.write(byte: 8)   // the ninth byte makes room by flushing the eight
        #expect(recorder.calls == [Array(0..<8)])
        #expect(writer.bufferedCount == 1)
        try writer.flush()
        #expect(recorder.calls == [Array(0..<8), [8]])
        try writer.flush()   // nothing buffered: no call
        #expect(recorder.calls.count == 2)
    }

    @Test func bytesThatDoNotFitFlushWhatIsBufferedFirst() throws {
        let recorder = RecordingWrite()
        var writer = BufferedWriter(capacity: 8, write: recorder.function)
        try writer.write("abcde")
        try writer.write("fgh")   // exactly fills the buffer
        #expect(recorder.calls.isEmpty)
        try writer.write("ijk")
        #expect(recorder.calls == [Array("abcdefgh".utf8)])
        try writer.flush()
        #expect(recorder.bytes == Array("abcdefghijk".utf8))

        // One byte more than the room left: the buffered bytes go first, alone.
        let second = RecordingWrite()
        var other = BufferedWriter(capacity: 8, write: second.function)
        try other.write("abcde")
        try other.write("fghi")
        #expect(second.calls == [Array("abcde".utf8)])
        #expect(other.bufferedCount == 4)
    }

    @Test func aWriteLargerThanTheBufferGoesStraightThrough() throws {
        let recorder = RecordingWrite()
        var writer = BufferedWriter(capacity: 8, write: recorder.function)
        try writer.write("xy")
        let large = String(repeating: "0123456789", count: 5)
        try writer.write(large)
        // What was buffered first, then the large write in one call, nothing left behind.
        #expect(recorder.calls == [Array("xy".utf8), Array(large.utf8)])
        #expect(writer.bufferedCount == 0)
        try writer.write("z")
        try writer.flush()
        #expect(recorder.bytes == Array(("xy" + large + "z").utf8))
    }

    @Test func shortAndInterruptedWritesAreCompleted() throws {
        let recorder = RecordingWrite()
        recorder.limit = 3
        recorder.interruptEvery = 2
        var writer = BufferedWriter(capacity: 16, write: recorder.function)
        let text = String(repeating: "The quick brown fox. ", count: 10)
        try writer.write(text)
        try writer.write(byte: UInt8(ascii: "!"))
        try writer.flush()
        #expect(recorder.bytes == Array((text + "!").utf8))
        #expect(recorder.calls.allSatisfy { $0.count <= 3 })
        #expect(recorder.interruptions > 0)
    }

    @Test func decimalsWithoutString() throws {
        let recorder = RecordingWrite()
        var writer = BufferedWriter(capacity: 4, write: recorder.function)
        for value in [0, 7, -5, 1_000_000, Int.max, Int.min] {
            try writer.write(decimal: value)
            try writer.write(byte: UInt8(ascii: " "))
        }
        try writer.flush()
        #expect(String(decoding: recorder.bytes, as: UTF8.self) == "0 7 -5 1000000 \(Int.max) \(Int.min) ")
    }

    @Test func writesThroughAPipe() throws {
        let pipe = try Pipe()
        let collected = pipe.drainInBackground()
        var expected: [UInt8] = []
        do {
            var writer = BufferedWriter(descriptor: pipe.writeEnd)
            // About 1 MiB, more than a pipe holds, in pieces of every kind.
            for index in 0..<50_000 {
                try writer.write("line ")
                try writer.write(decimal: index)
                try writer.write(": ok" as StaticString)
                try writer.write(byte: 0x0A)
                expected += Array("line \(index): ok\n".utf8)
            }
            let large = [UInt8](repeating: UInt8(ascii: "L"), count: 200_000)
            try large.withUnsafeBufferPointer { (bytes) throws(CommandFailure) in try writer.write(bytes) }
            expected += large
            try writer.flush()
        }
        pipe.closeWriteEnd()
        #expect(collected() == expected)
    }

    @Test func aWriteErrorIsACommandFailureNotACrash() throws {
        let pipe = try Pipe()
        // The read end of a pipe cannot be written: EBADF.
        var writer = BufferedWriter(descriptor: pipe.readEnd)
        try writer.write("buffered, not yet written")
        let error = try #require(throws: CommandFailure.self) { try writer.flush() }
        #expect(error.message == "cannot write to standard output: \(systemErrorMessage(EBADF))")
        #expect(error.exitCode == 2)
        #expect(writer.bufferedCount == 0)   // dropped, not written again by the next flush
        try writer.flush()
    }

    @Test func aWriteErrorOnADescriptorThatIsNotOpen() throws {
        var writer = BufferedWriter(descriptor: neverOpenDescriptor, capacity: 4, name: "the report")
        // Through the buffer, and straight through for a write larger than it.
        let buffered = try #require(throws: CommandFailure.self) {
            for _ in 0..<5 { try writer.write(byte: 0x41) }
        }
        #expect(buffered.message == "cannot write to the report: \(systemErrorMessage(EBADF))")
        let straight = try #require(throws: CommandFailure.self) { try writer.write("longer than four bytes") }
        #expect(straight.message == "cannot write to the report: \(systemErrorMessage(EBADF))")
    }
}
