import Foundation
import Testing

/// `pwpolicy lint --verbose` and lint's warnings.
@Suite struct LintVerboseTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test func verbosePrintsVerdictAndCounts() throws {
        let file = try directory.write("small.json", #"{"id": "t.small", "length": {"min": 1, "max": 2}, "classes": [{"name": "d", "chars": "01"}]}"#)
        let result = try CommandRunner.run(["lint", "--verbose", file])
        #expect(result.status == 0)
        #expect(result.lines == [
            "\(file): ok",
            "\(file): satisfiable: the shortest accepted password has 1 characters",
            "\(file): length 1: 2 passwords (1.0 bits)",
            "\(file): length 2: 4 passwords (2.0 bits)",
        ])
    }

    @Test func unsatisfiableByCountingFails() throws {
        let file = try directory.write("none.json", #"{"id": "t.none", "length": {"min": 2, "max": 2}, "classes": [{"name": "a", "chars": "a"}, {"name": "b", "chars": "b"}, {"name": "c", "chars": "c"}], "require": [{"class": "a", "min": 1}, {"class": "b", "min": 1}], "forbidLeading": "ab"}"#)
        let result = try CommandRunner.run(["lint", file])
        #expect(result.status == 1)
        #expect(result.stdout.contains("no password satisfies this policy"))
    }

    @Test func warningsDoNotFailTheRun() throws {
        let file = try directory.write("warn.json", #"{"id": "t.warn", "length": {"min": 1, "max": 4}, "classes": [{"name": "d", "chars": "01"}], "forbidLeading": "x"}"#)
        let result = try CommandRunner.run(["lint", file])
        #expect(result.status == 0)
        #expect(result.lines == ["\(file): ok", "\(file): warning: forbidLeading: never applies: none of its characters is allowed anywhere"])
    }
}
