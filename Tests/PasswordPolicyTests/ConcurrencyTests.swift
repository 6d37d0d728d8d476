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
        let context = ["username": "alice"]
        let probes = ["abc123ABC!@#", "/abc123ABC!@#", "short", "xADMINx123abc", "aliceALICE123!", "ÄÖÜäöü123456"]

        // Every answer, computed once on this thread before any other starts.
        let expectedCodes = probes.map { compiled.validate($0, context: context).codes }
        let expectedValid = probes.map { compiled.isValid(utf8: Array($0.utf8), context: context) }
        #expect(expectedValid == expectedCodes.map(\.isEmpty))
        // The probes reach both verdicts, so a thread that answers "valid" (or "invalid")
        // to everything is caught.
        #expect(expectedValid.contains(true) && expectedValid.contains(false))
        let expectedCount = try generator.count(length: 14)
        #expect(!expectedCount.isZero)
        let sample = try generator.generate(context: context)
        let expectedGeneratedCodes = compiled.validate(sample, context: context).codes
        let expectedGeneratedValid = compiled.isValid(sample, context: context)
        #expect(expectedGeneratedCodes.isEmpty && expectedGeneratedValid)

        let threads = 8
        let failures = TestLock([String]())
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var bad: [String] = []
            for round in 0..<300 {
                for (index, probe) in probes.enumerated() {
                    let codes = compiled.validate(probe, context: context).codes
                    if codes != expectedCodes[index] { bad.append("worker \(worker): validate(\(probe)) = \(codes), expected \(expectedCodes[index])") }
                    let valid = compiled.isValid(utf8: Array(probe.utf8), context: context)
                    if valid != expectedValid[index] { bad.append("worker \(worker): isValid(\(probe)) = \(valid), expected \(expectedValid[index])") }
                }
                do {
                    let password = try generator.generate(context: context)
                    let valid = compiled.isValid(password, context: context)
                    if valid != expectedGeneratedValid { bad.append("worker \(worker): generated \(password), isValid \(valid)") }
                    let codes = compiled.validate(password, context: context).codes
                    if codes != expectedGeneratedCodes { bad.append("worker \(worker): generated \(password), codes \(codes)") }
                } catch {
                    bad.append("worker \(worker): generate threw \(error)")
                }
                if round % 50 == worker % 50 {
                    do {
                        let count = try generator.count(length: 14)
                        if count != expectedCount { bad.append("worker \(worker): count \(count), expected \(expectedCount)") }
                    } catch {
                        bad.append("worker \(worker): count threw \(error)")
                    }
                }
            }
            failures.withLock { $0 += bad }
        }
        let all = failures.withLock { $0 }
        #expect(all.isEmpty, "\(all.count) wrong answers, e.g. \(all.prefix(5))")
    }
}

/// A tiny lock for the test (the library itself shares only immutable state).
final class TestLock<Value>: @unchecked Sendable {
    private var value: Value
    private let queue = DispatchQueue(label: "ConcurrencyTests.TestLock")
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { queue.sync { body(&value) } }
}
