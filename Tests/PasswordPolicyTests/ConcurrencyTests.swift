import Dispatch
import Testing
@testable import PasswordPolicy

/// One compiled policy and one generator, shared by many threads at once: every answer is
/// the same as on one thread. Run under `swift test --sanitize=thread` too.
@Suite struct ConcurrencyTests {
    @Test func validateAndGenerateFromManyThreadsOnOneSharedPolicy() throws {
        let policy = try #require(Presets.policy(id: "tencentcloud.cvm.windows"))
        var withPattern = policy
        withPattern.forbidPatterns = [ForbiddenPattern(pattern: "(?i)admin", code: "test.admin", message: "no admin")]
        withPattern.forbidContext = ["username"]
        let compiled = try CompiledPolicy(withPattern)
        let generator = try PasswordGenerator(compiled)
        let probes = ["abc123ABC!@#", "/abc123ABC!@#", "short", "xADMINx123abc", "aliceALICE123!", "ÄÖÜäöü123456"]
        let expected = probes.map { compiled.validate($0, context: ["username": "alice"]).codes }
        let threads = 8
        let failures = TestLock(0)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var bad = 0
            for round in 0..<300 {
                for (probe, codes) in zip(probes, expected) {
                    if compiled.validate(probe, context: ["username": "alice"]).codes != codes { bad += 1 }
                    if compiled.isValid(utf8: Array(probe.utf8), context: ["username": "alice"]) != codes.isEmpty { bad += 1 }
                }
                guard let password = try? generator.generate(context: ["username": "alice"]) else { bad += 1; continue }
                if !compiled.isValid(password, context: ["username": "alice"]) { bad += 1 }
                if round % 50 == worker % 50, (try? generator.count(length: 14)) != (try? generator.count(length: 14)) { bad += 1 }
            }
            failures.withLock { $0 += bad }
        }
        #expect(failures.withLock { $0 } == 0)
    }
}

/// A tiny lock for the test (the library itself shares only immutable state).
final class TestLock<Value>: @unchecked Sendable {
    private var value: Value
    private let queue = DispatchQueue(label: "ConcurrencyTests.TestLock")
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { queue.sync { body(&value) } }
}
