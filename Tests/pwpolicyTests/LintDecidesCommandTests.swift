import Foundation
import Testing

/// `pwpolicy lint` decides policies whose passwords cannot reach `length.min`, however far
/// beyond the counted lengths, and `generate` says why it cannot.
@Suite struct LintDecidesCommandTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test func lintFailsAndGenerateSaysWhyWhenAClassCapsTheLength() throws {
        // Every character is in "s", which allows at most 5: nothing from length 7 up.
        let file = try directory.write("capped.json", #"{"id":"x","length":{"min":7},"classes":[{"name":"s","chars":");]"}],"require":[{"class":"s","min":3,"max":5}]}"#)
        let lint = try CommandRunner.run(["lint", file])
        #expect(lint.status == 1)
        #expect(lint.lines == ["\(file): no password satisfies this policy: no length from 7 up admits a password, since the character rules allow no password longer than 5 characters"])

        let verbose = try CommandRunner.run(["lint", "--verbose", file])
        #expect(verbose.status == 1)
        #expect(verbose.lines.contains("\(file): unsatisfiable: no length from 7 up admits a password, since the character rules allow no password longer than 5 characters"))
        #expect(!verbose.stdout.contains("undecided"))

        let generate = try CommandRunner.run(["generate", "-p", file])
        #expect(generate.status == 2)
        #expect(generate.stdout.isEmpty)
        #expect(generate.stderr.contains("the rules allow no password longer than 5 characters"))
    }

    @Test func aShortestLengthFarPastTheMinimumIsOK() throws {
        let file = try directory.write("long.json", #"{"id":"t.long","length":{"min":7},"classes":[{"name":"x","chars":"ab"}],"require":[{"class":"x","min":100}]}"#)
        let result = try CommandRunner.run(["lint", "--verbose", file])
        #expect(result.status == 0)
        #expect(result.lines.prefix(2) == ["\(file): ok", "\(file): satisfiable: the shortest accepted password has 100 characters"])
    }
}
