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

/// `SystemCall`: the one EINTR retry loop, the one read helper and the one write helper.
@Suite struct SystemCallTests {
    @Test func anInterruptedCallIsRetried() throws {
        var calls = 0
        let result = try SystemCall.retryingOnInterrupt {
            calls += 1
            if calls < 4 { errno = EINTR; return -1 }
            return 42
        }
        #expect(result == 42)
        #expect(calls == 4)
    }

    @Test func anyOtherErrorIsThrownAtOnce() throws {
        var calls = 0
        let failure = try #require(throws: SystemCall.Failure.self) {
            try SystemCall.retryingOnInterrupt {
                calls += 1
                errno = EIO
                return -1
            }
        }
        #expect(failure == SystemCall.Failure(code: EIO))
        #expect(calls == 1)
        #expect(failure.commandFailure("cannot read x").message == "cannot read x: \(systemErrorMessage(EIO))")
    }

    @Test func shortAndInterruptedWritesAreCarriedOnToTheEnd() throws {
        let recorder = RecordingWrite()
        recorder.limit = 5
        recorder.interruptEvery = 3
        let bytes = Array((0..<1000).map { UInt8(truncatingIfNeeded: $0) })
        try bytes.withUnsafeBytes { raw in
            try SystemCall.writeAll(1, raw, using: recorder.function)
        }
        #expect(recorder.bytes == bytes)
        #expect(recorder.calls.count == 200)
        #expect(recorder.interruptions == 99)
    }

    @Test func aFailedWriteIsThrown() throws {
        let failure = try #require(throws: SystemCall.Failure.self) {
            try Array("abc".utf8).withUnsafeBytes { raw in
                try SystemCall.writeAll(neverOpenDescriptor, raw)
            }
        }
        #expect(failure.code == EBADF)
    }

    @Test func openingAMissingFileFails() throws {
        let directory = try TemporaryDirectory()
        let failure = try #require(throws: SystemCall.Failure.self) {
            try SystemCall.openForReading(directory.url.appendingPathComponent("absent").path)
        }
        #expect(failure.code == ENOENT)
    }

    @Test func aShortReadReturnsWhatArrived() throws {
        let pipe = try Pipe()
        _ = write(pipe.writeEnd, "abc", 3)
        var buffer = [UInt8](repeating: 0, count: 16)
        let got = try buffer.withUnsafeMutableBytes { raw in
            try SystemCall.read(pipe.readEnd, into: raw.baseAddress!, count: raw.count)
        }
        #expect(got == 3)
        #expect(Array(buffer[0..<3]) == Array("abc".utf8))
        pipe.closeWriteEnd()
        let end = try buffer.withUnsafeMutableBytes { raw in
            try SystemCall.read(pipe.readEnd, into: raw.baseAddress!, count: raw.count)
        }
        #expect(end == 0)
    }

    /// A read blocked on an empty pipe, interrupted by signals (a handler installed
    /// without SA_RESTART, so `read` really fails with EINTR), still returns the data.
    @Test func aReadInterruptedByASignalIsRetried() throws {
        var action = sigaction()
        var previous = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { _ in }
        #else
        action.__sigaction_handler.sa_handler = { _ in }
        #endif
        action.sa_flags = 0   // no SA_RESTART
        sigemptyset(&action.sa_mask)
        try #require(sigaction(SIGUSR2, &action, &previous) == 0)
        defer { sigaction(SIGUSR2, &previous, nil) }

        let pipe = try Pipe()
        let state = Shared<(thread: pthread_t?, interruptions: Int, result: Result<Int, SystemCall.Failure>?)>((nil, 0, nil))
        let descriptor = pipe.readEnd
        Thread.detachNewThread {
            unblock(SIGUSR2)
            state.withLock { $0.thread = pthread_self() }
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 1)
            defer { raw.deallocate() }
            let result = Result { () throws(SystemCall.Failure) in
                try SystemCall.retryingOnInterrupt {
                    let got = read(descriptor, raw.baseAddress, raw.count)
                    if got < 0 && errno == EINTR {
                        state.withLock { $0.interruptions += 1 }
                        errno = EINTR   // as read left it, whatever the lock did
                    }
                    return got
                }
            }
            state.withLock { $0.result = result }
        }
        // Signal the reader until a signal has interrupted its read (at most 10 s).
        let deadline = Date().addingTimeInterval(10)
        while state.withLock({ $0.interruptions }) < 3 && Date() < deadline {
            if let thread = state.withLock({ $0.thread }) { pthread_kill(thread, SIGUSR2) }
            usleep(2_000)
        }
        #expect(state.withLock { $0.interruptions } >= 3)
        _ = write(pipe.writeEnd, "data", 4)
        while state.withLock({ $0.result }) == nil && Date() < deadline { usleep(1_000) }
        let result = try #require(state.withLock { $0.result })
        #expect(try result.get() == 4)
    }

    /// `SystemCall.read` itself, not only the loop it is built on, survives the signals.
    @Test func theReadHelperSurvivesSignals() throws {
        var action = sigaction()
        var previous = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = { _ in }
        #else
        action.__sigaction_handler.sa_handler = { _ in }
        #endif
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        try #require(sigaction(SIGUSR1, &action, &previous) == 0)
        defer { sigaction(SIGUSR1, &previous, nil) }

        let pipe = try Pipe()
        let state = Shared<(thread: pthread_t?, result: Result<[UInt8], SystemCall.Failure>?)>((nil, nil))
        let descriptor = pipe.readEnd
        Thread.detachNewThread {
            unblock(SIGUSR1)
            state.withLock { $0.thread = pthread_self() }
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 1)
            defer { raw.deallocate() }
            let result = Result { () throws(SystemCall.Failure) -> [UInt8] in
                let got = try SystemCall.read(descriptor, into: raw.baseAddress!, count: raw.count)
                return Array(raw[0..<got])
            }
            state.withLock { $0.result = result }
        }
        let deadline = Date().addingTimeInterval(10)
        for _ in 0..<25 {
            if let thread = state.withLock({ $0.thread }) { pthread_kill(thread, SIGUSR1) }
            usleep(2_000)
        }
        #expect(state.withLock { $0.result } == nil, "the read must still be waiting for data")
        _ = write(pipe.writeEnd, "xyz", 3)
        while state.withLock({ $0.result }) == nil && Date() < deadline { usleep(1_000) }
        let result = try #require(state.withLock { $0.result })
        #expect(try result.get() == Array("xyz".utf8))
    }
}

/// Lets `signal` through to the calling thread (a thread may start with it blocked).
private func unblock(_ signal: Int32) {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, signal)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
}
