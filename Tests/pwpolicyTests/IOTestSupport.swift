import Foundation
import Synchronization
@testable import pwpolicy

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A stand-in for `write(2)` that records what it is given, in the order given.
final class RecordingWrite: @unchecked Sendable {
    /// The bytes of every call, one array per call.
    private(set) var calls: [[UInt8]] = []
    /// The most each call accepts (a short write when less than asked).
    var limit = Int.max
    /// Every `interruptEvery`-th call fails with EINTR instead (0: never).
    var interruptEvery = 0
    private(set) var interruptions = 0
    private var callCount = 0

    var bytes: [UInt8] { calls.flatMap { $0 } }

    /// The function to hand to `BufferedWriter` or `SystemCall.writeAll`.
    var function: SystemCall.WriteFunction {
        { [self] _, pointer, count in
            callCount += 1
            if interruptEvery > 0, callCount % interruptEvery == 0 {
                interruptions += 1
                errno = EINTR
                return -1
            }
            let accepted = min(count, limit)
            calls.append(Array(UnsafeRawBufferPointer(start: pointer, count: accepted)))
            return accepted
        }
    }
}

/// A pipe; both ends are closed when it is released (unless closed before).
final class Pipe: @unchecked Sendable {
    private(set) var readEnd: Int32
    private(set) var writeEnd: Int32

    init() throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        readEnd = descriptors[0]
        writeEnd = descriptors[1]
    }

    func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd); writeEnd = -1 }
    }

    deinit {
        if readEnd >= 0 { close(readEnd) }
        closeWriteEnd()
    }

    /// Reads the read end to its end on a thread of its own; `wait` returns the bytes.
    func drainInBackground() -> () -> [UInt8] {
        let collected = Shared<[UInt8]>([])
        let done = DispatchSemaphore(value: 0)
        let descriptor = readEnd
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                collected.withLock { $0 += buffer[0..<got] }
            }
            done.signal()
        }
        return {
            done.wait()
            return collected.withLock { $0 }
        }
    }
}

/// A file in a fresh temporary directory holding `bytes`, open for reading.
final class InputFixture {
    let directory: TemporaryDirectory
    let descriptor: Int32

    init(_ bytes: [UInt8]) throws {
        directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("input")
        try Data(bytes).write(to: url)
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    deinit { close(descriptor) }
}

/// A descriptor number that is never open: far beyond any limit on open descriptors
/// (Linux allows at most `fs.nr_open`, about a million).
let neverOpenDescriptor: Int32 = 2_000_000_000

/// A value shared between threads, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
