import PasswordPolicy
import Testing
@testable import pwpolicy

/// `OversizedLineVerdict`: the one verdict `check` and `audit` give a line over 64 KiB.
@Suite struct OversizedLineVerdictTests {
    static func compiled(_ json: String) throws -> CompiledPolicy {
        try CompiledPolicy(try Policy(json: Array(json.utf8)))
    }

    @Test func tooLongForThePolicyIsLengthLong() throws {
        let policy = try OversizedLineVerdictTests.compiled(TestPolicies.basic)
        let verdict = OversizedLineVerdict(policy, byteCount: 70_000, scalarCount: 70_000)
        #expect(verdict.code == "length.long")
        guard case .lengthLong(let violation) = verdict else {
            Issue.record("expected length.long, got \(verdict)")
            return
        }
        #expect(verdict.message == violation.message)
        #expect(verdict.message.contains("70000"))
    }

    @Test func withinThePolicysMaximumIsInputTooLong() throws {
        let unbounded = try OversizedLineVerdictTests.compiled(#"{"id": "test.unbounded", "length": {"min": 1}, "classes": [{"name": "a", "set": "a"}]}"#)
        let verdict = OversizedLineVerdict(unbounded, byteCount: 65_537, scalarCount: 30_000)
        #expect(verdict.code == "input.tooLong")
        #expect(verdict.message == "the line is 65537 bytes, more than the 65536 bytes check reads for one password; it was not judged")
        // Judged by scalars, not bytes: 100,000 bytes of 2-byte characters, 50,000 scalars.
        let wide = try OversizedLineVerdictTests.compiled(#"{"id": "test.wide", "length": {"min": 1, "max": 60000}, "classes": [{"name": "a", "set": "a"}]}"#)
        #expect(OversizedLineVerdict(wide, byteCount: 100_000, scalarCount: 50_000).code == "input.tooLong")
        #expect(OversizedLineVerdict(wide, byteCount: 100_000, scalarCount: 60_001).code == "length.long")
    }

    @Test func auditRecordsTheSameCode() throws {
        let policy = try OversizedLineVerdictTests.compiled(TestPolicies.basic)
        var summary = AuditSummary()
        summary.record(OversizedLineVerdict(policy, byteCount: 70_000, scalarCount: 70_000), line: 4)
        summary.record(.tooLong(byteCount: 70_000), line: 9)
        let recorded = summary.counts.indices.filter { summary.counts[$0] > 0 }.map { AuditSummary.codes[$0] }
        #expect(recorded == ["length.long", "input.tooLong"])
        #expect(summary.firstLines.flatMap { $0 } == [4, 9])
    }
}
