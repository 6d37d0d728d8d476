#if canImport(CSystemRandom)
internal import CSystemRandom
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating system's cryptographically secure random number generator, buffered so
/// that a draw is a memory read, not a system call.
///
/// `SystemRandomNumberGenerator` makes one system call per 64-bit value; this source
/// fetches ``bufferWords`` values per call from the operating system's CSPRNG
/// (`getrandom` on Linux, `arc4random_buf` on Apple platforms), hands them out one at a
/// time and overwrites each with zero as it is handed out. It is the generator's default source of randomness.
///
/// It is a class so that copies share one stream: two copies can never hand out the same
/// buffered values. Use one instance per thread (it is deliberately not `Sendable`); the
/// generator's own default is one source per thread, kept for the thread's lifetime.
///
/// After `fork()`, parent and child would hold the same buffered values: a source notices
/// the fork (through `pthread_atfork`) and discards its buffer before the next draw.
///
/// ```swift
/// var random = SystemRandomSource()
/// let passwords = try (0..<1000).map { _ in try generator.generate(length: 16, using: &random) }
/// ```
public final class SystemRandomSource: RandomNumberGenerator {
    /// How many 64-bit values one refill fetches by default (8 KiB).
    public static let defaultBufferWords = 1024

    /// How many 64-bit values one refill fetches.
    public let bufferWords: Int
    private let buffer: UnsafeMutablePointer<UInt64>
    private var index: Int
    /// ``ForkWatch/forks`` when the buffer was filled.
    private var filledAfterForks: UInt64 = 0

    /// A source that fetches `bufferWords` 64-bit values (at least one) per system call.
    /// A single password needs about half a value per character; a long-lived source
    /// for many passwords is best left at the default.
    public init(bufferWords: Int = SystemRandomSource.defaultBufferWords) {
        self.bufferWords = Swift.max(1, Swift.min(bufferWords, 1 << 16))
        buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: self.bufferWords)
        buffer.initialize(repeating: 0, count: self.bufferWords)
        index = self.bufferWords
        ForkWatch.install()
    }

    deinit {
        buffer.update(repeating: 0, count: bufferWords)
        buffer.deallocate()
    }

    /// The next 64 random bits from the buffer, refilled from the operating system when
    /// it runs out; each word is wiped once handed out.
    ///
    /// ```swift
    /// let source = SystemRandomSource()
    /// let bits = source.next()
    /// ```
    @inline(__always)
    public func next() -> UInt64 {
        if index == bufferWords || filledAfterForks != ForkWatch.forks { refill() }
        let value = buffer[index]
        buffer[index] = 0
        index += 1
        return value
    }

    private func refill() {
        filledAfterForks = ForkWatch.forks
        OperatingSystemRandom.fill(UnsafeMutableRawPointer(buffer), byteCount: bufferWords * MemoryLayout<UInt64>.size)
        index = 0
    }
}

extension SystemRandomSource {
    /// The calling thread's own source, created on first use and released when the thread
    /// ends: one-off generation draws from it instead of making a system call per password.
    static var forCurrentThread: SystemRandomSource {
        let key = ThreadSource.key
        if let existing = pthread_getspecific(key) {
            return Unmanaged<SystemRandomSource>.fromOpaque(existing).takeUnretainedValue()
        }
        let source = SystemRandomSource()
        pthread_setspecific(key, Unmanaged.passRetained(source).toOpaque())
        return source
    }
}

/// The thread-specific slot behind ``SystemRandomSource/forCurrentThread``.
private enum ThreadSource {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<SystemRandomSource>.fromOpaque(pointer).release()
        }
        return key
    }()
}

/// Counts the forks of this process, so that buffered randomness is never shared between
/// a parent and its child.
enum ForkWatch {
    /// Incremented in the child of every `fork()`. Only ever written in a child just after
    /// the fork, while it has a single thread.
    nonisolated(unsafe) static var forks: UInt64 = 0

    private static let installed: Bool = {
        pthread_atfork(nil, nil) { ForkWatch.forks &+= 1 }
        return true
    }()

    static func install() { _ = installed }
}

/// The operating system's CSPRNG, called directly: `getrandom` on Linux (retried when a
/// signal interrupts it, and in pieces, as it returns at most 32 MiB per call),
/// `arc4random_buf` on Apple platforms (which cannot fail).
enum OperatingSystemRandom {
    static func fill(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if canImport(CSystemRandom)
        var filled = 0
        while filled < byteCount {
            let result = password_policy_getrandom(pointer + filled, byteCount - filled)
            if result > 0 {
                filled += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                // getrandom fails only on kernels older than 3.17 or with a bad pointer:
                // fall back to the standard library's generator (also the OS CSPRNG).
                fillFromStandardLibrary(pointer + filled, byteCount: byteCount - filled)
                return
            }
        }
        #elseif canImport(Darwin)
        arc4random_buf(pointer, byteCount)
        #else
        fillFromStandardLibrary(pointer, byteCount: byteCount)
        #endif
    }

    private static func fillFromStandardLibrary(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        var system = SystemRandomNumberGenerator()
        var word: UInt64 = 0
        for offset in 0..<byteCount {
            if offset % 8 == 0 { word = system.next() }
            pointer.storeBytes(of: UInt8(truncatingIfNeeded: word >> (8 * UInt64(offset % 8))), toByteOffset: offset, as: UInt8.self)
        }
    }
}
