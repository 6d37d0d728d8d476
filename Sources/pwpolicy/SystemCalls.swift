#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls of the command that a signal can interrupt: every `read`, `write` and
/// `open` goes through here, and nowhere else retries on `EINTR`.
///
/// ``retryingOnInterrupt(_:)`` is the one retry loop; ``read(_:into:count:)`` and
/// ``writeAll(_:_:using:)`` are the one read helper and the one write helper (the latter
/// also carries on after a short write).
enum SystemCall {
    /// A call that failed with `errno` = `code` (never `EINTR`).
    struct Failure: Error, Equatable {
        var code: Int32

        /// The text of the error as the C library gives it.
        var reason: String { systemErrorMessage(code) }

        /// The failure as the command reports it: `"\(action): \(reason)"`.
        func commandFailure(_ action: String) -> CommandFailure {
            CommandFailure("\(action): \(reason)")
        }
    }

    /// The signature of `write(2)`: a parameter of ``writeAll(_:_:using:)``, so that a test
    /// can stand in for the system and write less than asked, or be interrupted.
    typealias WriteFunction = (Int32, UnsafeRawPointer, Int) -> Int

    /// Calls `body` (a system call returning a count, or -1 and `errno`) until it does not
    /// fail with `EINTR`. Returns what it returned, or throws its `errno`.
    static func retryingOnInterrupt(_ body: () -> Int) throws(Failure) -> Int {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = errno
            if code != EINTR { throw Failure(code: code) }
        }
    }

    /// `read(2)` of at most `count` bytes into `buffer`: the number read, 0 at the end of
    /// the input.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws(Failure) -> Int {
        try retryingOnInterrupt { systemRead(descriptor, buffer, count) }
    }

    /// Writes every byte of `bytes`, however many calls of `write` that takes.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, using write: WriteFunction = systemWrite) throws(Failure) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes.count - offset
            let written = try retryingOnInterrupt { write(descriptor, base + offset, remaining) }
            offset += written
        }
    }

    /// `open(2)` of `path` for reading (close-on-exec): the descriptor.
    static func openForReading(_ path: String) throws(Failure) -> Int32 {
        Int32(try retryingOnInterrupt { Int(open(path, O_RDONLY | O_CLOEXEC)) })
    }
}

/// `write(2)` and `read(2)` under names that do not clash with the types' own methods.
@inline(__always)
func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}

@inline(__always)
func systemRead(_ descriptor: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, pointer, count)
}

/// The text of `errno` as the C library gives it.
func systemErrorMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// Whether standard input is a terminal (a person typing, not a pipe or a file).
func standardInputIsTerminal() -> Bool { isatty(0) == 1 }

/// Whether standard error is a terminal (where a progress bar may be drawn).
func standardErrorIsTerminal() -> Bool { isatty(2) == 1 }

/// Ends the process now.
func terminate(_ status: Int32) -> Never {
    exit(status)
}
