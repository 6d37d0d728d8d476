#if canImport(Glibc)
import Glibc
import Testing
@testable import PasswordPolicy

/// Buffered randomness is never shared by a parent and its forked child.
@Suite struct RandomSourceForkTests {
    /// `fork()` is unavailable to Swift code by name; the tests reach it through the
    /// dynamic linker, and the child only draws, writes to a pipe and exits.
    typealias ForkFunction = @convention(c) () -> pid_t

    @Test func childAndParentDrawDifferentValuesAfterAFork() throws {
        let source = SystemRandomSource()
        _ = source.next()   // fills the buffer
        let threadSource = SystemRandomSource.forCurrentThread
        _ = threadSource.next()
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fork"), "the C library exports no fork")
        let fork = unsafeBitCast(symbol, to: ForkFunction.self)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let child = fork()
        if child == 0 {
            var values = [source.next(), threadSource.next()]
            _ = write(fds[1], &values, 16)
            _exit(0)
        }
        #expect(child > 0)
        close(fds[1])
        var fromChild: [UInt64] = [0, 0]
        #expect(read(fds[0], &fromChild, 16) == 16)
        close(fds[0])
        var status: Int32 = 0
        waitpid(child, &status, 0)
        let inParent = [source.next(), threadSource.next()]
        // Without the fork check both processes would hand out the same buffered words.
        #expect(fromChild[0] != inParent[0])
        #expect(fromChild[1] != inParent[1])
    }

    @Test func eachThreadKeepsItsOwnSource() {
        let here = SystemRandomSource.forCurrentThread
        #expect(here === SystemRandomSource.forCurrentThread)
        let box = TestLock<ObjectIdentifier?>(nil)
        let thread = Thread { box.withLock { $0 = ObjectIdentifier(SystemRandomSource.forCurrentThread) } }
        thread.join()
        #expect(box.withLock { $0 } != ObjectIdentifier(here))
    }
}

/// A thread that runs `body` once; `join()` waits for it.
private final class Thread {
    private var handle = pthread_t()
    private let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&handle, nil, { pointer in
            guard let pointer else { return nil }
            let thread = Unmanaged<Thread>.fromOpaque(pointer).takeRetainedValue()
            thread.body()
            return nil
        }, context)
    }

    func join() { pthread_join(handle, nil) }
}
#endif
